"""Shortest paths over the recorded transitions (the app transition graph)."""

from __future__ import annotations

import sqlite3

from memory.models import Transition

_CHUNK = 500
Edge = tuple[int, int, str, int, int]
"""(id, from_page, action, to_page, count), as read; Transition models are built for the answer only."""


def _edges_from(db: sqlite3.Connection, frontier: list[int]) -> list[Edge]:
    """Effective edges (to another page) out of the frontier, most used first, for the whole level at once."""
    out: list[Edge] = []
    for start in range(0, len(frontier), _CHUNK):
        chunk = frontier[start: start + _CHUNK]
        out.extend(db.execute(
            f"SELECT id, from_page, action, to_page, count FROM transitions "
            f"WHERE from_page IN ({','.join('?' * len(chunk))}) AND to_page != from_page", chunk).fetchall())
    out.sort(key=lambda e: (-e[4], e[0]))
    return out


def shortest_path(db: sqlite3.Connection, start: int, goal: int, max_steps: int = 25) -> list[Transition] | None:
    """BFS one level per query. [] when start is goal; None when goal is not reachable within max_steps.
    Among paths of equal length, edges seen more often win."""
    if start == goal:
        return []
    came_by: dict[int, Edge | None] = {start: None}
    frontier = [start]
    for _ in range(max_steps):
        next_frontier: list[int] = []
        for edge in _edges_from(db, frontier):
            target = edge[3]
            if target in came_by:
                continue
            came_by[target] = edge
            if target == goal:
                return _unwind(came_by, goal)
            next_frontier.append(target)
        if not next_frontier:
            return None
        frontier = next_frontier
    return None


def _unwind(came_by: dict[int, Edge | None], goal: int) -> list[Transition]:
    path: list[Transition] = []
    edge = came_by[goal]
    while edge is not None:
        path.append(Transition(id=edge[0], from_page=edge[1], action=edge[2], to_page=edge[3], count=edge[4]))
        edge = came_by[edge[1]]
    return path[::-1]
