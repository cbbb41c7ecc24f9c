"""The video player (`.gui.video.VideoPlayerActivity`, extra `media_ids`): the current video's title, its length,
play/pause, previous/next through the list it was started with. Playing counts in `Media.play_count`.

State: `index` (in `media_ids`) and `paused`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.vlc.dialogs import duration_text
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.vlc.app import VlcApp


class VideoPlayerActivity(Activity):
    NAME: ClassVar[str] = ".gui.video.VideoPlayerActivity"
    LABEL: ClassVar[str] = "VLC"
    app: VlcApp

    def on_create(self) -> None:
        self._count_play()

    @property
    def _ids(self) -> list[int]:
        return [int(i) for i in self.intent.extras.get("media_ids", [])]

    def _count_play(self) -> None:
        ids, index = self._ids, int(self.state.get("index", 0))
        if 0 <= index < len(ids):
            self.app.count_play(ids[index])

    def build(self) -> v.View:
        ids, index = self._ids, int(self.state.get("index", 0))
        media = self.app.video(ids[index]) if 0 <= index < len(ids) else None
        if media is None:
            return v.LinearLayout(bg="#000000", children=[
                v.TextView(id="player_overlay_title", text="This file cannot be played", color="#FFFFFF", padding=48)])
        paused = bool(self.state.get("paused"))
        controls = v.LinearLayout(vertical=False, align_center=True, spacing=24, height=96, children=[
            v.View(),
            v.ImageButton(id="player_overlay_previous", desc="Previous", icon="chevron_left", tint="#FFFFFF",
                          enabled=index > 0, on_click=lambda: self._go(-1)),
            v.ImageButton(id="player_overlay_play", desc="Play" if paused else "Pause",
                          icon="play" if paused else "pause", tint="#FFFFFF", width=72, height=72,
                          on_click=lambda: self.state.__setitem__("paused", not paused)),
            v.ImageButton(id="player_overlay_next", desc="Next", icon="chevron_right", tint="#FFFFFF",
                          enabled=index < len(ids) - 1, on_click=lambda: self._go(1)),
            v.View()])
        return v.LinearLayout(bg="#000000", children=[
            v.LinearLayout(vertical=False, align_center=True, height=64, padding=4, children=[
                v.ImageButton(id="player_overlay_navmenu", desc="Navigate up", icon="back", tint="#FFFFFF",
                              on_click=self.finish),
                v.TextView(id="player_overlay_title", text=media["title"], color="#FFFFFF", size=18, max_lines=1)]),
            v.View(weight=1),
            v.TextView(id="player_overlay_length", text=duration_text(media["duration"]), color="#FFFFFF",
                       align="right", padding=8),
            controls])

    def _go(self, step: int) -> None:
        index = int(self.state.get("index", 0)) + step
        if 0 <= index < len(self._ids):
            self.state.update(index=index, paused=False)
            self._count_play()
