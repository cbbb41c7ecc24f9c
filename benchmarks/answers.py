"""AndroidWorld's answer matching for information-retrieval tasks (research/benchmarks.md §1.4).

The answer is split on commas and must have as many items as the expected answer; each item matches by type:
strings fuzzily (difflib ratio >= 0.9, case-insensitive), numbers numerically (with a tolerance), dates and
times after parsing the usual spellings. An empty answer never matches.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, time

FUZZY_THRESHOLD = 0.9
_DATE_FORMATS = ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y", "%A %B %d %Y",
                 "%a %b %d %Y", "%B %d", "%b %d")
_TIME_FORMATS = ("%H:%M", "%I:%M %p", "%I:%M%p", "%I %p", "%I%p", "%H:%M:%S")


def fuzzy_match(a: str, b: str) -> bool:
    a, b = a.strip().lower(), b.strip().lower()
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= FUZZY_THRESHOLD


def parse_number(text: str) -> float | None:
    cleaned = re.sub(r"[,$€£\s]", "", text.strip())
    match = re.fullmatch(r"[-+]?\d*\.?\d+", cleaned)
    return float(cleaned) if match else None


def parse_date(text: str, default_year: int | None = None) -> date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().replace(",", " "))
    cleaned = re.sub(r"\s+", " ", cleaned)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        if "%Y" not in fmt:
            if default_year is None:
                continue
            parsed = parsed.replace(year=default_year)
        return parsed.date()
    return None


def parse_time(text: str) -> time | None:
    cleaned = re.sub(r"\s+", " ", text.strip().upper().replace(".", ""))
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).time()
        except ValueError:
            continue
    return None


def item_matches(answer: str, expected: str, kind: str, tolerance: float = 0.0) -> bool:
    if kind == "number":
        got, want = parse_number(answer), parse_number(expected)
        return got is not None and want is not None and abs(got - want) <= tolerance + 1e-9
    if kind == "date":
        want_date = parse_date(expected)
        got_date = parse_date(answer, want_date.year if want_date else None)
        return got_date is not None and got_date == want_date
    if kind == "time":
        got_time, want_time = parse_time(answer), parse_time(expected)
        return got_time is not None and got_time == want_time
    return fuzzy_match(answer, expected)


def check_answer(answer: str | None, expected: str, kind: str = "string", tolerance: float = 0.0) -> bool:
    """True when every comma-separated item of `answer` matches the item of `expected` at the same place."""
    if not answer or not answer.strip():
        return False
    got = [part.strip() for part in answer.split(",")]
    want = [part.strip() for part in expected.split(",")] if expected.strip() else []
    if kind == "date":  # "October 15, 2026" contains a comma of its own: compare whole
        return item_matches(answer, expected, kind)
    return len(got) == len(want) and all(item_matches(g, w, kind, tolerance) for g, w in zip(got, want, strict=True))
