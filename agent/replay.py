"""`replay_run`: re-execute a recorded run's device actions on a device, without any model.

Only steps that succeeded are replayed (failed, refused and unusable steps changed nothing on purpose), and
`answer` / `ask_user` / `done` are skipped. Before an action aimed at an element, the recorded target must be on
the screen again: it is found by what it is (class, resource-id, content-desc, text), never by its number, which changes
with the screen. The first target that is missing stops the replay with a `ReplayError` naming the step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from droidpilot.agent.actions import Action, TypeSecret, Wait
from droidpilot.agent.executor import ActionExecutor
from droidpilot.agent.perception import ModelView, perceive
from droidpilot.agent.safety import SecretVault
from droidpilot.agent.state import StepRecord, Target
from droidpilot.agent.trajectory import read_steps
from droidpilot.emulator.device import Device, UIElement
from droidpilot.errors import TaskError

log = logging.getLogger(__name__)
_ACTION: TypeAdapter[Any] = TypeAdapter(Action)
_SKIPPED = {"answer", "done", "ask_user"}
MAX_WAIT_S = 5.0


class ReplayError(TaskError, RuntimeError):
    """The replay cannot go on; the message names the step and what is wrong."""

    def __init__(self, step: int, message: str) -> None:
        super().__init__(f"step {step}: {message}")
        self.step = step


class ReplayReport(BaseModel):
    run_dir: str
    recorded: int
    replayed: int
    skipped: int


def replay_run(run_dir: str | Path, device: Device, *, vault: SecretVault | None = None,
               on_step: Callable[[StepRecord, str], None] | None = None) -> ReplayReport:
    """Replay the run in `run_dir` on `device`. Raises `ReplayError` at the first step that cannot be replayed,
    and `FileNotFoundError` when there is no trajectory."""
    steps = read_steps(Path(run_dir))
    if not steps:
        raise FileNotFoundError(f"no trajectory in {run_dir}")
    executor = ActionExecutor(device, vault)
    replayed = 0
    for record in steps:
        if not _replayable(record):
            continue
        detail = replay_step(record, device, executor, vault)
        replayed += 1
        if on_step is not None:
            on_step(record, detail)
    return ReplayReport(run_dir=str(run_dir), recorded=len(steps), replayed=replayed, skipped=len(steps) - replayed)


def _replayable(record: StepRecord) -> bool:
    return record.action is not None and record.ok and record.action_name not in _SKIPPED


def replay_step(record: StepRecord, device: Device, executor: ActionExecutor, vault: SecretVault | None) -> str:
    """Execute one recorded step; returns the executor's description of what it did."""
    try:
        action = _ACTION.validate_python(record.action)
    except ValidationError as exc:
        raise ReplayError(record.step, f"the recorded action is not valid: {exc.errors()[0]['msg']}") from None
    if isinstance(action, TypeSecret) and (vault is None or action.name not in vault):
        raise ReplayError(record.step, f"needs the secret {action.name}: pass --secret {action.name}=env:VAR")
    if isinstance(action, Wait):
        time.sleep(min(action.seconds, MAX_WAIT_S))
        return f"waited {min(action.seconds, MAX_WAIT_S)} s"
    view = perceive(device.observe(), redact=vault.redact if vault else None)
    if record.target is not None and getattr(action, "index", None) is not None:
        index = find_target(view, record.target)
        if index is None:
            raise ReplayError(record.step, f"target {describe(record.target)} is not on the screen "
                                           f"({view.package or 'unknown app'})")
        action = action.model_copy(update={"index": index})
    outcome = executor.execute(action, view)
    if not outcome.ok:
        raise ReplayError(record.step, f"{record.action_name} failed: {outcome.error}")
    return outcome.detail


def find_target(view: ModelView, target: Target) -> int | None:
    """The number of the element in `view` that is the recorded target; the nearest one when several fit."""
    matches = [(index, e) for index, e in view.targets.items() if _same(e, view.labels.get(index, ""), target)]
    if not matches:
        return None
    if len(target.bounds) == 4:
        cx, cy = (target.bounds[0] + target.bounds[2]) / 2, (target.bounds[1] + target.bounds[3]) / 2
        matches.sort(key=lambda m: abs(m[1].bounds.center[0] - cx) + abs(m[1].bounds.center[1] - cy))
    return matches[0][0]


def _same(element: UIElement, label: str, target: Target) -> bool:
    if element.class_name != target.class_name:
        return False
    if target.resource_id and element.resource_id != target.resource_id:
        return False
    if target.content_desc and element.content_desc != target.content_desc:
        return False
    # A field's text is what was typed into it; with an id to go by, it does not have to match.
    if target.text and not (element.editable and target.resource_id) and element.text != target.text:
        return False
    if not (target.resource_id or target.content_desc or target.text):
        # A bare row or icon is known by the label it was shown with (its children's texts).
        return label == target.label and element.text == ""
    return True


def describe(target: Target) -> str:
    label = target.text or target.content_desc or target.label
    parts = [target.class_name.rpartition(".")[2] or "element"]
    parts += [repr(label)] if label else []
    parts += [f"id={target.resource_id}"] if target.resource_id else []
    return " ".join(parts)
