"""Answer matching for information-retrieval tasks, after AndroidWorld's (research/benchmarks.md §1.4).

The answer is split on commas and must have as many items as the expected answer; each item matches by kind,
after AndroidWorld's normalisation (case, surrounding whitespace, phone formatting):

- "string": identifiers (names, titles, e-mail addresses): equal once case and whitespace are normalised. A near
  miss ("Danielle" for "Daniel", ".co" for ".com") is a different identifier, so no fuzzy matching here.
- "prose": free text only: difflib ratio >= 0.9 (AndroidWorld's fuzzy match), and every number in it must agree,
  since "3 cups" for "2 cups" is a wrong quantity however similar the words.
- "number": numerically equal (within an explicit tolerance); "phone": the same national digits.
- "date" / "time": equal after parsing the usual spellings.
An empty answer never matches.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, time

FUZZY_THRESHOLD = 0.9
_DATE_FORMATS = ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y", "%A %B %d %Y",
                 "%a %b %d %Y", "%B %d", "%b %d")
_TIME_FORMATS = ("%H:%M", "%I:%M %p", "%I:%M%p", "%I %p", "%I%p", "%H:%M:%S")


def normalize_text(text: str) -> str:
    """Case and whitespace folded, surrounding quotes and a final full stop dropped: how an identifier is compared."""
    folded = re.sub(r"\s+", " ", (text or "").strip().casefold())
    return folded.strip("\"'“”‘’ ").removesuffix(".").strip()


def fuzzy_match(a: str, b: str) -> bool:
    a, b = a.strip().lower(), b.strip().lower()
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= FUZZY_THRESHOLD


def numbers_in(text: str) -> list[float]:
    """The numbers a text mentions, in order ("2 1/2 cups, 350°F" -> [2, 1, 2, 350])."""
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", (text or "").replace(",", ""))]


def identifier_matches(a: str, b: str) -> bool:
    return normalize_text(a) == normalize_text(b)


def prose_matches(a: str, b: str) -> bool:
    """Free text: fuzzy as AndroidWorld, but every number must be the same (quantities are not prose)."""
    x, y = normalize_text(a), normalize_text(b)
    return x == y or (numbers_in(x) == numbers_in(y) and fuzzy_match(x, y))


def national_digits(number: str) -> str:
    """A phone number's digits without a leading US country code: every spelling of a number compares equal."""
    d = re.sub(r"\D", "", number or "")
    return d[1:] if len(d) == 11 and d.startswith("1") else d


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
    if kind == "phone":
        return bool(national_digits(answer)) and national_digits(answer) == national_digits(expected)
    if kind == "prose":
        return prose_matches(answer, expected)
    return identifier_matches(answer, expected)


def check_answer(answer: str | None, expected: str, kind: str = "string", tolerance: float = 0.0) -> bool:
    """True when every comma-separated item of `answer` matches the item of `expected` at the same place."""
    if not answer or not answer.strip():
        return False
    got = [part.strip() for part in answer.split(",")]
    want = [part.strip() for part in expected.split(",")] if expected.strip() else []
    if kind in ("date", "prose"):  # "October 15, 2026" and free text contain commas of their own: compare whole
        return item_matches(answer, expected, kind)
    return len(got) == len(want) and all(item_matches(g, w, kind, tolerance) for g, w in zip(got, want, strict=True))
