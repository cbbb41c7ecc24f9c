"""notetaker: keeps facts the task needs later (names, prices, addresses) in the state's notes.

Notes come first from the operator's `remember` field, at no extra cost. The LLM notetaker is called only when
it is likely to pay off: a subgoal the manager marked `collect` (it gathers information) has just been
completed and the operator remembered nothing on that step. Everything else (setting `notetaker="never"`, or
no collect subgoal) costs no call. Notes are deduplicated and bounded (`max_notes`, oldest dropped).
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime

from droidpilot.agent import prompting
from droidpilot.agent.nodes.common import add_tokens, ask, current_view, usage_update
from droidpilot.agent.nodes.outputs import NotesOutput
from droidpilot.agent.state import AgentContext, AgentSettings, AgentState, last_step, plan_of


def note_mode(state: AgentState, settings: AgentSettings) -> Literal["none", "merge", "llm"]:
    record = last_step(state)
    if record is None or record.verdict == "failure":
        return "none"
    if record.completed_subgoal is not None and not record.remember and settings.notetaker == "on_demand":
        subgoal = next((s for s in plan_of(state) if s.id == record.completed_subgoal), None)
        if subgoal is not None and subgoal.collect:
            return "llm"
    return "merge" if record.remember else "none"


def notetaker_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    record = last_step(state)
    assert record is not None
    notes = list(state.get("notes") or [])
    new = list(record.remember)
    update: dict[str, Any] = {}
    if note_mode(state, ctx.settings) == "llm":
        view = current_view(ctx, state)
        subgoal = next((s.text for s in plan_of(state) if s.id == record.completed_subgoal), record.subgoal)
        messages = prompting.messages("notetaker", [], goal=state["goal"], subgoal=subgoal,
                                      notes=prompting.notes_text(notes), **prompting.screen_values(view))
        call = ask(ctx, "notetaker", messages, NotesOutput)
        update["usage"] = usage_update("notetaker", call)
        add_tokens(record.tokens, "notetaker", call.usage)
        new += call.parsed.notes if call.parsed else []
        update["steps"] = [record.model_dump(mode="json")]
    update["notes"] = merge_notes(notes, ctx.redact(new), ctx.settings.max_notes)
    return update


def merge_notes(notes: list[str], new: list[str], limit: int) -> list[str]:
    merged = list(notes)
    for note in (" ".join(n.split()) for n in new):
        if note and note.casefold() not in (m.casefold() for m in merged):
            merged.append(note)
    return merged[-limit:]
