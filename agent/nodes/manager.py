"""manager: plans subgoals from the goal, the notes and the screen, and re-plans when the run escalates
(consecutive failures, a loop, a rejected `done`): Mobile-Agent-E's "potentially stuck" path.

It answers the subgoals that remain; done subgoals stay in the plan as history. A reply that cannot be used
(prose, `{}`, "continue" with no subgoals) is re-asked once by the model layer; unusable again, the run fails:
it is never taken for "nothing left to do".
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from droidpilot.agent import prompting, recall
from droidpilot.agent.nodes.common import ask, current_page, current_view, installed_apps, usage_update
from droidpilot.agent.nodes.outputs import ManagerOutput, PlannedSubgoal
from droidpilot.agent.perception import ModelView
from droidpilot.agent.state import AgentContext, AgentState, Subgoal, active_subgoal, add_usage, plan_of, steps_of


def manager_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    view = current_view(ctx, state)
    plan = plan_of(state)
    escalation = state.get("escalation", "")
    failed = [s for s in steps_of(state)[-4:] if s.verdict == "failure"]
    values = dict(
        goal=state["goal"], plan=prompting.plan_text(plan),
        notes=prompting.notes_text(state.get("notes") or []), apps=prompting.apps_text(installed_apps(ctx)),
        escalation=prompting.escalation_text(escalation, failed), **_recalled(ctx, state, view),
        **prompting.screen_values(view))
    coords = ctx.settings.mode("manager").coords
    call = ask(ctx, "manager", lambda vision: prompting.screen_messages("manager", view, vision, coords, **values),
               ManagerOutput, state.get("step", 0) + 1)
    update: dict[str, Any] = {"usage": usage_update("manager", call), "escalation": "", "failures": 0,
                              "carry": _carry(state, call.usage.model_dump(), call.ms)}
    out = call.parsed
    if out is None:  # unusable twice (the model layer re-asked once): a failed run, never a completion
        update.update(status="failed", decision=None,
                      message=f"the planner's replies could not be used: {call.error}")
        return update
    if out.status != "continue":
        update["decision"] = {"by": "manager", "action": {"action": "done", "status": out.status,
                                                          "message": out.reason or out.thought}}
        return update
    update["plan"] = _dump(replan(plan, out.subgoals, state["step"] + 1))
    return update


def _recalled(ctx: AgentContext, state: AgentState, view: ModelView) -> dict[str, str]:
    """Shortcuts, known pages and tips for this plan, chosen by the goal (and the subgoal being re-planned)."""
    subgoal = active_subgoal(state)
    query = state["goal"] + (f" {subgoal.text}" if subgoal is not None else "")
    pages, page_apps = recall.known_pages(ctx, query, current_page(ctx, view), ctx.settings.known_pages)
    apps = [view.package, *recall.apps_in(ctx, query), *(s.before.package for s in steps_of(state)), *page_apps]
    listed = recall.shortcuts_text(ctx, query, ctx.settings.max_shortcuts)
    return {"shortcuts": listed or "(none in this run)", "known_pages": pages, "tips": recall.tips_text(ctx, apps)}


def replan(plan: list[Subgoal], remaining: list[PlannedSubgoal], next_step: int) -> list[Subgoal]:
    """Done subgoals kept, open ones replaced by `remaining`; the first of those becomes active."""
    kept = [s for s in plan if s.status == "done"]
    start = _next_id(plan)
    fresh = [Subgoal(id=start + i, text=p.text, collect=p.collect, status="active" if i == 0 else "pending",
                     started_step=next_step if i == 0 else 0) for i, p in enumerate(remaining)]
    return kept + fresh


def _next_id(plan: list[Subgoal]) -> int:
    return max((s.id for s in plan), default=0) + 1


def _dump(plan: list[Subgoal]) -> list[dict[str, Any]]:
    return [s.model_dump() for s in plan]


def _carry(state: AgentState, usage: dict[str, Any], ms: float) -> dict[str, Any]:
    """Manager tokens and time are reported with the step that follows."""
    carry = dict(state.get("carry") or {})
    carry["tokens"] = add_usage(carry.get("tokens"), {"manager": usage})
    carry["model_ms"] = carry.get("model_ms", 0.0) + ms
    return carry
