"""Messages storage: the Telephony provider's `threads` and `sms` tables, and phone-number matching.

Every write goes through `insert_sms` / `delete_threads` / `mark_read` / `take_draft`, which re-derive the
thread row (snippet, date, read, message_count) from its messages, so the two tables never disagree.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS threads (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    address TEXT NOT NULL,
    snippet TEXT NOT NULL DEFAULT '',
    date INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 1,
    message_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sms (
    _id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL,
    address TEXT NOT NULL,
    person INTEGER,
    date INTEGER NOT NULL,
    date_sent INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT -1,
    type INTEGER NOT NULL,
    body TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sms_thread_date ON sms(thread_id, date);
CREATE TABLE IF NOT EXISTS attachments (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    sms_id INTEGER NOT NULL,
    path TEXT NOT NULL,
    mime TEXT NOT NULL
);
"""

INBOX, SENT, DRAFT = 1, 2, 3
"""`sms.type` values (Telephony.TextBasedSmsColumns.MESSAGE_TYPE_*)."""
STATUS_NONE = -1
SMS_COLUMNS = ("_id", "thread_id", "address", "person", "date", "date_sent", "read", "status", "type", "body")
THREAD_COLUMNS = ("_id", "address", "snippet", "date", "read", "message_count")
MIN_MATCH = 7
"""PhoneNumberUtils compares numbers by their last digits: two numbers match if one ends with the other and
the shorter has at least this many digits."""


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def normalize(address: str) -> str:
    """How a recipient is stored: a number keeps only its digits and a leading + ("+1 555 0100" becomes
    "+15550100", as the recipient chip leaves it); alphanumeric senders ("Google") are kept as they are."""
    text = address.strip()
    if not digits(text) or re.search(r"[^\d\s+().\-/]", text):
        return text
    return ("+" if text.startswith("+") else "") + digits(text)


def same_number(a: str, b: str) -> bool:
    da, db = digits(a), digits(b)
    if not da or not db or re.search(r"[A-Za-z]", a + b):
        return a.strip().casefold() == b.strip().casefold()
    if da == db:
        return True
    short, long = sorted((da, db), key=len)
    return len(short) >= MIN_MATCH and long.endswith(short)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching typed text against names ("zoe" finds "Zoë")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# -- threads -------------------------------------------------------------------------------------------------
def find_thread(conn: sqlite3.Connection, address: str) -> int | None:
    for row in conn.execute("SELECT _id, address FROM threads ORDER BY _id"):
        if same_number(row["address"], address):
            return int(row["_id"])
    return None


def thread_for(conn: sqlite3.Connection, address: str) -> int:
    """The thread with `address`, created if there is none (Threads.getOrCreateThreadId)."""
    found = find_thread(conn, address)
    if found is not None:
        return found
    cur = conn.execute("INSERT INTO threads (address) VALUES (?)", (normalize(address),))
    return int(cur.lastrowid or 0)


def thread(conn: sqlite3.Connection, thread_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM threads WHERE _id = ?", (thread_id,)).fetchone()
    return None if row is None else {k: row[k] for k in THREAD_COLUMNS}


def threads(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every thread, newest first, with the `type` of its latest message (to label drafts)."""
    rows = conn.execute(
        "SELECT t.*, (SELECT type FROM sms WHERE thread_id = t._id ORDER BY date DESC, _id DESC LIMIT 1)"
        " AS last_type FROM threads t ORDER BY t.date DESC, t._id DESC")
    return [dict(r) for r in rows]


def refresh_thread(conn: sqlite3.Connection, thread_id: int) -> None:
    """Re-derive a thread's summary from its messages; a thread left with none is deleted."""
    rows = conn.execute("SELECT body, date, type, read FROM sms WHERE thread_id = ?"
                        " ORDER BY date DESC, _id DESC", (thread_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM threads WHERE _id = ?", (thread_id,))
        return
    unread = any(r["type"] == INBOX and not r["read"] for r in rows)
    conn.execute("UPDATE threads SET snippet = ?, date = ?, read = ?, message_count = ? WHERE _id = ?",
                 (rows[0]["body"], rows[0]["date"], 0 if unread else 1, len(rows), thread_id))


def delete_threads(conn: sqlite3.Connection, thread_ids: list[int]) -> None:
    for thread_id in thread_ids:
        conn.execute("DELETE FROM sms WHERE thread_id = ?", (thread_id,))
        conn.execute("DELETE FROM threads WHERE _id = ?", (thread_id,))


def mark_read(conn: sqlite3.Connection, thread_id: int) -> bool:
    """Mark a thread's incoming messages read; True if any were unread."""
    cur = conn.execute("UPDATE sms SET read = 1 WHERE thread_id = ? AND read = 0", (thread_id,))
    if cur.rowcount:
        refresh_thread(conn, thread_id)
    return cur.rowcount > 0


# -- messages ------------------------------------------------------------------------------------------------
def insert_sms(conn: sqlite3.Connection, address: str, body: str, kind: int, date_ms: int,
               read: bool | None = None) -> int:
    """Add one message to its address's thread; incoming messages are unread unless `read` says so."""
    thread_id = thread_for(conn, address)
    is_read = (kind != INBOX) if read is None else read
    cur = conn.execute(
        "INSERT INTO sms (thread_id, address, person, date, date_sent, read, status, type, body)"
        " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)",
        (thread_id, normalize(address), date_ms, date_ms if kind != DRAFT else 0, int(is_read), STATUS_NONE,
         kind, body))
    refresh_thread(conn, thread_id)
    return int(cur.lastrowid or 0)


def take_draft(conn: sqlite3.Connection, thread_id: int) -> str | None:
    """Remove and return a thread's draft, which the compose field takes over while the thread is open."""
    row = conn.execute("SELECT _id, body FROM sms WHERE thread_id = ? AND type = ?",
                       (thread_id, DRAFT)).fetchone()
    if row is None:
        return None
    conn.execute("DELETE FROM sms WHERE _id = ?", (row["_id"],))
    refresh_thread(conn, thread_id)
    return str(row["body"])


def thread_messages(conn: sqlite3.Connection, thread_id: int) -> list[dict[str, Any]]:
    """A thread's messages oldest first, without its draft; `attachment` is a picture's device path or None."""
    rows = conn.execute("SELECT sms.*, (SELECT path FROM attachments a WHERE a.sms_id = sms._id) AS attachment "
                        "FROM sms WHERE thread_id = ? AND type != ? ORDER BY date, _id", (thread_id, DRAFT))
    return [{k: r[k] for k in (*SMS_COLUMNS, "attachment")} for r in rows]


def attach(conn: sqlite3.Connection, sms_id: int, path: str, mime: str) -> None:
    """A picture sent with a message (the virtual phone's stand-in for an MMS part)."""
    conn.execute("INSERT INTO attachments (sms_id, path, mime) VALUES (?, ?, ?)", (sms_id, path, mime))


def sms_rows(conn: sqlite3.Connection, kind: int | None = None,
             sms_id: int | None = None) -> list[dict[str, Any]]:
    """Provider rows in Telephony's default order (newest first), keys in `SMS_COLUMNS` order."""
    where, args = [], []
    if kind is not None:
        where.append("type = ?")
        args.append(kind)
    if sms_id is not None:
        where.append("_id = ?")
        args.append(sms_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = conn.execute(f"SELECT * FROM sms {clause} ORDER BY date DESC, _id DESC", args)
    return [{k: r[k] for k in SMS_COLUMNS} for r in rows]


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM sms")
    conn.execute("DELETE FROM threads")
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'threads'")  # ids start again at 1
