"""act: carries out the operator's action through the executor, after the confirm gate.

Sensitive actions (send, pay, buy, delete, call, install, share; see agent/safety.py) follow the run's
`confirm` setting: `auto` goes ahead, `deny` skips the action and tells the operator, `ask` pauses the graph
with a LangGraph `interrupt()` whose answer (True / False, or "y" / "n") comes back through
`Command(resume=...)`. Everything before the interrupt is side-effect free, because LangGraph re-runs the node
from its start on resume.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic import BaseModel, TypeAdapter, ValidationError

from droidpilot.agent.actions import Action, ActionOutcome, Answer, AskUser, ShortcutCall
from droidpilot.agent.nodes.common import current_view
from droidpilot.agent.prompting import action_text
from droidpilot.agent.safety import sensitive_kind
from droidpilot.agent.state import AgentContext, AgentState, StepRecord, last_step
from droidpilot.emulator.device import DeviceLost
from droidpilot.shortcuts.lookup import lookup

log = logging.getLogger(__name__)
_ACTION: TypeAdapter[Any] = TypeAdapter(Action)


class UserQuestion(BaseModel):
    """What the agent asks the user (an `ask_user` interrupt's value); the answer resumes the graph."""

    step: int
    question: str


class ConfirmRequest(BaseModel):
    """What the user is asked before a sensitive action (the interrupt's value)."""

    step: int
    kind: str
    action: str
    target: str = ""
    summary: str = ""


def approved(answer: Any) -> bool:
    if isinstance(answer, str):
        return answer.strip().casefold() in ("y", "yes", "true", "ok", "allow")
    return answer is True


def act_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    record = last_step(state)
    decision = state.get("decision") or {}
    assert record is not None and decision, "act runs only after the operator chose an action"
    try:
        action = _ACTION.validate_python(decision["action"])
    except ValidationError as exc:  # a redacted value that no longer fits; report, do not crash
        record.outcome = ActionOutcome(ok=False, error=f"action cannot be executed: {exc.errors()[0]['msg']}") \
            .model_dump()
        return {"steps": [record.model_dump(mode="json")], "decision": None}
    resumed = ctx.cache.view is None  # a new process picked the run up right here
    view = current_view(ctx, state)
    if resumed and view.fingerprint != record.before.fingerprint:
        return _already_done(record)
    if isinstance(action, AskUser):
        return _ask_user(ctx, state, record, action)
    index = getattr(action, "index", None)
    element = view.targets.get(index) if isinstance(index, int) else None
    kind = sensitive_kind(action, element, view) or _shortcut_kind(ctx, action)
    allowed = not kind or _confirmed(ctx, record.step, kind, decision["action"], record.summary,
                                     view.describe(index) if isinstance(index, int) and element is not None else "")
    started = time.perf_counter()
    update: dict[str, Any] = {"decision": None}
    if not allowed:
        outcome = ActionOutcome(ok=False, sensitive=kind, error=f"not performed: the user does not allow {kind} "
                                                                "actions in this run")
        update["warnings"] = [*state.get("warnings", []), f"Step {record.step} ({kind}) was not performed: the "
                              "user does not allow it. Do not try it again; find another way or reply done with "
                              "status infeasible."]
    else:
        outcome = _execute(ctx, action, view)
        outcome.sensitive = kind
        if isinstance(action, Answer) and outcome.ok:
            update["answer"] = ctx.redact(action.text)
    record.outcome = ctx.redact(outcome.model_dump())
    record.timings["act_ms"] = round((time.perf_counter() - started) * 1000, 2)
    update["steps"] = [record.model_dump(mode="json")]
    return update


def _ask_user(ctx: AgentContext, state: AgentState, record: StepRecord, action: AskUser) -> dict[str, Any]:
    """Pause for the user's answer (the runner asks in a terminal, or ends the run as needs_user); the answer
    becomes a note every later prompt shows."""
    question = ctx.redact(action.question)
    answer = str(interrupt(UserQuestion(step=record.step, question=question).model_dump())).strip()
    record.outcome = ActionOutcome(ok=True, detail=f"the user answered: {answer}").model_dump()
    note = f"The user was asked {question!r} and answered: {answer}"
    return {"steps": [record.model_dump(mode="json")], "decision": None,
            "notes": [*(state.get("notes") or []), note]}


def _shortcut_kind(ctx: AgentContext, action: Any) -> str:
    """A shortcut marked sensitive (send_sms sends) goes through the same gate as a tap on Send."""
    if not isinstance(action, ShortcutCall) or not ctx.settings.shortcuts:
        return ""
    try:
        shortcut = lookup(action.name, ctx.shortcuts)
    except (sqlite3.Error, OSError, ValueError) as exc:  # unreadable library: the executor fails the same way
        log.warning("cannot look up shortcut %s: %s", action.name, exc)
        return ""
    return shortcut.sensitive if shortcut is not None else ""


def _already_done(record: StepRecord) -> dict[str, Any]:
    """After a kill between executing and checkpointing, the screen has moved on: the action most likely ran,
    and running it again could type text twice or send a message twice."""
    record.outcome = ActionOutcome(ok=True, detail="not repeated after resume: the screen had already changed") \
        .model_dump()
    return {"steps": [record.model_dump(mode="json")], "decision": None}


def _execute(ctx: AgentContext, action: Any, view: Any) -> ActionOutcome:
    """The executor reports expected failures itself; anything else it raises becomes a failed step too, except
    a lost device, which ends the run."""
    try:
        return ctx.executor.execute(action, view)
    except DeviceLost:
        raise
    except Exception as exc:
        log.warning("executing %s failed: %s", action_text(action.model_dump()), ctx.redact(str(exc)))
        log.debug("executor traceback", exc_info=True)
        return ActionOutcome(ok=False, error=f"{type(exc).__name__}: {exc}")


def _confirmed(ctx: AgentContext, step: int, kind: str, action: dict[str, Any], summary: str, target: str) -> bool:
    mode = ctx.settings.confirm
    if mode == "auto":
        return True
    if mode == "deny":
        return False
    request = ConfirmRequest(step=step, kind=kind, action=action_text(action), target=target, summary=summary)
    return approved(interrupt(ctx.redact(request.model_dump())))
