"""Clock and process tools: `date`, `sleep`, `ps`, `pidof`, `kill`, `logcat`, `reboot` (toybox formats).

Time is the phone's virtual clock (UTC): `sleep` advances it (and waits in real time only on the ADB path),
and `date SET` / `date -s` sets it, which is how tasks pin "now".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import VfsError, emit, fail, resolve
from droidpilot.emulator.virtual.shell.device_util import uid, user_name
from droidpilot.emulator.virtual.system.host import LAUNCHER_PACKAGE

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

DEFAULT_FORMAT = "%a %b %e %H:%M:%S %Z %Y"
PS_HEADER = "USER           PID  PPID        VSZ    RSS WCHAN            ADDR S NAME                       "
SLEEP_UNITS = {"": 1000, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}


# --- date --------------------------------------------------------------------------------------------------


def format_time(moment: datetime, fmt: str) -> str:
    """strftime plus the toybox extras Python lacks or gets wrong for UTC: %s, %N, %:z."""

    def expand(match: re.Match[str]) -> str:
        token = match.group()
        return {"%%": "%%", "%s": str(int(moment.timestamp())), "%N": f"{moment.microsecond * 1000:09d}",
                "%:z": "+00:00"}.get(token, token)

    return moment.strftime(re.sub(r"%%|%s|%N|%:z", expand, fmt))


def parse_date(text: str, now: datetime) -> datetime | None:
    """Toybox date's SET/-d forms: @EPOCH, MMDDhhmm[[CC]YY][.ss], YYYY-MM-DD[ T]hh:mm[:ss], hh:mm[:ss]."""
    if re.fullmatch(r"@-?\d+(\.\d+)?", text):
        return datetime.fromtimestamp(float(text[1:]), tz=UTC)
    match = re.fullmatch(r"(\d\d)(\d\d)(\d\d)(\d\d)(\d\d|\d{4})?(?:\.(\d\d))?", text)
    if match:
        month, day, hour, minute, year, sec = match.groups()
        full_year = now.year if year is None else int(year) if len(year) == 4 else 2000 + int(year)
        return _build(full_year, month, day, hour, minute, sec)
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?", text)
    if match:
        year, month, day, hour, minute, sec = match.groups()
        return _build(int(year), month, day, hour or "0", minute or "0", sec)
    match = re.fullmatch(r"(\d\d):(\d\d)(?::(\d\d))?", text)
    if match:
        hour, minute, sec = match.groups()
        return _build(now.year, str(now.month), str(now.day), hour, minute, sec)
    return None


def _build(year: int, month: str, day: str, hour: str, minute: str, sec: str | None) -> datetime | None:
    try:
        return datetime(year, int(month), int(day), int(hour), int(minute), int(sec or 0), tzinfo=UTC)
    except ValueError:
        return None


@dataclass
class DateArgs:
    display: str = DEFAULT_FORMAT
    when: str | None = None
    set_to: str | None = None
    reference: str | None = None


def _date_args(argv: list[str]) -> DateArgs | str:
    """The parsed options, or an error message."""
    parsed = DateArgs()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg in ("-d", "-s", "-r", "-D"):
            if i >= len(argv):
                return f"Missing argument to {arg}"
            value, i = argv[i], i + 1
            parsed.when = value if arg == "-d" else parsed.when
            parsed.set_to = value if arg == "-s" else parsed.set_to
            parsed.reference = value if arg == "-r" else parsed.reference
        elif arg.startswith("-I"):
            parsed.display = "%Y-%m-%d" if arg in ("-I", "-Idate") else "%Y-%m-%dT%H:%M:%S%:z"
        elif arg in ("-u", "--utc"):
            continue
        elif arg.startswith("+"):
            parsed.display = arg[1:]
        elif arg.startswith("-") and arg != "-":
            return f"Unknown option '{arg.lstrip('-')[:1]}'"
        else:
            parsed.set_to = arg
    return parsed


def date(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        parsed = _date_args(inv.argv[1:])
        if isinstance(parsed, str):
            return fail(inv, f"date: {parsed}")
        now = phone.clock.now()
        moment = now
        if parsed.reference is not None:
            try:
                mtime = resolve(inv.fs, parsed.reference, inv.cwd).stat().st_mtime
                moment = datetime.fromtimestamp(mtime, UTC)
            except (OSError, VfsError):
                return fail(inv, f"date: {parsed.reference}: No such file or directory")
        for text in (parsed.when, parsed.set_to):
            if text is not None:
                found = parse_date(text, now)
                if found is None:
                    return fail(inv, f"date: bad date '{text}'")
                moment = found
        if parsed.set_to is not None:
            phone.clock.set(moment)
            phone.host.tick()
            phone.invalidate()
        emit(inv, format_time(moment, parsed.display) + "\n")
        return 0

    return run


def sleep(phone: VirtualPhone) -> CommandFn:
    """Advances the virtual clock (a frozen clock stays put). In-process it returns at once; on the ADB
    path (a realtime session) it also waits that long, so clients' timeouts fire as on a real phone."""

    def run(inv: Invocation) -> int:
        if len(inv.argv) < 2:
            return fail(inv, "sleep: Needs 1 argument")
        total = 0.0
        for arg in inv.argv[1:]:
            match = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)", arg)
            if match is None:
                return fail(inv, f"sleep: Bad duration '{arg}'")
            total += float(match.group(1)) * SLEEP_UNITS[match.group(2)]
        phone.advance_clock(int(total))
        return 0 if inv.session.pause(total / 1000) else 130

    return run


# --- processes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proc:
    user: str
    pid: int
    ppid: int
    vsz: int
    rss: int
    wchan: str
    state: str
    name: str


SYSTEM_PROCS = (
    Proc("root", 1, 0, 10904740, 11648, "do_epoll_wait", "S", "init"),
    Proc("root", 2, 0, 0, 0, "kthreadd", "S", "[kthreadd]"),
    Proc("root", 176, 1, 10786744, 6880, "do_epoll_wait", "S", "ueventd"),
    Proc("logd", 290, 1, 10833608, 7672, "do_epoll_wait", "S", "logd"),
    Proc("system", 300, 1, 10799720, 5760, "do_epoll_wait", "S", "servicemanager"),
    Proc("root", 351, 1, 14952948, 160876, "do_sys_poll", "S", "zygote64"),
    Proc("system", 420, 1, 11355048, 36944, "do_epoll_wait", "S", "surfaceflinger"),
    Proc("shell", 480, 1, 10903476, 6972, "do_epoll_wait", "S", "adbd"),
    Proc("system", 560, 351, 18541036, 298180, "do_epoll_wait", "S", "system_server"),
    Proc("u0_a87", 880, 351, 16637488, 233424, "do_epoll_wait", "S", "com.android.systemui"),
    Proc("u0_a93", 1040, 351, 14999988, 112344, "do_epoll_wait", "S", "com.android.inputmethod.latin"),
)


def processes(phone: VirtualPhone) -> list[Proc]:
    """The system processes, every running app, and this shell with its `ps`."""
    apps = [Proc(user_name(uid(pkg)), pid, 351, 14_800_000 + pid % 997 * 113, 100_000 + pid % 613 * 97,
                 "do_epoll_wait", "S", pkg) for pkg, pid in phone.host.state.pids.items()]
    shell_pid = 31000 + phone.host.state.next_id % 900
    own = [Proc("shell", shell_pid, 480, 10858676, 3712, "do_wait", "S", "sh"),
           Proc("shell", shell_pid + 1, shell_pid, 10798452, 3392, "0", "R", "ps")]
    return sorted([*SYSTEM_PROCS, *apps, *own], key=lambda p: p.pid)


def _ps_line(p: Proc) -> str:
    return f"{p.user:<12}{p.pid:>6}{p.ppid:>6}{p.vsz:>11}{p.rss:>7} {p.wchan:<16}{0:>5} {p.state} {p.name}\n"


def ps(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        flags = "".join(a[1:] for a in inv.argv[1:] if a.startswith("-"))
        names = [a for a in inv.argv[1:] if not a.startswith("-")]
        procs = processes(phone)
        if not any(f in flags for f in "Ae") and not names:
            procs = [p for p in procs if p.user == "shell" and p.name in ("sh", "ps")]
        if names:
            procs = [p for p in procs if p.name in names or str(p.pid) in names]
        emit(inv, PS_HEADER + "\n" + "".join(_ps_line(p) for p in procs))
        return 0

    return run


def pidof(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        names = [a for a in inv.argv[1:] if not a.startswith("-")]
        pids = [str(p.pid) for p in reversed(processes(phone)) if p.name in names]
        if "-s" in inv.argv[1:]:
            pids = pids[:1]
        if not pids:
            return 1
        emit(inv, " ".join(pids) + "\n")
        return 0

    return run


def kill(inv: Invocation) -> int:
    """Signals are accepted and ignored: virtual apps have no processes to signal."""
    if len(inv.argv) < 2:
        return fail(inv, "kill: Needs 1 argument")
    return 0


def reboot(phone: VirtualPhone) -> CommandFn:
    """Like a reboot as seen from the UI: every app stopped, notifications gone, the home screen."""

    def run(inv: Invocation) -> int:
        host = phone.host
        for task in host.recent_tasks():
            host.force_stop(task.package)
        host.state.pids.clear()
        host.state.notifications.clear()
        host.state.toast = None
        host.go_home()
        host.ensure_process(LAUNCHER_PACKAGE)
        phone.invalidate()
        return 0

    return run
