"""Occurrences of (possibly repeating) events, with Simple Calendar's repetition encoding.

`repeat_interval` is in seconds: a multiple of DAY, WEEK, MONTH (2592001, one second more than 30 days so it
never divides evenly by a week) or YEAR. `repeat_rule` refines it: for weekly events a bitmask of weekdays
(Monday = 1 ... Sunday = 64; 0 means the start's weekday), for monthly ones REPEAT_SAME_DAY (1), the Nth
weekday (4), the Nth-or-last weekday (2) or the last day (3). `repeat_limit` is 0 (forever), an end time in
seconds (inclusive), or minus a number of occurrences. `repetition_exceptions` is a JSON list of skipped
`YYYYMMDD` days. The phone's time zone is UTC, so days are UTC days.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

DAY = 86400
WEEK = 7 * DAY
MONTH = 2592001
YEAR = 365 * DAY
REPEAT_SAME_DAY = 1
REPEAT_ORDER_WEEKDAY_USE_LAST = 2
REPEAT_LAST_DAY = 3
REPEAT_ORDER_WEEKDAY = 4
FLAG_ALL_DAY = 1
_MAX_COUNT_SCAN_DAYS = 20_000


@dataclass(frozen=True)
class Occurrence:
    """One showing of an event: its row and the start/end (seconds) of this occurrence."""

    event: dict[str, Any]
    start: int
    end: int

    @property
    def all_day(self) -> bool:
        return is_all_day(self.event)

    @property
    def id(self) -> int:
        return int(self.event["id"])


def is_all_day(event: dict[str, Any]) -> bool:
    return bool(event["flags"] & FLAG_ALL_DAY)


def to_date(ts: int) -> date:
    return datetime.fromtimestamp(ts, tz=UTC).date()


def midnight(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def day_code(day: date) -> str:
    return day.strftime("%Y%m%d")


def weekday_bit(day: date) -> int:
    """Simple Calendar's weekly `repeat_rule` bit: Monday = 1, Tuesday = 2, ... Sunday = 64."""
    return 1 << day.weekday()


def _shown_until(event: dict[str, Any], start: int) -> int:
    """Where an occurrence starting at `start` stops being shown: all-day events cover their whole last day,
    and a zero-length event still shows at its instant."""
    duration = max(0, event["end_ts"] - event["start_ts"])
    if is_all_day(event):
        return midnight(to_date(start + duration)) + DAY
    return max(start + duration, start + 1)


def _monthly_match(rule: int, day: date, first: date) -> bool:
    if rule == REPEAT_LAST_DAY:
        return day.day == calendar.monthrange(day.year, day.month)[1]
    if rule in (REPEAT_ORDER_WEEKDAY, REPEAT_ORDER_WEEKDAY_USE_LAST):
        if day.weekday() != first.weekday():
            return False
        first_is_last = first.day + 7 > calendar.monthrange(first.year, first.month)[1]
        if rule == REPEAT_ORDER_WEEKDAY_USE_LAST and first_is_last:
            return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        return (day.day - 1) // 7 == (first.day - 1) // 7
    return day.day == first.day


def occurs_on(event: dict[str, Any], day: date, first: date) -> bool:
    """Whether a repeating event whose first occurrence is on `first` has one starting on `day`."""
    interval = event["repeat_interval"]
    if day < first:
        return False
    if interval % YEAR == 0:
        same_date = (day.month, day.day) == (first.month, first.day)
        return same_date and (day.year - first.year) % (interval // YEAR) == 0
    if interval % MONTH == 0:
        months = (day.year - first.year) * 12 + day.month - first.month
        return months % (interval // MONTH) == 0 and _monthly_match(event["repeat_rule"], day, first)
    if interval % WEEK == 0:
        rule = event["repeat_rule"] or weekday_bit(first)
        weeks = ((day - first).days + first.weekday()) // 7
        return bool(rule & weekday_bit(day)) and weeks % (interval // WEEK) == 0
    return (day - first).days % (interval // DAY) == 0


def _exceptions(event: dict[str, Any]) -> set[str]:
    try:
        codes = json.loads(event.get("repetition_exceptions") or "[]")
    except ValueError:
        return set()
    return {str(c) for c in codes} if isinstance(codes, list) else set()


def _last_allowed_day(event: dict[str, Any], first: date) -> date | None:
    """The day of the last occurrence a count limit allows; None without one (an end time is checked per
    occurrence, as it may fall inside a day)."""
    limit = event["repeat_limit"]
    if limit >= 0:
        return None
    remaining, day = -limit, first
    for _ in range(_MAX_COUNT_SCAN_DAYS):
        if occurs_on(event, day, first):
            remaining -= 1
            if remaining == 0:
                return day
        day += timedelta(days=1)
    return day


def occurrences(event: dict[str, Any], start: int, end: int) -> list[Occurrence]:
    """Every occurrence of `event` shown during [start, end) (seconds), in time order."""
    first_ts = event["start_ts"]
    if not event["repeat_interval"]:
        shown = first_ts < end and _shown_until(event, first_ts) > start
        return [Occurrence(event, first_ts, first_ts + max(0, event["end_ts"] - first_ts))] if shown else []
    if event["repeat_interval"] % DAY:
        return _by_seconds(event, start, end)
    first = to_date(first_ts)
    time_of_day = first_ts - midnight(first)
    span_days = (_shown_until(event, first_ts) - first_ts) // DAY + 1
    last = _last_allowed_day(event, first)
    skipped = _exceptions(event)
    day = max(first, to_date(start) - timedelta(days=span_days))
    found: list[Occurrence] = []
    while day <= to_date(end - 1) and (last is None or day <= last):
        if occurs_on(event, day, first) and day_code(day) not in skipped:
            begin = midnight(day) + time_of_day
            if 0 < event["repeat_limit"] < begin:
                break
            if begin < end and _shown_until(event, begin) > start:
                found.append(Occurrence(event, begin, begin + event["end_ts"] - first_ts))
        day += timedelta(days=1)
    return found


def _by_seconds(event: dict[str, Any], start: int, end: int) -> list[Occurrence]:
    """Intervals that are not whole days (imported events): plain steps of `repeat_interval` seconds."""
    interval, first_ts = event["repeat_interval"], event["start_ts"]
    duration = max(0, event["end_ts"] - first_ts)
    step = max(0, (start - duration - first_ts) // interval)
    limit = event["repeat_limit"]
    found: list[Occurrence] = []
    while (begin := first_ts + step * interval) < end:
        if (limit > 0 and begin > limit) or (limit < 0 and step >= -limit):
            break
        if _shown_until(event, begin) > start:
            found.append(Occurrence(event, begin, begin + duration))
        step += 1
    return found


def expand(events: list[dict[str, Any]], start: int, end: int) -> list[Occurrence]:
    """The occurrences of all `events` during [start, end), sorted as the app lists them."""
    found = [o for e in events for o in occurrences(e, start, end)]
    return sorted(found, key=lambda o: (o.start, not o.all_day, o.end, o.event["title"].lower(), o.id))
