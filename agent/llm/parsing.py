"""Turning a model's reply text into a validated pydantic object, tolerating the usual ways servers that
ignore `response_format` wrap JSON (code fences, prose around it)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)


class OutputError(ValueError):
    """The reply holds no JSON object, or one that does not fit the schema; the text says why, briefly."""


def extract_json(text: str) -> Any:
    """The first JSON object in `text` (whole text, a fenced block, or the first balanced `{...}`)."""
    stripped = text.strip()
    if not stripped:
        raise OutputError("the reply was empty")
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        pass
    start = stripped.find("{")
    while start != -1:
        end = _matching_brace(stripped, start)
        if end is not None:
            try:
                return json.loads(stripped[start : end + 1])
            except json.JSONDecodeError:
                pass
        start = stripped.find("{", start + 1)
    raise OutputError("the reply contains no JSON object")


def _matching_brace(text: str, start: int) -> int | None:
    depth, in_string, escaped = 0, False, False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            escaped = not escaped and ch == "\\"
            if ch == '"' and not escaped:
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return None


def parse_structured(text: str, schema: type[T]) -> T:
    data = extract_json(text)
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in exc.errors()[:5])
        raise OutputError(problems) from None
