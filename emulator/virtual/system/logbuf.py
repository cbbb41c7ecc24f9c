"""The phone's log (what logd keeps): a ring buffer of entries in the `main`, `system` and `crash` buffers,
fed by the system (activity starts, process starts, crashes) and by `log -t TAG msg`, read by `logcat`.

Thread-safe: a streaming `logcat` on the ADB path reads it while other clients write to it.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

LEVELS = "VDIWEFS"
"""Priorities from verbose to silent, in logcat's letters."""
CAPACITY = 20_000
SYSTEM_SERVER_PID = 560
RING_KIB = 256


@dataclass(frozen=True)
class LogEntry:
    seq: int
    ms: int
    pid: int
    tid: int
    level: str
    tag: str
    message: str
    buffer: str = "main"


def _stamp(ms: int) -> tuple[str, int]:
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return moment.strftime("%m-%d %H:%M:%S"), ms % 1000


def format_entry(entry: LogEntry, style: str) -> str:
    """One entry in a `logcat -v` format (threadtime, brief, time, tag, process, raw, long); a multi-line
    message gets its header on every line, as logcat prints it."""
    lines = entry.message.split("\n") or [""]
    if style == "long":
        stamp, millis = _stamp(entry.ms)
        header = f"[ {stamp}.{millis:03d} {entry.pid:5d}:{entry.tid:5d} {entry.level}/{entry.tag:<8} ]"
        return f"{header}\n{entry.message}\n\n"
    return "".join(_prefix(entry, style) + line + "\n" for line in lines)


def _prefix(entry: LogEntry, style: str) -> str:
    stamp, millis = _stamp(entry.ms)
    if style == "brief":
        return f"{entry.level}/{entry.tag:<8}({entry.pid:5d}): "
    if style == "time":
        return f"{stamp}.{millis:03d} {entry.level}/{entry.tag:<8}({entry.pid:5d}): "
    if style == "tag":
        return f"{entry.level}/{entry.tag:<8}: "
    if style == "process":
        return f"{entry.level}({entry.pid:5d}) "
    if style == "raw":
        return ""
    return f"{stamp}.{millis:03d} {entry.pid:5d} {entry.tid:5d} {entry.level} {entry.tag:<8}: "


class LogBuffer:
    """The ring buffer. `now_ms` is read at each write, so entries carry the phone's (virtual) time."""

    def __init__(self, now_ms: Callable[[], int]) -> None:
        self._now_ms = now_ms
        self._entries: deque[LogEntry] = deque(maxlen=CAPACITY)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def write(self, level: str, tag: str, message: str, pid: int = SYSTEM_SERVER_PID, tid: int | None = None,
              buffer: str = "main") -> LogEntry:
        with self._lock:
            entry = LogEntry(next(self._seq), self._now_ms(), pid, pid if tid is None else tid, level, tag,
                             message, buffer)
            self._entries.append(entry)
        return entry

    def system(self, level: str, tag: str, message: str) -> None:
        self.write(level, tag, message, SYSTEM_SERVER_PID, SYSTEM_SERVER_PID + 41, "system")

    def entries(self, after: int = 0, buffers: frozenset[str] | None = None) -> list[LogEntry]:
        with self._lock:
            return [e for e in self._entries if e.seq > after and (buffers is None or e.buffer in buffers)]

    def clear(self, buffers: frozenset[str] | None = None) -> None:
        with self._lock:
            kept = [e for e in self._entries if buffers is not None and e.buffer not in buffers]
            self._entries.clear()
            self._entries.extend(kept)

    def size_bytes(self, buffer: str) -> int:
        with self._lock:
            return sum(len(e.tag) + len(e.message) + 24 for e in self._entries if e.buffer == buffer)


def component(package: str, activity: str) -> str:
    """`pkg/.Short` when the class is inside the package, as Android prints components."""
    short = activity[len(package) :] if activity.startswith(package + ".") else activity
    return f"{package}/{short}"


def start_message(package: str, activity: str, action: str | None, categories: list[str],
                  data: str | None) -> str:
    """ActivityTaskManager's `START u0 {...}` line for an activity start."""
    parts = [f"act={action}" if action else "", f"cat=[{','.join(categories)}]" if categories else "",
             f"dat={data}" if data else "", "flg=0x10000000", f"cmp={component(package, activity)}"]
    return "START u0 {" + " ".join(p for p in parts if p) + "} from uid 2000"


def log_crash(log: LogBuffer, package: str, pid: int, error: BaseException) -> None:
    """AndroidRuntime's FATAL EXCEPTION block in the crash buffer, then ActivityManager's note."""
    name = f"java.lang.RuntimeException: {type(error).__name__}: {error}"
    message = f"FATAL EXCEPTION: main\nProcess: {package}, PID: {pid}\n{name}"
    log.write("E", "AndroidRuntime", message, pid, pid, "crash")
    log.system("W", "ActivityManager", f"Process {package} (pid {pid}) has died: fg  TOP ")
