"""The SQLite library (CRUD, search, counters, parallel writers) and JSON import/export."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS, builtin
from droidpilot.shortcuts.jsonio import ShortcutFileError, dump_shortcuts, load_shortcuts
from droidpilot.shortcuts.library import LibraryError, ShortcutLibrary, describe_for_manager
from droidpilot.shortcuts.model import Shortcut


def user_shortcut(name: str = "star_contact", app: str = "com.android.contacts",
                  description: str = "Mark a contact as a favourite") -> Shortcut:
    return Shortcut.model_validate({
        "name": name, "description": description, "app": app, "kind": "gui",
        "params": [{"name": "who", "example": "Alice Doe"}],
        "steps": [{"action": "tap", "locator": {"content_desc": "{who}"}},
                  {"action": "tap", "locator": {"resource_id": "menu_star"}}],
    })


def test_add_get_replace_list_remove(tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    assert library.list() == [] and library.get("star_contact") is None
    library.add(user_shortcut())
    library.add(user_shortcut("open_notes", "net.droidpilot.notes", "Open the notes list"))
    assert [s.name for s in library.list()] == ["open_notes", "star_contact"]
    assert [s.name for s in library.list(app="com.android.contacts")] == ["star_contact"]
    library.record_use("star_contact", success=True)
    library.add(user_shortcut(description="Star a contact"))  # replacing keeps the counters
    got = library.get("star_contact")
    assert got is not None and got.description == "Star a contact" and got.usage_count == 1
    assert library.remove("star_contact") and not library.remove("star_contact")
    assert [s.name for s in library.list()] == ["open_notes"]


def test_counters_count_successes_and_failures(tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    library.add(user_shortcut())
    for ok in (True, False, True):
        library.record_use("star_contact", ok)
    got = library.get("star_contact")
    assert got is not None and (got.usage_count, got.success_count) == (3, 2)


def test_parallel_writers_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    ShortcutLibrary(path, builtins=False).add(user_shortcut())

    def worker(index: int) -> None:
        library = ShortcutLibrary(path, builtins=False)  # each writer has its own handle, as processes do
        for n in range(15):
            library.record_use("star_contact", success=n % 3 != 0)
            library.add(user_shortcut(f"extra_{index}_{n}"))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    library = ShortcutLibrary(path, builtins=False)
    got = library.get("star_contact")
    assert got is not None and (got.usage_count, got.success_count) == (60, 40)
    assert len(library.list()) == 61
    assert len(library.search("extra", k=100)) == 60


def test_search_ranks_by_name_then_description(tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite")
    assert library.fts
    assert library.search("send a text message")[0].name == "send_sms"
    assert library.search("alarm")[0].name == "create_alarm"
    assert [s.name for s in library.search("contact", app="com.android.contacts")] == [
        "new_contact", "open_contact", "add_contact_to_favorites"]
    assert library.search("create a new contact")[0].name == "new_contact"
    assert library.search("turn wifi off")[0].name == "turn_off_wifi"
    assert {s.name for s in library.search("messages", k=2)} == {"open_conversation", "send_sms"}  # stemmed
    assert library.search("wifi", app="com.android.messaging") == []
    assert library.search("   ", k=3) == library.list()[:3]


def test_search_without_fts_falls_back_to_word_matching(tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite")
    library.fts = False
    assert library.search("send sms")[0].name == "send_sms"
    assert [s.name for s in library.search("timer")] == ["set_timer"]


def test_builtins_are_always_there_and_can_be_overridden(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    library = ShortcutLibrary(path)
    assert {s.name for s in library.list()} == {s.name for s in BUILTIN_SHORTCUTS}
    with pytest.raises(LibraryError, match="built-in"):
        library.remove("send_sms")
    mine = builtin("send_sms").model_copy(update={"description": "my own", "source": "user"})  # type: ignore[union-attr]
    library.add(mine)
    assert ShortcutLibrary(path).get("send_sms").description == "my own"  # type: ignore[union-attr]
    assert library.remove("send_sms")
    assert library.get("send_sms").source == "builtin"  # type: ignore[union-attr]


def test_library_can_live_in_another_stores_file(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO pages (title) VALUES ('Home')")
    library = ShortcutLibrary(path, table="agent_shortcuts", builtins=False)
    library.add(user_shortcut())
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT title FROM pages").fetchall() == [("Home",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert [s.name for s in library.list()] == ["star_contact"]
    with pytest.raises(ValueError, match="invalid table name"):
        ShortcutLibrary(path, table="x; DROP TABLE pages")


def test_describe_for_manager_is_one_line_each() -> None:
    text = describe_for_manager([builtin("send_sms"), builtin("create_alarm")])  # type: ignore[list-item]
    assert text.splitlines() == [
        "- send_sms(number: phone, message: str): Send an SMS to a phone number (opens the conversation with the "
        "text and taps Send)",
        "- create_alarm(hour: int, minute: int, label?: str): Set an alarm at hour:minute (24-hour clock), "
        "optionally labelled",
    ]


# -- JSON files --------------------------------------------------------------------------------------------------

def test_export_import_round_trip(tmp_path: Path) -> None:
    source = ShortcutLibrary(tmp_path / "a.sqlite", builtins=False)
    source.add(user_shortcut())
    source.record_use("star_contact", True)
    originals = [*source.list(), *BUILTIN_SHORTCUTS[:3]]
    assert dump_shortcuts(originals, tmp_path / "out" / "shortcuts.json") == 4
    loaded = load_shortcuts(tmp_path / "out" / "shortcuts.json")
    assert loaded == originals
    target = ShortcutLibrary(tmp_path / "b.sqlite", builtins=False)
    target.add_many(loaded)
    assert target.list() == sorted(originals, key=lambda s: s.name)


def test_invalid_files_name_the_shortcut_and_field(tmp_path: Path) -> None:
    good = user_shortcut().model_dump(mode="json")
    bad = {**good, "name": "broken_one", "steps": [{"action": "tap", "locator": {}}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([good, bad, {**good}]))
    with pytest.raises(ShortcutFileError) as info:
        load_shortcuts(path)
    message = str(info.value)
    assert "shortcut 'broken_one' (#2): steps.0.locator: a locator needs at least one of" in message
    assert "shortcut 'star_contact': the name is used more than once" in message
    path.write_text("{not json")
    with pytest.raises(ShortcutFileError, match="not JSON"):
        load_shortcuts(path)
    path.write_text('{"name": "x"}')
    with pytest.raises(ShortcutFileError, match="expected a JSON list"):
        load_shortcuts(path)
    with pytest.raises(ShortcutFileError, match="cannot read"):
        load_shortcuts(tmp_path / "missing.json")
