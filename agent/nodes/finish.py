"""finish: decides how the run ends. A `done(complete)` claim, from the operator or the manager, is checked
first: the completion checker (an LLM yes/no with a reason, on the final screen and the history) must agree.
A "not done" verdict sends control back to the manager with the reason, unless the rejections
(`max_rejections`) or the step budget are spent, in which case the run fails. `done(infeasible)` is accepted as
the run's verdict. Runs that stopped for other reasons (stuck, out of steps) only get their status here.

A "yes" must stand on evidence: the checker names it, and when no action changed the phone (a claim at step 0,
or a manager that calls the goal reached at once) the goal state must have been true on the first screen, with
evidence quoting that screen. Otherwise a schema-valid but empty answer could end a run "successfully".
"""

from __future__ import annotations

import json
import re
from typing import Any

from langgraph.runtime import Runtime

from droidpilot.agent import prompting
from droidpilot.agent.nodes.common import add_tokens, ask, current_view, usage_update
from droidpilot.agent.nodes.outputs import CompletionOutput
from droidpilot.agent.state import AgentContext, AgentState, StepRecord, last_step, plan_of, steps_of


def finish_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    if state.get("status", "running") != "running":
        return {}
    decision = state.get("decision") or {}
    action = decision.get("action") or {}
    if action.get("action") != "done":
        budget = ctx.settings.max_steps
        return {"status": "max_steps", "message": f"the step budget ({budget} steps) ran out before the goal "
                                                  "was reached"}
    record = last_step(state)
    record = record if record is not None and record.action_name == "done" and not record.verdict else None
    if action.get("status") == "infeasible":
        return _end(record, "infeasible", action.get("message") or "the agent found the goal infeasible")
    if not ctx.settings.completion_check:
        return _end(record, "complete", action.get("message") or "done")
    return _check(ctx, state, record, action)


def _check(ctx: AgentContext, state: AgentState, record: StepRecord | None, action: dict[str, Any]) -> dict[str, Any]:
    view = current_view(ctx, state)
    by = (state.get("decision") or {}).get("by")
    claim = f"done: {action.get('message') or '(no message)'} (claimed by the {by})"
    values = dict(
        goal=state["goal"], claim=claim, answer=state.get("answer") or prompting.NONE,
        plan=prompting.plan_text(plan_of(state)), history=prompting.history_text(steps_of(state), 12),
        notes=prompting.notes_text(state.get("notes") or []), **prompting.screen_values(view))
    call = ask(ctx, "completion", lambda vision: prompting.screen_messages("completion", view, vision, **values),
               CompletionOutput, state.get("step", 0))
    update: dict[str, Any] = {"usage": usage_update("completion", call)}
    if record is not None:
        add_tokens(record.tokens, "completion", call.usage)
        record.timings["model_ms"] = round(record.timings.get("model_ms", 0.0) + call.ms, 2)
    out = call.parsed
    doubt = unsupported(out, steps_of(state), state.get("answer", ""), view.elements_text) if out is not None else ""
    if out is not None and out.complete and not doubt:
        return {**update, **_end(record, "complete", out.reason or out.evidence or action.get("message") or "done")}
    reason = ctx.redact(doubt or (out.reason or out.evidence if out is not None
                                  else f"the check could not be made ({call.error})"))
    rejections = state.get("rejections", 0) + 1
    if rejections > ctx.settings.max_rejections or state.get("step", 0) >= ctx.settings.max_steps:
        return {**update, **_end(record, "failed", f"the goal was not reached: {reason}", verdict="failure")}
    if record is not None:
        record.verdict, record.feedback, record.after = "failure", f"completion check: {reason}", record.before
        record.page_after = record.page_before
        record.outcome = {"ok": False, "error": f"rejected by the completion check: {reason}"}
        update["steps"] = [record.model_dump(mode="json")]
    return {**update, "rejections": rejections, "decision": None,
            "escalation": f"the completion check says the goal is not reached yet: {reason}"}


def _end(record: StepRecord | None, status: str, message: str, verdict: str = "success") -> dict[str, Any]:
    update: dict[str, Any] = {"status": status, "message": message, "decision": None}
    if record is not None:
        record.verdict, record.feedback, record.after = verdict, message, record.before  # type: ignore[assignment]
        record.page_after = record.page_before
        record.outcome = {"ok": verdict == "success", "detail": f"{status}: {message}"}
        update["steps"] = [record.model_dump(mode="json")]
    return update


_DEVICE_FREE = ("done", "answer", "wait")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def unsupported(out: CompletionOutput, steps: list[StepRecord], answer: str, elements_text: str) -> str:
    """Why a "complete" verdict cannot be accepted, or "" when it can."""
    if not out.complete:
        return ""
    acted = any(s.ok and s.action_name not in _DEVICE_FREE for s in steps)
    if acted or answer:
        return ""
    if not out.already_true:
        return ("no action has changed the phone yet, and the check does not say the goal state was already true "
                "on the first screen")
    if not _quotes_screen(out.evidence, elements_text):
        return "the check says the goal state was already true, but its evidence quotes nothing on the screen"
    return ""


def _quotes_screen(evidence: str, elements_text: str) -> bool:
    """The evidence names a text shown on the screen (an element's label or one of its parts)."""
    wanted = evidence.casefold()
    for match in _QUOTED.finditer(elements_text):
        try:
            label = json.loads(f'"{match.group(1)}"')
        except ValueError:
            continue
        if any(len(part) >= 3 and part.casefold() in wanted for part in label.split(" | ")):
            return True
    return False
