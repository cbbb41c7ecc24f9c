"""contacts2.db: the schema and every query the Contacts screens, seed API and provider run.

Functions take an open connection so a caller can group several writes into one transaction.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS contacts (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    starred INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS phones (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts(_id),
    number TEXT NOT NULL,
    type INTEGER NOT NULL DEFAULT 2
);
CREATE TABLE IF NOT EXISTS emails (
    _id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts(_id),
    address TEXT NOT NULL,
    type INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS phones_contact ON phones(contact_id);
CREATE INDEX IF NOT EXISTS emails_contact ON emails(contact_id);
"""

# ContactsContract.CommonDataKinds.Phone.TYPE_* and Email.TYPE_* values and their labels.
PHONE_MOBILE = 2
EMAIL_HOME = 1
PHONE_TYPES = {1: "Home", 2: "Mobile", 3: "Work", 7: "Other"}
EMAIL_TYPES = {1: "Home", 2: "Work", 3: "Other", 4: "Mobile"}


def display_name(first: str, last: str, phone: str = "", email: str = "") -> str:
    """The name the list shows; like the real provider, a nameless contact is shown by number or email."""
    return " ".join(p for p in (first.strip(), last.strip()) if p) or phone.strip() or email.strip()


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so "zoe" finds "Zoë" and "Å" sorts with "A"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def section_letter(name: str) -> str:
    """The fast-scroll bucket: the accent-free capital for Latin names, the first character for other
    scripts, "#" for names starting with a digit or symbol."""
    first = _fold(name[:1]).upper()[:1]
    if "A" <= first <= "Z":
        return first
    return name[:1] if name[:1].isalpha() else "#"


def sort_key(name: str) -> tuple[int, str]:
    """Latin names A-Z first, then other scripts, then "#", as the AOSP list orders its buckets."""
    letter = section_letter(name)
    group = 0 if "A" <= letter <= "Z" else (2 if letter == "#" else 1)
    return group, _fold(name)


def matches(contact: dict[str, Any], query: str) -> bool:
    """Search by any part of the name (accent-insensitive) or by the digits of a number."""
    q = _fold(query.strip())
    if not q:
        return True
    if q in _fold(contact["display_name"]):
        return True
    digits = "".join(c for c in q if c.isdigit())
    return bool(digits) and any(digits in "".join(c for c in n if c.isdigit()) for n in contact["phones"])


def insert_contact(conn: sqlite3.Connection, now_ms: int, first: str, last: str = "", phone: str = "",
                   email: str = "", starred: bool = False) -> int:
    name = display_name(first, last, phone, email)
    cur = conn.execute(
        "INSERT INTO contacts (first_name, last_name, display_name, starred, created_ms, updated_ms)"
        " VALUES (?, ?, ?, ?, ?, ?)", (first.strip(), last.strip(), name, int(starred), now_ms, now_ms))
    contact_id = int(cur.lastrowid or 0)
    if phone.strip():
        conn.execute("INSERT INTO phones (contact_id, number, type) VALUES (?, ?, ?)",
                     (contact_id, phone.strip(), PHONE_MOBILE))
    if email.strip():
        conn.execute("INSERT INTO emails (contact_id, address, type) VALUES (?, ?, ?)",
                     (contact_id, email.strip(), EMAIL_HOME))
    return contact_id


def update_contact(conn: sqlite3.Connection, contact_id: int, now_ms: int, first: str, last: str,
                   phone: str, email: str) -> None:
    """Save the editor's fields: the name, and the first phone and email (others are kept as they are)."""
    conn.execute("UPDATE contacts SET first_name = ?, last_name = ?, display_name = ?, updated_ms = ?"
                 " WHERE _id = ?", (first.strip(), last.strip(), display_name(first, last, phone, email),
                                    now_ms, contact_id))
    _set_first(conn, "phones", "number", contact_id, phone.strip(), PHONE_MOBILE)
    _set_first(conn, "emails", "address", contact_id, email.strip(), EMAIL_HOME)


def _set_first(conn: sqlite3.Connection, table: str, column: str, contact_id: int, value: str,
               kind: int) -> None:
    row = conn.execute(f"SELECT _id FROM {table} WHERE contact_id = ? ORDER BY _id LIMIT 1",
                       (contact_id,)).fetchone()
    if row is not None and value:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE _id = ?", (value, row["_id"]))
    elif row is not None:
        conn.execute(f"DELETE FROM {table} WHERE _id = ?", (row["_id"],))
    elif value:
        conn.execute(f"INSERT INTO {table} (contact_id, {column}, type) VALUES (?, ?, ?)",
                     (contact_id, value, kind))


def set_starred(conn: sqlite3.Connection, contact_id: int, starred: bool, now_ms: int) -> None:
    conn.execute("UPDATE contacts SET starred = ?, updated_ms = ? WHERE _id = ?",
                 (int(starred), now_ms, contact_id))


def delete_contact(conn: sqlite3.Connection, contact_id: int) -> None:
    for table, column in (("phones", "contact_id"), ("emails", "contact_id"), ("contacts", "_id")):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (contact_id,))


def clear(conn: sqlite3.Connection) -> None:
    """Empty the tables and restart their ids at 1, so a benchmark's set-up gives the same ids every run."""
    conn.execute("DELETE FROM phones")
    conn.execute("DELETE FROM emails")
    conn.execute("DELETE FROM contacts")
    conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('contacts', 'phones', 'emails')")


def _details(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    contact = dict(row)
    contact["starred"] = bool(contact["starred"])
    contact["phone_rows"] = [dict(r) for r in conn.execute(
        "SELECT _id, number, type FROM phones WHERE contact_id = ? ORDER BY _id", (row["_id"],))]
    contact["email_rows"] = [dict(r) for r in conn.execute(
        "SELECT _id, address, type FROM emails WHERE contact_id = ? ORDER BY _id", (row["_id"],))]
    contact["phones"] = [r["number"] for r in contact["phone_rows"]]
    contact["emails"] = [r["address"] for r in contact["email_rows"]]
    return contact


def get_contact(conn: sqlite3.Connection, contact_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM contacts WHERE _id = ?", (contact_id,)).fetchone()
    return None if row is None else _details(conn, row)


def all_contacts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every contact with its numbers and addresses, in list (alphabetical) order."""
    rows = [_details(conn, r) for r in conn.execute("SELECT * FROM contacts ORDER BY _id")]
    return sorted(rows, key=lambda c: (sort_key(c["display_name"]), c["_id"]))


def phone_rows(conn: sqlite3.Connection, contact_id: int | None = None) -> list[dict[str, Any]]:
    """Provider rows for `content://contacts/phones`, keys in the documented order."""
    where, args = ("WHERE p.contact_id = ?", (contact_id,)) if contact_id is not None else ("", ())
    return [dict(r) for r in conn.execute(
        "SELECT p._id AS _id, p.contact_id AS contact_id, c.display_name AS display_name,"
        f" p.number AS number, p.type AS type FROM phones p JOIN contacts c ON c._id = p.contact_id {where}"
        " ORDER BY p._id", args)]


def email_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        "SELECT e._id AS _id, e.contact_id AS contact_id, c.display_name AS display_name,"
        " e.address AS address, e.type AS type FROM emails e JOIN contacts c ON c._id = e.contact_id"
        " ORDER BY e._id")]


def people_rows(conn: sqlite3.Connection, contact_id: int | None = None) -> list[dict[str, Any]]:
    where, args = ("WHERE _id = ?", (contact_id,)) if contact_id is not None else ("", ())
    return [dict(r) for r in conn.execute(
        f"SELECT _id, display_name, starred FROM contacts {where} ORDER BY _id", args)]
