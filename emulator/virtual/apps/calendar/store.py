"""events.db: Simple Calendar Pro's Room schema and every query the Calendar screens, seed API and ticks run.

Column names, types and defaults are the app's own (`models/Event.kt`), so a benchmark harness that pulls the
file and runs `SELECT * FROM events` (as AndroidWorld's `sqlite_schema_utils.CalendarEvent` does) reads the
rows it expects, and one that inserts rows with those columns is shown them. Functions take a connection.
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    start_ts INTEGER NOT NULL DEFAULT 0,
    end_ts INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    reminder_1_minutes INTEGER NOT NULL DEFAULT -1,
    reminder_2_minutes INTEGER NOT NULL DEFAULT -1,
    reminder_3_minutes INTEGER NOT NULL DEFAULT -1,
    reminder_1_type INTEGER NOT NULL DEFAULT 0,
    reminder_2_type INTEGER NOT NULL DEFAULT 0,
    reminder_3_type INTEGER NOT NULL DEFAULT 0,
    repeat_interval INTEGER NOT NULL DEFAULT 0,
    repeat_rule INTEGER NOT NULL DEFAULT 0,
    repeat_limit INTEGER NOT NULL DEFAULT 0,
    repetition_exceptions TEXT NOT NULL DEFAULT '[]',
    attendees TEXT NOT NULL DEFAULT '',
    import_id TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    flags INTEGER NOT NULL DEFAULT 0,
    event_type INTEGER NOT NULL DEFAULT 1,
    parent_id INTEGER NOT NULL DEFAULT 0,
    last_updated INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'simple-calendar',
    availability INTEGER NOT NULL DEFAULT 0,
    color INTEGER NOT NULL DEFAULT 0,
    type INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS index_events_id ON events (id);
CREATE TABLE IF NOT EXISTS event_types (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    color INTEGER NOT NULL,
    caldav_calendar_id INTEGER NOT NULL DEFAULT 0,
    caldav_display_name TEXT NOT NULL DEFAULT '',
    caldav_email TEXT NOT NULL DEFAULT '',
    type INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS index_event_types_id ON event_types (id);
INSERT OR IGNORE INTO event_types (id, title, color) VALUES (1, 'Regular event', -14244198);
"""

FLAG_ALL_DAY = 1
REGULAR_EVENT_TYPE = 1
SOURCE = "simple-calendar"
TIME_ZONE = "UTC"  # the virtual phone's zone

EDITABLE = ("title", "location", "description", "start_ts", "end_ts", "flags", "reminder_1_minutes",
            "repeat_interval", "repeat_rule")
"""The columns the event editor writes; everything else in a row is left as it was."""


def import_id(seed: str, now_ms: int) -> str:
    """Simple Calendar's `generateImportId()`: 32 hex digits and the creation time in ms (deterministic)."""
    return hashlib.md5(f"{seed}:{now_ms}".encode()).hexdigest() + str(now_ms)


def insert_event(conn: sqlite3.Connection, now_ms: int, values: dict[str, Any]) -> int:
    """Insert a row from `values` (column -> value; omitted columns take the app's defaults)."""
    row = {"time_zone": TIME_ZONE, "last_updated": now_ms, **values}
    row.setdefault("import_id", import_id(f"{row.get('title', '')}:{row.get('start_ts', 0)}", now_ms))
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = conn.execute(f"INSERT INTO events ({names}) VALUES ({marks})", tuple(row.values()))
    return int(cur.lastrowid or 0)


def update_event(conn: sqlite3.Connection, event_id: int, now_ms: int, values: dict[str, Any]) -> None:
    fields = {k: values[k] for k in EDITABLE if k in values}
    assignments = ", ".join(f"{k} = ?" for k in fields)
    conn.execute(f"UPDATE events SET {assignments}, last_updated = ? WHERE id = ?",
                 (*fields.values(), now_ms, event_id))


def set_columns(conn: sqlite3.Connection, event_id: int, now_ms: int, **values: Any) -> None:
    """Write a few columns directly (repeat limit and exceptions when deleting occurrences)."""
    assignments = ", ".join(f"{k} = ?" for k in values)
    conn.execute(f"UPDATE events SET {assignments}, last_updated = ? WHERE id = ?",
                 (*values.values(), now_ms, event_id))


def delete_event(conn: sqlite3.Connection, event_id: int) -> None:
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))


def clear(conn: sqlite3.Connection) -> None:
    """Remove every event and restart ids at 1, so a benchmark's set-up gets the same ids every run."""
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'events'")


def get_event(conn: sqlite3.Connection, event_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    return None if row is None else dict(row)


def all_events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every row, by id (the table's natural order)."""
    return [dict(r) for r in conn.execute("SELECT * FROM events ORDER BY id")]


def candidates(conn: sqlite3.Connection, start: int, end: int) -> list[dict[str, Any]]:
    """Rows that may have an occurrence overlapping [start, end): repeating ones, or ones in range."""
    return [dict(r) for r in conn.execute(
        "SELECT * FROM events WHERE type = 0 AND start_ts < ? AND (repeat_interval > 0 OR end_ts >= ?)"
        " ORDER BY start_ts, id", (end, start - 86400))]


def with_reminders(conn: sqlite3.Connection, after: int, until: int) -> list[dict[str, Any]]:
    """Rows with a reminder that may fall in (after, until]: repeating ones, and single events starting after
    `after` whose earliest reminder is not later than `until` (all times in seconds)."""
    return [dict(r) for r in conn.execute(
        "SELECT * FROM events WHERE type = 0"
        " AND max(reminder_1_minutes, reminder_2_minutes, reminder_3_minutes) >= 0"
        " AND start_ts - 60 * max(reminder_1_minutes, reminder_2_minutes, reminder_3_minutes) <= ?"
        " AND (repeat_interval > 0 OR start_ts > ?)", (until, after))]


def search(conn: sqlite3.Connection, query: str) -> list[dict[str, Any]]:
    """Events whose title, location or description contains `query` (case-insensitive), by start time."""
    pattern = f"%{query.strip()}%"
    return [dict(r) for r in conn.execute(
        "SELECT * FROM events WHERE type = 0 AND (title LIKE ? OR location LIKE ? OR description LIKE ?)"
        " ORDER BY start_ts, title, id", (pattern, pattern, pattern))]
