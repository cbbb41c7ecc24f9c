"""The memory file's schema and its migrations.

The version lives in `PRAGMA user_version`; `MIGRATIONS[i]` takes a file from version i to i + 1. All pending
migrations run in one IMMEDIATE transaction after re-reading the version inside it, so processes that open a
new or old file at the same moment migrate it exactly once. Never edit a released migration: append one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from droidpilot.memory.models import MemoryStoreError, NotAMemoryFile

APPLICATION_ID = 0x44504D45  # "DPME": marks the file as ours in the SQLite header


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements one by one: `executescript` would COMMIT the migration's transaction half-way."""
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")


def _v1_core(db: sqlite3.Connection) -> None:
    _script(db, """
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            package TEXT NOT NULL,
            activity TEXT NOT NULL DEFAULT '',
            structure_hash TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            key_elements TEXT NOT NULL DEFAULT '[]',
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            visits INTEGER NOT NULL DEFAULT 1,
            UNIQUE (package, structure_hash)
        );
        CREATE TABLE transitions (
            id INTEGER PRIMARY KEY,
            from_page INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            to_page INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            count INTEGER NOT NULL DEFAULT 1,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            UNIQUE (from_page, action, to_page)
        );
        CREATE INDEX transitions_to ON transitions(to_page);
        CREATE TABLE trajectories (
            id INTEGER PRIMARY KEY,
            goal TEXT NOT NULL,
            success INTEGER NOT NULL,
            steps INTEGER NOT NULL DEFAULT 0,
            run_dir TEXT NOT NULL DEFAULT '',
            created REAL NOT NULL
        );
        CREATE TABLE tips (
            id INTEGER PRIMARY KEY,
            app TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            uses INTEGER NOT NULL DEFAULT 0,
            created REAL NOT NULL,
            UNIQUE (app, text)
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)


def fts5_available(db: sqlite3.Connection) -> bool:
    try:
        db.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        db.execute("DROP TABLE temp.fts5_probe")
        return True
    except sqlite3.OperationalError:
        return False


def create_fts(db: sqlite3.Connection) -> None:
    """The BM25 index: external content over pages (no second copy of the text), kept in sync by triggers
    that fire only when the indexed text really changes (a revisit only bumps counters)."""
    _script(db, """
        CREATE VIRTUAL TABLE pages_fts USING fts5(
            title, summary, elements, content='pages', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN
            INSERT INTO pages_fts(rowid, title, summary, elements)
            VALUES (new.id, new.title, new.summary, new.elements);
        END;
        CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN
            INSERT INTO pages_fts(pages_fts, rowid, title, summary, elements)
            VALUES ('delete', old.id, old.title, old.summary, old.elements);
        END;
        CREATE TRIGGER pages_fts_update AFTER UPDATE OF title, summary, elements ON pages
        WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.elements IS NOT new.elements
        BEGIN
            INSERT INTO pages_fts(pages_fts, rowid, title, summary, elements)
            VALUES ('delete', old.id, old.title, old.summary, old.elements);
            INSERT INTO pages_fts(rowid, title, summary, elements)
            VALUES (new.id, new.title, new.summary, new.elements);
        END;
        INSERT INTO pages_fts(pages_fts) VALUES ('rebuild');
    """)
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('lexical', 'fts5')")


def _v2_lexical(db: sqlite3.Connection) -> None:
    """Searchable element text (labels and resource-id names) and the full-text index when SQLite has FTS5."""
    db.execute("ALTER TABLE pages ADD COLUMN elements TEXT NOT NULL DEFAULT ''")
    db.execute("""
        UPDATE pages SET elements = coalesce((
            SELECT group_concat(json_extract(value, '$.label') || ' ' ||
                   replace(substr(json_extract(value, '$.resource_id'),
                                  instr(json_extract(value, '$.resource_id'), '/') + 1), '_', ' '), ' ')
            FROM json_each(pages.key_elements)), '')
    """)
    db.execute("CREATE INDEX pages_seen ON pages(package, last_seen)")
    if fts5_available(db):
        create_fts(db)
    else:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('lexical', 'scan')")


def _v3_runs_and_vectors(db: sqlite3.Connection) -> None:
    """Run ids make ingestion idempotent; vectors make embedding search possible."""
    _script(db, """
        ALTER TABLE trajectories ADD COLUMN run_id TEXT;
        CREATE UNIQUE INDEX trajectories_run ON trajectories(run_id) WHERE run_id IS NOT NULL;
        CREATE TABLE page_vectors (
            page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        INSERT OR REPLACE INTO meta(key, value) VALUES ('vectors_version', '0');
    """)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_core, _v2_lexical, _v3_runs_and_vectors]
LATEST = len(MIGRATIONS)


def _check_ours(db: sqlite3.Connection, version: int) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id not in (0, APPLICATION_ID):
        raise NotAMemoryFile(f"it is a SQLite file of another application (application_id {app_id:#x})")
    if version == 0 and app_id == 0:
        tables = db.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").fetchone()[0]
        if tables:
            raise NotAMemoryFile("it is a SQLite file with other tables, not a droidpilot memory")
    if version > LATEST:
        raise MemoryStoreError(f"schema version {version} is newer than this droidpilot knows ({LATEST}); "
                               "upgrade droidpilot")


def migrate(db: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the file to `target` (tests stop early to make old files); returns the version found."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    _check_ours(db, found)
    if found >= target:
        return found
    db.execute("BEGIN IMMEDIATE")
    try:
        found = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated meanwhile
        _check_ours(db, found)
        for version in range(found, target):
            MIGRATIONS[version](db)
        if found < target:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {target}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return found
