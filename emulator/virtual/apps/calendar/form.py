"""The event editor's form: what a new or existing event starts with, and the row it saves.

A form is a JSON-serialisable dict kept in the editor's `self.state`: `title`, `location`, `description`,
`start` / `end` (seconds), `all_day`, `reminder` (minutes, -1 none) and `repeat` (`repeat_interval` seconds).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from droidpilot.emulator.virtual.apps.calendar import recurrence, store
from droidpilot.emulator.virtual.apps.calendar.recurrence import MONTH, WEEK, YEAR, midnight, to_date

DEFAULT_REMINDER = 10
"""Simple Calendar's first-run default: a reminder 10 minutes before."""
DEFAULT_DURATION = 0
"""Simple Calendar's default duration: a new event ends when it starts until the user moves the end."""

Form = dict[str, Any]


def next_full_hour(now: datetime, day: date | None = None) -> int:
    """Where a new event starts: the next full hour (on `day` when one was shown), in seconds."""
    hour = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    if day is not None and day != now.date():
        hour = datetime.combine(day, time(hour.hour), tzinfo=UTC)
    return int(hour.timestamp())


def new_form(start: int, title: str = "", location: str = "", description: str = "", end: int | None = None,
             all_day: bool = False) -> Form:
    return {"title": title, "location": location, "description": description, "start": start,
            "end": start + DEFAULT_DURATION * 60 if end is None else end, "all_day": all_day,
            "reminder": DEFAULT_REMINDER, "repeat": 0}


def from_event(event: dict[str, Any]) -> Form:
    return {"title": event["title"], "location": event["location"], "description": event["description"],
            "start": event["start_ts"], "end": event["end_ts"], "all_day": recurrence.is_all_day(event),
            "reminder": event["reminder_1_minutes"], "repeat": event["repeat_interval"]}


def with_date(ts: int, day: date) -> int:
    """`ts` moved to `day`, keeping its time of day."""
    return midnight(day) + (ts - midnight(to_date(ts)))


def with_time(ts: int, hour: int, minute: int) -> int:
    return midnight(to_date(ts)) + hour * 3600 + minute * 60


def set_start(form: Form, start: int) -> None:
    """Moving the start moves the end with it, keeping the duration (as Simple Calendar does)."""
    form["end"] = start + (form["end"] - form["start"])
    form["start"] = start


def times(form: Form) -> tuple[int, int]:
    """The stored (start_ts, end_ts): all-day events run from the start day's midnight to the end day's."""
    if form["all_day"]:
        return midnight(to_date(form["start"])), midnight(to_date(form["end"]))
    return form["start"], form["end"]


def _kind(interval: int) -> int:
    for size in (YEAR, MONTH, WEEK):
        if interval > 0 and interval % size == 0:
            return size
    return 0


def repeat_rule(interval: int, start: int, old_interval: int, old_rule: int) -> int:
    """Weekly: the start's weekday bit (a seeded several-day rule is kept); monthly and yearly: the same day
    (or the row's own monthly rule)."""
    if interval <= 0:
        return 0
    if _kind(interval) != _kind(old_interval):
        old_rule = 0
    if interval % YEAR == 0 or interval % MONTH == 0:
        return old_rule or recurrence.REPEAT_SAME_DAY
    if interval % WEEK == 0:
        several = old_rule and old_rule & (old_rule - 1)
        return old_rule if several else recurrence.weekday_bit(to_date(start))
    return 0


def problem(form: Form) -> str | None:
    """Why the form cannot be saved (the app's toast), or None."""
    if not form["title"].strip():
        return "Title cannot be empty"
    start, end = times(form)
    if end < start:
        return "The event cannot end earlier than it starts"
    return None


def row_values(form: Form, old: dict[str, Any] | None) -> dict[str, Any]:
    """The columns to write; other flag bits and columns of an existing row are kept."""
    start, end = times(form)
    old_flags = old["flags"] if old else 0
    return {"title": form["title"].strip(), "location": form["location"].strip(),
            "description": form["description"].strip(), "start_ts": start, "end_ts": end,
            "flags": (old_flags & ~store.FLAG_ALL_DAY) | (store.FLAG_ALL_DAY if form["all_day"] else 0),
            "reminder_1_minutes": form["reminder"], "repeat_interval": form["repeat"],
            "repeat_rule": repeat_rule(form["repeat"], start, old["repeat_interval"] if old else 0,
                                       old["repeat_rule"] if old else 0)}


def without_occurrence(event: dict[str, Any], occurrence_ts: int) -> str:
    """`repetition_exceptions` with the occurrence's day added (deleting only that occurrence)."""
    try:
        codes = json.loads(event["repetition_exceptions"] or "[]")
    except ValueError:
        codes = []
    code = recurrence.day_code(to_date(occurrence_ts))
    return json.dumps([*(c for c in codes if c != code), code], separators=(",", ":"))
