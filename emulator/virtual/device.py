"""`VirtualDevice`: the `Device` protocol over an in-process `VirtualPhone`."""

from __future__ import annotations

import shlex

from droidpilot.emulator.device import AppInfo, Key, LaunchError, Observation, ShellResult
from droidpilot.emulator.virtual.apps.base import Intent
from droidpilot.emulator.virtual.phone import VirtualPhone
from droidpilot.emulator.virtual.system.host import ActivityNotFound


class VirtualDevice:
    """Drives a virtual phone directly (no ADB hop): the fastest device, used by tests and benchmarks."""

    def __init__(self, phone: VirtualPhone) -> None:
        self.phone = phone

    @property
    def serial(self) -> str:
        return self.phone.serial

    def screen_size(self) -> tuple[int, int]:
        return self.phone.display.size  # the current orientation and `wm size`, without painting a frame

    def observe(self) -> Observation:
        return self.phone.observe()

    def tap(self, x: int, y: int) -> None:
        self.phone.tap(x, y)

    def long_press(self, x: int, y: int, ms: int = 1000) -> None:
        self.phone.long_press(x, y, ms)

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int = 300) -> None:
        self.phone.swipe(x1, y1, x2, y2, ms)

    def input_text(self, text: str) -> None:
        self.phone.input_text(text)

    def press(self, key: Key | str) -> None:
        self.phone.press_key(key.value if isinstance(key, Key) else key)

    def launch(self, package: str, activity: str | None = None) -> None:
        try:
            self.phone.start(Intent(package=package, activity=activity))
        except ActivityNotFound as exc:
            raise LaunchError(f"cannot launch {package}{'/' + activity if activity else ''}: {exc}") from None

    def open_uri(self, uri: str) -> None:
        result = self.phone.shell(f"am start -a android.intent.action.VIEW -d {shlex.quote(uri)}")
        if result.exit_code != 0:
            raise LaunchError(f"no app handles {uri}")

    def current_app(self) -> tuple[str, str]:
        return self.phone.current_focus()

    def shell(self, cmd: str) -> ShellResult:
        return self.phone.shell(cmd)

    def pull(self, path: str) -> bytes:
        host = self.phone.fs.host_path(path)
        if not host.is_file():
            raise FileNotFoundError(path)
        return host.read_bytes()

    def push(self, data: bytes, path: str) -> None:
        host = self.phone.fs.host_path(path)
        host.parent.mkdir(parents=True, exist_ok=True)
        host.write_bytes(data)
        self.phone.invalidate()

    def installed_apps(self) -> list[AppInfo]:
        apps = self.phone.host.launchable()
        return sorted(
            (AppInfo(package=a.PACKAGE, label=a.LABEL, launch_activity=a.qualified(a.LAUNCHER)) for a in apps
             if a.LAUNCHER is not None),
            key=lambda info: info.label.lower(),
        )

    def close(self) -> None:
        self.phone.close()
