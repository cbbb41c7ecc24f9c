"""Near-miss probes: deliberately wrong agents that act only through the GUI, and that every task must fail.

A benchmark is only worth its checks. Each probe does almost what the goal asks (the oracle's own steps) and
then gets one thing wrong, in one of five ways (`ProbeKind`): a wrong parameter, an extra side effect, a form left
unsaved (the oracle stopped one step short), an answer read after changing the data asked about, or an answer that
is a near miss of the truth. A probe raises `ProbeNotApplicable` when its near miss makes no sense for a task (e.g.
a task without parameters); `probes_for(cls)` lists them in the order worth trying. The test suite runs the first
applicable one against every family and fails when a family has none, so a new family cannot land without a probe
that its check rejects.

`ProbeAgent(probe)` runs a probe as a benchmark agent (`droidpilot bench run` style), declaring done at the end.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Literal

from droidpilot.benchmarks.agents import AgentRun, EpisodeContext
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import ActionRecord
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import Task
from droidpilot.errors import TaskError

ProbeKind = Literal["wrong_parameter", "extra_side_effect", "unsaved_form", "mutated_state", "wrong_answer"]


class ProbeNotApplicable(TaskError, LookupError):
    """This probe's near miss does not fit the task (nothing to perturb, nothing to repeat, ...)."""


@dataclass(frozen=True)
class OracleTrace:
    """What the oracle did on the same instance (harness-counted): lets a probe stop one step short of it, or see
    that its near miss made the oracle do exactly the same (then it is no near miss)."""

    actions: tuple[tuple[str, str], ...]

    @property
    def steps(self) -> int:
        return len(self.actions)


def trace_of(actions: list[ActionRecord]) -> OracleTrace:
    return OracleTrace(tuple((a.action, a.detail) for a in actions))


class Probe(ABC):
    name: ClassVar[str]
    kind: ClassVar[ProbeKind]

    def applies(self, cls: type[Task]) -> bool:
        """A cheap static test; `run` may still raise ProbeNotApplicable once it sees the task's parameters."""
        return True

    @abstractmethod
    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        """Act on the initialized task through `ui` (reading `env` only to see the phone); return the answer.
        `ui` must drive a `RecordingDevice` (the harness's), whose record the probe may compare with `oracle`."""


class ProbeAgent:
    """A probe as a benchmark agent: it acts on the harness's device and declares done."""

    def __init__(self, probe: Probe) -> None:
        self.probe = probe
        self.name = f"probe:{probe.name}"

    def run(self, ctx: EpisodeContext) -> AgentRun:
        ui = UIDriver(ctx.device)
        answer = self.probe.run(ctx.task, ui, ctx.env)
        return AgentRun(declared_done=True, answer=answer, steps=ui.steps, actions=list(ctx.device.actions),
                        run_dir=ctx.run_dir)


def all_probes() -> list[Probe]:
    from droidpilot.benchmarks.probes.composite import MistypedCarriedValue
    from droidpilot.benchmarks.probes.generic import (
        AnswerFromMutatedState,
        ExtraSideEffect,
        NearMissAnswer,
        StopOneStepShort,
        WrongParameter,
    )
    from droidpilot.benchmarks.probes.shortcut_calls import WrongShortcutArgument
    from droidpilot.benchmarks.probes.transcription import MissedLastFrame

    return [WrongShortcutArgument(), AnswerFromMutatedState(), NearMissAnswer(), MissedLastFrame(), WrongParameter(),
            MistypedCarriedValue(), StopOneStepShort(), ExtraSideEffect()]


def probes_for(cls: type[Task]) -> list[Probe]:
    """The probes that may apply to `cls`, most telling first."""
    return [p for p in all_probes() if p.applies(cls)]
