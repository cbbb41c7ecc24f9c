"""MemoryStore on real SQLite files: pages, transitions, trajectories, tips, stats, migrations, bad files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from droidpilot.memory import MemoryStore, MemoryStoreError, NotAMemoryFile
from droidpilot.memory.schema import LATEST, migrate
from droidpilot.memory.signature import KeyElement, PageSignature


def page(title: str, package: str = "com.example.mail", structure: str | None = None,
         labels: tuple[str, ...] = ()) -> PageSignature:
    return PageSignature(package=package, activity=f"{package}.Main", structure_hash=structure or f"s-{title}",
                         content_hash=f"c-{title}", title=title, summary=f"{title} screen of {package}.",
                         key_elements=[KeyElement(label=label, resource_id=f"{package}:id/{label.lower()}",
                                                  kind="Button") for label in labels])


def test_recording_a_page_again_counts_a_visit(store: MemoryStore) -> None:
    first = store.record_page(page("Inbox"), seen=1000.0)
    again = store.record_page(page("Inbox").model_copy(update={"title": "Inbox (3)"}), seen=2000.0)
    assert first == again
    stored = store.page(first)
    assert stored is not None
    assert (stored.visits, stored.title) == (2, "Inbox (3)")
    assert (stored.first_seen.timestamp(), stored.last_seen.timestamp()) == (1000.0, 2000.0)


def test_the_same_structure_in_two_apps_is_two_pages(store: MemoryStore) -> None:
    a = store.record_page(page("Main", "com.a", structure="same"))
    b = store.record_page(page("Main", "com.b", structure="same"))
    assert a != b
    assert [p.package for p in store.pages(package="com.b")] == ["com.b"]


def test_pages_are_listed_most_visited_first(store: MemoryStore) -> None:
    for title, visits in (("Inbox", 1), ("Compose", 3), ("Settings", 2)):
        for _ in range(visits):
            store.record_page(page(title, labels=("Send",)))
    listed = store.pages()
    assert [p.title for p in listed] == ["Compose", "Settings", "Inbox"]
    assert listed[0].key_elements == [KeyElement(label="Send", resource_id="com.example.mail:id/send", kind="Button")]
    assert [p.title for p in store.pages(limit=1, offset=1)] == ["Settings"]


def test_transitions_count_repeats(store: MemoryStore) -> None:
    inbox, compose = store.record_page(page("Inbox")), store.record_page(page("Compose"))
    first = store.record_transition(inbox, 'tap desc="Compose"', compose)
    assert store.record_transition(inbox, 'tap desc="Compose"', compose) == first
    store.record_transition(compose, "press back", inbox)
    (out,) = store.transitions(inbox)
    assert (out.action, out.to_page, out.count, out.action_type) == ('tap desc="Compose"', compose, 2, "tap")
    assert len(store.transitions()) == 2


def test_trajectories_are_recorded_once_per_run(store: MemoryStore) -> None:
    a = store.add_trajectory("send hello", True, 4, "/runs/r1", run_id="r1")
    assert store.add_trajectory("send hello", True, 4, "/runs/r1", run_id="r1") == a
    store.add_trajectory("no run id", False, 2)
    assert store.has_run("r1") and not store.has_run("r2")
    assert [(t.goal, t.success, t.run_id) for t in store.trajectories()] == [("no run id", False, None),
                                                                              ("send hello", True, "r1")]


def test_tips_are_deduplicated_and_ordered_by_use(store: MemoryStore) -> None:
    first = store.add_tip("com.android.settings", "Dark theme is under Display.", source="run r1")
    second = store.add_tip("com.android.settings", "Wi-Fi is under Network & internet > Internet.")
    assert store.add_tip("com.android.settings", "Dark theme is under Display.  ") == first
    store.add_tip("com.android.contacts", "Save is top right.")
    store.use_tip(second)
    store.use_tip(second)
    tips = store.tips("com.android.settings")
    assert [(t.id, t.uses) for t in tips] == [(second, 2), (first, 0)]
    assert tips[1].source == "run r1"
    assert len(store.tips()) == 3 and len(store.tips(limit=1)) == 1
    with pytest.raises(MemoryStoreError, match="no tip"):
        store.use_tip(999)


def test_stats(store: MemoryStore) -> None:
    a, b = store.record_page(page("A", "com.a")), store.record_page(page("B", "com.b"))
    store.record_page(page("C", "com.b"))
    store.record_transition(a, "tap", b)
    store.add_tip("com.a", "tip")
    stats = store.stats()
    assert (stats.pages, stats.transitions, stats.trajectories, stats.tips, stats.vectors) == (3, 1, 0, 1, 0)
    assert stats.packages == {"com.b": 2, "com.a": 1}
    assert stats.schema_version == LATEST and stats.lexical == "fts5" and stats.size_bytes > 0


def test_a_failed_transaction_leaves_nothing(store: MemoryStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.record_page(page("Half"))
        raise RuntimeError("crash mid-ingest")
    assert store.stats().pages == 0


def test_data_survives_reopening(tmp_path: Path) -> None:
    with MemoryStore(tmp_path / "m.sqlite") as store:
        store.record_page(page("Inbox"))
    with MemoryStore(tmp_path / "m.sqlite") as store:
        assert [p.title for p in store.pages()] == ["Inbox"]


def test_the_file_and_its_folder_are_created_on_demand(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "memory.sqlite"
    with MemoryStore(path) as store:
        assert store.stats().pages == 0
    assert path.is_file()


# -- migrations ------------------------------------------------------------------------------------------------

def _version_1_file(path: Path) -> None:
    """A file as the first release wrote it: no search index, no run ids, no vectors."""
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, target=1) == 0
    elements = json.dumps([{"label": "Dark theme", "resource_id": "android:id/switch_widget", "kind": "Switch"}])
    db.execute("INSERT INTO pages (package, activity, structure_hash, title, summary, key_elements, first_seen, "
               "last_seen, visits) VALUES ('com.android.settings', 'x.Display', 'h1', 'Display', 'Display page.', "
               "?, 1, 2, 5)", (elements,))
    db.execute("INSERT INTO trajectories (goal, success, steps, run_dir, created) VALUES ('dark mode', 1, 3, '', 1)")
    db.close()


def test_an_old_file_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_1_file(path)
    with MemoryStore(path) as store:
        assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == LATEST
        (hit,) = store.search("dark theme switch")  # key elements of old pages are searchable after migration
        assert (hit.page.title, hit.page.visits) == ("Display", 5)
        assert [(t.goal, t.run_id) for t in store.trajectories()] == [("dark mode", None)]
        store.add_trajectory("again", True, 1, run_id="r1")
        assert store.has_run("r1")


def test_a_file_from_a_newer_droidpilot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    MemoryStore(path).close()
    sqlite3.connect(path).execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(MemoryStoreError, match="newer than this droidpilot"):
        MemoryStore(path)


# -- files that are not memories -------------------------------------------------------------------------------

def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello, this is not a database\n" * 200)
    with pytest.raises(NotAMemoryFile, match="not a droidpilot memory file"):
        MemoryStore(path)
    assert path.read_bytes().startswith(b"hello")  # left untouched


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts2.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(NotAMemoryFile, match="other tables"):
        MemoryStore(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1234")
    with pytest.raises(NotAMemoryFile, match="another application"):
        MemoryStore(path)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MemoryStoreError, match="is a directory"):
        MemoryStore(tmp_path)


def test_a_truncated_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    with MemoryStore(path) as store:
        for i in range(200):
            store.record_page(page(f"P{i}"))
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\0" * (len(data) - 100))
    with pytest.raises(NotAMemoryFile):
        MemoryStore(path).stats()
