"""The UI transition graph (UTG): states, the events each offers and which were tried, and observed transitions.

Navigation uses only effective in-app edges (to another state of the app) and, where one event was seen to lead
to several states, the most frequent one. `utg_dict` writes DroidBot's `utg.js` layout as JSON.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from droidpilot.crawler.events import EVENT_TYPES, CrawlEvent
from droidpilot.crawler.state import OUTSIDE, tag_str

MAX_MISSES = 2
"""Times an event may be wanted but not found on screen before it counts as explored."""


@dataclass
class Node:
    id: str
    package: str
    activity: str
    title: str
    tag: int
    events: dict[str, CrawlEvent] = field(default_factory=dict)
    tried: set[str] = field(default_factory=set)
    misses: Counter[str] = field(default_factory=Counter)
    records: list[int] = field(default_factory=list)
    variant_tags: dict[str, int] = field(default_factory=dict)
    """The record (its tag) of each content variant written for this state."""

    def unexplored(self) -> list[CrawlEvent]:
        todo = [e for e in self.events.values() if e.id not in self.tried and self.misses[e.id] < MAX_MISSES]
        return sorted(todo, key=lambda e: e.priority)


@dataclass
class EdgeInfo:
    count: int
    first_step: int
    kind: str
    view_str: str = ""


class Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], EdgeInfo] = {}
        self._targets: dict[tuple[str, str], Counter[str]] = {}
        self.root: str | None = None
        self.app_edges: Counter[tuple[str, str, str]] = Counter()
        """(from, event id, to) across the app's border: the launcher into a state, a state to another app's
        `package/activity`. Not part of the state graph (exploration never walks them)."""

    # -- building -------------------------------------------------------------------------------------------
    def add_node(self, state: str, package: str, activity: str, title: str, tag: int) -> Node:
        node = self.nodes.get(state)
        if node is None:
            node = self.nodes[state] = Node(state, package, activity, title, tag)
        return node

    def add_events(self, state: str, events: list[CrawlEvent]) -> list[CrawlEvent]:
        """Union the capture's events into the state's; returns those the state did not have."""
        node = self.nodes[state]
        fresh = [e for e in events if e.id not in node.events]
        for event in fresh:
            node.events[event.id] = event
        return fresh

    def add_transition(self, source: str | None, event: CrawlEvent, target: str, step: int,
                       view_str: str = "") -> None:
        if source is None or source == OUTSIDE:
            return
        node = self.nodes.get(source)
        if node is not None:
            node.tried.add(event.id)
        key = (source, event.id, target)
        info = self.edges.get(key)
        if info is None:
            self.edges[key] = EdgeInfo(1, step, event.kind, view_str)
        else:
            info.count += 1
        self._targets.setdefault((source, event.id), Counter())[target] += 1

    def add_app_edge(self, source: str, event_id: str, target: str) -> None:
        self.app_edges[(source, event_id, target)] += 1

    def miss(self, state: str, event_id: str) -> None:
        self.nodes[state].misses[event_id] += 1

    # -- reading --------------------------------------------------------------------------------------------
    def target(self, state: str, event_id: str) -> str | None:
        counts = self._targets.get((state, event_id))
        return counts.most_common(1)[0][0] if counts else None

    def neighbours(self, state: str) -> list[tuple[str, str]]:
        """(event id, target) of the effective in-app edges out of a state, in discovery order."""
        node = self.nodes.get(state)
        if node is None:
            return []
        out = []
        for event_id in node.events:
            target = self.target(state, event_id)
            if target is not None and target not in (state, OUTSIDE) and target in self.nodes:
                out.append((event_id, target))
        return out

    def path(self, source: str, goal: Callable[[str], bool]) -> list[tuple[str, str]] | None:
        """The shortest list of (state, event id) steps from `source` to the nearest state meeting `goal`;
        [] when `source` meets it; None when none is reachable."""
        if goal(source):
            return []
        came: dict[str, tuple[str, str] | None] = {source: None}
        queue = deque([source])
        while queue:
            state = queue.popleft()
            for event_id, target in self.neighbours(state):
                if target in came:
                    continue
                came[target] = (state, event_id)
                if goal(target):
                    return _unwind(came, target)
                queue.append(target)
        return None

    def depths(self, root: str | None = None) -> dict[str, int]:
        root = root or self.root
        if root is None:
            return {}
        depth = {root: 0}
        queue = deque([root])
        while queue:
            state = queue.popleft()
            for _event, target in self.neighbours(state):
                if target not in depth:
                    depth[target] = depth[state] + 1
                    queue.append(target)
        return depth

    def frontier(self) -> list[str]:
        """States with events left to try, in discovery order."""
        return [s for s, node in self.nodes.items() if node.unexplored()]

    @property
    def num_transitions(self) -> int:
        """Distinct effective transitions between states of the app."""
        return sum(1 for (a, _e, b) in self.edges if b not in (a, OUTSIDE) and a != OUTSIDE)

    def num_tried(self) -> int:
        return sum(len(n.tried) for n in self.nodes.values())


def _unwind(came: dict[str, tuple[str, str] | None], goal: str) -> list[tuple[str, str]]:
    steps: list[tuple[str, str]] = []
    hop = came[goal]
    while hop is not None:
        steps.append(hop)
        hop = came[hop[0]]
    return steps[::-1]


def _html_table(rows: list[tuple[str, object]]) -> str:
    cells = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(str(v))}</td></tr>\n" for k, v in rows)
    return f'<table class="table">\n{cells}</table>'


def _node(n: Node) -> dict[str, Any]:
    short = n.activity.rpartition(".")[2]
    return {"id": n.id, "shape": "image", "image": f"states/screen_{tag_str(n.tag)}.png", "label": short,
            "package": n.package, "activity": n.activity, "state_str": n.id, "structure_str": n.id,
            "title": _html_table([("package", n.package), ("activity", n.activity), ("state_str", n.id),
                                  ("title", n.title)]),
            "content": "\n".join([n.package, n.activity, n.id, n.title]), "tag": tag_str(n.tag),
            "page_title": n.title, "records": [tag_str(r) for r in n.records], "num_events": len(n.events),
            "num_tried": len(n.tried)}


def utg_edges(graph: Graph) -> list[dict[str, Any]]:
    """Effective in-app transitions grouped by (from, to), each with its events in discovery order."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for (source, event_id, target), info in sorted(graph.edges.items(), key=lambda item: item[1].first_step):
        if source == target or OUTSIDE in (source, target):
            continue
        views = [f"views/view_{info.view_str}.png"] if info.view_str else []
        grouped.setdefault((source, target), []).append(
            {"event_str": event_id, "event_id": info.first_step, "event_type": EVENT_TYPES[info.kind],
             "view_images": views, "count": info.count})
    return [{"from": a, "to": b, "id": f"{a}-->{b}",
             "title": _html_table([(str(e["event_id"]), e["event_str"]) for e in events]),
             "label": ", ".join(str(e["event_id"]) for e in events), "events": events}
            for (a, b), events in grouped.items()]


def utg_dict(graph: Graph, totals: dict[str, Any]) -> dict[str, Any]:
    """DroidBot's utg.js content: nodes, edges grouped by (from, to) with their events, and totals."""
    nodes = [_node(n) for n in graph.nodes.values()]
    edges = utg_edges(graph)
    effective = sum(1 for (a, _e, b) in graph.edges if a != b and a != OUTSIDE)
    activities = {n.activity for n in graph.nodes.values()}
    summary = {"num_nodes": len(nodes), "num_edges": len(edges), "num_effective_events": effective,
               "num_reached_activities": len(activities), "num_transitions": sum(i.count for i in graph.edges.values())}
    app_edges = [{"from": a, "to": b, "event_str": e, "count": n} for (a, e, b), n in graph.app_edges.items()]
    return {"nodes": nodes, "edges": edges, **summary, "app_edges": app_edges, **totals}
