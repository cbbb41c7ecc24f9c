"""The near miss of a shortcut task: its hybrid oracle with the committing shortcut called on a slightly wrong
argument (the SMS to a number one digit off, the note under a title one letter off, the alarm an hour late)."""

from __future__ import annotations

from typing import Any, ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.probes import OracleTrace, Probe, ProbeKind, ProbeNotApplicable
from droidpilot.benchmarks.probes.nearmiss import near_miss_text
from droidpilot.benchmarks.task import Task
from droidpilot.shortcuts.builtin import builtin


def _committing(cls: type[Task]) -> str | None:
    """The last shortcut a task's hybrid oracle calls (the one that commits the work), if it takes arguments."""
    names: tuple[str, ...] = getattr(cls, "shortcuts", ())
    shortcut = builtin(names[-1]) if names and callable(getattr(cls, "solve_with_shortcuts", None)) else None
    return shortcut.name if shortcut is not None and shortcut.params else None


def near_miss_argument(value: Any) -> Any:
    """An int one more; any other value one character off."""
    return value + 1 if isinstance(value, int) and not isinstance(value, bool) else near_miss_text(str(value))


class WrongShortcutArgument(Probe):
    """Shortcut tasks: the hybrid oracle, with the first argument of its committing shortcut call a near miss.
    Every call runs through the harness's device as the shortcut oracle's do (one step each)."""

    name: ClassVar[str] = "wrong-shortcut-argument"
    kind: ClassVar[ProbeKind] = "wrong_parameter"

    def applies(self, cls: type[Task]) -> bool:
        return cls.answer_type is None and _committing(cls) is not None

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        from droidpilot.agent.shortcut_tool import run_shortcut_action

        committing = _committing(type(task))
        changed: list[str] = []

        def call(name: str, /, **args: Any) -> bool:
            if name == committing and args and not changed:
                first = next(iter(args))
                args = {**args, first: near_miss_argument(args[first])}
                changed.append(f"{name}({first}={args[first]!r})")
            ui.steps += 1
            return run_shortcut_action(ui.device, None, name, args).ok

        hybrid = getattr(task, "solve_with_shortcuts", None)
        if not callable(hybrid):
            raise ProbeNotApplicable("the task has no hybrid oracle")
        answer = hybrid(ui, env, call)
        if not changed:
            raise ProbeNotApplicable(f"the hybrid oracle never called {committing} with arguments")
        return answer
