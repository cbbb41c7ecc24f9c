"""reflector: judges the last step on the screen that followed it, then keeps the run's books (failures,
subgoal progress, loops, escalation, stuck).

Reflection on demand: deterministic checks decide first, with no model call:
- the executor reported an error, or the reply was unusable -> failure;
- `answer` / `wait` -> success (nothing on screen is expected to change);
- the screen fingerprint did not change after a device action -> failure ("no change");
- the screen changed -> success, unless
  * the foreground app changed without an action meant to switch apps (open_app, open_uri, home, back,
    recents): a surprise, so the LLM reflector looks at it, or
  * the current subgoal has taken K (`subgoal_check_every`) steps or a multiple of K: the LLM checks the
    step is really progress.
With `reflection="always"` the LLM judges every executed device action; with `"never"` undecided cases count
as "uncertain" (neither success nor failure).

Escalation ladder: `escalate_after` consecutive failures, or a second loop detection, ask the manager to
re-plan; the first loop detection only warns the operator; a third loop detection, or more than
`max_escalations` re-plans without completing a subgoal, stops the run as "stuck".
"""

from __future__ import annotations

import time
from typing import Any, NamedTuple

from langgraph.runtime import Runtime

from droidpilot.agent import prompting
from droidpilot.agent.loops import detect_loop
from droidpilot.agent.nodes.common import add_tokens, ask, current_page, current_view, summarize, usage_update
from droidpilot.agent.nodes.outputs import ReflectorOutput
from droidpilot.agent.state import (
    AgentContext,
    AgentSettings,
    AgentState,
    ScreenSummary,
    StepRecord,
    Subgoal,
    active_subgoal,
    last_step,
    plan_of,
    steps_of,
)

_NO_SCREEN_CHANGE_EXPECTED = {"answer", "wait", "ask_user"}
_SELF_CHECKED = {"shortcut"}  # the shortcut executor verified every step's postcondition itself
_SWITCHES_APPS = {"open_app", "open_uri", "shortcut"}
_SWITCHING_KEYS = {"home", "back", "recents"}


class Judgement(NamedTuple):
    verdict: str
    feedback: str
    ask_llm: str = ""  # why the rules could not decide


def reflector_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    record = last_step(state)
    if record is None or record.verdict:
        return {}
    started = time.perf_counter()
    view = current_view(ctx, state)
    record.after = summarize(view)
    record.page_after = current_page(ctx, view)
    judgement = judge(record, record.after, active_subgoal(state), ctx.settings)
    update: dict[str, Any] = {}
    if judgement.ask_llm:
        judgement = _ask_reflector(ctx, state, record, view, judgement, update)
    record.verdict, record.feedback = judgement.verdict, ctx.redact(judgement.feedback)  # type: ignore[assignment]
    record.reflected_by = record.reflected_by or "rules"
    record.timings["reflect_ms"] = round((time.perf_counter() - started) * 1000, 2)
    if record.t0 and state.get("perceive_t0"):  # one whole cycle: this step's perception to the next one's
        record.timings["step_ms"] = round((state["perceive_t0"] - record.t0) * 1000, 2)
    update.update(bookkeeping(state, record, ctx.settings))
    update["steps"] = [record.model_dump(mode="json")]
    return update


def judge(record: StepRecord, after: ScreenSummary, subgoal: Subgoal | None, settings: AgentSettings) -> Judgement:
    """The deterministic verdict, or the reason the LLM reflector must decide (`ask_llm`)."""
    outcome = record.outcome or {}
    if not outcome.get("ok"):
        return Judgement("failure", str(outcome.get("error") or "the action failed"))
    name = record.action_name
    if name in _NO_SCREEN_CHANGE_EXPECTED or name in _SELF_CHECKED:
        return Judgement("success", "")
    if after.fingerprint == record.before.fingerprint:
        return Judgement("failure", "no change: the screen is exactly as before the action")
    undecided = _surprise(record, after, subgoal, settings)
    if settings.reflection == "always":
        undecided = undecided or "reflection is on for every step"
    if undecided:
        verdict = "uncertain" if settings.reflection == "never" else "success"
        return Judgement(verdict, "", "" if settings.reflection == "never" else undecided)
    return Judgement("success", "")


def _surprise(record: StepRecord, after: ScreenSummary, subgoal: Subgoal | None, settings: AgentSettings) -> str:
    key = (record.action or {}).get("key")
    switching = record.action_name in _SWITCHES_APPS or key in _SWITCHING_KEYS
    if after.package != record.before.package and not switching:
        return f"the app changed from {record.before.package} to {after.package} unexpectedly"
    if subgoal is not None and subgoal.started_step:
        spent = record.step - subgoal.started_step + 1
        if spent >= settings.subgoal_check_every and spent % settings.subgoal_check_every == 0:
            return f"{spent} steps have gone into the current subgoal"
    return ""


def _ask_reflector(ctx: AgentContext, state: AgentState, record: StepRecord, view: Any, rules: Judgement,
                   update: dict[str, Any]) -> Judgement:
    before = ctx.cache.previous_view
    values = dict(
        goal=state["goal"], subgoal=record.subgoal,
        action=prompting.action_text(record.action), summary=record.summary or "(not given)",
        outcome=(record.outcome or {}).get("detail") or "ok", reason=rules.ask_llm,
        **prompting.screen_values(before, "before_"), **prompting.screen_values(view, "after_"))
    call = ask(ctx, "reflector", lambda vision: prompting.screen_messages("reflector", view, vision, **values),
               ReflectorOutput, record.step)
    update["usage"] = usage_update("reflector", call)
    add_tokens(record.tokens, "reflector", call.usage)
    record.timings["model_ms"] = round(record.timings.get("model_ms", 0.0) + call.ms, 2)
    out = call.parsed
    if out is None:
        return Judgement("uncertain", "")
    record.reflected_by = "llm"
    verdict = {"success": "success", "uncertain": "uncertain"}.get(out.outcome, "failure")
    prefix = {"wrong_page": "wrong page: ", "no_change": "no change: "}.get(out.outcome, "")
    return Judgement(verdict, prefix + out.reason)


def bookkeeping(state: AgentState, record: StepRecord, settings: AgentSettings) -> dict[str, Any]:
    """Counters, subgoal progress, loop ladder and escalation after a judged step."""
    failed = record.verdict == "failure"
    update: dict[str, Any] = {"failures": state.get("failures", 0) + 1 if failed else 0}
    active = active_subgoal(state)
    if not failed and record.subgoal_done and active is not None:
        plan = advance(plan_of(state), record.step + 1)
        record.completed_subgoal = active.id
        update.update(plan=[s.model_dump() for s in plan], loop_strikes=0, escalations=0)
    escalation = f"{update['failures']} steps in a row failed" if update["failures"] >= settings.escalate_after else ""
    escalation = _loops(state, record, settings, update) or escalation
    if escalation and update.get("status") is None:
        escalations = (0 if "escalations" in update else state.get("escalations", 0)) + 1
        if escalations > settings.max_escalations:
            update.update(status="stuck", message=f"stuck: re-planned {settings.max_escalations} times without "
                                                  f"progress ({escalation})")
        else:
            update.update(escalation=escalation, escalations=escalations)
    return update


def advance(plan: list[Subgoal], next_step: int) -> list[Subgoal]:
    """The plan with the active subgoal done and the next pending one active."""
    out = [s.model_copy() for s in plan]
    following = None
    for s in out:
        if s.status == "active":
            s.status = "done"
        elif following is None and s.status == "pending":
            following = s
    if following is not None:
        following.status, following.started_step = "active", next_step
    return out


def _loops(state: AgentState, record: StepRecord, settings: AgentSettings, update: dict[str, Any]) -> str:
    """Warn, then escalate, then stop; returns an escalation reason when the ladder says so."""
    signal = detect_loop([*steps_of(state)[:-1], record], repeat=settings.loop_repeat,
                         unchanged=settings.loop_unchanged)
    strikes = update.get("loop_strikes", state.get("loop_strikes", 0))
    if signal is None or (strikes and record.step - state.get("loop_step", 0) < 2):
        return ""
    strikes += 1
    update.update(loop_strikes=strikes, loop_step=record.step)
    if strikes == 1:
        update["warnings"] = [*state.get("warnings", []), f"Loop warning: {signal.detail}. Do something different "
                              "(another element, scroll, go back, or another route)."]
        return ""
    if strikes == 2:
        return f"loop detected: {signal.detail}"
    update.update(status="stuck", message=f"stuck: {signal.detail}")
    return ""
