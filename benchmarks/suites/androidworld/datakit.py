"""Shared pieces of the data-app task families (calendar, notes, expenses, recipes, tasks).

AndroidWorld's row integrity checks (`validate_rows_addition_integrity` / `..._removal_integrity`), unordered
answer matching for list questions, natural date phrases relative to the pinned device time, the framework
pickers as an oracle drives them, and a database patch for columns no seed API can set over JSON.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from droidpilot.benchmarks.answers import check_answer, identifier_matches, item_matches, prose_matches
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import DEVICE_TIME

Row = dict[str, Any]
TODAY = DEVICE_TIME.date()


# -- dates -----------------------------------------------------------------------------------------------------
def day_text(day: date) -> str:
    """How a goal names a day, preposition included: "today", "tomorrow", "yesterday", else "on October 17"."""
    names = {TODAY: "today", TODAY + timedelta(days=1): "tomorrow", TODAY - timedelta(days=1): "yesterday"}
    return names.get(day) or f"on {day:%B} {day.day}"


def long_day(day: date) -> str:
    """ "Monday, October 19": for ranges, where the weekday removes any doubt."""
    return f"{day:%A}, {day:%B} {day.day}"


def clock_text(hour: int, minute: int) -> str:
    return f"{hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# -- answers ---------------------------------------------------------------------------------------------------
def split_answer(answer: str | None) -> list[str]:
    return [part.strip() for part in (answer or "").split(",") if part.strip()]


def matches_unordered(answer: str | None, expected: Sequence[str], kind: str = "string") -> bool:
    """Every comma-separated item matches a distinct expected item (AndroidWorld's item matching), in any
    order, and nothing is left over on either side. For list questions whose order is not implied."""
    got = split_answer(answer)
    if not got or len(got) != len(expected):
        return False
    remaining = list(expected)
    for item in got:
        hit = next((w for w in remaining if item_matches(item, w, kind)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def number_matches(answer: str | None, expected: str, tolerance: float = 0.0) -> bool:
    """A single number: thousands separators ("$1,250.00") are dropped first, since check_answer splits on
    commas."""
    cleaned = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", answer or "")
    return check_answer(cleaned, expected, "number", tolerance)


# -- free-form text --------------------------------------------------------------------------------------------
def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def text_matches(got: str, want: str) -> bool:
    """Identifier-like fields (titles, names, servings, times): equal once case and whitespace (line breaks
    included) are normalised. No fuzzy matching: "Danielle" is not "Daniel" and "90 min" is not "60 min"."""
    return identifier_matches(squash(got), squash(want))


def prose_fields_match(got: str, want: str) -> bool:
    """Free-form fields (directions, notes): fuzzy as AndroidWorld, with every number equal."""
    return prose_matches(squash(got), squash(want))


def items_match(got: str, want: str) -> bool:
    """A list typed on one line or one item a line ("eggs, milk" == "eggs\nmilk"), item by item exactly: items
    carry quantities ("2 cups flour"), which are not prose."""
    split = lambda text: [p.strip() for p in re.split(r"[,\n]+", text or "") if p.strip()]  # noqa: E731
    a, b = split(got), split(want)
    return len(a) == len(b) and all(identifier_matches(x, y) for x, y in zip(a, b, strict=True))


def note_text(text: str) -> str:
    """A note's text with trailing whitespace removed from every line and from the end."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).rstrip()


# -- row integrity (AndroidWorld's sqlite validators) --------------------------------------------------------
Matcher = Callable[[Row], bool]


def rows_added(before: list[Row], after: list[Row], key: str, expected: Sequence[Matcher]) -> bool:
    """Exactly `len(expected)` new rows, each matched by a distinct matcher, and every old row untouched."""
    now = {r[key]: r for r in after}
    if len(after) != len(before) + len(expected) or any(now.get(r[key]) != r for r in before):
        return False
    old = {r[key] for r in before}
    new = [r for r in after if r[key] not in old]
    remaining = list(expected)
    for row in new:
        hit = next((m for m in remaining if m(row)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return not remaining


def rows_removed(before: list[Row], after: list[Row], key: str, removed: Iterable[Any]) -> bool:
    """Exactly the `removed` keys are gone; every other row is still there unchanged and nothing was added."""
    gone = set(removed)
    expected = sorted((r for r in before if r[key] not in gone), key=lambda r: r[key])
    return sorted(after, key=lambda r: r[key]) == expected


def one_of_each_removed(before: list[Row], after: list[Row], key: str, groups: Sequence[Sequence[Any]]) -> bool:
    """Duplicates: from each group of identical rows all but one are gone (any one may stay); the rest kept."""
    kept = {r[key] for r in after}
    removed: set[Any] = set()
    for group in groups:
        left = [k for k in group if k in kept]
        if len(left) != 1:
            return False
        removed |= set(group) - set(left)
    return rows_removed(before, after, key, removed)


# -- device set-up ---------------------------------------------------------------------------------------------
# -- oracle helpers --------------------------------------------------------------------------------------------
def pick_date(ui: UIDriver, day: date) -> None:
    """In the framework date picker: page to the month, tap the day, OK."""
    for _ in range(24):
        shown = datetime.strptime(ui.need(rid="month_view").text, "%B %Y").date()
        delta = (day.year - shown.year) * 12 + day.month - shown.month
        if delta == 0:
            break
        ui.tap(desc="Next month" if delta > 0 else "Previous month")
    ui.tap(desc=f"{day:%d %B %Y}")
    ui.tap(rid="button1")


def pick_time(ui: UIDriver, hour: int, minute: int) -> None:
    """In the framework time picker (keyboard mode): type hour and minute, choose AM/PM, OK."""
    twelve = ui.find(rid="am_label") is not None
    ui.tap(rid="input_hour")
    ui.type(str(hour % 12 or 12) if twelve else f"{hour:02d}")
    ui.tap(rid="input_minute")
    ui.type(f"{minute:02d}")
    half = ui.find(rid="pm_label" if hour >= 12 else "am_label")
    if half is not None and not half.checked:
        ui.tap_at(*half.bounds.center)
    ui.tap(rid="button1")


def inside(outer: Any, inner: Any) -> bool:
    """Whether `inner`'s centre lies in `outer` (two UIElements): pairs a row's fields with the row."""
    x, y = inner.bounds.center
    b = outer.bounds
    return b.left <= x < b.right and b.top <= y < b.bottom


def reveal(ui: UIDriver, **selector: str) -> None:
    """Scroll the screen's scroll view (however small the keyboard leaves it) until `selector` shows."""
    for _ in range(6):
        if ui.find(**selector) is not None:
            return
        scroller = next((e for e in ui.elements() if e.scrollable), None)
        if scroller is None:
            break
        b = scroller.bounds
        x, span = (b.left + b.right) // 2, (b.bottom - b.top) // 3
        ui.swipe(x, b.bottom - span, x, b.top + span // 2)
    ui.need(**selector)
