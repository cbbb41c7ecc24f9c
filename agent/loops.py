"""Trajectory-level loop checks (MobileUse's deterministic detectors): the same action on the same screen,
screens cycling A-B-A-B (or A-B-C-A-B-C), and steps that change nothing. Pure functions over step records, so
they cost nothing and can be tested without a phone or a model.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel

from droidpilot.agent.state import StepRecord

# Actions that legitimately repeat on one screen (waiting for something, paging through a list) or that do not
# touch the device; they never count as "the same action again" or "nothing changed".
_PASSIVE = {"wait", "answer", "done", ""}
_REPEATABLE = {"wait", "scroll", "swipe", "answer", "done", ""}


class LoopSignal(BaseModel):
    kind: Literal["repeat", "cycle", "unchanged"]
    detail: str


def detect_loop(steps: list[StepRecord], *, repeat: int = 3, unchanged: int = 3) -> LoopSignal | None:
    """The first loop pattern the most recent reflected steps show, or None."""
    done = [s for s in steps if s.after is not None and s.action is not None]
    return _repeated(done, repeat) or _cycle(done) or _unchanged(done, unchanged)


def _action_key(step: StepRecord) -> str:
    return json.dumps(step.action, sort_keys=True)


def _repeated(steps: list[StepRecord], n: int) -> LoopSignal | None:
    tail = steps[-n:]
    if len(tail) < n or tail[-1].action_name in _REPEATABLE:
        return None
    keys = {(_action_key(s), s.before.fingerprint) for s in tail}
    if len(keys) == 1:
        return LoopSignal(kind="repeat", detail=f"the same action ({_describe(tail[-1])}) was tried {n} times on "
                                                "the same screen")
    return None


def _cycle(steps: list[StepRecord]) -> LoopSignal | None:
    screens = [s.before.fingerprint for s in steps]
    for period in (2, 3):
        window = screens[-2 * period:]
        if len(window) < 2 * period or len(set(window[:period])) < period:
            continue
        if window[:period] == window[period:]:
            return LoopSignal(kind="cycle", detail=f"the screens are going round in a cycle of {period} "
                                                   "without progress")
    return None


def _unchanged(steps: list[StepRecord], n: int) -> LoopSignal | None:
    tail = steps[-n:]
    if len(tail) < n:
        return None
    if all(s.action_name not in _PASSIVE and s.after is not None and s.after.fingerprint == s.before.fingerprint
           for s in tail):
        return LoopSignal(kind="unchanged", detail=f"the last {n} actions did not change the screen at all")
    return None


def _describe(step: StepRecord) -> str:
    action = step.action or {}
    args = ", ".join(f"{k}={v!r}" for k, v in action.items() if k != "action")
    return f"{step.action_name}({args})"
