"""Shortest paths on a random recorded graph agree with a plain BFS, and are valid walks."""

from __future__ import annotations

import itertools
import random
from collections import deque

from droidpilot.memory import MemoryStore, NoPath
from droidpilot.memory.signature import PageSignature


def reference_distance(edges: dict[int, set[int]], start: int, goal: int) -> int | None:
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return seen[node]
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    return None


def test_bidirectional_search_finds_shortest_valid_paths(store: MemoryStore) -> None:
    rng = random.Random(6)
    with store.transaction():
        ids = [store.record_page(PageSignature(package="com.x", activity="A", structure_hash=f"s{i}",
                                               content_hash="", title=f"P{i}")) for i in range(150)]
        edges: dict[int, set[int]] = {}
        for _ in range(260):
            a, b = rng.choice(ids), rng.choice(ids)
            store.record_transition(a, f"tap text=\"to {b}\"", b)
            if a != b:
                edges.setdefault(a, set()).add(b)
    for _ in range(150):
        start, goal = rng.choice(ids), rng.choice(ids)
        expected = reference_distance(edges, start, goal)
        try:
            path: list | None = store.shortest_path(start, goal)
        except NoPath:
            path = None
        assert (None if path is None else len(path)) == expected, (start, goal)
        if path:
            assert path[0].from_page == start and path[-1].to_page == goal
            assert all(a.to_page == b.from_page for a, b in itertools.pairwise(path))
