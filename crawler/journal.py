"""Crash safety: atomic file writes and the crawl journal.

Every file the crawler writes goes to a temporary name, is fsync'd, then `os.replace`d over the target, so a
reader (or a crawl resumed after `kill -9`) sees the old file or the new one, never half of one. The journal is
append-only JSON lines, one per completed step, written unbuffered before the step counts (and fsync'd in batches,
see `Journal.append`): a step is done exactly when its line is in the journal. Its files are written before the
line; on resume, files of steps the journal does not hold are removed, and a torn last line (the process died
mid-write) is cut off.
"""

from __future__ import annotations

import errno
import json
import os
from contextlib import suppress
from pathlib import Path
from typing import IO, Literal

from pydantic import BaseModel, Field, TypeAdapter

from droidpilot.appendlog import intact_length, repair_tail
from droidpilot.crawler.events import CrawlEvent
from droidpilot.memory.signature import PageSignature


def naming(exc: OSError, path: Path) -> OSError:
    """`exc` with the file it is about: a write() that meets a full disk raises without a file name."""
    if exc.filename is None:
        exc.filename = str(path)
    return exc


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` so that no reader ever sees a partial file."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)  # nothing half-written stays behind
        if isinstance(exc, OSError):
            raise naming(exc, path) from None
        raise


class RecordMeta(BaseModel):
    """A capture written to states/ (and, unless a duplicate of another app's screen, to the dataset)."""

    tag: int
    structure_hash: str
    content_hash: str
    variant: str
    phash: str
    package: str
    activity: str
    title: str = ""
    skeleton: str = Field("", description="the app's own views' classes and resource-ids, no package: the "
                                          "structure check of cross-app dedup")
    dataset: bool = True
    from_tag: int = Field(-1, description="the record of the state the action was taken on, -1 if none")


class TargetView(BaseModel):
    """The element an event acted on, as it was on the screen it was taken on."""

    text: str = ""
    content_desc: str = ""
    resource_id: str = ""
    class_name: str = ""
    bounds: tuple[int, int, int, int]
    view_str: str = Field(description="DroidBot's view identity (views/view_<view_str>.png is its crop)")


class StepLine(BaseModel):
    kind: Literal["step"] = "step"
    step: int
    event: CrawlEvent
    source: str | None = Field(description="state the event was taken on, as the graph counts it; None for "
                                           "restarts and outside")
    target: str = Field(description="state observed after it; '<outside>' for other apps' screens")
    start_state: str | None = Field(None, description="state on screen when the event was taken (outside and "
                                                      "restarts too); None only at a session's first step")
    from_tag: int = Field(-1, description="the record (screen) of the start state's capture; -1 if none")
    to_tag: int = Field(-1, description="the record (screen) of the capture after the event")
    trace: int = Field(0, description="episode number: a new episode starts at every restart")
    view: TargetView | None = None
    explore: bool = False
    package: str
    activity: str
    title: str = ""
    screen: str | None = Field(None, description="the app's catalogued screen this capture shows, if any")
    new_state: bool = False
    new_events: list[CrawlEvent] = Field(default_factory=list)
    denied: int = 0
    record: RecordMeta | None = None
    elapsed: float = Field(0.0, description="crawl seconds so far, over all sessions")
    entry_from: PageSignature | None = Field(None, description="the home screen the step opened the app from (its "
                                                               "launcher icon); the event is then `open_app LABEL`")
    left_to: PageSignature | None = Field(None, description="the other app's page an intent of this app opened")
    ranked: dict[str, Literal["model", "fallback"]] = Field(
        default_factory=dict, description="states a model-ranking policy ordered since the last step, and how: "
                                          "the dataset card's counts over every session")


class MissLine(BaseModel):
    """An event wanted on a state but not on screen (after seeking)."""

    kind: Literal["miss"] = "miss"
    state: str
    event_id: str


class SessionLine(BaseModel):
    """A crawl session started (the first, or a resume)."""

    kind: Literal["session"] = "session"
    started: float
    policy: str
    device: str = ""


JournalLine = StepLine | MissLine | SessionLine
_LINE: TypeAdapter[JournalLine] = TypeAdapter(JournalLine)


def _parse(raw: bytes) -> JournalLine:
    return _LINE.validate_python(json.loads(raw))


SYNC_EVERY = 25
"""Journal lines per fsync. Each fsync costs a filesystem commit (~4 ms here), once per step before."""


class Journal:
    """`OUT/<package>/journal.jsonl`."""

    def __init__(self, path: Path, sync_every: int | None = None) -> None:
        self.path = path
        self.sync_every = max(1, SYNC_EVERY if sync_every is None else sync_every)
        self._file: IO[bytes] | None = None
        self._synced = 0
        """Bytes of the file known to be on disk: a sync the disk refuses cuts the file back to them."""
        self._unsynced = 0

    def load(self) -> list[JournalLine]:
        """The lines of completed steps; a torn last line is cut off the file, a damaged line with lines after it
        stops the crawl (DamagedLog names the file and line) rather than dropping the steps after it."""
        if not self.path.exists():
            return []
        repair_tail(self.path, _parse)
        with open(self.path, "rb") as f:
            return [_parse(raw) for raw in f if raw.strip()]

    def check(self) -> None:
        """Raise DamagedLog when a line in the middle of the journal is damaged (a torn last line is fine)."""
        if self.path.is_file():
            intact_length(self.path, _parse)

    def append(self, line: JournalLine) -> None:
        """Add a line. It reaches the operating system at once (unbuffered), so a crawl killed with -9 loses no
        line; it is fsync'd with the lines before it every `sync_every` lines and on close, so a power cut
        loses at most the last few steps, whose files the resume then drops as orphans. A write the disk refuses
        (full, read-only) leaves the file as it was at its last sync."""
        try:
            if self._file is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "ab", buffering=0)  # noqa: SIM115 - kept open for the crawl
                self._synced = self._file.seek(0, os.SEEK_END)
        except OSError as exc:
            raise naming(exc, self.path) from None
        start = self._file.seek(0, os.SEEK_END)
        rest = memoryview((line.model_dump_json() + "\n").encode("utf-8"))
        try:
            while rest:
                written = self._file.write(rest)
                if not written:
                    raise OSError(errno.EIO, "the journal took no bytes")
                rest = rest[written:]
        except OSError as exc:
            with suppress(OSError):
                self._file.truncate(start)  # no torn line stays behind (shrinking needs no space)
            raise naming(exc, self.path) from None
        self._unsynced += 1
        if self._unsynced >= self.sync_every:
            self.sync()

    def sync(self) -> None:
        """fsync the lines appended since the last sync (one fsync for a batch of steps, not one per step)."""
        if self._file is None or not self._unsynced:
            return
        try:
            os.fsync(self._file.fileno())
        except OSError as exc:  # delayed allocation: a full disk may only show here
            with suppress(OSError):
                self._file.truncate(self._synced)
            self._unsynced = 0
            raise naming(exc, self.path) from None
        self._synced = self._file.seek(0, os.SEEK_END)
        self._unsynced = 0

    def close(self) -> None:
        if self._file is not None:
            try:
                self.sync()
            finally:
                self._file.close()
                self._file = None
