"""What a `shortcuts` suite task adds to an atomic task: the hybrid oracle `solve_with_shortcuts`."""

from __future__ import annotations

from abc import abstractmethod
from typing import ClassVar, Protocol

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import Task


class ShortcutCall(Protocol):
    def __call__(self, name: str, /, **args: object) -> bool:
        """Run built-in shortcut `name` with `args` as one step; True when it ran to the end."""
        ...


class ShortcutTask(Task):
    """A task whose `solve` uses the GUI only and whose `solve_with_shortcuts` mixes shortcuts with GUI steps.
    Put it first among the bases, so the suite name and the shortcut list win over the atomic task's."""

    suite: ClassVar[str] = "shortcuts"
    shortcuts: ClassVar[tuple[str, ...]] = ()
    """The built-in shortcuts the hybrid solution calls (documentation, and checked by the tests)."""

    @abstractmethod
    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        """Reach the goal with built-in shortcuts (each `call` one step) and GUI steps through `ui`."""
