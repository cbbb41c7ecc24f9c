"""Retro Music (`code.name.monkey.retromusic`): songs, albums, artists, playlists, the playing queue and a player.

Songs are the MP3 files under `/storage/emulated/0/Music` (any depth) as Android's media scanner reads them: the
ID3 title, artist and album (untagged: the file stem, "<unknown>", the folder name) and the length of the MPEG
frames (`library.py`, `mp3.py`). Playlists live where Retro's Room database keeps them,
`/data/data/code.name.monkey.retromusic/databases/playlist.db`: `PlaylistEntity` (`playlist_id`,
`playlist_name`) and `SongEntity` (`song_key` autoincrement = order, `playlist_creator_id`, `id`, `title`,
`duration` ms, `data`, `album_name`, `artist_name`, ...); reordering rewrites a playlist's rows in the new order,
as Retro does. The playing queue is `playing_queue` (and `original_playing_queue`) in
`databases/music_playback_state.db` (`_id`, `title`, `duration`, `_data`, `artist`, ...), saved on every change;
the position and play state are in `shared_prefs/code.name.monkey.retromusic_preferences.xml`.

Screens:
- `.activities.MainActivity` (launcher): bottom navigation `action_songs` "Songs", `action_albums`,
  `action_artists`, `action_playlists`; the mini player `miniPlayerFragment` (tap: the player) while the queue
  holds songs. Lists are RecyclerView `recyclerView` of rows (`image`, `title`, `text`, `menu` "More options").
  Songs sort by title; a song's text is "artist • m:ss". A tap plays the list from that song (the queue becomes
  the list); a long press starts a selection ("N selected", `action_add_to_playlist` "Add to playlist" and
  `action_add_to_current_playing` "Add to playing queue", in pick order). The song menu: "Play next", "Add to
  playing queue" (on an empty queue the songs become the queue), "Add to playlist", "Go to album", "Go to
  artist". "Add to playlist" lists "New playlist" then the playlists; "New playlist" asks a name (EditText
  `actionNewPlaylist`, `android:id/button1` "Create"; a taken name toasts "Playlist exists"). Playlists tab:
  `action_new_playlist` "New playlist"; a row's menu: "Play", "Rename", "Save playlist" (choose Download, Music,
  Documents or Playlists: writes `NAME.m3u`, extended M3U, there), "Delete playlist".
- `.activities.PlaylistDetailActivity` (extra `playlist_id`): the songs in order, subtitle "N Songs • m:ss";
  row menu "Move up", "Move down", "Remove from playlist".
- `.activities.DetailActivity` (extras `kind` album|artist, `key`): that album's or artist's songs.
- `.activities.PlayerActivity`: `title`, `text`, `songTotalTime`, `previousButton`, `playPauseButton`,
  `nextButton`, and "Up next" (`playerRecyclerView`, row menu "Remove from playing queue").

Seed API on `RetroMusicApp`: `write_song(file_name, title, artist, duration_ms, album="") -> device path`,
`clear_music()`, `clear_playlists()` (AndroidWorld's `_clear_playlist_dbs`), `clear_queue()`, `songs()`,
`playlists()`, `playlist_songs(id)`, `playlist_rows()` (AndroidWorld's playlist query), `queue_titles()`.
"""

from droidpilot.emulator.virtual.apps.retromusic.app import RetroMusicApp

__all__ = ["RetroMusicApp"]
