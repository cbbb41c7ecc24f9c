"""The camera screen: a full-width 3:4 viewfinder, Photo/Video mode tabs, and the shutter between the capture
thumbnail and the switch-camera button."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.camera import capture
from droidpilot.emulator.virtual.apps.camera.widgets import (
    CaptureThumbnail,
    ModeTab,
    Preview,
    RecordingDot,
    ShutterButton,
    SwitchCameraButton,
)
from droidpilot.emulator.virtual.system.host import ActivityNotFound
from droidpilot.emulator.virtual.toolkit import views as v

GALLERY = "com.android.gallery3d"
PHOTO_PAGE = ".app.PhotoPage"
VIDEO_ACTIONS = ("android.media.action.VIDEO_CAMERA", "android.media.action.VIDEO_CAPTURE")
PHOTO_ACTIONS = ("android.media.action.STILL_IMAGE_CAMERA", "android.media.action.IMAGE_CAPTURE")
PREVIEW_DP = 1080 * 4 / 3 / v.DP
"""The 3:4 preview's height in dp at the full 1080 px width."""
BLACK = "#000000"


def elapsed(ms: int) -> str:
    """Camera2's recording timer: MM:SS, with hours once it passes an hour."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def _centered(child: v.View, weight: float = 1, width: float | None = None) -> v.View:
    return v.FrameLayout(weight=weight, width=width, children=[child])


class CameraActivity(Activity):
    NAME: ClassVar[str] = "com.android.camera.CameraActivity"
    LABEL: ClassVar[str] = "Camera"

    def on_create(self) -> None:
        self._apply_action(self.intent)

    def on_new_intent(self, intent: Intent) -> None:
        self._apply_action(intent)

    def _apply_action(self, intent: Intent) -> None:
        if self.recording_since is None and intent.action in VIDEO_ACTIONS + PHOTO_ACTIONS:
            self.state["mode"] = "video" if intent.action in VIDEO_ACTIONS else "photo"

    @property
    def mode(self) -> str:
        return str(self.state.get("mode", "photo"))

    @property
    def front(self) -> bool:
        return self.state.get("facing") == "front"

    @property
    def recording_since(self) -> int | None:
        since = self.state.get("recording_since")
        return int(since) if since is not None else None

    def build(self) -> v.View:
        now = self.host.clock.now_ms()
        recording = self.recording_since is not None
        preview = Preview(id="preview_content", t_ms=now // 1000 * 1000, front=self.front, height=PREVIEW_DP)
        return v.LinearLayout(id="camera_app_root", bg=BLACK, children=[
            self._top_bar(now), preview, self._modes(recording), self._controls(recording)])

    def _top_bar(self, now: int) -> v.View:
        since = self.recording_since
        if since is None:
            return v.View(height=56)
        return v.LinearLayout(vertical=False, height=56, align_center=True, children=[
            v.View(), RecordingDot(id="recording_indicator", width=24, height=40),
            v.TextView(id="recording_time", text=elapsed(now - since), size=18, color="#ffffff", width=80,
                       max_lines=1),
            v.View()])

    def _modes(self, recording: bool) -> v.View:
        tabs: list[v.View] = [v.View()]
        for mode, label in (("photo", "Photo"), ("video", "Video")):
            tabs.append(ModeTab(id=f"mode_{mode}", text=label, desc=label, size=15, width=96,
                                selected=self.mode == mode, on_click=partial(self._set_mode, mode)))
        tabs.append(v.View())
        return v.LinearLayout(id="mode_options", vertical=False, height=56, visible=not recording,
                              children=tabs)

    def _controls(self, recording: bool) -> v.View:
        last = capture.captures(self.host.fs)[-1:] if not recording else []
        thumb: v.View = v.View()
        if last:
            thumb = CaptureThumbnail(id="rounded_thumbnail_view", desc="Filmstrip", source=self.host.fs.path(last[0]),
                                     width=56, height=56, gravity="center", on_click=self._open_last)
        shutter = ShutterButton(id="shutter_button", desc="Stop" if recording else "Shutter", width=80,
                                height=80, gravity="center", mode=self.mode, recording=recording,
                                on_click=self._shutter)
        facing = "back" if self.front else "front"
        toggle = SwitchCameraButton(id="camera_toggle_button", desc=f"Switch to {facing} camera", width=48,
                                    height=48, gravity="center", visible=not recording,
                                    on_click=self._switch_camera)
        return v.LinearLayout(id="bottom_bar", vertical=False, weight=1, children=[
            _centered(thumb), _centered(shutter, 0, 120), _centered(toggle)])

    # -- handlers -------------------------------------------------------------------------------------------
    def _set_mode(self, mode: str) -> None:
        if self.recording_since is None:
            self.state["mode"] = mode

    def _switch_camera(self) -> None:
        self.state["facing"] = "back" if self.front else "front"

    def _shutter(self) -> None:
        if self.mode == "photo":
            capture.take_photo(self.host.fs, self.host.clock, self.front)
        elif self.recording_since is None:
            self.state["recording_since"] = self.host.clock.now_ms()
        else:
            self._stop_recording()

    def _stop_recording(self) -> None:
        since = self.state.pop("recording_since", None)
        if since is not None:
            capture.save_video(self.host.fs, self.host.clock, int(since), self.front)

    def _open_last(self) -> None:
        last = capture.captures(self.host.fs)[-1:]
        if not last:
            return
        path = self.host.fs.device_path(Path(last[0]))
        intent = Intent(action="android.intent.action.VIEW", package=GALLERY, activity=PHOTO_PAGE,
                        data=f"file://{path}", extras={"path": path})
        try:
            self.start_intent(intent)
        except ActivityNotFound:
            self.toast("No app can open this file.")

    def on_swipe(self, direction: str) -> bool:
        """Swiping across the viewfinder changes mode, as on Pixel cameras: left to Video, right to Photo."""
        if direction in ("left", "right"):
            self._set_mode("video" if direction == "left" else "photo")
            return True
        return False

    def on_back(self) -> bool:
        """Back while recording stops and saves the video first (the screen then closes as usual)."""
        self._stop_recording()
        return super().on_back()

    def on_pause(self) -> None:
        """Leaving the camera (Home, another app) stops a recording and saves it, as Camera2 does."""
        self._stop_recording()
