"""Append-only JSON-lines files (trajectory.jsonl, calls.jsonl, results.jsonl, a crawl's journal.jsonl) and small
JSON files written whole.

A process killed mid-append (or a disk that filled up) leaves at most one torn line, at the end: `repair_tail`
cuts it before the next append, so the next line starts on a line of its own. A bad line with good lines after
it is not a torn write but damage: it stops with `DamagedLog` naming the file and the line, instead of dropping
everything after it. `write_atomic` writes temp + fsync + rename, and `clean_temps` removes the temporary files a
killed writer left behind.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from droidpilot.errors import DataError

TEMP_MARK = ".tmp"


class DamagedLog(DataError):
    """A line in the middle of an append-only file does not parse."""

    hint = "restore the file from a backup, or delete the damaged line (later lines are kept)"

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path} is damaged at line {line}: {problem}")
        self.path, self.line = path, line


def _json_object(raw: bytes) -> None:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")


def _describe(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):  # pydantic: the first problem, where it is
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{first.get('msg', 'invalid')}{f' at {where}' if where else ''}"[:200]
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def intact_length(path: Path, check: Callable[[bytes], object] = _json_object) -> int:
    """Bytes of `path` up to the end of its last good line. Only the last line may be bad (torn); a bad line
    followed by another line raises DamagedLog. `check` raises ValueError for a bad line."""
    good = 0
    bad: tuple[int, str] | None = None
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            if bad is not None:
                if raw.strip():
                    raise DamagedLog(path, bad[0], bad[1])
                continue
            problem = "" if raw.endswith(b"\n") else "the line is not finished"
            if not problem and raw.strip():
                try:
                    check(raw)
                except ValueError as exc:  # UnicodeDecodeError and pydantic's ValidationError among them
                    problem = _describe(exc)
            if problem:
                bad = (number, problem)
            else:
                good += len(raw)
    return good


def repair_tail(path: Path, check: Callable[[bytes], object] = _json_object) -> bool:
    """Cut a torn last line off `path` (fsync'd); True when something was cut. DamagedLog for a bad middle."""
    if not path.is_file():
        return False
    good = intact_length(path, check)
    if good == path.stat().st_size:
        return False
    with open(path, "r+b") as f:
        f.truncate(good)
        os.fsync(f.fileno())
    return True


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `path` so that no reader ever sees half of it; nothing half-written stays behind on failure."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}{TEMP_MARK}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def _is_temp(name: str) -> bool:
    """`.NAME.PID.tmp`, `.NAME.tmp` (this module, the runs, benches) and `.NAME.tmpPID` (the crawler's)."""
    return name.startswith(".") and (name.endswith(TEMP_MARK) or name.rpartition(TEMP_MARK)[2].isdigit())


def clean_temps(folder: Path, recursive: bool = False) -> int:
    """Remove the temporary files writers of `folder` left when killed; call it while holding the folder's lock.
    Returns how many were removed."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.rglob(".*") if recursive else folder.iterdir():
        if _is_temp(entry.name) and entry.is_file() and not entry.is_symlink():
            with suppress(OSError):
                entry.unlink()
                removed += 1
    return removed
