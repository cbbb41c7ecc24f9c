"""awk's built-in functions: length substr index split sub gsub match tolower toupper sprintf int."""

from __future__ import annotations

import math

from droidpilot.emulator.virtual.shell.awk import AwkError, Interpreter, Value, num, text
from droidpilot.emulator.virtual.shell.awk_parse import Node


def _substr(value: str, start: float, length: float | None) -> str:
    # awk positions are 1-based and rounded; characters before 1 are cut from the length
    first = round(start)
    last = len(value) + 1 if length is None else first + round(length)
    first = max(first, 1)
    last = min(last, len(value) + 1)
    return value[first - 1 : last - 1] if last > first else ""


def _substitute(it: Interpreter, args: list[Node], count: int) -> Value:
    if len(args) < 2:
        raise AwkError("sub: needs 2 arguments")
    regex = it.regex(args[0])
    replacement = text(it.eval(args[1]))
    target = args[2] if len(args) > 2 else ("field", ("num", 0.0))
    from droidpilot.emulator.virtual.shell.awk_run import _get, _set

    original = text(_get(it, target))

    def expand(match: object) -> str:
        matched = match.group()  # type: ignore[attr-defined]
        return replacement.replace("\\&", "\0").replace("&", matched).replace("\0", "&")

    result, done = regex.subn(expand, original, count=count)
    if done:
        _set(it, target, result)
    return float(done)


def _split(it: Interpreter, args: list[Node]) -> Value:
    if len(args) < 2 or args[1][0] != "var":
        raise AwkError("split: needs a string and an array")
    value = text(it.eval(args[0]))
    if len(args) > 2:
        pieces = it.regex(args[2]).split(value) if value else []
    else:
        fs = text(it.vars["FS"])
        pieces = value.split() if fs == " " else value.split(fs) if len(fs) == 1 else it.regex(fs).split(value)
    it.arrays[args[1][1]] = {str(i + 1): piece for i, piece in enumerate(pieces)}
    return float(len(pieces))


def call_builtin(it: Interpreter, name: str, args: list[Node]) -> Value:
    from droidpilot.emulator.virtual.shell.awk_run import sprintf

    if name == "sub":
        return _substitute(it, args, 1)
    if name == "gsub":
        return _substitute(it, args, 0)
    if name == "split":
        return _split(it, args)
    if name == "length" and args and args[0][0] == "var" and args[0][1] in it.arrays:
        return float(len(it.arrays[args[0][1]]))
    values = [it.eval(arg) for arg in args]
    first = text(values[0]) if values else it.get_field(0)
    if name == "length":
        return float(len(first))
    if name == "substr":
        return _substr(first, num(values[1]) if len(values) > 1 else 1, num(values[2]) if len(values) > 2 else None)
    if name == "index":
        return float(first.find(text(values[1])) + 1) if len(values) > 1 else 0.0
    if name == "tolower":
        return first.lower()
    if name == "toupper":
        return first.upper()
    if name == "sprintf":
        return sprintf(first, values[1:])
    if name == "int":
        return float(math.trunc(num(values[0]))) if values else 0.0
    if name == "match":
        found = it.regex(args[1]).search(first) if len(args) > 1 else None
        it.vars["RSTART"] = float(found.start() + 1) if found else 0.0
        it.vars["RLENGTH"] = float(len(found.group())) if found else -1.0
        return it.vars["RSTART"]
    raise AwkError(f"function {name} is not supported")
