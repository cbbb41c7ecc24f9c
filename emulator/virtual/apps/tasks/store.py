"""`databases/database`: Tasks.org's schema (tasks, caldav_lists, caldav_tasks) and every query the app runs.

Functions take an open connection so a caller can group several writes into one transaction. Times are epoch
milliseconds; `0` means "not set" (no due date, not completed, not deleted), as in Tasks.org.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, tzinfo
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT,
    importance INTEGER NOT NULL DEFAULT 3,
    dueDate INTEGER NOT NULL DEFAULT 0,
    hideUntil INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    modified INTEGER NOT NULL DEFAULT 0,
    completed INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    estimatedSeconds INTEGER NOT NULL DEFAULT 0,
    elapsedSeconds INTEGER NOT NULL DEFAULT 0,
    timerStart INTEGER NOT NULL DEFAULT 0,
    notificationFlags INTEGER NOT NULL DEFAULT 0,
    lastNotified INTEGER NOT NULL DEFAULT 0,
    recurrence TEXT,
    repeat_from INTEGER NOT NULL DEFAULT 0,
    calendarUri TEXT,
    remoteId TEXT,
    collapsed INTEGER NOT NULL DEFAULT 0,
    parent INTEGER NOT NULL DEFAULT 0,
    "order" INTEGER,
    read_only INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS t_rid ON tasks(remoteId);
CREATE INDEX IF NOT EXISTS active_and_visible ON tasks(completed, deleted, hideUntil);
CREATE TABLE IF NOT EXISTS caldav_lists (
    cdl_id INTEGER PRIMARY KEY AUTOINCREMENT,
    cdl_account TEXT,
    cdl_uuid TEXT,
    cdl_name TEXT,
    cdl_color INTEGER NOT NULL DEFAULT 0,
    cdl_ctag TEXT,
    cdl_url TEXT,
    cdl_icon INTEGER,
    cdl_order INTEGER NOT NULL DEFAULT -1,
    cdl_access INTEGER NOT NULL DEFAULT 0,
    cdl_last_sync INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS caldav_tasks (
    cd_id INTEGER PRIMARY KEY AUTOINCREMENT,
    cd_task INTEGER NOT NULL,
    cd_calendar TEXT,
    cd_object TEXT,
    cd_remote_id TEXT,
    cd_etag TEXT,
    cd_last_sync INTEGER NOT NULL DEFAULT 0,
    cd_deleted INTEGER NOT NULL DEFAULT 0,
    cd_remote_parent TEXT,
    gt_moved INTEGER NOT NULL DEFAULT 0,
    gt_remote_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cd_task ON caldav_tasks(cd_task);
CREATE VIEW IF NOT EXISTS lists AS
    SELECT cdl_id AS id, cdl_name AS name, cdl_color AS color FROM caldav_lists;
"""

LOCAL_ACCOUNT = "local"
# Task.Priority in Tasks.org: the `importance` column.
HIGH, MEDIUM, LOW, NONE = 0, 1, 2, 3
PRIORITY_NAMES = {HIGH: "High", MEDIUM: "Medium", LOW: "Low", NONE: "None"}
# The 1-3 scale (1 = high) and words, to `importance`.
_PRIORITY_WORDS = {"high": HIGH, "medium": MEDIUM, "low": LOW, "none": NONE}


def importance_of(priority: int | str | None) -> int:
    """Priority 1 (high), 2 (medium), 3 (low), None / 0 (none), or a word, as Tasks.org's `importance`."""
    if priority is None:
        return NONE
    if isinstance(priority, str):
        if priority.strip().lower() not in _PRIORITY_WORDS:
            raise ValueError(f"unknown priority {priority!r}")
        return _PRIORITY_WORDS[priority.strip().lower()]
    if priority == 0:
        return NONE
    if priority not in (1, 2, 3):
        raise ValueError(f"priority must be 1 (high), 2 (medium) or 3 (low), not {priority}")
    return priority - 1


# -- due dates, encoded as Tasks.org's Task.createDueDate does --------------------------------------------
def due_for_date(day: date, tz: tzinfo) -> int:
    """A date-only due date: noon of that day with 0 seconds (seconds 0 means "no time")."""
    return int(datetime.combine(day, time(12, 0), tzinfo=tz).timestamp() * 1000)


def due_for_datetime(when: datetime, tz: tzinfo) -> int:
    """A due date with a time: that minute with the seconds set to 1 (which marks "has a time")."""
    local = when if when.tzinfo is not None else when.replace(tzinfo=tz)
    return int(local.replace(second=1, microsecond=0).timestamp() * 1000)


def has_due_time(due_ms: int) -> bool:
    return due_ms > 0 and due_ms % 60000 > 0


def to_local(ms: int, tz: tzinfo) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=tz)


def _uuid(seed: str) -> str:
    """A Tasks.org-style remote id (a random positive long), deterministic so phones stay reproducible."""
    return str(random.Random(seed).getrandbits(62))


# -- tasks ---------------------------------------------------------------------------------------------------
def insert_task(conn: sqlite3.Connection, now_ms: int, title: str, notes: str = "", importance: int = NONE,
                due_ms: int = 0, completed_ms: int = 0, list_id: int | None = None) -> int:
    count = conn.execute("SELECT COALESCE(MAX(_id), 0) FROM tasks").fetchone()[0]
    cur = conn.execute(
        "INSERT INTO tasks (title, importance, dueDate, created, modified, completed, notes, remoteId)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (title, importance, due_ms, now_ms, now_ms, completed_ms, notes or None, _uuid(f"{now_ms}:{count}")))
    task_id = int(cur.lastrowid or 0)
    set_task_list(conn, task_id, list_id)
    return task_id


def update_task(conn: sqlite3.Connection, task_id: int, now_ms: int, **fields: Any) -> None:
    """Set columns (`title`, `notes`, `importance`, `dueDate`, `completed`) and bump `modified`."""
    allowed = {"title", "notes", "importance", "dueDate", "completed", "deleted"}
    cols = [c for c in fields if c in allowed]
    values = [fields[c] for c in cols]
    conn.execute(f"UPDATE tasks SET {', '.join(f'{c} = ?' for c in [*cols, 'modified'])} WHERE _id = ?",
                 (*values, now_ms, task_id))


def set_completed(conn: sqlite3.Connection, task_id: int, done: bool, now_ms: int) -> None:
    update_task(conn, task_id, now_ms, completed=now_ms if done else 0)


def mark_deleted(conn: sqlite3.Connection, task_id: int, now_ms: int) -> None:
    """Tasks.org deletes by setting `deleted`; such rows are hidden everywhere."""
    update_task(conn, task_id, now_ms, deleted=now_ms)


def set_task_list(conn: sqlite3.Connection, task_id: int, list_id: int | None) -> None:
    """Move a task to a list (one membership row in caldav_tasks), or out of every list."""
    conn.execute("DELETE FROM caldav_tasks WHERE cd_task = ?", (task_id,))
    if list_id is None:
        return
    row = conn.execute("SELECT cdl_uuid FROM caldav_lists WHERE cdl_id = ?", (list_id,)).fetchone()
    if row is not None:
        conn.execute("INSERT INTO caldav_tasks (cd_task, cd_calendar, cd_remote_id) VALUES (?, ?, ?)",
                     (task_id, row[0], _uuid(f"cd:{task_id}:{list_id}")))


_TASK_QUERY = (
    "SELECT t.*, l.cdl_id AS list_id, l.cdl_name AS list_name FROM tasks t"
    " LEFT JOIN caldav_tasks c ON c.cd_task = t._id AND c.cd_deleted = 0"
    " LEFT JOIN caldav_lists l ON l.cdl_uuid = c.cd_calendar")


def _row(row: sqlite3.Row) -> dict[str, Any]:
    task = dict(row)
    task["title"] = task["title"] or ""
    task["notes"] = task["notes"] or ""
    return task


def get_task(conn: sqlite3.Connection, task_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"{_TASK_QUERY} WHERE t._id = ?", (task_id,)).fetchone()
    return None if row is None else _row(row)


def all_tasks(conn: sqlite3.Connection, include_deleted: bool = False) -> list[dict[str, Any]]:
    """Every task (deleted ones only if asked) with its `list_id` and `list_name` (None when in no list)."""
    where = "" if include_deleted else " WHERE t.deleted = 0"
    rows = conn.execute(f"{_TASK_QUERY}{where} GROUP BY t._id ORDER BY t._id").fetchall()
    return [_row(r) for r in rows]


# -- lists ---------------------------------------------------------------------------------------------------
def insert_list(conn: sqlite3.Connection, name: str, color: int = 0) -> int:
    count = conn.execute("SELECT COALESCE(MAX(cdl_id), 0) FROM caldav_lists").fetchone()[0]
    cur = conn.execute("INSERT INTO caldav_lists (cdl_account, cdl_uuid, cdl_name, cdl_color)"
                       " VALUES (?, ?, ?, ?)", (LOCAL_ACCOUNT, _uuid(f"list:{count}:{name}"), name, color))
    return int(cur.lastrowid or 0)


def update_list(conn: sqlite3.Connection, list_id: int, name: str, color: int) -> None:
    conn.execute("UPDATE caldav_lists SET cdl_name = ?, cdl_color = ? WHERE cdl_id = ?",
                 (name, color, list_id))


def delete_list(conn: sqlite3.Connection, list_id: int, now_ms: int) -> None:
    """Deleting a list deletes its tasks too, as Tasks.org does."""
    row = conn.execute("SELECT cdl_uuid FROM caldav_lists WHERE cdl_id = ?", (list_id,)).fetchone()
    if row is None:
        return
    ids = [r[0] for r in conn.execute("SELECT cd_task FROM caldav_tasks WHERE cd_calendar = ?", (row[0],))]
    for task_id in ids:
        mark_deleted(conn, task_id, now_ms)
    conn.execute("DELETE FROM caldav_tasks WHERE cd_calendar = ?", (row[0],))
    conn.execute("DELETE FROM caldav_lists WHERE cdl_id = ?", (list_id,))


def all_lists(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Lists as the drawer orders them (by name): `id`, `name`, `color` (ARGB int, 0 = none), `uuid`."""
    rows = conn.execute("SELECT cdl_id AS id, cdl_name AS name, cdl_color AS color, cdl_uuid AS uuid"
                        " FROM caldav_lists ORDER BY cdl_name COLLATE NOCASE, cdl_id").fetchall()
    return [dict(r) for r in rows]


def get_list(conn: sqlite3.Connection, list_id: int) -> dict[str, Any] | None:
    return next((x for x in all_lists(conn) if x["id"] == list_id), None)


def list_named(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT cdl_id FROM caldav_lists WHERE cdl_name = ? ORDER BY cdl_id LIMIT 1",
                       (name,)).fetchone()
    return None if row is None else int(row[0])


def clear(conn: sqlite3.Connection) -> None:
    """Empty every table and restart ids at 1, so a benchmark's set-up gives the same ids every run."""
    for table in ("caldav_tasks", "caldav_lists", "tasks"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('tasks', 'caldav_lists', 'caldav_tasks')")
