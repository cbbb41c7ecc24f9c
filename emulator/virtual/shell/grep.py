"""`grep` for the virtual shell: basic (BRE) and extended (-E) POSIX regexes translated to Python `re`, or
fixed strings (-F). Flags: -e -f -i -v -c -q -o -n -l -L -h -H -w -x -s -r -m. Context flags (-A -B -C) are
accepted and ignored. Exit 0 when a line is selected, 1 when none is, 2 on an error.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import (
    Opts,
    VfsError,
    children,
    decode,
    emit,
    fail,
    inputs,
    parse_opts,
    read_path,
    resolve,
    split_lines,
)

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Invocation

_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": r" \t\n\r\f\v", "blank": r" \t", "xdigit": "0-9A-Fa-f", "word": r"\w",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"), "cntrl": r"\x00-\x1f\x7f",
    "print": r"\x20-\x7e", "graph": r"\x21-\x7e",
}


def _bracket(pattern: str, start: int) -> tuple[str, int]:
    """Translate the POSIX bracket expression at `start` (`[`); returns (python text, index after it)."""
    out, j = ["["], start + 1
    if pattern.startswith("^", j):
        out.append("^")
        j += 1
    first = True
    while j < len(pattern):
        ch = pattern[j]
        if ch == "]" and not first:
            return "".join(out) + "]", j + 1
        end = pattern.find(":]", j + 2) if pattern.startswith("[:", j) else -1
        if end > 0 and pattern[j + 2 : end] in _CLASSES:
            out.append(_CLASSES[pattern[j + 2 : end]])
            j = end + 2
        else:
            out.append("\\" + ch if ch in "\\[]&~|" else ch)  # a backslash is literal inside POSIX brackets
            j += 1
        first = False
    return r"\[", start + 1  # no closing `]`: the `[` is literal


def translate(pattern: str, extended: bool) -> str:
    """A Python regex for a POSIX BRE (or ERE when `extended`)."""
    special = "(){}|+?"
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            i += 2
            if nxt in special and not extended:
                out.append(nxt)
            elif nxt in "<>":
                out.append(r"\b")
            else:
                out.append("\\" + nxt if nxt in "wWsSbB" or nxt.isdigit() else re.escape(nxt))
            continue
        if ch == "[":
            text, i = _bracket(pattern, i)
            out.append(text)
            continue
        if ch in special and not extended:
            out.append("\\" + ch)
        elif ch in "*+?" and (not out or out[-1] in ("^", "(", "|")):
            out.append("\\" + ch)  # a leading repetition operator matches itself
        else:
            out.append(ch if ch in ".^$*" or (extended and ch in special) else re.escape(ch))
        i += 1
    return "".join(out)


def _compile(pattern: str, opts: Opts) -> re.Pattern[str]:
    text = re.escape(pattern) if "F" in opts else translate(pattern, extended="E" in opts)
    if "x" in opts:
        text = rf"\A(?:{text})\Z"
    elif "w" in opts:
        text = rf"(?<!\w)(?:{text})(?!\w)"
    return re.compile(text, re.IGNORECASE if "i" in opts or "y" in opts else 0)


def _patterns(inv: Invocation, opts: Opts, operands: list[str]) -> list[str] | None:
    patterns = list(opts.get("e", []))
    for path in opts.get("f", []):
        try:
            patterns += [decode(line) for line in split_lines(read_path(inv.fs, path, inv.cwd))]
        except VfsError as exc:
            fail(inv, f"grep: {path}: {exc}")
            return None
    if "e" not in opts and "f" not in opts:
        if not operands:
            fail(inv, "grep: Needs 1 argument")
            return None
        patterns.append(operands.pop(0))
    return [line for pattern in patterns for line in pattern.split("\n")]


def _sources(inv: Invocation, opts: Opts, operands: list[str]) -> list[tuple[str, bytes | None]]:
    recursive = "r" in opts or "R" in opts
    result: list[tuple[str, bytes | None]] = []
    for path in operands or (["."] if recursive else []):
        try:
            host = resolve(inv.fs, path, inv.cwd)
        except VfsError:
            host = None
        if host is not None and host.is_dir() and recursive:
            result += _walk(inv, path, inv.fs.normalize(path, inv.cwd), host)
        else:
            result += list(inputs(inv if "s" not in opts else _quiet(inv), "grep", [path]))
    return result or [("(standard input)", inv.stdin)]


def _quiet(inv: Invocation) -> Invocation:
    """A view of `inv` whose error messages are dropped (`grep -s`)."""
    return replace(inv, err=bytearray())


def _walk(inv: Invocation, label: str, device: str, host: Path) -> list[tuple[str, bytes | None]]:
    found: list[tuple[str, bytes | None]] = []
    for name, child in children(inv.fs, device, host):
        child_label = label + name if label.endswith("/") else f"{label}/{name}"
        if child.is_symlink():
            continue  # like grep -r: links below the start paths are not followed
        if child.is_dir():
            found += _walk(inv, child_label, f"{device.rstrip('/')}/{name}", child)
        elif child.is_file():
            found.append((child_label, child.read_bytes()))
    return found


def _search(inv: Invocation, label: str, data: bytes, regexes: list[re.Pattern[str]], opts: Opts,
            prefix: str) -> int:
    """Print the selected lines of one input; returns how many were selected."""
    invert, count = "v" in opts, 0
    limit = int(opts["m"][-1]) if "m" in opts else -1
    quiet = bool({"q", "c", "l", "L"} & opts.keys())
    for number, raw in enumerate(split_lines(data), start=1):
        line = decode(raw)
        if any(r.search(line) for r in regexes) == invert:
            continue
        count += 1
        if not quiet:
            lead = prefix + (f"{number}:" if "n" in opts else "")
            hits = _only(line, regexes) if "o" in opts and not invert else [line]
            emit(inv, "".join(f"{lead}{hit}\n" for hit in hits))
        if count == limit or "q" in opts or "l" in opts:
            break
    if "c" in opts:
        emit(inv, f"{prefix}{count}\n")
    if ("l" in opts and count) or ("L" in opts and not count):
        emit(inv, f"{label}\n")
    return count


def _only(line: str, regexes: list[re.Pattern[str]]) -> list[str]:
    matches = sorted((m.start(), m.group()) for r in regexes for m in r.finditer(line) if m.group())
    return [text for _, text in matches]


def grep(inv: Invocation) -> int:
    opts, operands = parse_opts(inv.argv[1:], "EFGiyvcqonlLhHwxsrRIaZz", "efmABC")
    flavour = {"egrep": "E", "fgrep": "F"}.get(inv.argv[0].rsplit("/", 1)[-1])
    if flavour:
        opts[flavour] = [""]
    patterns = _patterns(inv, opts, operands)
    if patterns is None:
        return 2
    try:
        regexes = [_compile(p, opts) for p in patterns]
    except re.error as exc:
        return fail(inv, f"grep: bad regex: {exc}", 2)
    errors_before = len(inv.err)
    sources = _sources(inv, opts, operands)
    error = len(inv.err) > errors_before or any(data is None for _, data in sources)
    named = ("H" in opts or len(sources) > 1 or "r" in opts or "R" in opts) and "h" not in opts
    matched = False
    for label, data in sources:
        if data is not None:
            matched |= _search(inv, label, data, regexes, opts, f"{label}:" if named else "") > 0
        if matched and "q" in opts:
            return 0
    return 2 if error else 0 if matched else 1
