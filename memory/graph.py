"""Shortest paths over the recorded transitions (the app transition graph).

Bidirectional BFS, one SQL query per level (the smaller frontier is expanded): a path of length d explores
about two balls of radius d/2 instead of one of radius d, which matters once a crawl has recorded thousands
of pages.
"""

from __future__ import annotations

import sqlite3

from droidpilot.memory.models import Transition

_CHUNK = 500
Edge = tuple[int, int, str, int, int]
"""(id, from_page, action, to_page, count), as read; Transition models are built for the answer only."""
Seen = dict[int, tuple[int, Edge | None]]
"""page -> (BFS depth, the edge that reached it)."""


def _edges(db: sqlite3.Connection, frontier: list[int], forward: bool) -> list[Edge]:
    """Effective edges (to another page) out of (or into) the frontier, most used first."""
    column = "from_page" if forward else "to_page"
    out: list[Edge] = []
    for start in range(0, len(frontier), _CHUNK):
        chunk = frontier[start: start + _CHUNK]
        out.extend(db.execute(
            f"SELECT id, from_page, action, to_page, count FROM transitions "
            f"WHERE {column} IN ({','.join('?' * len(chunk))}) AND to_page != from_page", chunk).fetchall())
    out.sort(key=lambda e: (-e[4], e[0]))
    return out


def _expand(db: sqlite3.Connection, frontier: list[int], own: Seen, other: Seen,
            forward: bool) -> tuple[list[int], int | None]:
    """One BFS level; returns the next frontier and the best page where the two searches meet, if any."""
    reached: list[int] = []
    best: tuple[int, int] | None = None
    for edge in _edges(db, frontier, forward):
        here, there = (edge[1], edge[3]) if forward else (edge[3], edge[1])
        if there in own:
            continue
        own[there] = (own[here][0] + 1, edge)
        reached.append(there)
        if there in other:
            total = own[there][0] + other[there][0]
            if best is None or total < best[0]:
                best = (total, there)
    return reached, best[1] if best else None


def shortest_path(db: sqlite3.Connection, start: int, goal: int, max_steps: int = 25) -> list[Transition] | None:
    """[] when start is goal; None when goal is not reachable within max_steps. Among paths of equal length,
    edges seen more often are preferred."""
    if start == goal:
        return []
    forward: Seen = {start: (0, None)}
    backward: Seen = {goal: (0, None)}
    front, back = [start], [goal]
    depth = 0
    while front and back and depth < max_steps:
        depth += 1
        if len(front) <= len(back):
            front, meet = _expand(db, front, forward, backward, True)
        else:
            back, meet = _expand(db, back, backward, forward, False)
        if meet is not None:
            return _join(forward, backward, meet)
    return None


def _join(forward: Seen, backward: Seen, meet: int) -> list[Transition]:
    path: list[Edge] = []
    node, edge = meet, forward[meet][1]
    while edge is not None:
        path.append(edge)
        node = edge[1]
        edge = forward[node][1]
    path.reverse()
    node, edge = meet, backward[meet][1]
    while edge is not None:
        path.append(edge)
        node = edge[3]
        edge = backward[node][1]
    return [Transition(id=e[0], from_page=e[1], action=e[2], to_page=e[3], count=e[4]) for e in path]
