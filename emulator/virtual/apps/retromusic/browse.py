"""Retro's main screen (`.activities.MainActivity`): bottom navigation Songs / Albums / Artists / Playlists, the
mini player over it while the queue holds songs, and the playlist actions (new, rename, save as M3U, delete).

State: `tab`, plus `SongActions`' selection and dialogs; playlist dialogs use `dialog` ("playlist_menu",
"rename", "save", "delete") with `target` (the playlist id) and `name`.
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.retromusic.library import EXPORT_FOLDERS
from droidpilot.emulator.virtual.apps.retromusic.songs import DETAIL, NAME_FIELD, PLAYER, SongActions, row
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, app_bar, dialog_buttons, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.retromusic.app import RetroMusicApp

PLAYLIST_DETAIL = ".activities.PlaylistDetailActivity"
TABS = (("songs", "Songs", "music"), ("albums", "Albums", "grid"), ("artists", "Artists", "person"),
        ("playlists", "Playlists", "menu"))


class MainActivity(SongActions):
    NAME: ClassVar[str] = ".activities.MainActivity"
    LABEL: ClassVar[str] = "Retro Music"
    app: RetroMusicApp

    def build(self) -> v.View:
        tab = str(self.state.get("tab", "songs"))
        body = {"songs": self._songs, "albums": self._albums, "artists": self._artists,
                "playlists": self._playlists}.get(tab, self._songs)()
        children: list[v.View] = [self._bar(tab), body]
        mini = self._mini_player()
        if mini is not None:
            children.append(mini)
        children.append(self._navigation(tab))
        return v.LinearLayout(children=children)

    def _bar(self, tab: str) -> v.View:
        if self.selected:
            return self.selection_bar()
        actions: list[v.View] = []
        if tab == "playlists":
            actions.append(v.ImageButton(id="action_new_playlist", desc="New playlist", icon="add",
                                         on_click=partial(self.show, "create", [])))
        return app_bar({key: label for key, label, _ in TABS}.get(tab, "Songs"), actions=actions)

    def _navigation(self, tab: str) -> v.View:
        items: list[v.View] = [
            v.ViewGroup(id=f"action_{key}", desc=label, selected=tab == key, weight=1, align_center=True, padding=4,
                        on_click=partial(self._switch, key),
                        children=[v.ImageView(icon=icon, width=28, height=28),
                                  v.TextView(text=label, size=12, align="center")])
            for key, label, icon in TABS]
        return v.LinearLayout(id="bottomNavigationView", vertical=False, height=72, bg="surface_variant",
                              children=items)

    def _switch(self, tab: str) -> None:
        self.clear_selection()
        self.state["tab"] = tab

    def _mini_player(self) -> v.View | None:
        queue = self.app.queue()
        if not queue:
            return None
        player = self.app.player()
        song = queue[min(player["position"], len(queue) - 1)]
        return v.ViewGroup(id="miniPlayerFragment", vertical=False, align_center=True, height=64, padding=8,
                           spacing=12, bg="primary_container", on_click=partial(self.start, PLAYER), children=[
                               v.TextView(id="miniPlayerTitle", text=f"{song['title']} • {song['artist']}",
                                          weight=1, max_lines=1),
                               v.ImageButton(id="miniPlayerPlayPauseButton",
                                             desc="Pause" if player["playing"] else "Play",
                                             icon="pause" if player["playing"] else "play",
                                             on_click=self.app.toggle_playing)])

    # -- tabs ---------------------------------------------------------------------------------------------
    def _songs(self) -> v.View:
        songs = self.app.songs()
        listed = [s["id"] for s in songs]
        if not songs:
            return v.TextView(id="empty", text="No songs", weight=1, align="center", padding=48)
        return v.RecyclerView(id="recyclerView", weight=1, children=[self.song_row(s, listed) for s in songs])

    def _albums(self) -> v.View:
        songs = self.app.songs()
        counts = Counter(s["album"] for s in songs)
        artists = {s["album"]: s["artist"] for s in songs}
        rows = [row(album, f"{artists[album]} • {n} Songs", partial(self.start, DETAIL, kind="album", key=album),
                    icon="grid") for album, n in sorted(counts.items(), key=lambda kv: kv[0].lower())]
        return v.RecyclerView(id="recyclerView", weight=1, children=rows)

    def _artists(self) -> v.View:
        counts = Counter(s["artist"] for s in self.app.songs())
        rows = [row(artist, f"{n} Songs", partial(self.start, DETAIL, kind="artist", key=artist), icon="person")
                for artist, n in sorted(counts.items(), key=lambda kv: kv[0].lower())]
        return v.RecyclerView(id="recyclerView", weight=1, children=rows)

    def _playlists(self) -> v.View:
        rows = [row(p["playlist_name"], f"{p['count']} Songs",
                    partial(self.start, PLAYLIST_DETAIL, playlist_id=p["playlist_id"]),
                    on_menu=partial(self._playlist_dialog, "playlist_menu", p["playlist_id"]), icon="menu")
                for p in self.app.playlists()]
        if not rows:
            return v.TextView(id="empty", text="No playlists", weight=1, align="center", padding=48)
        return v.RecyclerView(id="recyclerView", weight=1, children=rows)

    # -- playlist dialogs ---------------------------------------------------------------------------------
    def _playlist_dialog(self, kind: str, playlist_id: int) -> None:
        playlist = self.app.playlist(playlist_id)
        self.state.update(dialog=kind, target=playlist_id, name=playlist["playlist_name"] if playlist else "")
        if kind == "rename":
            self.request_focus(NAME_FIELD)

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        target = int(self.state.get("target", 0))
        if kind not in ("playlist_menu", "rename", "save", "delete"):
            return self.song_dialog()
        if self.app.playlist(target) is None:
            return None
        if kind == "playlist_menu":
            return popup_menu([("Play", partial(self._play_playlist, target)),
                               ("Rename", partial(self._playlist_dialog, "rename", target)),
                               ("Save playlist", partial(self._playlist_dialog, "save", target)),
                               ("Delete playlist", partial(self._playlist_dialog, "delete", target))])
        if kind == "rename":
            return v.Dialog(children=[
                v.TextView(id="android:id/alertTitle", text="Rename playlist", size=22),
                v.EditText(id=NAME_FIELD, text=str(self.state.get("name", "")), hint="Playlist name",
                           on_change=self._on_name, on_submit=partial(self._rename, target)),
                dialog_buttons("Cancel", "Rename", self.close_dialog, partial(self._rename, target))])
        if kind == "save":
            folders = [row(f, f"/storage/emulated/0/{f}", partial(self._save, target, f), icon="folder")
                       for f in EXPORT_FOLDERS]
            return v.Dialog(children=[v.TextView(id="android:id/alertTitle", text="Save playlist to", size=22),
                                      v.RecyclerView(id="folders", children=folders),
                                      dialog_buttons("Cancel", "", self.close_dialog, None)])
        return alert_dialog(f"Delete the playlist {self.state.get('name', '')}?", "Delete",
                            partial(self._delete, target), on_negative=self.close_dialog, title="Delete playlist")

    def _play_playlist(self, playlist_id: int) -> None:
        self.close_dialog()
        ids = [s["id"] for s in self.app.playlist_songs(playlist_id)]
        if ids:
            self.app.play_list(ids, 0)
            self.start(PLAYER)

    def _rename(self, playlist_id: int) -> None:
        if self.app.rename_playlist(playlist_id, str(self.state.get("name", ""))):
            self.close_dialog()

    def _save(self, playlist_id: int, folder: str) -> None:
        path = self.app.export_playlist(playlist_id, folder)
        self.close_dialog()
        if path is not None:
            self.toast(f"Saved playlist to {path}")

    def _delete(self, playlist_id: int) -> None:
        self.app.delete_playlist(playlist_id)
        self.close_dialog()
