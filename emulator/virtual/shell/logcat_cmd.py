"""`logcat` and toybox `log` over the phone's log buffer (system/logbuf.py).

`logcat -d` dumps and exits; a plain `logcat` (or `-T N`) dumps, then on the ADB path streams new entries
until the client closes the connection. In-process runs have no client to wait for, so they return after
the dump. Filters are `TAG:LEVEL` specs, `*:S`, `-s` (silence everything not named), and
`ANDROID_LOG_TAGS` (which the adb CLI sets) when the command line names none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import emit, fail
from droidpilot.emulator.virtual.system.logbuf import LEVELS, RING_KIB, LogBuffer, LogEntry, format_entry

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

FORMATS = frozenset({"threadtime", "brief", "time", "tag", "process", "raw", "long"})
BUFFERS = ("main", "system", "crash")
DEFAULT_BUFFERS = frozenset({"main", "system", "crash"})
POLL_SECONDS = 0.1
LOG_PID = 4390


@dataclass
class LogcatArgs:
    dump: bool = False
    clear: bool = False
    tail: int | None = None
    since_ms: int | None = None
    style: str = "threadtime"
    silent_default: bool = False
    specs: list[str] = field(default_factory=list)
    buffers: set[str] = field(default_factory=set)
    sizes: bool = False
    max_count: int | None = None
    pid: int | None = None
    regex: re.Pattern[str] | None = None


_VALUED = {"-v", "-b", "-t", "-T", "-m", "-e", "-f", "-r", "-n", "--pid", "--format", "--buffer", "--regex",
           "--max-count"}


def _parse(argv: list[str]) -> LogcatArgs | str:
    parsed = LogcatArgs()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _VALUED or (len(arg) > 2 and arg[:2] in ("-v", "-b", "-t", "-T", "-m", "-e")):
            if eq:
                value = inline
            elif len(arg) > 2 and not arg.startswith("--"):
                name, value = arg[:2], arg[2:]
            elif i < len(argv):
                value, i = argv[i], i + 1
            else:
                return f"option '{name}' requires an argument"
            error = _valued(parsed, name, value)
            if error:
                return error
        elif arg.startswith("-") and len(arg) > 1:
            for flag in arg[1:]:
                if flag not in "dcsgDBLS":
                    return f"invalid option -- '{flag}'"
                parsed.dump |= flag == "d"
                parsed.clear |= flag == "c"
                parsed.silent_default |= flag == "s"
                parsed.sizes |= flag == "g"
        else:
            parsed.specs.append(arg)
    return parsed


def _valued(parsed: LogcatArgs, name: str, value: str) -> str | None:
    if name in ("-v", "--format"):
        styles = [v for v in re.split(r"[ ,]", value) if v in FORMATS]
        if not styles and value not in ("color", "usec", "printable", "year", "epoch", "uid", "zone"):
            return f"Invalid parameter \"{value}\" to -v."
        parsed.style = styles[-1] if styles else parsed.style
    elif name in ("-b", "--buffer"):
        parsed.buffers.update(BUFFERS if value in ("all", "default") else value.split(","))
    elif name in ("-t", "-T"):
        parsed.dump |= name == "-t"
        if value.isdigit():
            parsed.tail = int(value)
        else:
            parsed.since_ms = _time_spec(value)
            if parsed.since_ms is None:
                return f"-{name[-1]} \"{value}\" not in time format"
    elif name in ("-m", "--max-count"):
        parsed.max_count = int(value) if value.isdigit() else None
    elif name == "--pid":
        parsed.pid = int(value) if value.isdigit() else None
    elif name in ("-e", "--regex"):
        parsed.regex = re.compile(value)
    return None


def _time_spec(value: str) -> int | None:
    """`MM-DD hh:mm:ss.mmm` (in the phone's year) or `SECONDS.mmm` since the epoch, as milliseconds."""
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return int(float(value) * 1000)
    match = re.fullmatch(r"(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?", value.strip())
    if match is None:
        return None
    month, day, hour, minute, sec, millis = match.groups()
    from datetime import UTC, datetime

    moment = datetime(2026, int(month), int(day), int(hour), int(minute), int(sec), tzinfo=UTC)
    return int(moment.timestamp() * 1000) + int((millis or "0").ljust(3, "0"))


class _Filter:
    def __init__(self, specs: list[str], silent_default: bool) -> None:
        self.levels: dict[str, int] = {}
        self.default = LEVELS.index("S") if silent_default else 0
        for spec in specs:
            tag, _, level = spec.partition(":")
            index = LEVELS.index(level.upper()[:1]) if level and level.upper()[:1] in LEVELS else 0
            if tag == "*":
                self.default = index
            else:
                self.levels[tag] = index

    @staticmethod
    def valid(spec: str) -> bool:
        tag, colon, level = spec.partition(":")
        return bool(tag) and (not colon or (len(level) >= 1 and level.upper()[:1] in LEVELS))

    def allows(self, entry: LogEntry) -> bool:
        threshold = self.levels.get(entry.tag, self.default)
        return threshold < LEVELS.index("S") and LEVELS.index(entry.level) >= threshold


def logcat(log: LogBuffer, sync: Callable[[], None]) -> CommandFn:
    """`sync` brings the log up to date with what the system did (activity starts) before it is read."""

    def run(inv: Invocation) -> int:
        sync()
        parsed = _parse(inv.argv[1:])
        if isinstance(parsed, str):
            return fail(inv, f"logcat: {parsed}")
        specs = parsed.specs or inv.env.get("ANDROID_LOG_TAGS", "").replace("'", "").split()
        bad = next((s for s in specs if not _Filter.valid(s)), None)
        if bad is not None:
            return fail(inv, f"logcat: Invalid filter expression '{bad}'")
        buffers = frozenset(parsed.buffers) if parsed.buffers else DEFAULT_BUFFERS
        if parsed.clear:
            log.clear(buffers)
            return 0
        if parsed.sizes:
            emit(inv, "".join(f"{b}: ring buffer is {RING_KIB} KiB ({log.size_bytes(b) // 1024 + 1} KiB consumed),"
                              f" max entry is 5120 B, max payload is 4068 B\n" for b in sorted(buffers)))
            return 0
        return _print(inv, log, parsed, _Filter(specs, parsed.silent_default), buffers)

    return run


def _print(inv: Invocation, log: LogBuffer, parsed: LogcatArgs, filter_: _Filter, buffers: frozenset[str]) -> int:
    def wanted(entry: LogEntry) -> bool:
        return (filter_.allows(entry) and (parsed.pid is None or entry.pid == parsed.pid)
                and (parsed.regex is None or parsed.regex.search(entry.message) is not None))

    entries = [e for e in log.entries(buffers=buffers) if wanted(e)]
    if parsed.since_ms is not None:
        entries = [e for e in entries if e.ms >= parsed.since_ms]
    if parsed.tail is not None:
        entries = entries[-parsed.tail :] if parsed.tail else []
    printer = _Printer(inv, parsed)
    last = max((e.seq for e in log.entries(buffers=buffers)), default=0)
    for entry in entries:
        if not printer.emit(entry):
            return 0
    if parsed.dump or not inv.session.realtime:
        return 0
    while inv.session.pause(POLL_SECONDS):
        fresh = log.entries(after=last, buffers=buffers)
        last = fresh[-1].seq if fresh else last
        for entry in fresh:
            if wanted(entry) and not printer.emit(entry):
                return 0
    return 0


class _Printer:
    """Writes entries with a `--------- beginning of BUFFER` line before a buffer's first one."""

    def __init__(self, inv: Invocation, parsed: LogcatArgs) -> None:
        self.inv, self.parsed = inv, parsed
        self.seen: set[str] = set()
        self.count = 0

    def emit(self, entry: LogEntry) -> bool:
        """False once `-m` entries have been printed."""
        if self.parsed.max_count is not None and self.count >= self.parsed.max_count:
            return False
        if entry.buffer not in self.seen:
            self.seen.add(entry.buffer)
            emit(self.inv, f"--------- beginning of {entry.buffer}\n")
        emit(self.inv, format_entry(entry, self.parsed.style))
        self.count += 1
        return self.parsed.max_count is None or self.count < self.parsed.max_count


def log_applet(log: LogBuffer) -> CommandFn:
    """toybox `log [-p PRI] [-t TAG] MESSAGE...` (priority letters v d i w e f, default i, tag `log`)."""

    def run(inv: Invocation) -> int:
        args, level, tag = inv.argv[1:], "I", "log"
        while args and args[0] in ("-p", "-t") and len(args) > 1:
            flag, value = args[0], args[1]
            args = args[2:]
            if flag == "-p":
                if value[:1].upper() not in "VDIWEF" or not value:
                    return fail(inv, f"log: -p {value}: bad priority")
                level = value[:1].upper()
            else:
                tag = value
        if args[:1] == ["--"]:
            args = args[1:]
        if not args:
            return fail(inv, "log: Needs 1 argument")
        log.write(level, tag, " ".join(args), LOG_PID, LOG_PID)
        return 0

    return run
