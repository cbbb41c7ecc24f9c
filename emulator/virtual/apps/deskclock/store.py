"""The Clock app's database (`alarms.db`, laid out like AOSP DeskClock's) and the operations on it.

Alarms are `alarm_templates` rows; each enabled alarm has one pending `alarm_instances` row for its next
occurrence, which `fire_due_alarms` marks FIRED when the virtual clock passes it (so every firing happens
once, and the FIRED row remembers it); `alarm_instances.month` is 1-12. Timers and the stopwatch store when
they started running and how much time they had, so their readouts are computed from the virtual clock and
survive leaving the app.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS alarm_templates (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    hour INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    daysofweek INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    vibrate INTEGER NOT NULL DEFAULT 1,
    label TEXT NOT NULL DEFAULT '',
    ringtone TEXT NOT NULL DEFAULT 'content://settings/system/alarm_alert',
    delete_after_use INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS alarm_instances (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    day INTEGER NOT NULL,
    hour INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    vibrate INTEGER NOT NULL DEFAULT 1,
    label TEXT NOT NULL DEFAULT '',
    ringtone TEXT,
    alarm_id INTEGER REFERENCES alarm_templates(_id) ON DELETE CASCADE,
    alarm_state INTEGER NOT NULL DEFAULT 0,
    time_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    length_ms INTEGER NOT NULL,
    remaining_ms INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'RESET',
    start_ms INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS stopwatch (
    _id INTEGER PRIMARY KEY CHECK (_id = 1),
    state TEXT NOT NULL DEFAULT 'RESET',
    start_ms INTEGER NOT NULL DEFAULT 0,
    accumulated_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS laps (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    lap_number INTEGER NOT NULL,
    lap_time_ms INTEGER NOT NULL,
    total_time_ms INTEGER NOT NULL
);
INSERT OR IGNORE INTO stopwatch (_id) VALUES (1);
"""

SILENT_STATE = 0
"""AOSP AlarmInstance states: a scheduled instance waits SILENT; a rung one is FIRED."""
FIRED_STATE = 5
ALARM_FIELDS = ("hour", "minutes", "daysofweek", "enabled", "vibrate", "label", "ringtone",
                "delete_after_use")
MAX_LAPS = 98
MINUTE_MS = 60_000


def to_ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


# -- alarms --------------------------------------------------------------------------------------------------
def next_occurrence(hour: int, minute: int, days: int, after_ms: int) -> datetime:
    """The first time strictly after `after_ms` that the alarm rings (on one of `days`, if it repeats)."""
    after = from_ms(after_ms)
    when = after.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if when <= after:
        when += timedelta(days=1)
    while days and not days & (1 << when.weekday()):
        when += timedelta(days=1)
    return when


def list_alarms(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM alarm_templates ORDER BY hour, minutes, _id").fetchall()
    return [dict(r) for r in rows]


def get_alarm(conn: sqlite3.Connection, alarm_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM alarm_templates WHERE _id = ?", (alarm_id,)).fetchone()
    return None if row is None else dict(row)


def insert_alarm(conn: sqlite3.Connection, now_ms: int, hour: int, minute: int, enabled: bool = True,
                 label: str = "", days: int = 0, vibrate: bool = True) -> int:
    cur = conn.execute(
        "INSERT INTO alarm_templates (hour, minutes, daysofweek, enabled, vibrate, label) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (hour, minute, days, int(enabled), int(vibrate), label))
    sync_instances(conn, now_ms)
    return int(cur.lastrowid or 0)


def update_alarm(conn: sqlite3.Connection, now_ms: int, alarm_id: int, **fields: Any) -> None:
    unknown = set(fields) - set(ALARM_FIELDS)
    if unknown:
        raise ValueError(f"unknown alarm fields: {sorted(unknown)}")
    if fields:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(f"UPDATE alarm_templates SET {assignments} WHERE _id = ?", (*fields.values(), alarm_id))
    sync_instances(conn, now_ms)


def delete_alarm(conn: sqlite3.Connection, alarm_id: int) -> None:
    conn.execute("DELETE FROM alarm_instances WHERE alarm_id = ?", (alarm_id,))
    conn.execute("DELETE FROM alarm_templates WHERE _id = ?", (alarm_id,))


def _schedule(conn: sqlite3.Connection, alarm: sqlite3.Row, when: datetime) -> None:
    conn.execute(
        "INSERT INTO alarm_instances (year, month, day, hour, minutes, vibrate, label, ringtone, alarm_id, "
        "alarm_state, time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (when.year, when.month, when.day, when.hour, when.minute, alarm["vibrate"], alarm["label"],
         alarm["ringtone"], alarm["_id"], SILENT_STATE, to_ms(when)))


def sync_instances(conn: sqlite3.Connection, now_ms: int) -> None:
    """Give every enabled alarm exactly one pending instance at its next occurrence and drop the others.
    Also repairs instances after the templates were edited directly in SQLite (benchmark set-up)."""
    pending = {r["alarm_id"]: r for r in conn.execute(
        "SELECT * FROM alarm_instances WHERE alarm_state < ? ORDER BY _id", (FIRED_STATE,))}
    keep: set[int] = set()
    for alarm in conn.execute("SELECT * FROM alarm_templates WHERE enabled = 1").fetchall():
        when = next_occurrence(alarm["hour"], alarm["minutes"], alarm["daysofweek"], now_ms)
        current = pending.get(alarm["_id"])
        if current is not None and current["time_ms"] == to_ms(when):
            keep.add(current["_id"])
            continue
        _schedule(conn, alarm, when)
        keep.add(int(conn.execute("SELECT last_insert_rowid()").fetchone()[0]))
    stale = [r["_id"] for r in conn.execute(
        "SELECT _id FROM alarm_instances WHERE alarm_state < ?", (FIRED_STATE,)) if r["_id"] not in keep]
    conn.executemany("DELETE FROM alarm_instances WHERE _id = ?", [(i,) for i in stale])


def fire_due_alarms(conn: sqlite3.Connection, now_ms: int) -> list[dict[str, Any]]:
    """Mark the instances whose time has come FIRED (forgetting the alarm's older firings), turn off
    one-time alarms, and return the fired alarms."""
    due = conn.execute(
        "SELECT i._id AS instance_id, t.* FROM alarm_instances i "
        "JOIN alarm_templates t ON t._id = i.alarm_id "
        "WHERE i.alarm_state < ? AND i.time_ms <= ? AND t.enabled = 1 ORDER BY i.time_ms",
        (FIRED_STATE, now_ms)).fetchall()
    for row in due:
        conn.execute("DELETE FROM alarm_instances WHERE alarm_id = ? AND alarm_state = ?",
                     (row["_id"], FIRED_STATE))
        conn.execute("UPDATE alarm_instances SET alarm_state = ? WHERE _id = ?",
                     (FIRED_STATE, row["instance_id"]))
        if not row["daysofweek"]:
            conn.execute("UPDATE alarm_templates SET enabled = 0 WHERE _id = ?", (row["_id"],))
    return [dict(r) for r in due]


# -- timers --------------------------------------------------------------------------------------------------
def current_timer(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM timers ORDER BY _id DESC LIMIT 1").fetchone()
    return None if row is None else dict(row)


def timer_remaining(timer: dict[str, Any], now_ms: int) -> int:
    """What is left now; negative once a timer has expired (it keeps counting, as the real one does)."""
    if timer["state"] in ("RUNNING", "EXPIRED"):
        return int(timer["remaining_ms"] - (now_ms - timer["start_ms"]))
    return int(timer["remaining_ms"])


def start_new_timer(conn: sqlite3.Connection, now_ms: int, length_ms: int, running: bool = True,
                    label: str = "") -> int:
    cur = conn.execute(
        "INSERT INTO timers (length_ms, remaining_ms, state, start_ms, label) VALUES (?, ?, ?, ?, ?)",
        (length_ms, length_ms, "RUNNING" if running else "RESET", now_ms if running else 0, label))
    return int(cur.lastrowid or 0)


def _set_timer(conn: sqlite3.Connection, timer_id: int, state: str, remaining_ms: int, start_ms: int) -> None:
    conn.execute("UPDATE timers SET state = ?, remaining_ms = ?, start_ms = ? WHERE _id = ?",
                 (state, remaining_ms, start_ms, timer_id))


def pause_timer(conn: sqlite3.Connection, timer: dict[str, Any], now_ms: int) -> None:
    _set_timer(conn, timer["_id"], "PAUSED", timer_remaining(timer, now_ms), 0)


def resume_timer(conn: sqlite3.Connection, timer: dict[str, Any], now_ms: int) -> None:
    _set_timer(conn, timer["_id"], "RUNNING", timer["remaining_ms"], now_ms)


def reset_timer(conn: sqlite3.Connection, timer: dict[str, Any]) -> None:
    _set_timer(conn, timer["_id"], "RESET", timer["length_ms"], 0)


def add_minute(conn: sqlite3.Connection, timer: dict[str, Any], now_ms: int) -> None:
    """"+1:00": an expired timer restarts with one minute; a running one gets a minute more."""
    if timer["state"] == "EXPIRED":
        conn.execute("UPDATE timers SET length_ms = ? WHERE _id = ?", (MINUTE_MS, timer["_id"]))
        _set_timer(conn, timer["_id"], "RUNNING", MINUTE_MS, now_ms)
        return
    conn.execute("UPDATE timers SET length_ms = length_ms + ?, remaining_ms = remaining_ms + ? WHERE _id = ?",
                 (MINUTE_MS, MINUTE_MS, timer["_id"]))


def delete_timer(conn: sqlite3.Connection, timer_id: int) -> None:
    conn.execute("DELETE FROM timers WHERE _id = ?", (timer_id,))


def expire_due_timers(conn: sqlite3.Connection, now_ms: int) -> list[dict[str, Any]]:
    """RUNNING timers that reached zero become EXPIRED (once); they are returned for the notification."""
    due = conn.execute("SELECT * FROM timers WHERE state = 'RUNNING' AND start_ms + remaining_ms <= ?",
                       (now_ms,)).fetchall()
    conn.executemany("UPDATE timers SET state = 'EXPIRED' WHERE _id = ?", [(r["_id"],) for r in due])
    return [dict(r) for r in due]


# -- stopwatch -----------------------------------------------------------------------------------------------
def stopwatch(conn: sqlite3.Connection) -> dict[str, Any]:
    row = conn.execute("SELECT state, start_ms, accumulated_ms FROM stopwatch WHERE _id = 1").fetchone()
    return dict(row) if row is not None else {"state": "RESET", "start_ms": 0, "accumulated_ms": 0}


def elapsed(watch: dict[str, Any], now_ms: int) -> int:
    running = now_ms - watch["start_ms"] if watch["state"] == "RUNNING" else 0
    return int(watch["accumulated_ms"] + running)


def _set_watch(conn: sqlite3.Connection, state: str, start_ms: int, accumulated_ms: int) -> None:
    conn.execute("INSERT OR REPLACE INTO stopwatch (_id, state, start_ms, accumulated_ms) "
                 "VALUES (1, ?, ?, ?)",
                 (state, start_ms, accumulated_ms))


def start_stopwatch(conn: sqlite3.Connection, now_ms: int) -> None:
    _set_watch(conn, "RUNNING", now_ms, stopwatch(conn)["accumulated_ms"])


def pause_stopwatch(conn: sqlite3.Connection, now_ms: int) -> None:
    _set_watch(conn, "PAUSED", 0, elapsed(stopwatch(conn), now_ms))


def set_stopwatch(conn: sqlite3.Connection, state: str, start_ms: int, accumulated_ms: int) -> None:
    if state not in ("RESET", "RUNNING", "PAUSED"):
        raise ValueError(f"unknown stopwatch state {state!r}")
    _set_watch(conn, state, start_ms, accumulated_ms)


def reset_stopwatch(conn: sqlite3.Connection) -> None:
    _set_watch(conn, "RESET", 0, 0)
    conn.execute("DELETE FROM laps")


def laps(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT * FROM laps ORDER BY lap_number DESC")]


def add_lap(conn: sqlite3.Connection, now_ms: int) -> None:
    total = elapsed(stopwatch(conn), now_ms)
    previous = conn.execute("SELECT COUNT(*), COALESCE(MAX(total_time_ms), 0) FROM laps").fetchone()
    if previous[0] >= MAX_LAPS:
        return
    conn.execute("INSERT INTO laps (lap_number, lap_time_ms, total_time_ms) VALUES (?, ?, ?)",
                 (previous[0] + 1, total - previous[1], total))
