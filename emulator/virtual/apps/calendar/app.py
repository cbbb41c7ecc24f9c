"""CalendarApp: package declaration, seed API and event reminders."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App, Intent
from droidpilot.emulator.virtual.apps.calendar import fmt, recurrence, store
from droidpilot.emulator.virtual.apps.calendar.editor import EVENTS_URI, EventActivity
from droidpilot.emulator.virtual.apps.calendar.main import TIME_URI, MainActivity

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.system.host import SystemHost

Moment = datetime | int | float

# A fresh phone's few events: (days from today, hour, minutes long, title, location).
_SEED_EVENTS = ((0, 13, 60, "Lunch with Priya", "Cafe Rosa"),
                (1, 10, 30, "Dentist appointment", "Smile Dental"),
                (3, 18, 90, "Book club", ""), (6, 9, 60, "Team planning", "Room 4B"))


def _seconds(when: Moment) -> int:
    """Epoch seconds from a datetime (naive ones are device time, UTC) or a number of seconds."""
    if isinstance(when, datetime):
        return int((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())
    return int(when)


class CalendarApp(App):
    PACKAGE: ClassVar[str] = "com.android.calendar"
    LABEL: ClassVar[str] = "Calendar"
    ICON: ClassVar[str] = "calendar"  # no such glyph yet: the launcher draws a "C"
    COLOR: ClassVar[str] = "blue"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, EventActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = ((TIME_URI, MainActivity),
                                                                    (EVENTS_URI, EventActivity))
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        ("android.intent.action.INSERT", EventActivity),)
    INTENT_TYPES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("android.intent.action.INSERT", "vnd.android.cursor.dir/event"),
        ("android.intent.action.INSERT", "vnd.android.cursor.item/event"))
    DATABASE: ClassVar[str] = "events.db"
    SCHEMA: ClassVar[str] = store.SCHEMA

    def __init__(self, host: SystemHost) -> None:
        super().__init__(host)
        # Reminders fire for times passed since the previous tick. The cursor is process memory, not state: it
        # only matters while the clock moves, and the clock only moves in this process (a restored phone
        # resumes at its saved time with the cursor there).
        self._reminder_cursor = host.clock.now_ms() // 1000

    def install(self) -> None:
        self.database_path.parent.mkdir(parents=True, exist_ok=True)
        with super().db() as conn:
            conn.executescript(self.SCHEMA)

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """Like Room, recreate an empty database when the file was deleted (a harness resetting the app)."""
        if not self.database_path.exists():
            self.install()
        with super().db() as conn:
            yield conn

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def insert_event(self, title: str, start: Moment, end: Moment, location: str = "", description: str = "",
                     reminder_minutes: int = -1, repeat_interval: int = 0, repeat_rule: int | None = None,
                     all_day: bool = False, **columns: Any) -> int:
        """Add an event; `start`/`end` are datetimes (naive = device time, UTC) or epoch seconds. A weekly
        `repeat_interval` gets the start's weekday as `repeat_rule` unless one is given; extra `columns` (any
        `events` column) are written as given. Returns the row's `id`."""
        start_ts, end_ts = _seconds(start), _seconds(end)
        if repeat_rule is None:
            repeat_rule = _default_rule(repeat_interval, start_ts)
        values = {"title": title, "start_ts": start_ts, "end_ts": end_ts, "location": location,
                  "description": description, "reminder_1_minutes": reminder_minutes,
                  "repeat_interval": repeat_interval, "repeat_rule": repeat_rule,
                  "flags": store.FLAG_ALL_DAY if all_day else 0, **columns}
        with self.db() as conn:
            return store.insert_event(conn, self.host.clock.now_ms(), values)

    def events(self) -> list[dict[str, Any]]:
        """Every `events` row as a dict of its columns, by id."""
        with self.db() as conn:
            return store.all_events(conn)

    def clear(self) -> None:
        """Delete every event (ids restart at 1)."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        today = self.host.clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
        for days, hour, minutes, title, location in rng.sample(_SEED_EVENTS, 3):
            start = today + timedelta(days=days, hours=hour)
            self.insert_event(title, start, start + timedelta(minutes=minutes), location, reminder_minutes=10)

    # -- reminders ------------------------------------------------------------------------------------------
    def on_tick(self, now_ms: int) -> None:
        """Post one notification per reminder whose time passed since the last tick (the latest occurrence
        only, when the clock jumped over several)."""
        now, after = now_ms // 1000, self._reminder_cursor
        self._reminder_cursor = now
        if now <= after:
            return
        with self.db() as conn:
            rows = store.with_reminders(conn, after, now)
        for event in rows:
            due = self._due_occurrence(event, after, now)
            if due is not None:
                self._notify(due)

    @staticmethod
    def _due_occurrence(event: dict[str, Any], after: int, now: int) -> recurrence.Occurrence | None:
        due: recurrence.Occurrence | None = None
        for column in ("reminder_1_minutes", "reminder_2_minutes", "reminder_3_minutes"):
            minutes = event[column]
            if minutes < 0:
                continue
            lead = minutes * 60
            found = recurrence.occurrences(event, after + lead + 1, now + lead + 1)
            found = [o for o in found if after < o.start - lead <= now]
            if found and (due is None or found[-1].start > due.start):
                due = found[-1]
        return due

    def _notify(self, occ: recurrence.Occurrence) -> None:
        is_24h = self.host.settings.get("system", "time_12_24") == "24"
        intent = Intent(package=self.PACKAGE, activity=EventActivity.NAME,
                        extras={"event_id": occ.id, "event_occurrence_ts": occ.start})
        text = fmt.notification_text(occ, self.host.clock.now().date(), is_24h)
        self.host.notify(self.PACKAGE, occ.event["title"], text, intent, tag=f"event:{occ.id}:{occ.start}")


def _default_rule(interval: int, start_ts: int) -> int:
    if interval > 0 and interval % recurrence.WEEK == 0 and interval % recurrence.YEAR:
        return recurrence.weekday_bit(recurrence.to_date(start_ts))
    if interval > 0 and (interval % recurrence.MONTH == 0 or interval % recurrence.YEAR == 0):
        return recurrence.REPEAT_SAME_DAY
    return 0
