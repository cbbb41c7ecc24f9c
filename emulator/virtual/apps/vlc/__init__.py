"""VLC (`org.videolan.vlc`): a video library, playlists and a player, as VLC for Android keeps them.

The media library is VLC's SQLite file `/data/data/org.videolan.vlc/app_db/vlc_media.db` (not `databases/`),
with the real app's tables and the columns AndroidWorld's checks join: `Media` (`id_media`, `type` 1 = video,
`duration` ms, `title` = file stem, `filename`, `is_present`, `play_count`, ...), `File` (`media_id`, `mrl`
`file:///storage/emulated/0/...`, `size`), `Playlist` (`id_playlist`, `name`, `creation_date`, `nb_video`,
`duration`) and `PlaylistMediaRelation` (`media_id`, `mrl`, `playlist_id`, `position` from 0). Like VLC's media
library, the app scans `/storage/emulated/0/Movies`, `/storage/emulated/0/VLCVideos` (AndroidWorld's video
folder) and `/storage/emulated/0/Download` whenever the library is shown: new files get `Media` + `File` rows
(duration read from the MP4 header), vanished ones are marked absent; rows deleted from the database behind its
back are rebuilt from the files. VIEW intents for a video there (`file://...` or `content://media/.../video/media/N`)
open the player.

Screens:
- `.gui.MainActivity` (launcher): bottom navigation `nav_video` "Video" / `nav_playlists` "Playlists".
  Video: RecyclerView `video_grid`, rows `ml_item` (`ml_item_title`, `ml_item_time`, `item_more` "More Actions"
  -> sheet `ctx_title`, `ctx_play` "Play", `ctx_add_to_playlist` "Add to playlist", `ctx_delete` "Delete"); a
  tap plays, a long press starts a selection (title "N selected", `action_video_append` "Add to playlist" adds
  the picked videos in pick order, `action_video_play` "Play"). "Add to playlist" dialog: EditText
  `dialog_playlist_name` (focused) with `dialog_playlist_save` "Save" (a new playlist, or the one with that name)
  above the existing playlists (`playlist_item` / `playlist_name`; a tap appends to it). Playlists: RecyclerView
  `playlist_list` of `ml_item` rows (`ml_item_title` name, `ml_item_subtitle` "N videos", `item_more` -> "Delete
  this playlist?"); a tap opens it.
- `.gui.PlaylistActivity` (extra `playlist_id`): the items in order (`songs`), `item_more` -> `ctx_move_up`,
  `ctx_move_down`, `ctx_remove` "Remove from playlist".
- `.gui.video.VideoPlayerActivity` (extra `media_ids`): SurfaceView `surface_video` showing the file's real
  frame at the playback position (screenshot only), `player_overlay_title`, `player_overlay_time`,
  `player_overlay_length`, SeekBar `player_overlay_seekbar`, `player_overlay_rewind` / `player_overlay_forward`
  (10 s), `player_overlay_play` "Pause"/"Play", `player_overlay_previous` / `player_overlay_next`. Playback
  runs on the phone's elapsed time, which goes on while the wall clock is frozen.

Seed API on `VlcApp`: `write_video(name, seconds=30, message="", folder=VLCVideos, messages=None) -> device path`
(a real MP4, Motion-JPEG frames showing `message`, or each of `messages` for `seconds` in turn),
`clear_videos(folder)`, `clear_library()` (AndroidWorld's `_clear_playlist_dbs`), `videos()`, `playlists()`,
`playlist_items(id)`, `playlist_rows()` (AndroidWorld's playlist query), `scan()`.
"""

from droidpilot.emulator.virtual.apps.vlc.app import VIDEO_FOLDERS, VlcApp

__all__ = ["VIDEO_FOLDERS", "VlcApp"]
