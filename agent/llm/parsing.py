"""Turning a model's reply text into a validated pydantic object, tolerating the usual ways servers that
ignore `response_format` wrap or bend JSON: code fences, prose or `<think>` blocks around it, trailing commas,
single quotes, Python literals (True/False/None), bare keys, comments, and replies cut off before the closing
braces. Candidates are tried in order (whole reply, fenced blocks, top-level `{...}` spans) and the first that
fits the schema wins, so an example object in the prose does not shadow the real answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```[ \t]*[A-Za-z0-9_+-]*[ \t]*\n?(.*?)(?:```|$)", re.DOTALL)
_LITERALS = {"True": "true", "False": "false", "None": "null", "true": "true", "false": "false", "null": "null"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/", "\\": "\\", '"': '"', "'": "'"}
_CLOSER = {"{": "}", "[": "]"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")
_DANGLING_DOT = re.compile(r"\.(?=[eE]|$)")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")


class OutputError(ValueError):
    """The reply holds no JSON object, or one that does not fit the schema; the text says why, briefly."""


def extract_json(text: str) -> Any:
    """The first JSON value found in `text` (whole text, a fenced block, or a `{...}` span), repaired if needed."""
    for value in iter_json_candidates(text):
        return value
    raise OutputError("the reply was empty" if not text.strip() else "the reply contains no JSON object")


def parse_structured(text: str, schema: type[T]) -> T:
    """The first JSON candidate in `text` that validates against `schema`; else the first candidate's errors."""
    first_error: str | None = None
    for value in iter_json_candidates(text):
        for data in _unwrapped(value):
            try:
                return schema.model_validate(data)
            except ValidationError as exc:
                first_error = first_error or _describe(exc)
    if first_error is not None:
        raise OutputError(first_error)
    raise OutputError("the reply was empty" if not text.strip() else "the reply contains no JSON object")


def iter_json_candidates(text: str) -> Iterator[Any]:
    """Parsed JSON values in the order they should be tried; duplicates skipped."""
    seen: set[str] = set()
    stripped = _THINK.sub("", text).strip() or text.strip()
    for candidate in _candidate_strings(stripped):
        candidate = candidate.strip()
        if not candidate or candidate in seen:
            continue
        seen.add(candidate)
        value = _loads(candidate)
        if value is not _FAIL:
            yield value


def _candidate_strings(text: str) -> Iterator[str]:
    yield text
    for match in _FENCE.finditer(text):
        yield match.group(1)
    yield from _object_spans(text)


def _object_spans(text: str) -> Iterator[str]:
    """Top-level `{...}` spans left to right; an unclosed one runs to the end of the text."""
    start = text.find("{")
    while start != -1:
        end = _matching_brace(text, start)
        if end is None:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = text.find("{", end + 1)


def _matching_brace(text: str, start: int) -> int | None:
    depth, quote, escaped = 0, "", False
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return None


_FAIL = object()


def _loads(candidate: str) -> Any:
    try:
        return json.loads(candidate)
    except ValueError:
        pass
    if candidate[0] not in "{[":
        return _FAIL
    try:
        return json.loads(repair_json(candidate))
    except (ValueError, RecursionError):
        return _FAIL


def _unwrapped(value: Any) -> Iterator[Any]:
    """The value itself, then two common wrappings: a JSON string holding JSON, and `{"SchemaName": {...}}`."""
    yield value
    if isinstance(value, str) and value.strip().startswith("{"):
        inner = _loads(value.strip())
        if inner is not _FAIL:
            yield inner
    if isinstance(value, dict) and len(value) == 1:
        (inner,) = value.values()
        if isinstance(inner, dict):
            yield inner


def _describe(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in exc.errors()[:5])


def repair_json(text: str) -> str:
    """Best-effort rewrite of almost-JSON into JSON: quotes, literals, bare keys, comments, trailing commas,
    and missing closers. The result may still be invalid; callers try `json.loads` on it."""
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            value, i = _read_string(text, i)
            out.append(json.dumps(value, ensure_ascii=False))
            continue
        if ch == "/" and text.startswith(("//", "/*"), i):
            i = _skip_comment(text, i)
            continue
        if ch.isdigit():  # copied whole, so an exponent is not mistaken for a bare word
            match = _NUMBER.match(text, i)
            assert match is not None
            out.append(_DANGLING_DOT.sub(".0", match.group(0)))
            i = match.end()
            continue
        if ch.isalpha() or ch == "_":
            i = _read_word(text, i, out)
            continue
        if ch in "{[":
            stack.append(ch)
            out.append(ch)
        elif ch in "}]":
            _close(ch, stack, out)
        else:
            out.append(ch)
        i += 1
    _finish(stack, out)
    return "".join(out)


def _read_string(text: str, start: int) -> tuple[str, int]:
    """The string value starting at the quote `text[start]`, and the index after its closing quote (or the end)."""
    quote, i = text[start], start + 1
    chars: list[str] = []
    while i < len(text):
        ch = text[i]
        if ch == quote:
            return "".join(chars), i + 1
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u" and _HEX4.fullmatch(text[i + 2 : i + 6]):
                chars.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
                continue
            chars.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
            continue
        chars.append(ch)
        i += 1
    return "".join(chars), i


def _skip_comment(text: str, i: int) -> int:
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end == -1 else end
    end = text.find("*/", i + 2)
    return len(text) if end == -1 else end + 2


def _read_word(text: str, i: int, out: list[str]) -> int:
    """A bare word: a Python/JSON literal, a key missing its quotes, or a value missing its quotes."""
    match = _WORD.match(text, i)
    assert match is not None
    word = match.group(0)
    if word in _LITERALS:
        out.append(_LITERALS[word])
    else:
        out.append(json.dumps(word))
    return match.end()


def _close(ch: str, stack: list[str], out: list[str]) -> None:
    _drop_trailing_comma(out)
    if not stack or ch not in (_CLOSER[s] for s in stack):
        return  # a stray closer: leave it out
    while stack and _CLOSER[stack[-1]] != ch:
        out.append(_CLOSER[stack.pop()])
    stack.pop()
    out.append(ch)


def _finish(stack: list[str], out: list[str]) -> None:
    """Close what a cut-off reply left open: a dangling key gets null, open brackets get closed."""
    _drop_trailing_comma(out)
    if "".join(out).rstrip().endswith(":"):
        out.append(" null")
    while stack:
        _drop_trailing_comma(out)
        out.append(_CLOSER[stack.pop()])


def _drop_trailing_comma(out: list[str]) -> None:
    while out and not out[-1].strip():
        out.pop()
    if out and out[-1].rstrip().endswith(","):
        out[-1] = out[-1].rstrip()[:-1]
