"""The shortcut library: SQLite (WAL), safe for parallel writers, searchable by text.

Tables (prefix `table`, so the library can live in its own file or inside another store's file):
`{t}` holds one JSON document per shortcut; `{t}_usage` the counters, kept apart so built-ins have counters
too and a replaced shortcut keeps its record; `{t}_fts` an FTS5 index over name, description and app (a
LIKE-style ranking is used when SQLite lacks FTS5); `{t}_meta` the schema version and the built-ins' hash.
Every operation opens a short connection and writes in one `BEGIN IMMEDIATE` transaction, so concurrent
processes never see half a change.
"""

from __future__ import annotations

import builtins
import hashlib
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from droidpilot.errors import DataError
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS
from droidpilot.shortcuts.model import Shortcut

SCHEMA_VERSION = 2  # 2: usage.fail_streak
_TABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")
_WORD = re.compile(r"\w+")


class LibraryError(DataError, ValueError):
    """A library operation the user asked for cannot be done (unknown name, built-in removal)."""


class ShortcutLibrary:
    """Shortcuts by name. `builtins=True` keeps the built-in shortcuts present (a user's shortcut of the same
    name overrides one)."""

    def __init__(self, path: str | Path, table: str = "shortcuts", builtins: bool = True) -> None:
        if not _TABLE.fullmatch(table):
            raise ValueError(f"invalid table name {table!r}")
        self.path = Path(path)
        self.t = table
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        self.fts = self._create_schema()
        self._builtins = list(BUILTIN_SHORTCUTS) if builtins else []
        if self._builtins:
            self._sync_builtins()

    @property
    def has_builtins(self) -> bool:
        """Whether the built-in shortcuts are part of this library (their names are then taken)."""
        return bool(self._builtins)

    # -- storage plumbing ----------------------------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _create_schema(self) -> bool:
        t = self.t
        with self._write() as conn:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {t} (name TEXT PRIMARY KEY, app TEXT NOT NULL, "
                         "description TEXT NOT NULL, source TEXT NOT NULL, body TEXT NOT NULL, "
                         "updated_ms INTEGER NOT NULL)")
            conn.execute(f"CREATE TABLE IF NOT EXISTS {t}_usage (name TEXT PRIMARY KEY, usage_count INTEGER "
                         "NOT NULL DEFAULT 0, success_count INTEGER NOT NULL DEFAULT 0, last_used_ms INTEGER, "
                         "fail_streak INTEGER NOT NULL DEFAULT 0)")
            conn.execute(f"CREATE TABLE IF NOT EXISTS {t}_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute(f"INSERT OR IGNORE INTO {t}_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({t}_usage)")}
            if "fail_streak" not in columns:  # a version 1 library
                conn.execute(f"ALTER TABLE {t}_usage ADD COLUMN fail_streak INTEGER NOT NULL DEFAULT 0")
                conn.execute(f"UPDATE {t}_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            try:
                conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {t}_fts USING fts5(name, description, app, "
                             "tokenize = 'porter unicode61')")
            except sqlite3.OperationalError:
                return False  # no FTS5 in this SQLite build: search ranks with LIKE-style matching
        return True

    def _sync_builtins(self) -> None:
        """Write the built-ins when they changed since the last open (a no-op read otherwise)."""
        digest = hashlib.sha256("".join(s.model_dump_json(exclude={"created"}) for s in self._builtins)
                                .encode()).hexdigest()
        with self._connect() as conn:
            row = conn.execute(f"SELECT value FROM {self.t}_meta WHERE key = 'builtins'").fetchone()
        if row is not None and row[0] == digest:
            return
        with self._write() as conn:
            for (rowid,) in conn.execute(f"SELECT rowid FROM {self.t} WHERE source = 'builtin'").fetchall():
                self._unindex(conn, rowid)
            conn.execute(f"DELETE FROM {self.t} WHERE source = 'builtin'")
            for shortcut in self._builtins:
                if conn.execute(f"SELECT 1 FROM {self.t} WHERE name = ?", (shortcut.name,)).fetchone() is None:
                    self._put(conn, shortcut)
            conn.execute(f"INSERT OR REPLACE INTO {self.t}_meta VALUES ('builtins', ?)", (digest,))

    def _put(self, conn: sqlite3.Connection, shortcut: Shortcut) -> None:
        body = shortcut.model_dump_json(exclude={"usage_count", "success_count", "fail_streak"})
        old = conn.execute(f"SELECT rowid FROM {self.t} WHERE name = ?", (shortcut.name,)).fetchone()
        if old is not None:
            self._unindex(conn, old[0])
            conn.execute(f"DELETE FROM {self.t} WHERE rowid = ?", (old[0],))
        cur = conn.execute(f"INSERT INTO {self.t} (name, app, description, source, body, updated_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?)", (shortcut.name, shortcut.app, shortcut.description,
                                                         shortcut.source, body, int(time.time() * 1000)))
        if self.fts:
            conn.execute(f"INSERT INTO {self.t}_fts (rowid, name, description, app) VALUES (?, ?, ?, ?)",
                         (cur.lastrowid, shortcut.name.replace("_", " "), shortcut.description,
                          shortcut.app.replace(".", " ")))
        conn.execute(f"INSERT OR IGNORE INTO {self.t}_usage (name, usage_count, success_count) VALUES (?, ?, ?)",
                     (shortcut.name, shortcut.usage_count, shortcut.success_count))

    def _unindex(self, conn: sqlite3.Connection, rowid: int) -> None:
        if self.fts:
            conn.execute(f"DELETE FROM {self.t}_fts WHERE rowid = ?", (rowid,))

    def _select(self, where: str = "", params: tuple[object, ...] = ()) -> list[Shortcut]:
        sql = (f"SELECT s.body, COALESCE(u.usage_count, 0), COALESCE(u.success_count, 0), "
               f"COALESCE(u.fail_streak, 0) FROM {self.t} s LEFT JOIN {self.t}_usage u ON u.name = s.name {where}")
        with self._connect() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [Shortcut.model_validate_json(body).model_copy(update={"usage_count": used, "success_count": ok,
                                                                      "fail_streak": streak})
                for body, used, ok, streak in rows]

    # -- the API -------------------------------------------------------------------------------------------
    def add(self, shortcut: Shortcut) -> None:
        """Add a shortcut, replacing one of the same name (its counters are kept)."""
        self.add_many([shortcut])

    def add_many(self, shortcuts: Iterable[Shortcut]) -> int:
        """Add or replace several shortcuts in one transaction (all or none); returns how many."""
        items = list(shortcuts)
        with self._write() as conn:
            for shortcut in items:
                self._put(conn, shortcut)
        return len(items)

    def get(self, name: str) -> Shortcut | None:
        found = self._select("WHERE s.name = ?", (name,))
        return found[0] if found else None

    def remove(self, name: str) -> bool:
        """Remove a shortcut; a user's override of a built-in gives the built-in back. False if unknown."""
        builtin = next((s for s in self._builtins if s.name == name), None)
        with self._write() as conn:
            row = conn.execute(f"SELECT rowid, source FROM {self.t} WHERE name = ?", (name,)).fetchone()
            if row is None:
                return False
            if row[1] == "builtin" and builtin is not None:
                raise LibraryError(f"'{name}' is a built-in shortcut and cannot be removed "
                                   "(add one of the same name to override it)")
            self._unindex(conn, row[0])
            conn.execute(f"DELETE FROM {self.t} WHERE rowid = ?", (row[0],))
            if builtin is not None:
                self._put(conn, builtin)
        return True

    def list(self, app: str | None = None) -> list[Shortcut]:
        """Every shortcut (of one app when given), by name."""
        if app is None:
            return self._select("ORDER BY s.name")
        return self._select("WHERE s.app = ? ORDER BY s.name", (app,))

    # builtins.list: in the class body, `list` is the method above
    def search(self, text: str, app: str | None = None, k: int = 5) -> builtins.list[Shortcut]:
        """The `k` shortcuts that best match `text` (name first, then description, then app)."""
        words = [w.casefold() for w in _WORD.findall(text)]
        if not words:
            return self.list(app)[:k]
        if self.fts:
            query = " OR ".join(f'"{w}"*' for w in words)
            where = (f"JOIN {self.t}_fts ON {self.t}_fts.rowid = s.rowid WHERE {self.t}_fts MATCH ? "
                     + ("AND s.app = ? " if app else "")
                     + f"ORDER BY bm25({self.t}_fts, 4.0, 1.0, 0.5), u.success_count DESC LIMIT ?")
            return self._select(where, (query, app, k) if app else (query, k))
        return _rank(self.list(app), words)[:k]

    def record_use(self, name: str, success: bool) -> None:
        """Count one execution (atomic, so parallel runs never lose an update). A success ends a failure
        streak; DEMOTE_AFTER (model.py) failures in a row demote the shortcut."""
        with self._write() as conn:
            conn.execute(f"INSERT INTO {self.t}_usage (name, usage_count, success_count, last_used_ms, fail_streak) "
                         "VALUES (?, 1, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET usage_count = usage_count + 1, "
                         "success_count = success_count + excluded.success_count, "
                         "last_used_ms = excluded.last_used_ms, "
                         "fail_streak = CASE WHEN excluded.success_count > 0 THEN 0 ELSE fail_streak + 1 END",
                         (name, int(success), int(time.time() * 1000), int(not success)))


def _rank(shortcuts: list[Shortcut], words: list[str]) -> list[Shortcut]:
    """LIKE-style ranking: a word in the name counts 4, in the description 1, in the app 0.5."""
    def score(s: Shortcut) -> float:
        name, description, app = s.name.casefold(), s.description.casefold(), s.app.casefold()
        return sum(4.0 * (w in name) + 1.0 * (w in description) + 0.5 * (w in app) for w in words)
    scored = [(score(s), s) for s in shortcuts]
    return [s for value, s in sorted(scored, key=lambda p: (-p[0], -p[1].success_count, p[1].name)) if value > 0]


def describe_for_manager(shortcuts: Iterable[Shortcut]) -> str:
    """One line per shortcut for the manager's prompt: `name(arg: type, ...): description`; a mined shortcut no
    replay or use has proven yet says so."""
    return "\n".join(f"- {s.signature()}: {s.description}" + (" (unverified: check the screen after it)"
                                                                if s.unverified else "") for s in shortcuts)
