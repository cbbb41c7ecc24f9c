"""Exploration policies. Each step the explorer asks `choose(ctx)` for one of: an event of the current state
(a fresh one to explore, or the next hop of a navigation), a restart of the app, a seek (scroll to bring
off-screen events of this state into view), or done.

- `dfs` (DroidBot's dfs_greedy): an unexplored event here; else walk the transition graph to the nearest state
  with unexplored events; else restart the app; done when no such state can be reached even from a fresh start.
- `bfs`: the same, but always toward the unexplored states nearest the app's start page.
- `random` (seeded): a random unexplored event here; else walk to a random state with unexplored events.
- `replay` (Mobile3M): restart the app and replay the action path to a frontier page, checking each page on
  the way, then take one new action there; pages deeper than the depth cap are not expanded.
- `llm` lives in `crawler.llm_policy`: dfs whose order is the model's ranking.

A navigation that keeps failing toward the same state (NAV_LIMIT hops) blocks that state, so the crawler never
livelocks on a screen it cannot get back to (DroidBot PR #169).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from PIL import Image

from droidpilot.crawler.events import BACK, CrawlEvent
from droidpilot.crawler.graph import Graph
from droidpilot.emulator.device import UIElement

NAV_LIMIT = 15
SHALLOW = 3
"""Replay: frontier pages up to this depth are expanded in order, deeper ones at random (Mobile3M)."""


@dataclass
class PolicyContext:
    graph: Graph
    here: str
    live: dict[str, UIElement]
    restarted: bool
    """True when the last step was a restart, so restarting again would not help."""
    rng: random.Random
    screenshot: Image.Image | None = None
    """The screen the step starts on (redacted when the crawl redacts), for policies that look at it."""

    def ready(self, events: list[CrawlEvent]) -> list[CrawlEvent]:
        return [e for e in events if e.id in self.live or e.kind == "back"]


class Choice(NamedTuple):
    action: Literal["event", "restart", "seek", "done"]
    event_id: str = ""
    explore: bool = False


RESTART_CHOICE = Choice("restart")
SEEK = Choice("seek")
DONE = Choice("done")


class Policy(Protocol):
    name: str

    def choose(self, ctx: PolicyContext) -> Choice: ...

    def text_for(self, state: str, event: CrawlEvent) -> str | None:
        """The text to type for a `type` event, or None for the input dictionary's."""
        ...


class GraphPolicy:
    """dfs: explore here, else go to the nearest state with something left, else restart."""

    name = "dfs"

    def __init__(self) -> None:
        self.blocked: set[str] = set()
        self.target: str | None = None
        self.nav_steps = 0

    def text_for(self, state: str, event: CrawlEvent) -> str | None:
        return None

    def order(self, ctx: PolicyContext, events: list[CrawlEvent]) -> list[CrawlEvent]:
        return events

    def explore_here(self, ctx: PolicyContext) -> bool:
        return True

    def goal(self, ctx: PolicyContext, frontier: list[str]) -> set[str]:
        return set(frontier)

    def choose(self, ctx: PolicyContext) -> Choice:
        todo = ctx.graph.nodes[ctx.here].unexplored()
        ready = ctx.ready(todo)
        if todo and self.explore_here(ctx):
            if ready:
                self.target, self.nav_steps = None, 0
                self.blocked.discard(ctx.here)
                return Choice("event", self.order(ctx, ready)[0].id, explore=True)
            return SEEK
        return self.navigate(ctx)

    def navigate(self, ctx: PolicyContext) -> Choice:
        while True:
            frontier = [s for s in ctx.graph.frontier() if s not in self.blocked and s != ctx.here]
            if not frontier:
                return DONE
            goal = self.goal(ctx, frontier)
            path = ctx.graph.path(ctx.here, goal.__contains__)
            if path is None:
                if not ctx.restarted:
                    return RESTART_CHOICE
                self.blocked |= goal  # unreachable even from the start page
                continue
            target = ctx.graph.target(*path[-1]) or ""
            if target != self.target:
                self.target, self.nav_steps = target, 0
            self.nav_steps += 1
            first = path[0][1]
            if self.nav_steps <= NAV_LIMIT and (first in ctx.live or first == BACK.id):
                return Choice("event", first)
            if not ctx.restarted and self.nav_steps <= NAV_LIMIT:
                return RESTART_CHOICE  # the hop's element is not on screen: start over
            self.blocked.add(target)
            self.target, self.nav_steps = None, 0


class BfsPolicy(GraphPolicy):
    """bfs: the unexplored states closest to the start page first."""

    name = "bfs"

    def _shallowest(self, ctx: PolicyContext, states: list[str]) -> set[str]:
        depth = ctx.graph.depths()
        best = min(depth.get(s, 10**6) for s in states)
        return {s for s in states if depth.get(s, 10**6) == best}

    def explore_here(self, ctx: PolicyContext) -> bool:
        frontier = [s for s in ctx.graph.frontier() if s not in self.blocked]
        return ctx.here in self._shallowest(ctx, frontier) if frontier else True

    def goal(self, ctx: PolicyContext, frontier: list[str]) -> set[str]:
        return self._shallowest(ctx, frontier)


class RandomPolicy(GraphPolicy):
    """random: a random unexplored event here, else a walk to a random state with unexplored events."""

    name = "random"

    def order(self, ctx: PolicyContext, events: list[CrawlEvent]) -> list[CrawlEvent]:
        shuffled = list(events)
        ctx.rng.shuffle(shuffled)
        return shuffled

    def goal(self, ctx: PolicyContext, frontier: list[str]) -> set[str]:
        if self.target in frontier:
            return {self.target}
        return {ctx.rng.choice(sorted(frontier))}


class ReplayPolicy:
    """replay: restart, replay the recorded path to a frontier page (checking each page), take one new action."""

    name = "replay"

    def __init__(self, depth_cap: int) -> None:
        self.depth_cap = depth_cap
        self.plan: list[tuple[str, str]] = []
        self.target: str | None = None
        self.blocked: set[str] = set()
        self.drifts: Counter[str] = Counter()

    def text_for(self, state: str, event: CrawlEvent) -> str | None:
        return None

    def choose(self, ctx: PolicyContext) -> Choice:
        if self.plan:
            state, event_id = self.plan[0]
            if state == ctx.here and (event_id in ctx.live or event_id == BACK.id):
                self.plan.pop(0)
                return Choice("event", event_id)
            self._give_up()  # the app drifted from the recorded path
            if not ctx.restarted:
                return RESTART_CHOICE
        if ctx.here == self.target or (ctx.restarted and self.target is None):
            todo = ctx.graph.nodes[ctx.here].unexplored()
            depth = ctx.graph.depths().get(ctx.here, 0)
            if todo and depth < self.depth_cap:
                ready = ctx.ready(todo)
                return Choice("event", ready[0].id, explore=True) if ready else SEEK
        return self._next_target(ctx)

    def _give_up(self) -> None:
        if self.target is not None:
            self.drifts[self.target] += 1
            if self.drifts[self.target] >= 2:
                self.blocked.add(self.target)
        self.plan, self.target = [], None

    def _next_target(self, ctx: PolicyContext) -> Choice:
        depth = ctx.graph.depths()
        frontier = [s for s in ctx.graph.frontier()
                    if s not in self.blocked and depth.get(s, 10**6) < self.depth_cap]
        if not frontier:
            return DONE
        shallow = min(depth[s] for s in frontier)
        nearest = [s for s in frontier if depth[s] == shallow]
        self.target = nearest[0] if shallow <= SHALLOW else ctx.rng.choice(frontier)
        if not ctx.restarted:
            return RESTART_CHOICE
        path = ctx.graph.path(ctx.here, lambda s: s == self.target)
        if path is None:
            self.blocked.add(self.target)
            self.target = None
            return self._next_target(ctx)
        self.plan = path
        return self.choose(ctx)


def make_policy(name: str, depth_cap: int = 10) -> Policy:
    """A model-free policy by name (`llm` is built by `crawler.llm_policy.LlmPolicy`)."""
    policies: dict[str, type[GraphPolicy]] = {"dfs": GraphPolicy, "bfs": BfsPolicy, "random": RandomPolicy}
    if name == "replay":
        return ReplayPolicy(depth_cap)
    if name not in policies:
        raise ValueError(f"unknown policy '{name}'; choose one of dfs, bfs, random, replay, llm")
    return policies[name]()
