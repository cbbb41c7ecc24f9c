"""AndroidWorld's Settings `*Verify` families and its two Settings composites.

A Verify task's goal already holds when it starts (AndroidWorld's precondition): toggling blindly breaks it. As
the goal state alone would reward an agent that does nothing, the check also wants the evidence of having
looked: the Settings page showing that setting on screen at the end (AndroidWorld reads the final screen the same
way for ContactsNewContactDraft).

TurnOffWifiAndTurnOnBluetooth and TurnOnWifiAndOpenApp score the fraction of their two parts done, as
AndroidWorld's composites do.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.open_app import OpenAppParams, OpenAppTaskEval
from droidpilot.benchmarks.suites.androidworld.system import (
    BLUETOOTH,
    BRIGHTNESS,
    MAX_BRIGHTNESS,
    SETTINGS,
    WATCHED,
    WIFI,
    Key,
    SettingTask,
    _open_bluetooth,
    _open_display,
    _open_internet,
)
from droidpilot.benchmarks.task import Params
from droidpilot.emulator.device import Key as KeyCode

ON: tuple[str, ...] = ("1", "2")


class _VerifyTask(SettingTask):
    """The setting `KEY` already has a value in `GOAL`; it must still have it, shown on its Settings page."""

    KEY: ClassVar[Key]
    GOAL: ClassVar[tuple[str, ...]]
    PREPARE: ClassVar[str]
    SHOWN: ClassVar[dict[str, str]]
    """A selector of the element that shows the setting on its page."""

    @property
    def changes(self) -> tuple[Key, ...]:  # type: ignore[override]  # nothing may change
        return ()

    def prepare(self, env: TaskEnv) -> None:
        env.shell(self.PREPARE)

    def reached(self, env: TaskEnv) -> bool:
        if env.setting(*self.KEY) not in self.GOAL:
            return False
        screen = env.observe()
        return screen.package == SETTINGS and any(_shows(e, self.SHOWN) for e in screen.elements)

    def open_page(self, ui: UIDriver) -> None:
        raise NotImplementedError

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        self.open_page(ui)
        switch = ui.need(**self.SHOWN)
        if switch.checkable and (switch.checked != (self.GOAL == ON)):
            ui.tap_at(*switch.bounds.center)
        return None


def _shows(element: object, selector: dict[str, str]) -> bool:
    rid = getattr(element, "resource_id", "").rpartition("/")[2]
    return all((rid if k == "rid" else getattr(element, k, None)) == v for k, v in selector.items())


class SystemWifiTurnOffVerify(_VerifyTask):
    template: ClassVar[str] = "Turn off Wi-Fi."
    KEY: ClassVar[Key] = WIFI
    GOAL: ClassVar[tuple[str, ...]] = ("0",)
    PREPARE: ClassVar[str] = "svc wifi disable"
    SHOWN: ClassVar[dict[str, str]] = {"rid": "switch_widget", "text": "Wi-Fi"}

    def open_page(self, ui: UIDriver) -> None:
        _open_internet(ui)


class SystemWifiTurnOnVerify(SystemWifiTurnOffVerify):
    template: ClassVar[str] = "Turn on Wi-Fi."
    GOAL: ClassVar[tuple[str, ...]] = ON
    PREPARE: ClassVar[str] = "svc wifi enable"


class SystemBluetoothTurnOffVerify(_VerifyTask):
    template: ClassVar[str] = "Turn off Bluetooth."
    KEY: ClassVar[Key] = BLUETOOTH
    GOAL: ClassVar[tuple[str, ...]] = ("0",)
    PREPARE: ClassVar[str] = "svc bluetooth disable"
    SHOWN: ClassVar[dict[str, str]] = {"rid": "switch_widget", "text": "Use Bluetooth"}

    def open_page(self, ui: UIDriver) -> None:
        _open_bluetooth(ui)


class SystemBluetoothTurnOnVerify(SystemBluetoothTurnOffVerify):
    template: ClassVar[str] = "Turn on Bluetooth."
    GOAL: ClassVar[tuple[str, ...]] = ON
    PREPARE: ClassVar[str] = "svc bluetooth enable"


class SystemBrightnessMaxVerify(_VerifyTask):
    template: ClassVar[str] = "Turn the screen brightness up to the maximum."
    KEY: ClassVar[Key] = BRIGHTNESS
    GOAL: ClassVar[tuple[str, ...]] = (str(MAX_BRIGHTNESS),)
    PREPARE: ClassVar[str] = ("settings put system screen_brightness_mode 0 && "
                              f"settings put system screen_brightness {MAX_BRIGHTNESS}")
    SHOWN: ClassVar[dict[str, str]] = {"rid": "brightness"}

    def open_page(self, ui: UIDriver) -> None:
        _open_display(ui)


class SystemBrightnessMinVerify(SystemBrightnessMaxVerify):
    template: ClassVar[str] = "Turn the screen brightness down to the minimum."
    GOAL: ClassVar[tuple[str, ...]] = ("0", "1")  # AOSP's minimum is 1 on some devices, 0 on others
    PREPARE: ClassVar[str] = "settings put system screen_brightness_mode 0 && settings put system screen_brightness 1"


# -- composites -------------------------------------------------------------------------------------------------
def _untouched(task: SettingTask, env: TaskEnv) -> bool:
    """No watched setting changed but the ones the task may change (side effects fail the task)."""
    return all(env.setting(ns, key) == task.before[f"{ns} {key}"]
               for ns, key in WATCHED if (ns, key) not in task.changes)


class TurnOffWifiAndTurnOnBluetooth(SettingTask):
    template: ClassVar[str] = "Turn off WiFi, then enable bluetooth"
    changes: ClassVar[tuple[Key, ...]] = (WIFI, BLUETOOTH)
    tags: ClassVar[tuple[str, ...]] = ("settings", "multi_step")

    def prepare(self, env: TaskEnv) -> None:
        env.shell("svc wifi enable && svc bluetooth disable")

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        parts = [env.setting(*WIFI) == "0", env.setting(*BLUETOOTH) in ON]
        return sum(parts) / 2 if _untouched(self, env) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_internet(ui)
        ui.tap(rid="switch_widget", text="Wi-Fi")
        for _ in range(3):  # Settings resumes where it was left: back to its main list
            if ui.find(text="Connected devices") is not None:
                break
            ui.press(KeyCode.BACK)
        ui.tap(text="Connected devices")
        ui.tap(text="Connection preferences")
        ui.tap(text="Bluetooth")
        ui.tap(rid="switch_widget", text="Use Bluetooth")
        return None


class TurnOnWifiAndOpenApp(SettingTask):
    template: ClassVar[str] = "Turn on Wi-Fi and open {app_name}."
    params_model: ClassVar[type[Params]] = OpenAppParams
    changes: ClassVar[tuple[Key, ...]] = (WIFI,)
    tags: ClassVar[tuple[str, ...]] = ("settings", "multi_app", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return OpenAppTaskEval.generate_params(rng, seed)

    def prepare(self, env: TaskEnv) -> None:
        env.shell("svc wifi disable")

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        opened = OpenAppTaskEval(self.params).is_successful(env, None)
        return (float(env.setting(*WIFI) in ON) + opened) / 2 if _untouched(self, env) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_internet(ui)
        ui.tap(rid="switch_widget", text="Wi-Fi")
        return OpenAppTaskEval(self.params).solve(ui, env)


TASKS = (SystemWifiTurnOffVerify, SystemWifiTurnOnVerify, SystemBluetoothTurnOffVerify, SystemBluetoothTurnOnVerify,
         SystemBrightnessMaxVerify, SystemBrightnessMinVerify, TurnOffWifiAndTurnOnBluetooth, TurnOnWifiAndOpenApp)
