"""The near-miss probes that fit many families: each is the task's own oracle with one thing wrong."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import RecordingDevice, StepBudgetExhausted
from droidpilot.benchmarks.oracle import OracleError, UIDriver
from droidpilot.benchmarks.probes import OracleTrace, Probe, ProbeKind, ProbeNotApplicable, trace_of
from droidpilot.benchmarks.probes.nearmiss import near_miss_answer, near_miss_text
from droidpilot.benchmarks.task import Task

ORACLE_LOST = (OracleError, LookupError, StopIteration, AssertionError, ValueError)
"""What an oracle raises when the screen does not hold what its (perturbed) parameters name."""


def _is_question(cls: type[Task]) -> bool:
    return cls.answer_type is not None


class NearMissAnswer(Probe):
    """Questions: read the answer as the oracle does, then give a near miss of it (one more, a minute later, a
    ".co" address, one list item fewer)."""

    name: ClassVar[str] = "near-miss-answer"
    kind: ClassVar[ProbeKind] = "wrong_answer"

    def applies(self, cls: type[Task]) -> bool:
        return _is_question(cls)

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        return near_miss_answer(task.solve(ui, env) or "", task.answer_type or "string")


class AnswerFromMutatedState(Probe):
    """Questions: change the data asked about through the GUI (delete the contact, the file, the alarm; send a
    text; complete a task), then answer from what the phone shows now."""

    name: ClassVar[str] = "answer-from-mutated-state"
    kind: ClassVar[ProbeKind] = "mutated_state"

    def applies(self, cls: type[Task]) -> bool:
        from droidpilot.benchmarks.probes.mutations import has_mutation

        return _is_question(cls) and has_mutation(cls)

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        from droidpilot.benchmarks.probes.mutations import mutation_for

        mutation = mutation_for(task)
        try:
            mutation.solve(ui, env)
        except ORACLE_LOST as exc:
            raise ProbeNotApplicable(f"the mutation {mutation.name()} found nothing to change: {exc}") from exc
        try:
            return task.solve(ui, env)  # what the changed phone shows now
        except ORACLE_LOST:
            return task.truth  # the thing asked about is gone: the seeded answer, from memory


class WrongParameter(Probe):
    """Actions: the oracle with every parameter the goal names changed slightly ("Daniel" -> "Daniell",
    "+1 415-555-0142" -> "...0143", 30 -> 31), on the phone seeded for the right ones."""

    name: ClassVar[str] = "wrong-parameter"
    kind: ClassVar[ProbeKind] = "wrong_parameter"

    def applies(self, cls: type[Task]) -> bool:
        return not _is_question(cls)

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        wrong = perturbed(task)
        try:
            answer = wrong.solve(ui, env)
        except ORACLE_LOST as exc:
            raise ProbeNotApplicable(f"the oracle cannot act on the wrong parameters: {exc}") from exc
        if oracle is not None and isinstance(ui.device, RecordingDevice) and trace_of(ui.device.actions) == oracle:
            raise ProbeNotApplicable("the oracle does the same with the wrong parameters (they are not what it uses)")
        return answer


class ExtraSideEffect(Probe):
    """Actions: the oracle, then the oracle again (a second contact, a second text, a second toggle)."""

    name: ClassVar[str] = "extra-side-effect"
    kind: ClassVar[ProbeKind] = "extra_side_effect"

    def applies(self, cls: type[Task]) -> bool:
        return not _is_question(cls) and not getattr(cls, "IDEMPOTENT", False)

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        task.solve(ui, env)
        try:
            return task.solve(ui, env)
        except ORACLE_LOST as exc:
            raise ProbeNotApplicable(f"the goal cannot be reached twice: {exc}") from exc


class StopOneStepShort(Probe):
    """Actions: the oracle without its last step (the Save, Send, OK or toggle that commits the work)."""

    name: ClassVar[str] = "stop-one-step-short"
    kind: ClassVar[ProbeKind] = "unsaved_form"

    def applies(self, cls: type[Task]) -> bool:
        return not _is_question(cls)

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        if oracle is None or oracle.steps < 1:
            raise ProbeNotApplicable("needs the oracle's step count")
        short = UIDriver(RecordingDevice(ui.device, None, budget=oracle.steps - 1))
        try:
            task.solve(short, env)
        except StepBudgetExhausted:
            return None
        raise ProbeNotApplicable("the oracle finished in fewer steps than counted")


# -- perturbing parameters ----------------------------------------------------------------------------------------
def perturbed(task: Task) -> Task:
    """The task with every scalar parameter its goal shows replaced by a near miss, wherever it occurs."""
    dump = task.params.model_dump()
    goal = task.goal
    texts: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for field, value in dump.items():
        if field == "seed" or isinstance(value, bool):
            continue
        if isinstance(value, str) and value and value in goal:
            texts[value] = near_miss_text(value)
        elif isinstance(value, int) and re.search(rf"(?<![\d.]){value}(?![\d.])", goal):
            # numbers only where they are the parameter (2 is in many places), just past any stated tolerance
            numbers[field] = value + getattr(task, "TOLERANCE", 0) + 1
    if not texts and not numbers:
        raise ProbeNotApplicable("the goal names no parameter")
    wrong = type(task)(task.params.model_validate({**_replace(dump, texts), **numbers}))
    wrong.before = task.before
    return wrong


def _replace(value: Any, swaps: dict[str, str]) -> Any:
    """`value` with every string in `swaps` replaced, however deep (a name is also in the seeded address book)."""
    if isinstance(value, dict):
        return {k: _replace(v, swaps) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_replace(v, swaps) for v in value)
    return swaps.get(value, value) if isinstance(value, str) else value
