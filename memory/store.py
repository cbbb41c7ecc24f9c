"""`MemoryStore`: page memory, the app transition graph, trajectories and tips in one SQLite file.

Concurrency: WAL (readers never block the writer), a 30 s busy timeout, one connection per thread (and per
process: a store used after `fork` opens fresh connections), and every write in a `BEGIN IMMEDIATE`
transaction, so two writers queue on the lock instead of failing when a read lock would have to be upgraded.
Counters are bumped in SQL (`visits = visits + 1`), never read-modify-written in Python, so no count is lost.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from droidpilot.memory import graph, search
from droidpilot.memory.embedder import Embedder
from droidpilot.memory.models import (
    MemoryStats,
    MemoryStoreError,
    NoPath,
    NotAMemoryFile,
    Page,
    PageHit,
    PageNotFound,
    Tip,
    TipNotFound,
    Trajectory,
    Transition,
)
from droidpilot.memory.schema import LATEST, create_fts, fts5_available, migrate
from droidpilot.memory.search import Ranked  # by name: inside MemoryStore, `search` is the method
from droidpilot.memory.signature import PageSignature

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
_PAGE_COLUMNS = "id, package, activity, structure_hash, title, summary, key_elements, first_seen, last_seen, visits"


def default_memory_path() -> Path:
    """`$DROIDPILOT_MEMORY`, else `$XDG_DATA_HOME/droidpilot/memory.sqlite` (~/.local/share by default)."""
    if os.environ.get("DROIDPILOT_MEMORY"):
        return Path(os.environ["DROIDPILOT_MEMORY"]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "droidpilot" / "memory.sqlite"


def _ts(value: float) -> datetime:
    return datetime.fromtimestamp(value)


def _page(row: sqlite3.Row | tuple[Any, ...]) -> Page:
    (page_id, package, activity, structure, title, summary, elements, first, last, visits) = tuple(row)
    return Page(id=page_id, package=package, activity=activity, structure_hash=structure, title=title,
                summary=summary, key_elements=json.loads(elements), first_seen=_ts(first), last_seen=_ts(last),
                visits=visits)


class MemoryStore:
    """Long-term memory in one SQLite file, safe to share between threads and processes.

    `embedder`, when given, embeds each new or changed page after its write commits, and makes `search`
    hybrid (BM25 and cosine fused); without one, search is lexical.
    """

    def __init__(self, path: str | Path, embedder: Embedder | None = None) -> None:
        self.path = Path(path).expanduser()
        self.embedder = embedder
        self._local = threading.local()
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._vectors: search.VectorMatrix | None = None
        self._open_checked()

    # -- connections and transactions ----------------------------------------------------------------------
    def _open_checked(self) -> None:
        if self.path.is_dir():
            raise MemoryStoreError(f"'{self.path}' is a directory, not a memory file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._db()
            self.lexical = self._lexical_backend(db)
        except NotAMemoryFile as exc:
            self.close()
            raise NotAMemoryFile(f"'{self.path}' is not a droidpilot memory file: {exc}") from None
        except sqlite3.OperationalError as exc:  # cannot open, locked for too long, disk full...
            self.close()
            raise MemoryStoreError(f"cannot open '{self.path}': {exc}") from None
        except sqlite3.DatabaseError as exc:  # not a database, malformed
            self.close()
            raise NotAMemoryFile(f"'{self.path}' is not a droidpilot memory file ({exc})") from None
        except OSError as exc:
            raise MemoryStoreError(f"cannot create '{self.path}': {exc.strerror or exc}") from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                             check_same_thread=False)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints, never torn
            db.execute("PRAGMA foreign_keys = ON")
            migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _db(self) -> sqlite3.Connection:
        if os.getpid() != self._pid:  # forked: the parent's connections and lock must not be used here
            self._pid, self._local, self._connections = os.getpid(), threading.local(), []
            self._lock = threading.Lock()
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._connect()
            self._local.db, self._local.depth, self._local.after_commit = db, 0, []
            with self._lock:
                self._connections.append(db)
        return db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one. Holds the file's write lock: keep it short."""
        db = self._db()
        if self._local.depth:
            self._local.depth += 1
            try:
                yield db
            finally:
                self._local.depth -= 1
            return
        db.execute("BEGIN IMMEDIATE")
        self._local.depth = 1
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            self._local.after_commit = []
            raise
        finally:
            self._local.depth = 0
        pending, self._local.after_commit = self._local.after_commit, []
        if pending:
            try:
                self._embed_pages(pending)
            except MemoryStoreError as exc:  # the pages are saved; `embed_missing` can add vectors later
                log.warning("pages saved without vectors: %s", exc)

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections = []
        self._local = threading.local()

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _lexical_backend(self, db: sqlite3.Connection) -> str:
        row = db.execute("SELECT value FROM meta WHERE key = 'lexical'").fetchone()
        if row and row[0] == "scan" and fts5_available(db):
            with self.transaction() as tx:  # the file was made where SQLite lacked FTS5; this one has it
                create_fts(tx)
            return "fts5"
        if row and row[0] == "fts5" and not fts5_available(db):
            raise MemoryStoreError("this memory file needs SQLite's FTS5, which this Python's sqlite3 lacks")
        return row[0] if row else "scan"

    # -- pages and transitions -----------------------------------------------------------------------------
    def record_page(self, sig: PageSignature, seen: float | None = None) -> int:
        """Insert the page or, when its (package, structure_hash) is known, refresh its description and count
        one more visit. Returns the page id."""
        now = time.time() if seen is None else seen
        elements = json.dumps([e.model_dump() for e in sig.key_elements], ensure_ascii=False)
        with self.transaction() as db:
            (page_id,) = db.execute(
                "INSERT INTO pages (package, activity, structure_hash, title, summary, key_elements, elements, "
                "first_seen, last_seen, visits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (package, structure_hash) DO UPDATE SET activity = excluded.activity, "
                "title = excluded.title, summary = excluded.summary, key_elements = excluded.key_elements, "
                "elements = excluded.elements, last_seen = excluded.last_seen, visits = visits + 1 RETURNING id",
                (sig.package, sig.activity, sig.structure_hash, sig.title, sig.summary, elements,
                 sig.search_text, now, now)).fetchone()
            if self.embedder is not None:
                self._local.after_commit.append(page_id)
        return int(page_id)

    def record_transition(self, from_id: int, action: str, to_id: int, seen: float | None = None) -> int:
        """Count one more time that `action` (a semantic action string) led from one page to another."""
        now = time.time() if seen is None else seen
        with self.transaction() as db:
            (transition_id,) = db.execute(
                "INSERT INTO transitions (from_page, action, to_page, count, first_seen, last_seen) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (from_page, action, to_page) DO UPDATE SET "
                "count = count + 1, last_seen = excluded.last_seen RETURNING id",
                (from_id, action, to_id, now, now)).fetchone()
        return int(transition_id)

    def page(self, page_id: int) -> Page | None:
        row = self._db().execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE id = ?", (page_id,)).fetchone()
        return _page(row) if row else None

    def find_page(self, package: str, structure_hash: str) -> Page | None:
        """The page with this skeleton in this package (a page's identity), if it was ever recorded."""
        row = self._db().execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE package = ? AND structure_hash = ?",
                                 (package, structure_hash)).fetchone()
        return _page(row) if row else None

    def pages(self, package: str | None = None, limit: int = 50, offset: int = 0) -> list[Page]:
        """Pages by visits (most first), optionally of one package."""
        where, params = ("WHERE package = ?", [package]) if package else ("", [])
        rows = self._db().execute(f"SELECT {_PAGE_COLUMNS} FROM pages {where} ORDER BY visits DESC, id "
                                  "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        return [_page(r) for r in rows]

    def transitions(self, page_id: int | None = None) -> list[Transition]:
        """Transitions out of a page (all of them when None), most used first."""
        where, params = ("WHERE from_page = ?", [page_id]) if page_id is not None else ("", [])
        rows = self._db().execute(f"SELECT id, from_page, action, to_page, count FROM transitions {where} "
                                  "ORDER BY count DESC, id", params).fetchall()
        return [Transition(id=r[0], from_page=r[1], action=r[2], to_page=r[3], count=r[4]) for r in rows]

    def entry_page(self, package: str) -> Page | None:
        """The page an app opens on: where recorded `open_app` actions led most often, else the app's first
        recorded page (a crawl starts on the screen its launch opens)."""
        row = self._db().execute(
            "SELECT t.to_page FROM transitions t JOIN pages p ON p.id = t.to_page WHERE p.package = ? AND "
            "t.action LIKE 'open\\_app %' ESCAPE '\\' GROUP BY t.to_page ORDER BY sum(t.count) DESC, t.to_page "
            "LIMIT 1", (package,)).fetchone()
        if row is None:
            row = self._db().execute("SELECT min(id) FROM pages WHERE package = ?", (package,)).fetchone()
        return self.page(int(row[0])) if row is not None and row[0] is not None else None

    # -- trajectories and tips -----------------------------------------------------------------------------
    def add_trajectory(self, goal: str, success: bool, steps: int, run_dir: str | Path = "",
                       run_id: str | None = None) -> int:
        """Record a finished run; a run id already recorded returns the existing trajectory's id."""
        with self.transaction() as db:
            if run_id is not None:
                row = db.execute("SELECT id FROM trajectories WHERE run_id = ?", (run_id,)).fetchone()
                if row:
                    return int(row[0])
            (trajectory_id,) = db.execute(
                "INSERT INTO trajectories (goal, success, steps, run_dir, run_id, created) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (goal, int(success), steps, str(run_dir), run_id, time.time())).fetchone()
        return int(trajectory_id)

    def has_run(self, run_id: str) -> bool:
        return self._db().execute("SELECT 1 FROM trajectories WHERE run_id = ?", (run_id,)).fetchone() is not None

    def trajectories(self, limit: int = 50) -> list[Trajectory]:
        rows = self._db().execute("SELECT id, goal, success, steps, run_dir, run_id, created FROM trajectories "
                                  "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [Trajectory(id=r[0], goal=r[1], success=bool(r[2]), steps=r[3], run_dir=r[4], run_id=r[5],
                           created=_ts(r[6])) for r in rows]

    def add_tip(self, app: str, text: str, source: str = "") -> int:
        """Add a lesson for an app; the same text for the same app is stored once (its id is returned)."""
        with self.transaction() as db:
            db.execute("INSERT INTO tips (app, text, source, uses, created) VALUES (?, ?, ?, 0, ?) "
                       "ON CONFLICT (app, text) DO NOTHING", (app, text.strip(), source, time.time()))
            (tip_id,) = db.execute("SELECT id FROM tips WHERE app = ? AND text = ?", (app, text.strip())).fetchone()
        return int(tip_id)

    def tips(self, app: str | None = None, limit: int = 10) -> list[Tip]:
        """An app's tips (all apps' when None), most used first."""
        where, params = ("WHERE app = ?", [app]) if app else ("", [])
        rows = self._db().execute(f"SELECT id, app, text, source, uses, created FROM tips {where} "
                                  "ORDER BY uses DESC, id DESC LIMIT ?", [*params, limit]).fetchall()
        return [Tip(id=r[0], app=r[1], text=r[2], source=r[3], uses=r[4], created=_ts(r[5])) for r in rows]

    def use_tip(self, tip_id: int) -> None:
        with self.transaction() as db:
            if db.execute("UPDATE tips SET uses = uses + 1 WHERE id = ?", (tip_id,)).rowcount == 0:
                raise TipNotFound(f"no tip with id {tip_id}")

    def edit_tip(self, tip_id: int, text: str) -> Tip:
        """Change a tip's text (its uses are kept). Raises TipNotFound, or MemoryStoreError when the app already
        has a tip with that text."""
        text = " ".join(text.split())
        if not text:
            raise MemoryStoreError("a tip cannot be empty")
        with self.transaction() as db:
            try:
                changed = db.execute("UPDATE tips SET text = ? WHERE id = ?", (text, tip_id)).rowcount
            except sqlite3.IntegrityError:
                raise MemoryStoreError("that app already has this tip") from None
            if changed == 0:
                raise TipNotFound(f"no tip with id {tip_id}")
        return self.tip(tip_id)

    def remove_tip(self, tip_id: int) -> None:
        with self.transaction() as db:
            if db.execute("DELETE FROM tips WHERE id = ?", (tip_id,)).rowcount == 0:
                raise TipNotFound(f"no tip with id {tip_id}")

    def tip(self, tip_id: int) -> Tip:
        row = self._db().execute("SELECT id, app, text, source, uses, created FROM tips WHERE id = ?",
                                 (tip_id,)).fetchone()
        if row is None:
            raise TipNotFound(f"no tip with id {tip_id}")
        return Tip(id=row[0], app=row[1], text=row[2], source=row[3], uses=row[4], created=_ts(row[5]))

    # -- stats ---------------------------------------------------------------------------------------------
    def stats(self) -> MemoryStats:
        db = self._db()

        def count(table: str) -> int:
            return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        packages = dict(db.execute("SELECT package, count(*) AS n FROM pages GROUP BY package "
                                   "ORDER BY n DESC, package").fetchall())
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return MemoryStats(path=str(self.path), schema_version=LATEST, size_bytes=size, pages=count("pages"),
                           transitions=count("transitions"), trajectories=count("trajectories"),
                           tips=count("tips"), vectors=count("page_vectors"), packages=packages,
                           lexical=self.lexical)

    # -- retrieval -----------------------------------------------------------------------------------------
    def search(self, query: str, k: int = 5, package: str | None = None,
               mode: search.SearchMode = "auto", cutoff: bool = True) -> list[PageHit]:
        """The k pages most relevant to `query` (a goal, a subgoal, a page name), optionally in one package.

        `auto` is hybrid with an embedder and lexical without one. Lexical is BM25 over title, summary and key
        elements, with words normalised (case, "Wi-Fi" = "wifi" = "WLAN": memory/synonyms.py); a page whose title
        is exactly the query gets its score doubled (page names are common queries: `path Display Internet`).
        With `cutoff`, pages scoring far below the best are left out (search.relevant), so fewer than k may
        come back."""
        if mode == "auto":
            mode = "hybrid" if self.embedder is not None else "lexical"
        if mode != "lexical" and self.embedder is None:
            raise MemoryStoreError(f"{mode} search needs an embedder")
        db = self._db()
        lexical: Ranked = []
        if mode in ("lexical", "hybrid"):
            lexical = self._lexical(db, query, max(k * 4, 20), package)
            lexical = self._same_screens(db, lexical, search.relevant(lexical, search.LEXICAL_CUTOFF)) \
                if cutoff else lexical
        ranked = lexical[:k]
        if mode in ("embedding", "hybrid"):
            vector = self._nearest(db, query, max(k * 4, 20), package)
            vector = search.relevant(vector, 0, search.VECTOR_MARGIN) if cutoff else vector
            ranked = vector[:k] if mode == "embedding" else search.fuse(lexical, vector, limit=k)
        return self._hits(db, ranked, mode)

    def _lexical(self, db: sqlite3.Connection, query: str, limit: int, package: str | None) -> Ranked:
        scorer = search.lexical_fts if self.lexical == "fts5" else search.lexical_scan
        found = scorer(db, query, limit, package)
        wanted = " ".join(query.split()).casefold()
        titles = dict(db.execute(f"SELECT id, title FROM pages WHERE id IN ({','.join('?' * len(found))})",
                                 [i for i, _s in found]).fetchall()) if found else {}
        boosted = [(i, s * 2 if titles.get(i, "").casefold() == wanted else s) for i, s in found]
        return sorted(boosted, key=lambda p: (-p[1], p[0]))

    @staticmethod
    def _same_screens(db: sqlite3.Connection, ranked: Ranked, kept: Ranked) -> Ranked:
        """`kept`, plus the ranked pages that are a kept page's screen in another state (same package and
        title: the Internet page with Wi-Fi on and with it off), which are as relevant as it."""
        if len(kept) == len(ranked):
            return kept
        ids = [i for i, _s in ranked]
        names = dict(db.execute(f"SELECT id, package || char(0) || title FROM pages WHERE id IN "
                                f"({','.join('?' * len(ids))})", ids).fetchall())
        wanted = {names.get(i) for i, _s in kept}
        kept_ids = {i for i, _s in kept}
        return [(i, s) for i, s in ranked if i in kept_ids or names.get(i) in wanted]

    def _hits(self, db: sqlite3.Connection, ranked: Ranked, mode: str) -> list[PageHit]:
        if not ranked:
            return []
        ids = [i for i, _s in ranked]
        rows = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE id IN ({','.join('?' * len(ids))})",
                          ids).fetchall()
        pages = {row[0]: _page(row) for row in rows}
        return [PageHit(page=pages[i], score=round(s, 6), mode=mode) for i, s in ranked if i in pages]

    def resolve_page(self, ref: int | str, package: str | None = None) -> Page:
        """A page by id (an int or digits), else the page whose title is the text, else the best search hit."""
        if isinstance(ref, int) or ref.strip().isdigit():
            page = self.page(int(ref))
            if page is None:
                raise PageNotFound(f"no page with id {ref}")
            return page
        hits = self.search(ref, k=10, package=package)
        if not hits:
            raise PageNotFound(f"no remembered page matches '{ref}'")
        exact = [h.page for h in hits if h.page.title.casefold() == ref.strip().casefold()]
        return exact[0] if exact else hits[0].page

    def shortest_path(self, from_page: int | str, to_page: int | str, package: str | None = None,
                      max_steps: int = 25) -> list[Transition]:
        """The fewest recorded actions leading from one page to the other (BFS; among parallel edges the most
        used). Pages are ids or texts resolved by `resolve_page`. Raises NoPath when they are not connected."""
        start = self.resolve_page(from_page, package)
        goal = self.resolve_page(to_page, package)
        path = graph.shortest_path(self._db(), start.id, goal.id, max_steps)
        if path is None:
            raise NoPath(f"no recorded way from '{start.title}' (page {start.id}) to '{goal.title}' "
                         f"(page {goal.id})")
        return path

    # -- embeddings ----------------------------------------------------------------------------------------
    def _embed_pages(self, page_ids: list[int]) -> None:
        """Embed pages whose text changed since their vector was made (after the write lock is released)."""
        assert self.embedder is not None
        db, model = self._db(), self.embedder.name
        marks = ",".join("?" * len(page_ids))
        rows = db.execute(f"SELECT p.id, p.title || char(10) || p.summary || char(10) || p.elements, v.text_hash, "
                          f"v.model FROM pages p LEFT JOIN page_vectors v ON v.page_id = p.id WHERE p.id IN ({marks})",
                          page_ids).fetchall()
        todo = [(pid, text, search.text_hash(text)) for pid, text, old, old_model in rows
                if old is None or old != search.text_hash(text) or old_model != model]
        if not todo:
            return
        vectors = self.embedder.embed([text for _p, text, _h in todo])
        with self.transaction() as tx:
            rows = [(pid, model, h, search.encode_vector(v)) for (pid, _t, h), v in zip(todo, vectors, strict=True)]
            tx.executemany("INSERT OR REPLACE INTO page_vectors (page_id, model, text_hash, vector) "
                           "VALUES (?, ?, ?, ?)", rows)
            tx.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'vectors_version'")

    def embed_missing(self, batch: int = 256) -> int:
        """Embed pages recorded without this embedder (by the crawler, or before one was configured)."""
        if self.embedder is None:
            raise MemoryStoreError("no embedder configured")
        done = 0
        while True:
            ids = [r[0] for r in self._db().execute(
                "SELECT p.id FROM pages p LEFT JOIN page_vectors v ON v.page_id = p.id AND v.model = ? "
                "WHERE v.page_id IS NULL LIMIT ?", (self.embedder.name, batch)).fetchall()]
            if not ids:
                return done
            self._embed_pages(ids)
            done += len(ids)

    def _nearest(self, db: sqlite3.Connection, query: str, limit: int, package: str | None) -> Ranked:
        assert self.embedder is not None
        version = db.execute("SELECT value FROM meta WHERE key = 'vectors_version'").fetchone()[0]
        if self._vectors is None or self._vectors.version != version:
            self._vectors = search.load_vectors(db, self.embedder.name, version)
        (query_vector,) = self.embedder.embed([query])
        return search.nearest(self._vectors, query_vector, limit, package)
