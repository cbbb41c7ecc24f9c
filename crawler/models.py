"""What a crawl reports while it runs and when it ends, and the registry that dedups screens across apps."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

from pydantic import BaseModel, Field

StopReason = str
"""max_steps | max_states | time_limit | stagnation | exhausted (nothing left to try) | app_unreachable |
interrupted | error | disk (a write the disk refused: see `DiskProblem`)"""
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


class DiskProblem(BaseModel):
    """A write the disk refused (full, over a size limit, read-only). It stops the whole crawl rather than failing
    one app: every app writes to the same disk, and the journal lets the same command continue once there is room."""

    path: str
    errno: int
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> DiskProblem | None:
        if not isinstance(exc, OSError) or exc.errno not in DISK_ERRNOS:
            return None
        return cls(path=str(exc.filename or ""), errno=exc.errno, message=exc.strerror or str(exc))


class CrawlProgress(BaseModel):
    package: str
    device: str = ""
    step: int
    states: int
    transitions: int
    records: int
    screens_reached: int = 0
    screens_total: int | None = None
    new_state: str | None = Field(None, description="title of the state this step discovered, if any")


class CrawlResult(BaseModel):
    package: str
    device: str = ""
    out_dir: Path
    policy: str
    steps: int = Field(description="steps in the journal, over all sessions")
    session_steps: int = 0
    states: int = 0
    records: int = 0
    dataset_rows: int = 0
    transitions: int = 0
    events_tried: int = 0
    denied: int = 0
    screens_reached: list[str] = Field(default_factory=list)
    screens_missing: list[str] = Field(default_factory=list)
    screens_total: int | None = None
    activities_reached: int = 0
    activities_declared: int | None = Field(None, description="activities `dumpsys package` lists, joined with "
                                                              "those reached; None when the device lists none")
    activities_missing: list[str] = Field(default_factory=list)
    discovery: list[tuple[int, int, int]] = Field(default_factory=list,
                                                  description="(step, unique states, unique transitions) per step")
    elapsed_s: float = Field(0.0, description="crawl seconds, over all sessions")
    session_s: float = 0.0
    resumed: bool = False
    stop_reason: StopReason = ""
    llm_calls: int = 0
    error: str = ""
    disk: DiskProblem | None = Field(None, description="the write that stopped the crawl (stop reason 'disk')")

    @property
    def coverage(self) -> float | None:
        return len(self.screens_reached) / self.screens_total if self.screens_total else None

    @property
    def activity_coverage(self) -> float | None:
        return self.activities_reached / self.activities_declared if self.activities_declared else None

    @property
    def dedup_ratio(self) -> float:
        """Captures per distinct state (every step captures once)."""
        return self.steps / self.states if self.states else 0.0

    @property
    def steps_per_min(self) -> float:
        return 60 * self.session_steps / self.session_s if self.session_s else 0.0


NEAR = 4
"""Bits two 64-bit dHashes may differ in and still show the same screen (anti-aliasing, a blinking cursor)."""


class PhashRegistry:
    """Screens already in the dataset, shared by the apps of one output folder. A screen is a near-duplicate of
    another app's when its dHash is within NEAR bits AND its skeleton (the app's own views, package names and
    system chrome left out) is the same: two screens whose hierarchies differ in more than chrome never merge,
    however alike their thumbnails. The first app to write a screen owns it."""

    def __init__(self) -> None:
        self._owners: dict[str, list[tuple[int, str]]] = {}
        self._lock = threading.Lock()

    def claim(self, phash: str, skeleton: str, package: str) -> bool:
        """True when the screen goes to `package`'s dataset (new, or already its own)."""
        bits = int(phash, 16)
        with self._lock:
            bucket = self._owners.setdefault(skeleton, [])
            for other, owner in bucket:
                if (other ^ bits).bit_count() <= NEAR and owner != package:
                    return False
            bucket.append((bits, package))
            return True

    def own(self, phash: str, skeleton: str, package: str) -> None:
        """Register a decision read back from a journal."""
        with self._lock:
            self._owners.setdefault(skeleton, []).append((int(phash, 16), package))
