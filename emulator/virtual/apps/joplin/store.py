"""`databases/joplin.sqlite`: Joplin's tables (folders, notes, notes_normalized, tags, note_tags) and the queries
the app runs.

Ids are 32-digit hex strings and times epoch milliseconds, as in Joplin. `notes_normalized` is Joplin's search
index (lower-cased titles); every write to `notes` keeps it in step, as AndroidWorld's set-up does. Soft-deleted
rows (`deleted_time` > 0, Joplin's trash) are hidden everywhere.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS folders (
    id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', created_time INT NOT NULL DEFAULT 0,
    updated_time INT NOT NULL DEFAULT 0, user_created_time INT NOT NULL DEFAULT 0,
    user_updated_time INT NOT NULL DEFAULT 0, encryption_cipher_text TEXT NOT NULL DEFAULT '',
    encryption_applied INT NOT NULL DEFAULT 0, parent_id TEXT NOT NULL DEFAULT '', is_shared INT NOT NULL DEFAULT 0,
    share_id TEXT NOT NULL DEFAULT '', master_key_id TEXT NOT NULL DEFAULT '', icon TEXT NOT NULL DEFAULT '',
    user_data TEXT NOT NULL DEFAULT '', deleted_time INT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS notes (
    id TEXT PRIMARY KEY, parent_id TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '', created_time INT NOT NULL DEFAULT 0, updated_time INT NOT NULL DEFAULT 0,
    is_conflict INT NOT NULL DEFAULT 0, latitude NUMERIC NOT NULL DEFAULT 0, longitude NUMERIC NOT NULL DEFAULT 0,
    altitude NUMERIC NOT NULL DEFAULT 0, author TEXT NOT NULL DEFAULT '', source_url TEXT NOT NULL DEFAULT '',
    is_todo INT NOT NULL DEFAULT 0, todo_due INT NOT NULL DEFAULT 0, todo_completed INT NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '', source_application TEXT NOT NULL DEFAULT '',
    application_data TEXT NOT NULL DEFAULT '', "order" NUMERIC NOT NULL DEFAULT 0,
    user_created_time INT NOT NULL DEFAULT 0, user_updated_time INT NOT NULL DEFAULT 0,
    encryption_cipher_text TEXT NOT NULL DEFAULT '', encryption_applied INT NOT NULL DEFAULT 0,
    markup_language INT NOT NULL DEFAULT 1, is_shared INT NOT NULL DEFAULT 0, share_id TEXT NOT NULL DEFAULT '',
    conflict_original_id TEXT NOT NULL DEFAULT '', master_key_id TEXT NOT NULL DEFAULT '',
    user_data TEXT NOT NULL DEFAULT '', deleted_time INT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS notes_parent_id ON notes(parent_id);
CREATE TABLE IF NOT EXISTS notes_normalized (
    id TEXT NOT NULL, parent_id TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '', latitude NUMERIC NOT NULL DEFAULT 0, longitude NUMERIC NOT NULL DEFAULT 0,
    altitude NUMERIC NOT NULL DEFAULT 0, source_url TEXT NOT NULL DEFAULT '', is_todo INT NOT NULL DEFAULT 0,
    todo_due INT NOT NULL DEFAULT 0, todo_completed INT NOT NULL DEFAULT 0, user_created_time INT NOT NULL DEFAULT 0,
    user_updated_time INT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tags (
    id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', created_time INT NOT NULL DEFAULT 0,
    updated_time INT NOT NULL DEFAULT 0, user_created_time INT NOT NULL DEFAULT 0,
    user_updated_time INT NOT NULL DEFAULT 0, encryption_cipher_text TEXT NOT NULL DEFAULT '',
    encryption_applied INT NOT NULL DEFAULT 0, is_shared INT NOT NULL DEFAULT 0, parent_id TEXT NOT NULL DEFAULT '',
    user_data TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS note_tags (
    id TEXT PRIMARY KEY, note_id TEXT NOT NULL, tag_id TEXT NOT NULL, created_time INT NOT NULL DEFAULT 0,
    updated_time INT NOT NULL DEFAULT 0, user_created_time INT NOT NULL DEFAULT 0,
    user_updated_time INT NOT NULL DEFAULT 0, encryption_cipher_text TEXT NOT NULL DEFAULT '',
    encryption_applied INT NOT NULL DEFAULT 0, is_shared INT NOT NULL DEFAULT 0
);
"""

NORMALIZED = ("id", "parent_id", "title", "body", "latitude", "longitude", "altitude", "source_url", "is_todo",
              "todo_due", "todo_completed", "user_created_time", "user_updated_time")


def new_id() -> str:
    return uuid.uuid4().hex


def _times(ms: int) -> dict[str, int]:
    return {"created_time": ms, "updated_time": ms, "user_created_time": ms, "user_updated_time": ms}


def insert_folder(conn: sqlite3.Connection, title: str, now_ms: int) -> str:
    folder_id = new_id()
    conn.execute("INSERT INTO folders (id, title, created_time, updated_time, user_created_time, "
                 "user_updated_time) VALUES (:id, :title, :created_time, :updated_time, :user_created_time, "
                 ":user_updated_time)", {"id": folder_id, "title": title, **_times(now_ms)})
    return folder_id


def folder_named(conn: sqlite3.Connection, title: str) -> str | None:
    row = conn.execute("SELECT id FROM folders WHERE title = ? AND deleted_time = 0", (title,)).fetchone()
    return None if row is None else str(row["id"])


def folders(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every notebook A-Z with `note_count` (its notes and to-dos not in the trash)."""
    rows = conn.execute("SELECT f.*, (SELECT COUNT(*) FROM notes n WHERE n.parent_id = f.id AND n.deleted_time = 0)"
                        " AS note_count FROM folders f WHERE f.deleted_time = 0 ORDER BY title COLLATE NOCASE")
    return [dict(r) for r in rows]


def insert_note(conn: sqlite3.Connection, folder_id: str, title: str, body: str, is_todo: bool,
                todo_completed: int, when_ms: int) -> str:
    note_id = new_id()
    values = {"id": note_id, "parent_id": folder_id, "title": title, "body": body, "is_todo": int(is_todo),
              "todo_completed": todo_completed, **_times(when_ms)}
    conn.execute(f"INSERT INTO notes ({', '.join(values)}) VALUES ({', '.join(':' + k for k in values)})", values)
    _reindex(conn, note_id)
    return note_id


def _reindex(conn: sqlite3.Connection, note_id: str) -> None:
    """Keep the search index (`notes_normalized`) in step with `notes`."""
    conn.execute("DELETE FROM notes_normalized WHERE id = ?", (note_id,))
    columns = ", ".join(NORMALIZED)
    picked = ", ".join("lower(title)" if c == "title" else c for c in NORMALIZED)
    conn.execute(f"INSERT INTO notes_normalized ({columns}) SELECT {picked} FROM notes WHERE id = ? "
                 "AND deleted_time = 0", (note_id,))


def update_note(conn: sqlite3.Connection, note_id: str, now_ms: int, **fields: Any) -> None:
    """Change a note's `title`, `body`, `parent_id`, `is_todo` or `todo_completed` and stamp it modified."""
    sets = ", ".join(f"{k} = :{k}" for k in fields)
    conn.execute(f"UPDATE notes SET {sets}, updated_time = :now, user_updated_time = :now WHERE id = :id",
                 {**fields, "now": now_ms, "id": note_id})
    _reindex(conn, note_id)


def delete_note(conn: sqlite3.Connection, note_id: str, now_ms: int) -> None:
    """Move a note to the trash (Joplin's soft delete)."""
    conn.execute("UPDATE notes SET deleted_time = ? WHERE id = ?", (now_ms, note_id))
    conn.execute("DELETE FROM notes_normalized WHERE id = ?", (note_id,))


def note(conn: sqlite3.Connection, note_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM notes WHERE id = ? AND deleted_time = 0", (note_id,)).fetchone()
    return None if row is None else dict(row)


def notes(conn: sqlite3.Connection, folder_id: str | None = None, tag_id: str | None = None,
          query: str = "") -> list[dict[str, Any]]:
    """Notes and to-dos as the list shows them: open to-dos on top, then the most recently changed first.

    `query` matches words in titles and bodies (every word must occur, case-insensitive), as Joplin's search."""
    sql, args = "SELECT n.* FROM notes n WHERE n.deleted_time = 0", []
    if folder_id is not None:
        sql += " AND n.parent_id = ?"
        args.append(folder_id)
    if tag_id is not None:
        sql += " AND n.id IN (SELECT note_id FROM note_tags WHERE tag_id = ?)"
        args.append(tag_id)
    for word in query.lower().split():
        sql += " AND n.id IN (SELECT id FROM notes_normalized WHERE title LIKE ? OR lower(body) LIKE ?)"
        args += [f"%{word}%", f"%{word}%"]
    sql += (" ORDER BY (n.is_todo = 1 AND n.todo_completed = 0) DESC, n.user_updated_time DESC,"
            " n.title COLLATE NOCASE")
    return [dict(r) for r in conn.execute(sql, args)]


def tags(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every tag A-Z that is on at least one note."""
    rows = conn.execute("SELECT t.* FROM tags t WHERE EXISTS (SELECT 1 FROM note_tags nt JOIN notes n ON "
                        "n.id = nt.note_id WHERE nt.tag_id = t.id AND n.deleted_time = 0) "
                        "ORDER BY t.title COLLATE NOCASE")
    return [dict(r) for r in rows]


def tags_of(conn: sqlite3.Connection, note_id: str) -> list[str]:
    rows = conn.execute("SELECT t.title FROM tags t JOIN note_tags nt ON nt.tag_id = t.id WHERE nt.note_id = ? "
                        "ORDER BY t.title COLLATE NOCASE", (note_id,))
    return [str(r["title"]) for r in rows]


def tag_note(conn: sqlite3.Connection, note_id: str, title: str, now_ms: int) -> None:
    """Put a tag on a note; tags are matched case-insensitively and stored lower-case, as Joplin does."""
    name = title.strip().lower()
    row = conn.execute("SELECT id FROM tags WHERE title = ?", (name,)).fetchone()
    tag_id = str(row["id"]) if row else new_id()
    if row is None:
        conn.execute("INSERT INTO tags (id, title, created_time, updated_time, user_created_time, "
                     "user_updated_time) VALUES (:id, :title, :created_time, :updated_time, :user_created_time, "
                     ":user_updated_time)", {"id": tag_id, "title": name, **_times(now_ms)})
    if conn.execute("SELECT 1 FROM note_tags WHERE note_id = ? AND tag_id = ?", (note_id, tag_id)).fetchone():
        return
    conn.execute("INSERT INTO note_tags (id, note_id, tag_id, created_time, updated_time, user_created_time, "
                 "user_updated_time) VALUES (:id, :note_id, :tag_id, :created_time, :updated_time, "
                 ":user_created_time, :user_updated_time)",
                 {"id": new_id(), "note_id": note_id, "tag_id": tag_id, **_times(now_ms)})


def untag_note(conn: sqlite3.Connection, note_id: str, title: str) -> None:
    conn.execute("DELETE FROM note_tags WHERE note_id = ? AND tag_id IN (SELECT id FROM tags WHERE title = ?)",
                 (note_id, title.strip().lower()))


def clear(conn: sqlite3.Connection) -> None:
    for table in ("note_tags", "tags", "notes_normalized", "notes", "folders"):
        conn.execute(f"DELETE FROM {table}")
