"""More toybox applets: cut, tr, xargs, base64, readlink, realpath, tty (toybox 0.8.9 behaviour and messages)."""

from __future__ import annotations

import base64 as b64
import binascii
import re
import shlex
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import (
    UsageError,
    VfsError,
    canonical,
    decode,
    emit,
    encode,
    fail,
    inputs,
    parse_opts,
    resolve,
    split_lines,
)
from droidpilot.emulator.virtual.shell.sh_session import InStream

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

XARGS_MAX_ARGS = 5000


# --- cut ---------------------------------------------------------------------------------------------------


def _ranges(spec: str) -> list[tuple[int, int]]:
    """`1,3-5,7-` as 1-based inclusive ranges (open ends become 1 / a large number)."""
    ranges = []
    for piece in spec.split(","):
        match = re.fullmatch(r"(\d*)(-?)(\d*)", piece)
        if not piece or match is None or (not match.group(2) and not match.group(1)):
            raise UsageError(f"bad list '{spec}'")
        start = int(match.group(1) or 1)
        end = int(match.group(3) or (1 << 30)) if match.group(2) else start
        if start < 1 or end < start:
            raise UsageError(f"bad list '{spec}'")
        ranges.append((start, end))
    return ranges


def _selected(count: int, ranges: list[tuple[int, int]]) -> list[int]:
    return [i for i in range(count) if any(a <= i + 1 <= b for a, b in ranges)]


def cut(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "sn", "bcfdD")
    mode = next((m for m in "fcb" if m in opts), None)
    if mode is None:
        return fail(inv, "cut: Needs -fcb")
    ranges = _ranges(opts[mode][-1])
    delim = encode((opts.get("d") or ["\t"])[-1][:1] or "\t")
    status = 0
    for _, data in inputs(inv, "cut", paths):
        if data is None:
            status = 1
            continue
        for line in split_lines(data):
            if mode == "b":
                inv.out += bytes(line[i] for i in _selected(len(line), ranges)) + b"\n"
            elif mode == "c":
                chars = decode(line)
                inv.out += encode("".join(chars[i] for i in _selected(len(chars), ranges)) + "\n")
            elif delim not in line:
                inv.out += b"" if "s" in opts else line + b"\n"
            else:
                fields = line.split(delim)
                inv.out += delim.join(fields[i] for i in _selected(len(fields), ranges)) + b"\n"
    return status


# --- tr ----------------------------------------------------------------------------------------------------

_TR_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z", "space": " \t\n\r\f\v",
    "blank": " \t", "punct": "!-/:-@[-`{-~", "xdigit": "0-9A-Fa-f", "cntrl": "\x00-\x1f\x7f", "print": " -~",
    "graph": "!-~",
}
_TR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _tr_set(spec: str) -> list[str]:
    """Expand escapes, `[:class:]` and `a-z` ranges into a list of characters."""
    for name, members in _TR_CLASSES.items():
        spec = spec.replace(f"[:{name}:]", members)
    chars: list[str] = []
    i = 0
    while i < len(spec):
        ch = spec[i]
        if ch == "\\" and i + 1 < len(spec):
            octal = re.match(r"[0-7]{1,3}", spec[i + 1 :])
            ch = chr(int(octal.group(), 8)) if octal else _TR_ESCAPES.get(spec[i + 1], spec[i + 1])
            i += 1 + (len(octal.group()) if octal else 1)
        else:
            i += 1
        if i + 1 < len(spec) and spec[i] == "-":
            end = spec[i + 1]
            chars.extend(chr(c) for c in range(ord(ch), ord(end) + 1))
            i += 2
        else:
            chars.append(ch)
    return chars


def tr(inv: Invocation) -> int:
    opts, sets = parse_opts(inv.argv[1:], "cCdst")
    if not sets or (len(sets) < 2 and "d" not in opts and "s" not in opts):
        return fail(inv, "tr: Needs 1 or 2 arguments" if not sets else "tr: Needs 2 arguments")
    first = _tr_set(sets[0])
    if "c" in opts or "C" in opts:
        wanted = set(first)
        first = [chr(c) for c in range(256) if chr(c) not in wanted]
    second = _tr_set(sets[1]) if len(sets) > 1 else []
    if "t" in opts:
        first = first[: len(second)]
    text = decode(inv.stdin)
    if "d" in opts:
        text = "".join(c for c in text if c not in set(first))
        squeeze = set(second)
    else:
        if second:
            padded = second + [second[-1]] * max(0, len(first) - len(second))
            text = text.translate({ord(a): b for a, b in zip(first, padded, strict=False)})
        squeeze = set(second or first)
    if "s" in opts:
        text = re.sub("(" + "|".join(re.escape(c) for c in squeeze) + r")\1+", r"\1", text) if squeeze else text
    emit(inv, text)
    return 0


# --- xargs -------------------------------------------------------------------------------------------------


def xargs(inv: Invocation) -> int:
    opts, command = parse_opts(inv.argv[1:], "0rtpx", "nIEsLd", permute=False)
    text = decode(inv.stdin)
    if "0" in opts or "d" in opts:
        sep = "\0" if "0" in opts else opts["d"][-1]
        items = [item for item in text.split(sep) if item]
    else:
        try:
            items = shlex.split(text, posix=True)
        except ValueError as exc:
            return fail(inv, f"xargs: {exc}")
    command = command or ["echo"]
    if not items and "r" in opts:
        return 0
    batches = _batches(items, opts)
    status = 0
    for batch in batches[:XARGS_MAX_ARGS]:
        argv = _xargs_argv(command, batch, opts)
        if "t" in opts:
            inv.err += encode(" ".join(argv) + "\n")
        code = inv.shell.call(_quiet_stdin(inv), argv)
        if code == 127:
            return 127
        status = 123 if code else status
    return status


def _batches(items: list[str], opts: dict[str, list[str]]) -> list[list[str]]:
    if "I" in opts or "L" in opts:
        return [[item] for item in items] or [[]]
    size = int(opts["n"][-1]) if "n" in opts else len(items) or 1
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _xargs_argv(command: list[str], batch: list[str], opts: dict[str, list[str]]) -> list[str]:
    if "I" in opts:
        marker = opts["I"][-1]
        return [word.replace(marker, batch[0] if batch else "") for word in command]
    return [*command, *batch]


def _quiet_stdin(inv: Invocation) -> Invocation:
    """The command xargs runs reads no input (toybox gives it /dev/null)."""
    from dataclasses import replace

    return replace(inv, input=InStream())


# --- base64 ------------------------------------------------------------------------------------------------


def base64(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "di", "w")
    wrap = int((opts.get("w") or ["76"])[-1])
    status = 0
    for label, data in inputs(inv, "base64", paths[:1]):
        if data is None:
            status = 1
            continue
        if "d" in opts:
            cleaned = re.sub(rb"[^A-Za-z0-9+/=]", b"", data) if "i" in opts else re.sub(rb"\s", b"", data)
            try:
                inv.out += b64.b64decode(cleaned + b"=" * (-len(cleaned) % 4))
            except (binascii.Error, ValueError):
                return fail(inv, "base64: bad input")
        else:
            encoded = b64.b64encode(data)
            lines = [encoded[i : i + wrap] for i in range(0, len(encoded), wrap)] if wrap else [encoded]
            inv.out += b"".join(line + b"\n" for line in lines) if encoded else b""
        del label
    return status


# --- paths -------------------------------------------------------------------------------------------------


def _canonical_path(inv: Invocation, path: str, must_exist: bool) -> str | None:
    try:
        host = resolve(inv.fs, path, inv.cwd)
    except VfsError:
        return None
    if must_exist and not host.exists():
        return None
    real = host.resolve()
    device = canonical(inv.fs, real)
    if device is None:
        return None
    return device


def readlink(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "fenqmsvz")
    if not paths:
        return fail(inv, "readlink: Needs 1 argument")
    status = 0
    end = "" if "n" in opts else "\n"
    for path in paths:
        if any(f in opts for f in "fem"):
            found = _canonical_path(inv, path, must_exist="e" in opts)
        else:
            found = _link_target(inv, path)
        if found is None:
            status = 1
        else:
            emit(inv, found + end)
    return status


def _link_target(inv: Invocation, path: str) -> str | None:
    try:
        host = resolve(inv.fs, path, inv.cwd)
    except VfsError:
        return None
    if not host.is_symlink():
        return None
    target = str(host.readlink())
    return canonical(inv.fs, host.parent / target) or target if target.startswith("/") else target


def realpath(inv: Invocation) -> int:
    _, paths = parse_opts(inv.argv[1:], "qsLPez", "R")
    status = 0
    for path in paths or ["."]:
        found = _canonical_path(inv, path, must_exist=True)
        if found is None:
            status = fail(inv, f"realpath: {path}: No such file or directory")
        else:
            emit(inv, found + "\n")
    return status


def tty(inv: Invocation) -> int:
    """`adb shell CMD` runs without a terminal (scripts check `tty -s`)."""
    if "-s" not in inv.argv[1:]:
        emit(inv, "not a tty\n")
    return 1


TOYBOX_TEXT: dict[str, CommandFn] = {
    "cut": cut, "tr": tr, "xargs": xargs, "base64": base64, "readlink": readlink, "realpath": realpath,
    "tty": tty,
}
