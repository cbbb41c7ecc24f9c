"""The near miss of the compositional (UI-NEXUS) templates: attention drift on the value carried over.

A composite's oracle reads a value in one app and writes it in another, and the last thing it types is almost
always that value (the text's body, the note's total, the playlist's or the recording's name, the URL). The
probe replays the oracle but types that last text one character off, so the task is done in every respect but
the carried value.
"""

from __future__ import annotations

import re
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import RecordingDevice
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.probes import OracleTrace, Probe, ProbeKind, ProbeNotApplicable
from droidpilot.benchmarks.probes.generic import ORACLE_LOST
from droidpilot.benchmarks.probes.nearmiss import near_miss_text
from droidpilot.benchmarks.task import Task
from droidpilot.emulator.device import Device


def off_by_one(text: str) -> str:
    """A near miss that no tolerance forgives: the leading digit of the last number bumped ("Total: 12345 m" ->
    "Total: 22345 m"), else one letter doubled."""
    numbers = list(re.finditer(r"\d+", text))
    if not numbers:
        return near_miss_text(text)
    i = numbers[-1].start()
    return text[:i] + str((int(text[i]) + 1) % 10 or 1) + text[i + 1:]


class MistypingDevice(RecordingDevice):
    """Passes everything through to `inner`, except that the `nth` text entry (1-based) is typed off by one."""

    def __init__(self, inner: Device, nth: int) -> None:
        super().__init__(inner, None)
        self.nth = nth
        self.typed = 0

    def input_text(self, text: str) -> None:
        self.typed += 1
        super().input_text(off_by_one(text) if self.typed == self.nth else text)


class MistypedCarriedValue(Probe):
    """Composite tasks: the oracle with its last typed text one character off."""

    name: ClassVar[str] = "mistyped-carried-value"
    kind: ClassVar[ProbeKind] = "wrong_parameter"

    def applies(self, cls: type[Task]) -> bool:
        from droidpilot.benchmarks.suites.uinexus.composite import CompositeTask

        return issubclass(cls, CompositeTask)

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        if oracle is None:
            raise ProbeNotApplicable("needs the oracle's actions")
        typed = sum(action == "type" for action, _ in oracle.actions)
        if not typed:
            raise ProbeNotApplicable("the oracle types nothing")
        try:
            return task.solve(UIDriver(MistypingDevice(ui.device, typed)), env)
        except ORACLE_LOST as exc:
            raise ProbeNotApplicable(f"the oracle cannot go on after the typo: {exc}") from exc
