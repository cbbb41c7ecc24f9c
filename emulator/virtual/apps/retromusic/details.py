"""A playlist's songs (`.activities.PlaylistDetailActivity`, extra `playlist_id`), in order, each with Move up /
Move down / Remove from playlist; and an album's or artist's songs (`.activities.DetailActivity`, extras `kind`
"album" or "artist" and `key`), with the song menu and selection of every song list.

State (playlist): `dialog` ("item_menu") and `target` (the row's `song_key`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.retromusic.songs import PLAYER, SongActions, duration_text, row
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.retromusic.app import RetroMusicApp


class PlaylistDetailActivity(Activity):
    NAME: ClassVar[str] = ".activities.PlaylistDetailActivity"
    LABEL: ClassVar[str] = "Playlist"
    app: RetroMusicApp

    @property
    def playlist_id(self) -> int:
        return int(self.intent.extras.get("playlist_id", 0))

    def build(self) -> v.View:
        playlist = self.app.playlist(self.playlist_id)
        if playlist is None:
            return v.LinearLayout(children=[app_bar("Playlist", on_up=self.finish),
                                            v.TextView(id="empty", text="This playlist is gone", padding=48)])
        songs = self.app.playlist_songs(self.playlist_id)
        total = sum(s["duration"] for s in songs)
        rows = [row(s["title"], f"{s['artist_name']} • {duration_text(s['duration'])}",
                    partial(self._play, i), on_menu=partial(self._menu, s["song_key"])) for i, s in enumerate(songs)]
        body: v.View = v.RecyclerView(id="recyclerView", weight=1, children=rows)
        if not rows:
            body = v.TextView(id="empty", text="This playlist is empty", weight=1, align="center", padding=48)
        subtitle = f"{len(songs)} Songs • {duration_text(total)}"
        return v.LinearLayout(children=[app_bar(playlist["playlist_name"], on_up=self.finish, subtitle=subtitle),
                                        body])

    def _play(self, index: int) -> None:
        self.app.play_list([s["id"] for s in self.app.playlist_songs(self.playlist_id)], index)
        self.start(PLAYER)

    def _menu(self, song_key: int) -> None:
        self.state.update(dialog="item_menu", target=song_key)

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "item_menu":
            return None
        keys = [s["song_key"] for s in self.app.playlist_songs(self.playlist_id)]
        target = int(self.state.get("target", 0))
        if target not in keys:
            return None
        index = keys.index(target)
        return popup_menu([("Move up", partial(self._move, index, index - 1)),
                           ("Move down", partial(self._move, index, index + 1)),
                           ("Remove from playlist", partial(self._remove, target))])

    def _move(self, old: int, new: int) -> None:
        self.app.move_in_playlist(self.playlist_id, old, new)
        self.close_dialog()

    def _remove(self, song_key: int) -> None:
        self.app.remove_from_playlist(self.playlist_id, song_key)
        self.close_dialog()

    def close_dialog(self) -> None:
        self.state.pop("dialog", None)
        self.state.pop("target", None)


class DetailActivity(SongActions):
    NAME: ClassVar[str] = ".activities.DetailActivity"
    LABEL: ClassVar[str] = "Retro Music"
    app: RetroMusicApp

    def build(self) -> v.View:
        kind, key = str(self.intent.extras.get("kind", "album")), str(self.intent.extras.get("key", ""))
        songs = [s for s in self.app.songs() if s.get(kind) == key]
        listed = [s["id"] for s in songs]
        bar = self.selection_bar() if self.selected else app_bar(key, on_up=self.finish,
                                                                 subtitle=f"{len(songs)} Songs")
        return v.LinearLayout(children=[bar, v.RecyclerView(id="recyclerView", weight=1,
                                                            children=[self.song_row(s, listed) for s in songs])])

    def dialog(self) -> v.Dialog | None:
        return self.song_dialog()
