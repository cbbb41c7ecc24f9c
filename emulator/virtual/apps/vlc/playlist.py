"""A playlist's content (`.gui.PlaylistActivity`, extra `playlist_id`): its videos in order; each row's "More
Actions" sheet plays it, moves it up or down, or removes it from the playlist.

State: `dialog` ("more") and `target` (the row's position).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.vlc.dialogs import context_sheet, duration_text
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.vlc.app import VlcApp

PLAYER = ".gui.video.VideoPlayerActivity"


class PlaylistActivity(Activity):
    NAME: ClassVar[str] = ".gui.PlaylistActivity"
    LABEL: ClassVar[str] = "Playlist"
    app: VlcApp

    @property
    def playlist_id(self) -> int:
        return int(self.intent.extras.get("playlist_id", 0))

    def _playlist(self) -> dict[str, Any] | None:
        return next((p for p in self.app.playlists() if p["id_playlist"] == self.playlist_id), None)

    def build(self) -> v.View:
        playlist = self._playlist()
        if playlist is None:  # deleted behind our back
            return v.LinearLayout(children=[app_bar("Playlist", on_up=self.finish),
                                            v.TextView(id="empty", text="This playlist is gone", padding=48)])
        items = self.app.playlist_items(self.playlist_id)
        rows = [self._row(m) for m in items]
        body: v.View = v.RecyclerView(id="songs", weight=1, children=rows)
        if not rows:
            body = v.TextView(id="empty", text="This playlist is empty", weight=1, align="center", padding=48,
                              color="text_secondary")
        return v.LinearLayout(children=[app_bar(playlist["name"], on_up=self.finish,
                                                subtitle=f"{len(items)} videos"), body])

    def _row(self, media: dict[str, Any]) -> v.View:
        texts = v.LinearLayout(weight=1, children=[
            v.TextView(id="ml_item_title", text=media["title"], size=16, max_lines=1),
            v.TextView(id="ml_item_time", text=duration_text(media["duration"]), size=13, color="text_secondary")])
        more = v.ImageButton(id="item_more", desc="More Actions", icon="more",
                             on_click=partial(self._show, media["position"]))
        return v.ViewGroup(id="ml_item", vertical=False, align_center=True, padding=8, spacing=12,
                           on_click=partial(self.start, PLAYER, media_ids=[media["id_media"]]),
                           children=[v.ImageView(icon="play", width=72, height=48, bg="surface_variant"), texts,
                                     more])

    def _show(self, position: int) -> None:
        self.state.update(dialog="more", target=position)

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "more":
            return None
        position = int(self.state.get("target", 0))
        items = self.app.playlist_items(self.playlist_id)
        if not 0 <= position < len(items):
            return None
        return context_sheet(items[position]["title"], [
            ("ctx_move_up", "Move up", partial(self._move, position, -1)),
            ("ctx_move_down", "Move down", partial(self._move, position, 1)),
            ("ctx_remove", "Remove from playlist", partial(self._remove, position))])

    def _move(self, position: int, step: int) -> None:
        self.app.move_in_playlist(self.playlist_id, position, position + step)
        self.close_dialog()

    def _remove(self, position: int) -> None:
        self.app.remove_from_playlist(self.playlist_id, position)
        self.close_dialog()
