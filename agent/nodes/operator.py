"""operator: one action per step for the current subgoal, from the set-of-mark screenshot, the indexed element
list, a bounded window of recent steps and any warnings. Every call is a step (it spends budget), so a model
that keeps answering garbage still ends the run; an unusable reply is recorded as a failed step and the
operator is told what was wrong on the next try."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from droidpilot.agent import prompting, recall
from droidpilot.agent.coords import Frame, map_action
from droidpilot.agent.nodes.common import (
    add_tokens,
    ask,
    current_page,
    current_view,
    device_time,
    installed_apps,
    semantic_of,
    target_of,
    usage_update,
)
from droidpilot.agent.nodes.outputs import OperatorOutput
from droidpilot.agent.state import (
    AgentContext,
    AgentState,
    RoleUsage,
    ScreenSummary,
    StepRecord,
    active_subgoal,
    plan_of,
    steps_of,
)

FINISH_SUBGOAL = ("All planned subgoals are done. Check on the screen that the goal is reached and reply done, "
                  "or act on what is still missing.")


def operator_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    view = current_view(ctx, state)
    step = state.get("step", 0) + 1
    subgoal = active_subgoal(state)
    mode = ctx.settings.mode("operator")
    values = dict(
        goal=state["goal"], plan=prompting.plan_text(plan_of(state)),
        subgoal=subgoal.text if subgoal else FINISH_SUBGOAL, notes=prompting.notes_text(state.get("notes") or []),
        history=prompting.history_text(steps_of(state), ctx.settings.history_window),
        warnings=prompting.warnings_text(state.get("warnings") or []),
        secrets=", ".join(ctx.secret_names()) or prompting.NONE,
        shortcuts=recall.operator_shortcuts_text(ctx, subgoal.text if subgoal else state["goal"]),
        device_time=device_time(ctx), apps=prompting.apps_text(installed_apps(ctx)),
        known_pages=recall.known_pages(ctx, subgoal.text if subgoal else state["goal"], current_page(ctx, view),
                                       ctx.settings.known_pages)[0] + recall.app_tips_text(ctx, view.package),
        **prompting.screen_values(view))
    call = ask(ctx, "operator", lambda vision: prompting.screen_messages("operator", view, vision, mode.coords,
                                                                        **values), OperatorOutput, step)
    record = _record(state, step, subgoal.text if subgoal else "(finish)", call.usage, call.ms)
    record.page_before = current_page(ctx, view)
    update: dict[str, Any] = {"step": step, "usage": usage_update("operator", call), "warnings": [], "carry": {}}
    out = call.parsed
    if out is None:
        record.outcome = {"ok": False, "error": f"unusable reply: {call.error}"}
        update["warnings"] = [f"Your last reply could not be used ({call.error}). Reply with one JSON object "
                              "that fits the schema, with one of the listed actions."]
        update["decision"] = None
    else:
        said = out.action.model_dump(mode="json", exclude_none=True)
        action = ctx.redact(map_action(said, Frame(mode.coords, call.vision, view.image.size, view.screen_size)))
        record.model_action = ctx.redact(said) if action != said else None
        record.thought, record.summary = ctx.redact(out.thought), ctx.redact(out.summary)
        record.action, record.target = action, target_of(view, action)
        record.semantic_action = semantic_of(ctx, view, action)
        record.subgoal_done, record.remember = out.subgoal_done, ctx.redact(out.remember)
        update["decision"] = {"by": "operator", "action": action}
    update["steps"] = [ctx.redact(record.model_dump(mode="json"))]
    return update


def _record(state: AgentState, step: int, subgoal: str, usage: RoleUsage, ms: float) -> StepRecord:
    carry = state.get("carry") or {}
    tokens = {role: RoleUsage.model_validate(u) for role, u in (carry.get("tokens") or {}).items()}
    add_tokens(tokens, "operator", usage)
    return StepRecord(step=step, subgoal=subgoal, before=ScreenSummary.model_validate(state.get("screen") or {}),
                      tokens=tokens, t0=state.get("perceive_t0", 0.0),
                      timings={"perceive_ms": state.get("perceive_ms", 0.0),
                               "model_ms": round(carry.get("model_ms", 0.0) + ms, 2)})
