"""VLC's main screen (`.gui.MainActivity`): the Video tab (the library, sorted by title) and the Playlists tab.

State: `tab` ("video" or "playlists"), `selected` (media ids in the order picked, for multi-selection),
`dialog` ("more", "add", "delete_video", "delete_playlist") with `target` and the typed playlist `name`.
A video's "More Actions" sheet offers Play, Add to playlist and Delete; Add to playlist also works on a selection,
adding the videos in the order they were picked.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import SelectionMode
from droidpilot.emulator.virtual.apps.vlc.dialogs import NAME_FIELD, add_to_playlist, context_sheet, duration_text
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, app_bar

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.vlc.app import VlcApp

PLAYER = ".gui.video.VideoPlayerActivity"
PLAYLIST = ".gui.PlaylistActivity"


class MainActivity(SelectionMode):
    NAME: ClassVar[str] = ".gui.MainActivity"
    LABEL: ClassVar[str] = "VLC"
    app: VlcApp

    def build(self) -> v.View:
        tab = self.state.get("tab", "video")
        body = self._videos() if tab == "video" else self._playlists()
        return v.LinearLayout(children=[self._bar(tab), body, self._navigation(tab)])

    def _bar(self, tab: str) -> v.View:
        if self.selected:
            return app_bar(f"{len(self.selected)} selected", on_up=self.clear_selection, actions=[
                v.ImageButton(id="action_video_append", desc="Add to playlist", icon="add",
                              on_click=partial(self._show, "add", 0)),
                v.ImageButton(id="action_video_play", desc="Play", icon="play", on_click=self._play_selection)])
        return app_bar("Videos" if tab == "video" else "Playlists")

    def _navigation(self, tab: str) -> v.View:
        def item(key: str, label: str, icon: str) -> v.View:
            return v.ViewGroup(id=f"nav_{key}", desc=label, selected=tab == key, weight=1, align_center=True,
                               padding=4, on_click=partial(self._switch, key), children=[
                                   v.ImageView(icon=icon, width=28, height=28),
                                   v.TextView(text=label, size=12, align="center")])
        return v.LinearLayout(id="navigation", vertical=False, height=72, bg="surface_variant",
                              children=[item("video", "Video", "play_circle"),
                                        item("playlists", "Playlists", "menu")])

    def _switch(self, tab: str) -> None:
        self.clear_selection()
        self.state["tab"] = tab

    # -- videos -------------------------------------------------------------------------------------------
    def _videos(self) -> v.View:
        rows = [self._video_row(m) for m in self.app.videos()]
        if not rows:
            return v.TextView(id="empty", text="No media files found", weight=1, align="center", padding=48,
                              color="text_secondary")
        return v.RecyclerView(id="video_grid", weight=1, children=rows)

    def _video_row(self, media: dict[str, Any]) -> v.View:
        media_id = media["id_media"]
        chosen = media_id in self.selected
        texts = v.LinearLayout(weight=1, children=[
            v.TextView(id="ml_item_title", text=media["title"], size=16, max_lines=1),
            v.TextView(id="ml_item_time", text=duration_text(media["duration"]), size=13, color="text_secondary")])
        thumb = v.ImageView(id="ml_item_thumbnail", icon="check" if chosen else "play", width=72, height=48,
                            bg="surface_variant")
        more = v.ImageButton(id="item_more", desc="More Actions", icon="more", on_click=partial(self._show, "more",
                                                                                                media_id))
        return v.ViewGroup(id="ml_item", vertical=False, align_center=True, padding=8, spacing=12, selected=chosen,
                           on_click=partial(self._click, media_id), on_long_click=partial(self.toggle_selection,
                                                                                          media_id),
                           children=[thumb, texts, more])

    def _click(self, media_id: int) -> None:
        if self.selected:
            self.toggle_selection(media_id)
        else:
            self.start(PLAYER, media_ids=[media_id])

    def _play_selection(self) -> None:
        chosen = self.selected
        self.clear_selection()
        self.start(PLAYER, media_ids=chosen)

    # -- playlists ----------------------------------------------------------------------------------------
    def _playlists(self) -> v.View:
        rows = [self._playlist_row(p) for p in self.app.playlists()]
        if not rows:
            return v.TextView(id="empty", text="No playlists", weight=1, align="center", padding=48,
                              color="text_secondary")
        return v.RecyclerView(id="playlist_list", weight=1, children=rows)

    def _playlist_row(self, playlist: dict[str, Any]) -> v.View:
        count = playlist["nb_video"]
        texts = v.LinearLayout(weight=1, children=[
            v.TextView(id="ml_item_title", text=playlist["name"], size=16, max_lines=1),
            v.TextView(id="ml_item_subtitle", text=f"{count} video{'s' if count != 1 else ''}", size=13,
                       color="text_secondary")])
        more = v.ImageButton(id="item_more", desc="More Actions", icon="more",
                             on_click=partial(self._show, "delete_playlist", playlist["id_playlist"]))
        return v.ViewGroup(id="ml_item", vertical=False, align_center=True, padding=8, spacing=12,
                           on_click=partial(self.start, PLAYLIST, playlist_id=playlist["id_playlist"]),
                           children=[v.ImageView(icon="menu", width=48, height=48), texts, more])

    # -- dialogs ------------------------------------------------------------------------------------------
    def _show(self, kind: str, target: int) -> None:
        self.state.update(dialog=kind, target=target, name="")
        if kind == "add":
            self.request_focus(NAME_FIELD)

    def close_dialog(self) -> None:
        for key in ("dialog", "target", "name"):
            self.state.pop(key, None)
        self.clear_focus()

    def dialog(self) -> v.Dialog | None:
        kind, target = self.state.get("dialog"), int(self.state.get("target", 0))
        if kind == "more":
            media = self.app.video(target)
            if media is None:
                return None
            return context_sheet(media["title"], [
                ("ctx_play", "Play", partial(self._play_one, target)),
                ("ctx_add_to_playlist", "Add to playlist", partial(self._show, "add", target)),
                ("ctx_delete", "Delete", partial(self._show, "delete_video", target))])
        if kind == "add":
            return add_to_playlist(str(self.state.get("name", "")), self._on_name, self._save_new,
                                   self.app.playlists(), self._add_to)
        if kind == "delete_video":
            return alert_dialog("Delete this file from the device?", "Delete", partial(self._delete_video, target),
                                on_negative=self.close_dialog, title="Delete")
        if kind == "delete_playlist":
            return alert_dialog("Delete this playlist?", "Delete", partial(self._delete_playlist, target),
                                on_negative=self.close_dialog, title="Delete")
        return None

    def _play_one(self, media_id: int) -> None:
        self.close_dialog()
        self.start(PLAYER, media_ids=[media_id])

    def _on_name(self, text: str) -> None:
        self.state["name"] = text.replace("\n", "")

    def _adding(self) -> list[int]:
        target = int(self.state.get("target", 0))
        return [target] if target else self.selected

    def _save_new(self) -> None:
        name = str(self.state.get("name", "")).strip()
        if not name:
            return
        existing = next((p for p in self.app.playlists() if p["name"].lower() == name.lower()), None)
        playlist_id = existing["id_playlist"] if existing else self.app.create_playlist(name)
        self._add_to(playlist_id)

    def _add_to(self, playlist_id: int) -> None:
        self.app.append_to_playlist(playlist_id, self._adding())
        self.close_dialog()
        self.clear_selection()
        self.toast("Added to playlist")

    def _delete_video(self, media_id: int) -> None:
        media = self.app.video(media_id)
        if media is not None:
            self.host.fs.host_path(media["mrl"][len("file://"):]).unlink(missing_ok=True)
        self.close_dialog()

    def _delete_playlist(self, playlist_id: int) -> None:
        self.app.delete_playlist(playlist_id)
        self.close_dialog()

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        if self.selected:
            self.clear_selection()
            return True
        return False
