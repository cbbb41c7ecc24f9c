"""The agent as a LangGraph `StateGraph`: perceive -> reflector -> [notetaker] -> [manager] -> operator -> act
-> perceive ..., with finish deciding how the run ends.

Each step begins with one perception, which is both the after-screen the reflector judges the previous step on
and the before-screen the operator decides the next step from. Routing lives in the small functions below, each
with a `Literal` return type so the drawn topology (tests/agent/graph_topology.mmd) is exact.
"""

from __future__ import annotations

from typing import Literal

from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Checkpointer

from droidpilot.agent.nodes.act import act_node
from droidpilot.agent.nodes.finish import finish_node
from droidpilot.agent.nodes.manager import manager_node
from droidpilot.agent.nodes.notetaker import note_mode, notetaker_node
from droidpilot.agent.nodes.operator import operator_node
from droidpilot.agent.nodes.perceive import perceive_node
from droidpilot.agent.nodes.reflector import reflector_node
from droidpilot.agent.state import AgentContext, AgentState, plan_of

Next = Literal["manager", "operator", "finish"]


def route_next(state: AgentState, runtime: Runtime[AgentContext]) -> Next:
    """Where a step goes once judged: finish when the run stopped or the budget is spent, the manager when there
    is no plan or the run escalated, else the operator."""
    if state.get("status", "running") != "running" or state.get("step", 0) >= runtime.context.settings.max_steps:
        return "finish"
    if state.get("escalation") or not plan_of(state):
        return "manager"
    return "operator"


def after_reflector(state: AgentState, runtime: Runtime[AgentContext]) -> Literal["notetaker", "manager", "operator",
                                                                                  "finish"]:
    if state.get("status", "running") == "running" and note_mode(state, runtime.context.settings) != "none":
        return "notetaker"
    return route_next(state, runtime)


def after_manager(state: AgentState) -> Literal["operator", "finish"]:
    """The manager either planned (operator), declared the goal complete / infeasible, or failed (finish)."""
    if state.get("status", "running") != "running":
        return "finish"
    return "finish" if (state.get("decision") or {}).get("by") == "manager" else "operator"


def after_operator(state: AgentState) -> Literal["act", "finish", "perceive"]:
    action = (state.get("decision") or {}).get("action") or {}
    if not action:
        return "perceive"  # unusable reply: a failed step; look again and let the reflector count it
    return "finish" if action.get("action") == "done" else "act"


def after_finish(state: AgentState) -> Literal["manager", "__end__"]:
    # langgraph's END, spelled out: END is typed as a plain str, and the Literal return type names the edges
    return "__end__" if state.get("status", "running") != "running" else "manager"


def build_graph() -> StateGraph[AgentState, AgentContext]:
    graph = StateGraph(AgentState, context_schema=AgentContext)
    graph.add_node("perceive", perceive_node)
    graph.add_node("reflector", reflector_node)
    graph.add_node("notetaker", notetaker_node)
    graph.add_node("manager", manager_node)
    graph.add_node("operator", operator_node)
    graph.add_node("act", act_node)
    graph.add_node("finish", finish_node)
    graph.add_edge(START, "perceive")
    graph.add_edge("perceive", "reflector")
    graph.add_conditional_edges("reflector", after_reflector)
    graph.add_conditional_edges("notetaker", route_next)
    graph.add_conditional_edges("manager", after_manager)
    graph.add_conditional_edges("operator", after_operator)
    graph.add_edge("act", "perceive")
    graph.add_conditional_edges("finish", after_finish)
    return graph


def compile_graph(checkpointer: Checkpointer = None) -> CompiledStateGraph[AgentState, AgentContext]:
    return build_graph().compile(checkpointer=checkpointer)
