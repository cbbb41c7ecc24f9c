"""Near misses of values: what a careless agent types or answers instead of the right thing."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from droidpilot.benchmarks.answers import parse_date, parse_number, parse_time


def near_miss_text(text: str) -> str:
    """One character off: the last digit bumped ("0142" -> "0143"), else the last letter doubled ("Daniel" ->
    "Daniell")."""
    digits = [m.start() for m in re.finditer(r"\d", text)]
    if digits:
        i = digits[-1]
        return text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]
    letters = [m.start() for m in re.finditer(r"[A-Za-z]", text)]
    if not letters:
        return text + "x"
    i = letters[-1]
    return text[: i + 1] + text[i] + text[i + 1:]


def near_miss_answer(answer: str, kind: str) -> str:
    """A wrong answer that is close to `answer` in the way that matters for its kind."""
    if kind == "number":
        value = parse_number(re.sub(r"(?<=\d),(?=\d{3})", "", answer))
        if value is None:
            return answer + "1"
        return f"{value + 0.01:.2f}" if value != int(value) else str(int(value) + 1)
    if kind == "time":
        parsed = parse_time(answer)
        if parsed is None:
            return answer + "1"
        later = datetime(2000, 1, 1, parsed.hour, parsed.minute) + timedelta(minutes=1)
        return f"{later.hour % 12 or 12}:{later.minute:02d} {'AM' if later.hour < 12 else 'PM'}"
    if kind == "date":
        day = parse_date(answer, 2026)
        return (day + timedelta(days=1)).isoformat() if day else answer + "1"
    items = [part.strip() for part in answer.split(",") if part.strip()]
    if kind == "string" and len(items) > 1:
        return ", ".join(items[:-1])  # one item forgotten
    if "@" in answer:
        return answer[:-1] if answer.endswith(".com") else answer + "x"  # ".co" for ".com"
    return near_miss_text(answer)
