"""What every song list shares: the row, the song menu, multi-selection and the add-to-playlist dialogs.

`SongActions` is the screen base: state `selected` (song ids in pick order), `dialog` ("song_menu", "add",
"create"), `songs` (the ids the dialog acts on) and the typed `name`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.base import SelectionMode
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, dialog_buttons, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.retromusic.app import RetroMusicApp

NAME_FIELD = "actionNewPlaylist"
PLAYER = ".activities.PlayerActivity"
DETAIL = ".activities.DetailActivity"


def duration_text(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def row(title: str, text: str, on_click: v.Handler, on_menu: v.Handler | None = None,
        on_long: v.Handler | None = None, chosen: bool = False, icon: str = "music") -> v.View:
    """Retro's list item: `image`, `title`, `text` and the `menu` button."""
    children: list[v.View] = [
        v.ImageView(id="image", icon="check" if chosen else icon, width=48, height=48, bg="surface_variant"),
        v.LinearLayout(weight=1, children=[v.TextView(id="title", text=title, size=16, max_lines=1),
                                           v.TextView(id="text", text=text, size=13, color="text_secondary",
                                                      max_lines=1)])]
    if on_menu is not None:
        children.append(v.ImageButton(id="menu", desc="More options", icon="more", on_click=on_menu))
    return v.ViewGroup(vertical=False, align_center=True, padding=8, spacing=12, selected=chosen,
                       on_click=on_click, on_long_click=on_long, children=children)


class SongActions(SelectionMode):
    app: RetroMusicApp

    def song_row(self, song: dict[str, Any], listed: list[int]) -> v.View:
        """A song of a list whose ids are `listed` (a tap plays the list from this song)."""
        song_id = song["id"]
        return row(song["title"], f"{song['artist']} • {duration_text(song['duration'])}",
                   on_click=partial(self._tap_song, song_id, listed), on_menu=partial(self.show, "song_menu",
                                                                                      [song_id]),
                   on_long=partial(self.toggle_selection, song_id), chosen=song_id in self.selected)

    def _tap_song(self, song_id: int, listed: list[int]) -> None:
        if self.selected:
            self.toggle_selection(song_id)
            return
        self.app.play_list(listed, listed.index(song_id))
        self.start(PLAYER)

    def selection_bar(self) -> v.View:
        return app_bar(f"{len(self.selected)} selected", on_up=self.clear_selection, actions=[
            v.ImageButton(id="action_add_to_playlist", desc="Add to playlist", icon="add",
                          on_click=partial(self.show, "add", self.selected)),
            v.ImageButton(id="action_add_to_current_playing", desc="Add to playing queue", icon="menu",
                          on_click=partial(self._enqueue, self.selected))])

    def show(self, kind: str, song_ids: list[int]) -> None:
        self.state.update(dialog=kind, songs=list(song_ids), name="")
        if kind == "create":
            self.request_focus(NAME_FIELD)

    def close_dialog(self) -> None:
        for key in ("dialog", "songs", "name", "target"):
            self.state.pop(key, None)
        self.clear_focus()

    def song_dialog(self) -> v.Dialog | None:
        kind, ids = self.state.get("dialog"), [int(i) for i in self.state.get("songs", [])]
        if kind == "song_menu" and ids and (song := self.app.song(ids[0])) is not None:
            return popup_menu([("Play next", partial(self._play_next, ids)),
                               ("Add to playing queue", partial(self._enqueue, ids)),
                               ("Add to playlist", partial(self.show, "add", ids)),
                               ("Go to album", partial(self._go, "album", song["album"])),
                               ("Go to artist", partial(self._go, "artist", song["artist"]))])
        if kind == "add":
            rows = [row("New playlist", "", partial(self.show, "create", ids), icon="add")]
            rows += [row(p["playlist_name"], f"{p['count']} Songs", partial(self._add, p["playlist_id"], ids),
                         icon="menu") for p in self.app.playlists()]
            return v.Dialog(children=[v.TextView(id="android:id/alertTitle", text="Add to playlist", size=22),
                                      v.RecyclerView(id="playlists", children=rows)])
        if kind == "create":
            name = str(self.state.get("name", ""))
            return v.Dialog(children=[
                v.TextView(id="android:id/alertTitle", text="New playlist", size=22),
                v.EditText(id=NAME_FIELD, text=name, hint="Playlist name", on_change=self._on_name,
                           on_submit=partial(self._create, ids)),
                dialog_buttons("Cancel", "Create", self.close_dialog, partial(self._create, ids))])
        return None

    def _on_name(self, text: str) -> None:
        self.state["name"] = text.replace("\n", "")

    def _create(self, ids: list[int]) -> None:
        name = str(self.state.get("name", "")).strip()
        if not name:
            self.toast("Playlist name can't be empty")
            return
        playlist_id = self.app.create_playlist(name)
        if playlist_id is None:
            self.toast("Playlist exists")
            return
        self.toast(f"Created playlist {name}")
        self._add(playlist_id, ids) if ids else self.close_dialog()

    def _add(self, playlist_id: int, ids: list[int]) -> None:
        added = self.app.add_to_playlist(playlist_id, ids)
        self.close_dialog()
        self.clear_selection()
        self.toast(f"Added {added} song{'s' if added != 1 else ''} to the playlist")

    def _enqueue(self, ids: list[int]) -> None:
        self.app.enqueue(ids)
        self.close_dialog()
        self.clear_selection()
        self.toast("Added to playing queue")

    def _play_next(self, ids: list[int]) -> None:
        self.app.play_next(ids)
        self.close_dialog()
        self.toast("Will play next")

    def _go(self, kind: str, key: str) -> None:
        self.close_dialog()
        self.start(DETAIL, kind=kind, key=key)

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        if self.selected:
            self.clear_selection()
            return True
        return False
