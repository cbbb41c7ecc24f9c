"""The player (`.activities.PlayerActivity`): the current song, play/pause, previous/next, and the playing queue
below it ("Up next"), each queue row with "Remove from playing queue".

State: `dialog` ("queue_menu") and `target` (the queue index).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.retromusic.songs import duration_text, row
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.retromusic.app import RetroMusicApp


class PlayerActivity(Activity):
    NAME: ClassVar[str] = ".activities.PlayerActivity"
    LABEL: ClassVar[str] = "Now playing"
    app: RetroMusicApp

    def build(self) -> v.View:
        queue = self.app.queue()
        if not queue:
            return v.LinearLayout(children=[app_bar("Now playing", on_up=self.finish),
                                            v.TextView(id="empty", text="Nothing is playing", padding=48)])
        player = self.app.player()
        position = min(player["position"], len(queue) - 1)
        song = queue[position]
        controls = v.LinearLayout(vertical=False, align_center=True, spacing=24, height=88, children=[
            v.View(),
            v.ImageButton(id="previousButton", desc="Previous", icon="chevron_left",
                          on_click=partial(self.app.skip, -1)),
            v.ImageButton(id="playPauseButton", desc="Pause" if player["playing"] else "Play",
                          icon="pause" if player["playing"] else "play", width=72, height=72,
                          on_click=self.app.toggle_playing),
            v.ImageButton(id="nextButton", desc="Next", icon="chevron_right", on_click=partial(self.app.skip, 1)),
            v.View()])
        rows = [row(s["title"], f"{s['artist']} • {duration_text(s['duration'])}", partial(self._jump, i),
                    on_menu=partial(self._menu, i), chosen=i == position) for i, s in enumerate(queue)]
        return v.LinearLayout(children=[
            app_bar("Now playing", on_up=self.finish),
            v.TextView(id="title", text=song["title"], size=24, align="center", padding=8, max_lines=1),
            v.TextView(id="text", text=song["artist"], size=16, align="center", color="text_secondary"),
            v.TextView(id="songTotalTime", text=duration_text(song["duration"]), align="center", padding=4),
            controls,
            v.TextView(id="playerQueueSubHeader", text="Up next", bold=True, color="primary", padding=8),
            v.RecyclerView(id="playerRecyclerView", weight=1, children=rows)])

    def _jump(self, index: int) -> None:
        self.app.skip(index - self.app.player()["position"])

    def _menu(self, index: int) -> None:
        self.state.update(dialog="queue_menu", target=index)

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "queue_menu":
            return None
        return popup_menu([("Remove from playing queue", partial(self._remove, int(self.state.get("target", 0))))])

    def _remove(self, index: int) -> None:
        self.app.remove_from_queue(index)
        self.state.pop("dialog", None)
