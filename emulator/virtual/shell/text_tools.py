"""Toybox-like text and info commands for the virtual shell: wc, head, tail, grep, printf, seq, basename,
dirname, sort, uniq, tee, id, whoami, uname. Inputs are read as bytes; lines are split on `\\n` only.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from droidpilot.emulator.virtual.shell.common import (
    AS_ROOT,
    UsageError,
    VfsError,
    decode,
    emit,
    encode,
    fail,
    inputs,
    parse_opts,
    resolve,
    split_lines,
    stamp,
    unescape,
    writable_error,
)
from droidpilot.emulator.virtual.shell.grep import grep
from droidpilot.emulator.virtual.shell.run_as import app_identity

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

T = TypeVar("T")

SEQ_LIMIT = 1_000_000
"""`seq` refuses longer outputs: nothing on a phone needs them and they would stall the virtual device."""


def _int(text: str, what: str = "number") -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"Invalid {what} '{text}'") from None


def _keep_lines(data: bytes) -> list[bytes]:
    """Lines with their `\\n` (the last may lack one)."""
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _shorthand(args: list[str]) -> list[str]:
    """`head -5` means `head -n 5`."""
    return [part for a in args for part in (["-n", a[1:]] if re.fullmatch(r"-\d+", a) else [a])]


def wc(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "lwcm")
    chosen = [f for f in "lwcm" if f in opts] or ["l", "w", "c"]
    width = 0 if len(chosen) == 1 else 7  # toybox pads columns unless a single count is asked for
    status, totals = 0, dict.fromkeys("lwcm", 0)
    for label, data in inputs(inv, "wc", paths):
        if data is None:
            status = 1
            continue
        counts = {"l": data.count(b"\n"), "w": len(data.split()), "c": len(data), "m": len(decode(data))}
        totals = {k: totals[k] + counts[k] for k in totals}
        emit(inv, _wc_line([counts[f] for f in chosen], width, label if paths else ""))
    if len(paths) > 1:
        emit(inv, _wc_line([totals[f] for f in chosen], width, "total"))
    return status


def _wc_line(numbers: list[int], width: int, name: str) -> str:
    return " ".join(f"{n:>{width}}" for n in numbers) + (f" {name}" if name else "") + "\n"


def _head_tail(inv: Invocation, tail: bool) -> int:
    name = "tail" if tail else "head"
    opts, paths = parse_opts(_shorthand(inv.argv[1:]), "qvfF", "nc")
    spec = (opts.get("c") or opts.get("n") or ["10"])[-1]
    status = 0
    for index, (label, data) in enumerate(inputs(inv, name, paths)):
        if data is None:
            status = 1
            continue
        if len(paths) > 1 and "q" not in opts:
            emit(inv, f"{chr(10) if index else ''}==> {label} <==\n")
        if "c" in opts:
            inv.out += bytes(_pick(list(data), spec, tail))
        else:
            inv.out += b"".join(_pick(_keep_lines(data), spec, tail))
    return status


def _pick(units: Sequence[T], spec: str, tail: bool) -> Sequence[T]:
    """head/tail selection: `N` first/last N, head `-N` all but the last N, tail `+N` from the Nth on."""
    count = _int(spec.lstrip("+-"))
    if tail:
        return units[count - 1 if count else 0 :] if spec.startswith("+") else units[len(units) - count :]
    return units[: len(units) - count] if spec.startswith("-") else units[:count]


def head(inv: Invocation) -> int:
    return _head_tail(inv, tail=False)


def tail(inv: Invocation) -> int:
    return _head_tail(inv, tail=True)  # -f prints what is there and returns: nothing else will write


# --- printf ------------------------------------------------------------------------------------------------

_SPEC = re.compile(r"%([-+ 0#]*)(\d+|\*)?(?:\.(\d*|\*))?([diouxXeEfFgGcsb%])")


class _Args:
    """printf's argument queue; numeric conversion errors are remembered for the exit status."""

    def __init__(self, values: list[str]) -> None:
        self.values, self.used, self.bad = values, 0, False

    def next(self) -> str:
        self.used += 1
        return self.values[self.used - 1] if self.used <= len(self.values) else ""

    def number(self, integer: bool) -> float:
        text = self.next().strip()
        if text[:1] in ("'", '"') and len(text) > 1:
            return ord(text[1])
        try:
            return int(text, 0) if integer else float(text or 0)
        except ValueError:
            if text:
                self.bad = True
            return 0


def _convert(match: re.Match[str], args: _Args) -> tuple[bytes, bool]:
    flags, width, precision, kind = match.groups()
    if kind == "%":
        return b"%", False
    width = str(int(args.number(True))) if width == "*" else width or ""
    precision = str(int(args.number(True))) if precision == "*" else precision
    spec = f"%{flags}{width}{'.' + precision if precision is not None else ''}"
    if kind == "b":
        data, stop = unescape(args.next())
        return encode((spec + "s") % decode(data)), stop
    if kind in "sc":
        text = args.next()
        return encode((spec + "s") % (text[:1] if kind == "c" else text)), False
    if kind in "diouxX":
        return encode((spec + ("d" if kind in "iu" else kind)) % int(args.number(True))), False
    return encode((spec + kind) % args.number(False)), False


def _format_once(fmt: str, args: _Args) -> tuple[bytes, bool]:
    out, pos = bytearray(), 0
    for match in _SPEC.finditer(fmt):
        text, stop = unescape(fmt[pos : match.start()])
        out += text
        if stop:
            return bytes(out), True
        data, stop = _convert(match, args)
        out += data
        if stop:
            return bytes(out), True
        pos = match.end()
    text, stop = unescape(fmt[pos:])
    return bytes(out + text), stop


def printf(inv: Invocation) -> int:
    if len(inv.argv) < 2:
        return fail(inv, "printf: Needs 1 argument")
    args = _Args(inv.argv[2:])
    while True:  # the format is reused until every argument is consumed
        before = args.used
        data, stop = _format_once(inv.argv[1], args)
        inv.out += data
        if stop or args.used >= len(args.values) or args.used == before:
            break
    return fail(inv, "printf: invalid number") if args.bad else 0


# --- small utilities ---------------------------------------------------------------------------------------


def seq(inv: Invocation) -> int:
    args, sep = inv.argv[1:], "\n"
    while args and not re.fullmatch(r"-?\d+(\.\d+)?", args[0]) and args[0].startswith("-"):
        flag = args.pop(0)
        if flag.startswith("-s"):
            sep = flag[2:] or (args.pop(0) if args else "\n")
        elif flag not in ("-w", "--"):
            raise UsageError(f"Unknown option '{flag.lstrip('-')}'")
    if not 1 <= len(args) <= 3:
        return fail(inv, "seq: Needs 1-3 arguments")
    try:
        numbers = [float(a) for a in args]
    except ValueError:
        return fail(inv, f"seq: Not a number: {args}")
    first, step, last = (1.0, 1.0, numbers[0]) if len(numbers) == 1 else (
        (numbers[0], 1.0, numbers[1]) if len(numbers) == 2 else tuple(numbers))
    if step == 0:
        return fail(inv, "seq: Invalid increment 0")
    count = max(0, math.floor((last - first) / step + 1e-9) + 1)
    if count > SEQ_LIMIT:
        return fail(inv, f"seq: more than {SEQ_LIMIT} numbers")
    decimals = max((len(a.partition(".")[2]) for a in args), default=0)
    values = [f"{first + i * step:.{decimals}f}" for i in range(count)]
    emit(inv, sep.join(values) + "\n" if values else "")
    return 0


def basename(inv: Invocation) -> int:
    args = inv.argv[1:]
    if not args:
        return fail(inv, "basename: Needs 1 argument")
    base = posixpath.basename(args[0].rstrip("/")) or ("/" if args[0] else "")
    suffix = args[1] if len(args) > 1 else ""
    if suffix and base.endswith(suffix) and base != suffix:
        base = base[: -len(suffix)]
    emit(inv, base + "\n")
    return 0


def dirname(inv: Invocation) -> int:
    if len(inv.argv) < 2:
        return fail(inv, "dirname: Needs 1 argument")
    path = inv.argv[1]
    stripped = path.rstrip("/")
    result = "/" if path and not stripped else posixpath.dirname(stripped).rstrip("/") or (
        "/" if stripped.startswith("/") else ".")
    emit(inv, result + "\n")
    return 0


def sort(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "rnufbsc", "kto")
    lines = [line for _, data in inputs(inv, "sort", paths) if data is not None for line in split_lines(data)]
    sep = encode(opts["t"][-1][:1]) if "t" in opts else None
    keys = [_sort_key(spec) for spec in opts.get("k", [])]

    def field(line: bytes) -> bytes:
        if not keys:
            return line
        start, end = keys[0]
        parts = line.split(sep) if sep else line.split()
        return (sep or b" ").join(parts[start - 1 : end])

    if "n" in opts:
        match = re.compile(rb"\s*-?\d+(\.\d+)?")
        lines.sort(key=lambda b: (float(m.group()) if (m := match.match(field(b))) else 0.0, b))
    else:
        lines.sort(key=(lambda b: (field(b).lower(), b)) if "f" in opts else (lambda b: (field(b), b)))
    if "r" in opts:
        lines.reverse()
    if "u" in opts:
        lines = list(dict.fromkeys(lines))
    inv.out += b"".join(line + b"\n" for line in lines)
    return 0


def _sort_key(spec: str) -> tuple[int, int]:
    """`-k 2` / `-k 2,3` (character offsets and per-key flags are ignored): 1-based field range."""
    match = re.fullmatch(r"(\d+)(?:\.\d+)?[a-zA-Z]*(?:,(\d+)(?:\.\d+)?[a-zA-Z]*)?", spec)
    if match is None or int(match.group(1)) < 1:
        raise UsageError(f"bad -k '{spec}'")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else 1 << 30


def uniq(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "cdui")
    data = next((d for _, d in inputs(inv, "uniq", paths[:1]) if d is not None), b"")
    groups: list[list[bytes]] = []
    for line in split_lines(data):
        same = groups and (groups[-1][0].lower() == line.lower() if "i" in opts else groups[-1][0] == line)
        if same:
            groups[-1].append(line)
        else:
            groups.append([line])
    for group in groups:
        if ("d" in opts and len(group) < 2) or ("u" in opts and len(group) > 1):
            continue
        inv.out += (f"{len(group):>7} ".encode() if "c" in opts else b"") + group[0] + b"\n"
    return 0


def tee(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "ai")
    status = 0
    for path in paths:
        try:
            host = resolve(inv.fs, path, inv.cwd)
            denied = writable_error(inv.fs, host)
            if denied:
                raise VfsError(denied)
            with open(host, "ab" if "a" in opts else "wb") as fh:
                fh.write(inv.stdin)
            stamp(inv.shell.clock, host)
        except (VfsError, OSError) as exc:
            status = fail(inv, f"tee: {path}: {exc.strerror if isinstance(exc, OSError) else exc}")
    inv.out += inv.stdin
    return status


# --- identity ----------------------------------------------------------------------------------------------

_GROUPS = (
    "2000(shell),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw),"
    "1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc),"
    "3011(uhid),3012(readtracefs)"
)
_UNAME = {
    "s": "Linux", "n": "localhost", "r": "5.15.41-android13-8-00055-g4f5025129fe8-ab8949913",
    "v": "#1 SMP PREEMPT Mon Aug 28 21:21:14 UTC 2023", "m": "x86_64", "o": "Toybox",
}


def id_(inv: Invocation) -> int:
    opts, _ = parse_opts(inv.argv[1:], "ugGnrZ")
    names = "n" in opts
    if AS_ROOT.get():
        _root_id(inv, opts, names)
        return 0
    if app_identity(inv, opts):
        return 0
    if "u" in opts or "g" in opts:
        emit(inv, ("shell" if names else "2000") + "\n")
    elif "G" in opts:
        groups = re.findall(r"(\d+)\((\w+)\)", _GROUPS)
        emit(inv, " ".join(name if names else gid for gid, name in groups) + "\n")
    elif "Z" in opts:
        emit(inv, "u:r:shell:s0\n")
    else:
        emit(inv, f"uid=2000(shell) gid=2000(shell) groups={_GROUPS} context=u:r:shell:s0\n")
    return 0


def _root_id(inv: Invocation, opts: dict[str, list[str]], names: bool) -> None:
    if "u" in opts or "g" in opts or "G" in opts:
        emit(inv, ("root" if names else "0") + "\n")
    elif "Z" in opts:
        emit(inv, "u:r:su:s0\n")
    else:
        emit(inv, f"uid=0(root) gid=0(root) groups=0(root),{_GROUPS.split(',', 1)[1]} context=u:r:su:s0\n")


def whoami(inv: Invocation) -> int:
    emit(inv, "root\n" if AS_ROOT.get() else "shell\n")
    return 0


def uname(inv: Invocation) -> int:
    opts, _ = parse_opts(inv.argv[1:], "asnrvmpio")
    keys = [k for k in "snrvm" if k in opts] + ["m"] * ("p" in opts or "i" in opts)
    keys = list("snrvmo") if "a" in opts else keys or ["s"]
    emit(inv, " ".join(_UNAME[k] for k in keys) + "\n")
    return 0


TEXT_COMMANDS: dict[str, CommandFn] = {
    "wc": wc, "head": head, "tail": tail, "grep": grep, "egrep": grep, "fgrep": grep, "printf": printf,
    "seq": seq, "basename": basename, "dirname": dirname, "sort": sort, "uniq": uniq, "tee": tee,
    "id": id_, "whoami": whoami, "uname": uname,
}
