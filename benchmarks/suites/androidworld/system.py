"""System settings tasks: Wi-Fi, Bluetooth, brightness (AndroidWorld's SystemWifi*, SystemBluetooth*, ...)."""

from __future__ import annotations

import random
from typing import ClassVar

from benchmarks.env import TaskEnv
from benchmarks.oracle import UIDriver
from benchmarks.task import Params, Task

SETTINGS = "com.android.settings"


class SystemWifiTurnOff(Task):
    template: ClassVar[str] = "Turn off Wi-Fi."
    complexity: ClassVar[float] = 1.0
    app_names: ClassVar[tuple[str, ...]] = (SETTINGS,)
    tags: ClassVar[tuple[str, ...]] = ("settings",)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return Params(seed=seed)

    def setup(self, env: TaskEnv) -> None:
        env.shell("svc wifi enable")

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return 1.0 if env.setting("global", "wifi_on") == "0" else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Settings")
        ui.tap(text="Network & internet")
        ui.tap(text="Internet")
        ui.tap(rid="switch_widget", text="Wi-Fi")
        return None


TASKS = (SystemWifiTurnOff,)
