"""System settings tasks: Wi-Fi, Bluetooth, brightness, airplane mode, dark theme (AndroidWorld's SystemWifi*,
SystemBluetooth*, SystemBrightness*).

Success reads the settings provider, as AndroidWorld does (`settings get global wifi_on`, ...). Every task also
watches the other radio and display keys: changing one the goal does not mention (turning on airplane mode to
get Wi-Fi off, say) is a side effect and fails the task.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import Difficulty, Params, Task

SETTINGS = "com.android.settings"
MAX_BRIGHTNESS = 255
SEEKBAR_INSET_PX = 42
"""A SeekBar's track starts 16 dp (42 px at 420 dpi) inside its bounds."""

Key = tuple[str, str]
WIFI: Key = ("global", "wifi_on")
BLUETOOTH: Key = ("global", "bluetooth_on")
AIRPLANE: Key = ("global", "airplane_mode_on")
BRIGHTNESS: Key = ("system", "screen_brightness")
NIGHT_MODE: Key = ("secure", "ui_night_mode")
WATCHED: tuple[Key, ...] = (WIFI, BLUETOOTH, AIRPLANE, BRIGHTNESS, NIGHT_MODE)


def brightness_percent(level: int) -> int:
    """The percentage Settings shows for a 0-255 brightness level."""
    return round(max(0, min(MAX_BRIGHTNESS, level)) * 100 / MAX_BRIGHTNESS)


class SettingTask(Task):
    """A task whose goal is one settings value; `changes` are the keys it may alter."""

    complexity: ClassVar[float] = 1.0
    app_names: ClassVar[tuple[str, ...]] = (SETTINGS,)
    tags: ClassVar[tuple[str, ...]] = ("settings",)
    category: ClassVar[str] = "device_control"
    changes: ClassVar[tuple[Key, ...]] = ()

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return Params(seed=seed)

    def setup(self, env: TaskEnv) -> None:
        self.prepare(env)
        self.before = {f"{ns} {key}": env.setting(ns, key) for ns, key in WATCHED}

    def prepare(self, env: TaskEnv) -> None:
        """Put the setting in the state the goal changes."""

    def reached(self, env: TaskEnv) -> bool:
        raise NotImplementedError

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        untouched = all(env.setting(ns, key) == self.before[f"{ns} {key}"]
                        for ns, key in WATCHED if (ns, key) not in self.changes)
        return 1.0 if untouched and self.reached(env) else 0.0


def _on(value: str | None) -> bool:
    return value is not None and value.strip() not in ("0", "")


def _open_internet(ui: UIDriver) -> None:
    ui.open_app("Settings")
    ui.tap(text="Network & internet")
    ui.tap(text="Internet")


def _open_bluetooth(ui: UIDriver) -> None:
    ui.open_app("Settings")
    ui.tap(text="Connected devices")
    ui.tap(text="Connection preferences")
    ui.tap(text="Bluetooth")


def _open_display(ui: UIDriver) -> None:
    ui.open_app("Settings")
    ui.tap(text="Display")


def _tap_slider(ui: UIDriver, rid: str, fraction: float) -> None:
    bar = ui.need(rid=rid)
    left, right = bar.bounds.left + SEEKBAR_INSET_PX, bar.bounds.right - SEEKBAR_INSET_PX
    x = left - 1 if fraction <= 0 else right + 1 if fraction >= 1 else round(left + fraction * (right - left))
    ui.tap_at(x, bar.bounds.center[1])


# -- Wi-Fi ----------------------------------------------------------------------------------------------------
class SystemWifiTurnOff(SettingTask):
    template: ClassVar[str] = "Turn off Wi-Fi."
    changes: ClassVar[tuple[Key, ...]] = (WIFI,)

    def prepare(self, env: TaskEnv) -> None:
        env.shell("svc wifi enable")

    def reached(self, env: TaskEnv) -> bool:
        return env.setting(*WIFI) == "0"

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_internet(ui)
        ui.tap(rid="switch_widget", text="Wi-Fi")
        return None


class SystemWifiTurnOn(SettingTask):
    template: ClassVar[str] = "Turn on Wi-Fi."
    changes: ClassVar[tuple[Key, ...]] = (WIFI,)

    def prepare(self, env: TaskEnv) -> None:
        env.shell("svc wifi disable")

    def reached(self, env: TaskEnv) -> bool:
        return env.setting(*WIFI) in ("1", "2")

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_internet(ui)
        ui.tap(rid="switch_widget", text="Wi-Fi")
        return None


# -- Bluetooth ------------------------------------------------------------------------------------------------
class SystemBluetoothTurnOn(SettingTask):
    template: ClassVar[str] = "Turn on Bluetooth."
    changes: ClassVar[tuple[Key, ...]] = (BLUETOOTH,)

    def prepare(self, env: TaskEnv) -> None:
        env.shell("svc bluetooth disable")

    def reached(self, env: TaskEnv) -> bool:
        return _on(env.setting(*BLUETOOTH))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_bluetooth(ui)
        ui.tap(rid="switch_widget", text="Use Bluetooth")
        return None


class SystemBluetoothTurnOff(SettingTask):
    template: ClassVar[str] = "Turn off Bluetooth."
    changes: ClassVar[tuple[Key, ...]] = (BLUETOOTH,)

    def prepare(self, env: TaskEnv) -> None:
        env.shell("svc bluetooth enable")

    def reached(self, env: TaskEnv) -> bool:
        return env.setting(*BLUETOOTH) == "0"

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_bluetooth(ui)
        ui.tap(rid="switch_widget", text="Use Bluetooth")
        return None


# -- brightness -----------------------------------------------------------------------------------------------
class BrightnessParams(Params):
    start_level: int


class _BrightnessTask(SettingTask):
    params_model: ClassVar[type[Params]] = BrightnessParams
    changes: ClassVar[tuple[Key, ...]] = (BRIGHTNESS,)
    tags: ClassVar[tuple[str, ...]] = ("settings", "complex_ui_understanding")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return BrightnessParams(seed=seed, start_level=rng.randint(60, 200))

    def prepare(self, env: TaskEnv) -> None:
        assert isinstance(self.params, BrightnessParams)
        env.shell("settings put system screen_brightness_mode 0")
        env.shell(f"settings put system screen_brightness {self.params.start_level}")

    def level(self, env: TaskEnv) -> int:
        value = env.setting(*BRIGHTNESS)
        return int(value) if value is not None and value.strip().isdigit() else -1


class SystemBrightnessMax(_BrightnessTask):
    template: ClassVar[str] = "Turn the screen brightness up to the maximum."

    def reached(self, env: TaskEnv) -> bool:
        return self.level(env) == MAX_BRIGHTNESS

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_display(ui)
        _tap_slider(ui, "brightness", 1.0)
        return None


class SystemBrightnessMin(_BrightnessTask):
    template: ClassVar[str] = "Turn the screen brightness down to the minimum."

    def reached(self, env: TaskEnv) -> bool:
        return 0 <= self.level(env) <= 1  # AOSP's minimum is 1 on some devices, 0 on others

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_display(ui)
        _tap_slider(ui, "brightness", 0.0)
        return None


class BrightnessValueParams(BrightnessParams):
    percent: int


class SystemBrightnessSet(_BrightnessTask):
    """A slider cannot be set exactly, so the shown percentage may be off by at most 2."""

    template: ClassVar[str] = "Set the screen brightness to {percent}%."
    params_model: ClassVar[type[Params]] = BrightnessValueParams
    tags: ClassVar[tuple[str, ...]] = ("settings", "complex_ui_understanding", "parameterized")
    difficulty: ClassVar[Difficulty] = "medium"
    complexity: ClassVar[float] = 1.5
    TOLERANCE: ClassVar[int] = 2

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        percent = rng.choice(range(10, 95, 5))
        start = rng.choice([level for level in range(40, 230, 10)
                            if abs(brightness_percent(level) - percent) > 15])
        return BrightnessValueParams(seed=seed, start_level=start, percent=percent)

    def reached(self, env: TaskEnv) -> bool:
        assert isinstance(self.params, BrightnessValueParams)
        level = self.level(env)
        return level >= 0 and abs(brightness_percent(level) - self.params.percent) <= self.TOLERANCE

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        assert isinstance(self.params, BrightnessValueParams)
        _open_display(ui)
        _tap_slider(ui, "brightness", self.params.percent / 100)
        return None


# -- airplane mode and dark theme -----------------------------------------------------------------------------
class SystemAirplaneModeOn(SettingTask):
    template: ClassVar[str] = "Turn on airplane mode."
    changes: ClassVar[tuple[Key, ...]] = (AIRPLANE, WIFI, BLUETOOTH)  # airplane mode turns the radios off

    def prepare(self, env: TaskEnv) -> None:
        env.seed(SETTINGS, "set_airplane_mode", on=False)

    def reached(self, env: TaskEnv) -> bool:
        return env.setting(*AIRPLANE) == "1"

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Settings")
        ui.tap(text="Network & internet")
        ui.tap(rid="switch_widget", text="Airplane mode")
        return None


class DarkThemeParams(Params):
    on_off: str


class SystemDarkTheme(SettingTask):
    template: ClassVar[str] = "Turn {on_off} the dark theme."
    params_model: ClassVar[type[Params]] = DarkThemeParams
    changes: ClassVar[tuple[Key, ...]] = (NIGHT_MODE,)
    tags: ClassVar[tuple[str, ...]] = ("settings", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return DarkThemeParams(seed=seed, on_off=rng.choice(["on", "off"]))

    def _want_dark(self) -> bool:
        assert isinstance(self.params, DarkThemeParams)
        return self.params.on_off == "on"

    def prepare(self, env: TaskEnv) -> None:
        env.shell(f"cmd uimode night {'no' if self._want_dark() else 'yes'}")

    def reached(self, env: TaskEnv) -> bool:
        return env.setting(*NIGHT_MODE) == ("2" if self._want_dark() else "1")

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_display(ui)
        ui.tap(rid="switch_widget", text="Dark theme")
        return None


TASKS = (SystemWifiTurnOff, SystemWifiTurnOn, SystemBluetoothTurnOn, SystemBluetoothTurnOff, SystemBrightnessMax,
         SystemBrightnessMin, SystemBrightnessSet, SystemAirplaneModeOn, SystemDarkTheme)
