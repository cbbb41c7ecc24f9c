"""`VirtualPhone`: the whole virtual device (system server, apps, shell, storage) behind one object."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from droidpilot.emulator.device import Observation, ShellResult
from droidpilot.emulator.png import encode_png
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import tempphones
from droidpilot.emulator.virtual.apps.base import App, Intent
from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.system import screen, window_manager
from droidpilot.emulator.virtual.system.hardware import Hardware
from droidpilot.emulator.virtual.system.host import SystemHost
from droidpilot.emulator.virtual.system.input import InputDispatcher
from droidpilot.emulator.virtual.system.logbuf import LogBuffer, component, log_crash, start_message
from droidpilot.emulator.virtual.system.settings_provider import SettingsProvider
from droidpilot.emulator.virtual.system.state import SystemState
from droidpilot.emulator.virtual.system.window_manager import Frame
from droidpilot.emulator.virtual.toolkit.dump import dump_hierarchy
from droidpilot.emulator.virtual.toolkit.layers import LayerCache

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Shell
    from droidpilot.emulator.virtual.shell.sh_session import Session

STATE_FILE = "system_state.json"
SCREEN_KEYS = frozenset({"POWER", "SLEEP", "WAKEUP"})
SNAPSHOT_DIR = ".snapshots"
SETTINGS_DB = "com.android.providers.settings/databases/settings.db"


def default_apps() -> list[type[App]]:
    """Every app the virtual phone ships, the launcher first."""
    from droidpilot.emulator.virtual.apps import registry

    return registry.all_apps()


class VirtualPhone:
    """A deterministic Android stand-in. The same seed and the same inputs give byte-identical screens.

    `data_dir=None` makes a fresh phone in a temporary directory that `close()` removes; a path keeps the
    phone's storage and screen between processes (call `close()` or `save()` to write the screen state).
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        seed: int = 0,
        serial: str = "emulator-5554",
        apps: Sequence[type[App]] | None = None,
    ) -> None:
        self._temporary = data_dir is None
        self._hold: int | None = None  # a temporary phone's flock on its folder: reaped only when nobody holds it
        if data_dir is None:
            root, self._hold = tempphones.create()
        else:
            root = Path(data_dir)
        root.mkdir(parents=True, exist_ok=True)
        self.serial = serial
        self.seed = seed
        self.fs = VirtualFS(root)
        self._app_classes = list(apps) if apps is not None else default_apps()
        self._shell: Shell | None = None
        self._layers = LayerCache()  # painted windows of recent frames, reused while their views are unchanged
        self.log = LogBuffer(self._log_time)
        self.hardware = Hardware()
        """Battery, charger and GPS fix as the emulator console sets them."""
        """The log `logcat` reads; it survives `restore()` as logd outlives a snapshot load."""
        self._boot()

    # -- lifecycle ----------------------------------------------------------------------------------------
    def _boot(self) -> None:
        first_boot = not (self.fs.root / STATE_FILE).exists()
        self.fs.ensure_layout()
        settings = SettingsProvider(self.fs.data / SETTINGS_DB, on_change=self._settings_changed)
        self._display: screen.Display | None = None
        state = self._load_state() or SystemState(clock_ms=VirtualClock().now_ms())
        self.clock = VirtualClock(state.clock_ms, state.clock_frozen, state.clock_elapsed_ms)
        self.host = SystemHost(self.fs, self.clock, settings, self._app_classes, state)
        rng = random.Random(self.seed)
        for app in self.host.apps.values():
            app.install()
            if first_boot:
                app.seed_defaults(rng)
        if not state.tasks:
            self.host.go_home()
        self._logged_tokens = {r.token for t in self.host.state.tasks for r in t.activities}
        self._logged_pids = set(self.host.state.pids)
        self.input = InputDispatcher(self.host, self._fresh_frame)
        self._frame: Frame | None = None
        self._image: Image.Image | None = None
        self._xml: str | None = None
        if first_boot:
            self.save()

    def _load_state(self) -> SystemState | None:
        path = self.fs.root / STATE_FILE
        if not path.exists():
            return None
        return SystemState.model_validate_json(path.read_text(encoding="utf-8"))

    @property
    def data_dir(self) -> Path:
        return self.fs.root

    @property
    def settings(self) -> SettingsProvider:
        return self.host.settings

    def save(self) -> None:
        """Write the screen state atomically, so a killed process never leaves a torn file."""
        self.host.state.clock_ms = self.clock.now_ms()
        self.host.state.clock_frozen = self.clock.frozen
        self.host.state.clock_elapsed_ms = self.clock.elapsed_ms()
        path = self.fs.root / STATE_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.host.state.model_dump_json(), encoding="utf-8")
        os.replace(tmp, path)

    def close(self) -> None:
        if self._temporary:
            shutil.rmtree(self.fs.root, ignore_errors=True)
            if self._hold is not None:
                os.close(self._hold)
                self._hold = None
        elif self.fs.root.exists():
            self.save()

    def __enter__(self) -> VirtualPhone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- snapshots ----------------------------------------------------------------------------------------
    def _snapshot_path(self, name: str) -> Path:
        if not name or "/" in name or name.startswith("."):
            raise ValueError(f"invalid snapshot name: {name!r}")
        return self.fs.root / SNAPSHOT_DIR / name

    def snapshot(self, name: str) -> None:
        """Save the whole device state (storage, settings, screens, clock) under `name`."""
        self.save()
        target = self._snapshot_path(name)
        if target.exists():
            shutil.rmtree(target)
        self.fs.copy_tree(self.fs.root, target, skip=frozenset({SNAPSHOT_DIR}))  # links stay links, unfollowed

    def restore(self, name: str) -> None:
        source = self._snapshot_path(name)
        if not source.is_dir():
            raise KeyError(f"no snapshot named {name!r}")
        self.fs.mirror(source, self.fs.root, skip=frozenset({SNAPSHOT_DIR}))  # rewrites only what changed
        self._boot()
        self._shell = None  # its commands captured the old system server

    def reset(self) -> None:
        """Back to a first boot with the same seed (a factory reset); snapshots are kept."""
        self._wipe()
        self._boot()
        self._shell = None

    def _wipe(self) -> None:
        for entry in self.fs.root.iterdir():
            if entry.name == SNAPSHOT_DIR:
                continue
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()

    def delete_snapshot(self, name: str) -> None:
        target = self._snapshot_path(name)
        if not target.is_dir():
            raise KeyError(f"no snapshot named {name!r}")
        shutil.rmtree(target)

    def snapshot_time(self, name: str) -> float:
        """When the snapshot was saved (host time, seconds since the epoch)."""
        return self._snapshot_path(name).stat().st_mtime

    def snapshots(self) -> list[str]:
        base = self.fs.root / SNAPSHOT_DIR
        return sorted(p.name for p in base.iterdir()) if base.is_dir() else []

    # -- screen -------------------------------------------------------------------------------------------
    @property
    def display(self) -> screen.Display:
        """The display's current size, rotation and density (`wm size`, `wm density`, user_rotation)."""
        if self._display is None:
            self._display = screen.display_of(self.host.settings)
        return self._display

    def _settings_changed(self) -> None:
        self._display = None  # rotation and `wm size` live in settings; re-read them on the next frame
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the cached frame; called after anything that may change the screen."""
        self._frame = self._image = self._xml = None

    def frame(self) -> Frame:
        if self._frame is None:
            self._frame = window_manager.compose(self.host, self.display)
        return self._frame

    def _fresh_frame(self) -> Frame:
        self.invalidate()
        return self.frame()

    def screenshot(self) -> Image.Image:
        if self._image is None:
            image = window_manager.paint(self.frame(), self.host, self._layers)
            self._image = image if self.hardware.screen_on else Image.new("RGB", image.size, (0, 0, 0))
        return self._image

    def screenshot_png(self) -> bytes:
        return encode_png(self.screenshot())

    def dump(self) -> str:
        """The active window's hierarchy in `uiautomator dump` format."""
        if self._xml is None:
            frame = self.frame()
            self._xml = dump_hierarchy(frame.active_root, frame.package, frame.display.rotation)
        return self._xml

    def current_focus(self) -> tuple[str, str]:
        """(package, activity) of the focused window, as `dumpsys window` reports it."""
        frame = self.frame()
        if frame.overlay is not None:
            if self.host.state.overlay == "shade":
                return "com.android.systemui", "NotificationShade"
            return "com.android.launcher3", "com.android.quickstep.RecentsActivity"
        return frame.record.package, frame.record.activity

    def observe(self) -> Observation:
        xml = self.dump()
        package, activity = self.current_focus()
        return Observation(
            screenshot=self.screenshot(),
            elements=parse_hierarchy(xml),
            xml=xml,
            package=package,
            activity=activity,
            keyboard_shown=self.frame().keyboard,
            timestamp_ms=self.clock.now_ms(),
        )

    # -- input --------------------------------------------------------------------------------------------
    def tap(self, x: float, y: float) -> None:
        self._dispatch(self.input.tap, x, y)

    def long_press(self, x: float, y: float, ms: int = 1000) -> None:
        self._dispatch(self.input.long_press, x, y, ms)

    def swipe(self, x1: float, y1: float, x2: float, y2: float, ms: int = 300) -> None:
        self._dispatch(self.input.swipe, x1, y1, x2, y2, ms)

    def pinch(self, start: tuple[tuple[float, float], tuple[float, float]],
              end: tuple[tuple[float, float], tuple[float, float]], ms: int = 300) -> None:
        """Two fingers moving from the `start` points to the `end` points (a pinch or a spread)."""
        self._dispatch(self.input.pinch, start, end, ms)

    def press_key(self, key: str) -> None:
        name = key.upper().removeprefix("KEYCODE_")
        if name in SCREEN_KEYS:
            self.set_screen(not self.hardware.screen_on if name == "POWER" else name == "WAKEUP")
            return
        self._dispatch(self.input.key, key)

    def input_text(self, text: str) -> None:
        self._dispatch(self.input.text, text)

    def set_screen(self, on: bool) -> None:
        """Screen on or off (POWER, SLEEP, WAKEUP keys): while off, screenshots are black and touches,
        keys and text go nowhere, as on a phone whose display is asleep."""
        self.hardware.screen_on = on
        self.log.system("I", "PowerManagerService", "Waking up from Asleep" if on else "Going to sleep due to "
                        "power_button (uid 1000)...")
        self.invalidate()

    def _dispatch(self, handler: Callable[..., None], *args: object) -> None:
        if not self.hardware.screen_on:
            return
        try:
            with self._pausing():
                handler(*args)
        except Exception as exc:
            package = self.host.top_record().package
            log_crash(self.log, package, self.host.ensure_process(package), exc)
            raise
        finally:
            self.invalidate()

    @contextmanager
    def _pausing(self) -> Iterator[None]:
        """Tell the top screen when something else comes on top of it (Activity.on_pause)."""
        before = self.host.top_record()
        activity = self.host.activity_for(before)
        yield
        if self.host.top_record().token != before.token:
            activity.on_pause()
        self.sync_log()

    def sync_log(self) -> None:
        """Log the screens and processes started since the last call, as system_server does (`logcat`
        calls this first, so a script sees the lines of what it just started)."""
        records = sorted((r for t in self.host.state.tasks for r in t.activities), key=lambda r: r.token)
        for record in records:
            if record.token in self._logged_tokens:
                continue
            self._logged_tokens.add(record.token)
            intent = record.intent
            self.log.system("I", "ActivityTaskManager", start_message(
                record.package, record.activity, intent.action, intent.categories, intent.data))
            pid = self.host.state.pids.get(record.package)
            if pid is not None and record.package not in self._logged_pids:
                self.log.system("I", "ActivityManager", f"Start proc {pid}:{record.package}/u0a{pid % 200 + 50} "
                                f"for next-top-activity {{{component(record.package, record.activity)}}}")
            self.log.system("I", "ActivityTaskManager",
                            f"Displayed {component(record.package, record.activity)}: +250ms")
        self._logged_pids = set(self.host.state.pids)

    def _log_time(self) -> int:
        return self.clock.now_ms()

    def start(self, intent: Intent) -> None:
        with self._pausing():
            self.host.start_activity(intent)
        self.invalidate()

    def advance_clock(self, ms: int) -> None:
        self.clock.advance(ms)
        self.host.tick()
        self.invalidate()

    # -- shell --------------------------------------------------------------------------------------------
    def shell(self, cmd: str, stdin: bytes = b"", session: Session | None = None) -> ShellResult:
        """Run `cmd` in the device's sh, as `adb shell` does; never touches the host's shell. A session
        (the ADB path) makes time-consuming commands take real time and stream their output."""
        if self._shell is None:
            from droidpilot.emulator.virtual.shell.commands import build_shell

            self._shell = build_shell(self)
        try:
            with self._pausing():
                return self._shell.run(cmd, stdin, session)
        finally:
            self.invalidate()
