"""AndroidWorld's OpenAppTaskEval: "Open the X app.", checked by the package in the foreground."""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import Params, Task

APPS: tuple[tuple[str, str], ...] = (
    ("Calendar", "com.android.calendar"),
    ("Camera", "com.android.camera2"),
    ("Clock", "com.android.deskclock"),
    ("Contacts", "com.android.contacts"),
    ("Expenses", "net.droidpilot.expenses"),
    ("Files", "com.android.documentsui"),
    ("Gallery", "com.android.gallery3d"),
    ("Messages", "com.android.messaging"),
    ("Notes", "net.droidpilot.notes"),
    ("Recipes", "net.droidpilot.recipes"),
    ("Settings", "com.android.settings"),
    ("Tasks", "net.droidpilot.tasks"),
)
"""(launcher label, package) of every app on the home screen."""


class OpenAppParams(Params):
    app_name: str
    package: str


class OpenAppTaskEval(Task):
    template: ClassVar[str] = "Open the {app_name} app."
    params_model: ClassVar[type[Params]] = OpenAppParams
    complexity: ClassVar[float] = 1.0
    app_names: ClassVar[tuple[str, ...]] = ("com.android.launcher3",)  # the target app's data is not touched
    tags: ClassVar[tuple[str, ...]] = ("launcher", "parameterized")
    category: ClassVar[str] = "device_control"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        label, package = rng.choice(APPS)
        return OpenAppParams(seed=seed, app_name=label, package=package)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        assert isinstance(self.params, OpenAppParams)
        return 1.0 if env.current_app()[0] == self.params.package else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        assert isinstance(self.params, OpenAppParams)
        ui.open_app(self.params.app_name)
        return None


TASKS = (OpenAppTaskEval,)
