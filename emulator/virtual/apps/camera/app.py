"""CameraApp: package declaration, capture intents and the seed API (its state is the files it writes)."""

from __future__ import annotations

from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.camera import capture
from droidpilot.emulator.virtual.apps.camera.viewfinder import PHOTO_ACTIONS, VIDEO_ACTIONS, CameraActivity


class CameraApp(App):
    PACKAGE: ClassVar[str] = "com.android.camera2"
    LABEL: ClassVar[str] = "Camera"
    ICON: ClassVar[str] = "camera"
    COLOR: ClassVar[str] = "grey"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (CameraActivity,)
    LAUNCHER: ClassVar[type[Activity] | None] = CameraActivity
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = tuple(
        (action, CameraActivity) for action in PHOTO_ACTIONS + VIDEO_ACTIONS)

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def captures(self) -> list[str]:
        """Device paths of the photos (.jpg) and videos (.mp4) in /sdcard/DCIM/Camera, oldest first."""
        return [self.host.fs.device_path(p) for p in capture.captures(self.host.fs)]

    def last_capture(self) -> str | None:
        """The newest capture's device path (what the viewfinder's thumbnail shows), or None."""
        found = self.captures()
        return found[-1] if found else None
