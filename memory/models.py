"""What the memory store hands out: pages, transitions, hits, tips, trajectories, stats, errors."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from droidpilot.errors import DataError
from droidpilot.memory.signature import KeyElement


class MemoryStoreError(DataError, RuntimeError):
    """A memory operation failed in a way the caller can report to the user in one line."""


class NotAMemoryFile(MemoryStoreError):
    """The file is not SQLite, is damaged, or is a SQLite file that belongs to something else."""


class PageNotFound(MemoryStoreError):
    """No page has that id, or no page matches that text."""


class TipNotFound(MemoryStoreError):
    """No tip has that id."""


class NoPath(MemoryStoreError):
    """The recorded transitions do not connect the two pages."""


class Page(BaseModel):
    """One remembered screen (MapAgent's page snapshot)."""

    id: int
    package: str
    activity: str
    structure_hash: str
    title: str = ""
    summary: str = ""
    key_elements: list[KeyElement] = Field(default_factory=list)
    first_seen: datetime
    last_seen: datetime
    visits: int = 1


class Transition(BaseModel):
    """`action` taken on `from_page` led to `to_page`, `count` times."""

    id: int
    from_page: int
    action: str = Field(description="semantic action, e.g. 'tap text=\"Display\"' (memory.signature)")
    to_page: int
    count: int = 1

    @property
    def action_type(self) -> str:
        return self.action.partition(" ")[0]


class PageHit(BaseModel):
    """A search result. `score` grows with relevance; its scale depends on the mode."""

    page: Page
    score: float
    mode: str = Field(description="lexical | embedding | hybrid")


class Tip(BaseModel):
    id: int
    app: str
    text: str
    source: str = ""
    uses: int = 0
    created: datetime


class Trajectory(BaseModel):
    id: int
    goal: str
    success: bool
    steps: int
    run_dir: str = ""
    run_id: str | None = None
    created: datetime


class MemoryStats(BaseModel):
    path: str
    schema_version: int
    size_bytes: int
    pages: int
    transitions: int
    trajectories: int
    tips: int
    vectors: int
    packages: dict[str, int] = Field(default_factory=dict, description="pages per package, most first")
    lexical: str = Field(description="fts5 (SQLite full-text, BM25) or scan (no FTS5 in this SQLite build)")
