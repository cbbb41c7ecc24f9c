"""The video player (`.gui.video.VideoPlayerActivity`, extra `media_ids`): the playing video's picture, its title,
position and length, a seek bar, rewind / play-pause / forward (10 s jumps), previous/next through the list it
was started with. Playing counts in `Media.play_count`.

The picture is the file's real frame at the playback position (decoded by frames.py) on a SurfaceView with no
text, as the real player's surface: what the video shows is on the screenshot only, never in the hierarchy.
Playback runs on the phone's elapsed time (SystemClock.elapsedRealtime), which goes on while a task pins the
wall clock, so `sleep 8` (an agent's wait) moves the picture on by eight seconds; at the end it stays on the last
frame, paused.

State: `index` (in `media_ids`), `paused`, and the position `pos` (ms) the playback had at elapsed time `at`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.vlc.dialogs import duration_text
from droidpilot.emulator.virtual.apps.vlc.frames import frames_of
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.render import Painter

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.vlc.app import VlcApp

JUMP_MS = 10_000
SEEK_MAX = 1000
WHITE = "#FFFFFF"


@dataclass(eq=False)
class VideoSurface(v.View):
    """The video frame at `position_ms` of `source`, fitted on black (nothing to read in the hierarchy)."""

    CLASS: ClassVar[str] = "android.view.SurfaceView"
    source: Path | None = None
    position_ms: int = 0

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        if x2 <= x1 or y2 <= y1:
            return
        p.draw.rectangle((x1, y1, x2 - 1, y2 - 1), fill=(0, 0, 0))
        frames = frames_of(self.source) if self.source is not None else None
        if frames is None:
            return
        image = frames.fitted(self.position_ms, (x2 - x1, y2 - y1))
        p.image.paste(image, (x1 + (x2 - x1 - image.width) // 2, y1 + (y2 - y1 - image.height) // 2))


class VideoPlayerActivity(Activity):
    NAME: ClassVar[str] = ".gui.video.VideoPlayerActivity"
    LABEL: ClassVar[str] = "VLC"
    app: VlcApp

    def on_create(self) -> None:
        if "media_ids" not in self.intent.extras and self.intent.data:
            found = self.app.media_id_for_uri(self.intent.data)  # a VIEW intent: content://media or file://
            self.state["uri_ids"] = [found] if found is not None else []
        self._anchor(0, paused=False)
        self._count_play()

    @property
    def _ids(self) -> list[int]:
        ids = self.intent.extras.get("media_ids", self.state.get("uri_ids", []))
        return [int(i) for i in ids]

    def _media(self) -> dict[str, Any] | None:
        ids, index = self._ids, int(self.state.get("index", 0))
        return self.app.video(ids[index]) if 0 <= index < len(ids) else None

    def _count_play(self) -> None:
        ids, index = self._ids, int(self.state.get("index", 0))
        if 0 <= index < len(ids):
            self.app.count_play(ids[index])

    # -- playback position --------------------------------------------------------------------------------------
    def _elapsed(self) -> int:
        return self.app.host.clock.elapsed_ms()

    def _anchor(self, position_ms: int, paused: bool) -> None:
        self.state.update(pos=max(0, position_ms), at=self._elapsed(), paused=paused)

    def _position(self, duration_ms: int) -> int:
        position = int(self.state.get("pos", 0))
        if not self.state.get("paused"):
            position += self._elapsed() - int(self.state.get("at", self._elapsed()))
        return min(max(0, position), duration_ms)

    def _ended(self, duration_ms: int) -> bool:
        return self._position(duration_ms) >= duration_ms

    def _toggle(self, duration_ms: int) -> None:
        position = self._position(duration_ms)
        if self.state.get("paused") or self._ended(duration_ms):
            self._anchor(0 if position >= duration_ms else position, paused=False)
        else:
            self._anchor(position, paused=True)

    def _seek(self, position_ms: int, duration_ms: int) -> None:
        self._anchor(min(max(0, position_ms), duration_ms), paused=bool(self.state.get("paused")))

    def _go(self, step: int) -> None:
        index = int(self.state.get("index", 0)) + step
        if 0 <= index < len(self._ids):
            self.state["index"] = index
            self._anchor(0, paused=False)
            self._count_play()

    # -- screen -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        media = self._media()
        if media is None:
            return v.LinearLayout(bg="#000000", children=[
                v.TextView(id="player_overlay_title", text="This file cannot be played", color=WHITE, padding=48)])
        source = self.app.host.fs.host_path(str(media["mrl"]).removeprefix("file://"))
        duration = int(media["duration"] or 0)
        if duration <= 0:
            frames = frames_of(source)
            duration = frames.duration_ms if frames is not None else 0
        position = self._position(duration)
        playing = not self.state.get("paused") and position < duration
        return v.LinearLayout(bg="#000000", children=[
            v.LinearLayout(vertical=False, align_center=True, height=64, padding=4, children=[
                v.ImageButton(id="player_overlay_navmenu", desc="Navigate up", icon="back", tint=WHITE,
                              on_click=self.finish),
                v.TextView(id="player_overlay_title", text=media["title"], color=WHITE, size=18, max_lines=1)]),
            VideoSurface(id="surface_video", weight=1, source=source, position_ms=position),
            self._times(position, duration),
            v.SeekBar(id="player_overlay_seekbar", desc="Seek", max=SEEK_MAX,
                      progress=position * SEEK_MAX // max(1, duration),
                      on_change=lambda p: self._seek(p * duration // SEEK_MAX, duration)),
            self._controls(playing, duration)])

    @staticmethod
    def _times(position: int, duration: int) -> v.View:
        return v.LinearLayout(vertical=False, align_center=True, height=32, padding=8, children=[
            v.TextView(id="player_overlay_time", text=duration_text(position), color=WHITE),
            v.View(weight=1),
            v.TextView(id="player_overlay_length", text=duration_text(duration), color=WHITE, align="right")])

    def _controls(self, playing: bool, duration: int) -> v.View:
        index = int(self.state.get("index", 0))
        return v.LinearLayout(vertical=False, align_center=True, spacing=16, height=96, children=[
            v.View(),
            v.ImageButton(id="player_overlay_previous", desc="Previous", icon="chevron_left", tint=WHITE,
                          enabled=index > 0, on_click=lambda: self._go(-1)),
            v.ImageButton(id="player_overlay_rewind", desc="Rewind 10 seconds", icon="reset", tint=WHITE,
                          on_click=lambda: self._seek(self._position(duration) - JUMP_MS, duration)),
            v.ImageButton(id="player_overlay_play", desc="Pause" if playing else "Play",
                          icon="pause" if playing else "play", tint=WHITE, width=72, height=72,
                          on_click=lambda: self._toggle(duration)),
            v.ImageButton(id="player_overlay_forward", desc="Forward 10 seconds", icon="refresh", tint=WHITE,
                          on_click=lambda: self._seek(self._position(duration) + JUMP_MS, duration)),
            v.ImageButton(id="player_overlay_next", desc="Next", icon="chevron_right", tint=WHITE,
                          enabled=index < len(self._ids) - 1, on_click=lambda: self._go(1)),
            v.View()])
