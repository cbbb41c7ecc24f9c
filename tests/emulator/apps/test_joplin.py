"""Joplin flows driven through the UI, checked against Joplin's `joplin.sqlite` (folders, notes,
notes_normalized, tags, note_tags); the seed API only sets up data."""

from __future__ import annotations

import sqlite3
from typing import Any

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.joplin import JoplinApp
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = "net.cozic.joplin"


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "joplin.sqlite")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def seeded(phone: VirtualPhone) -> JoplinApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, JoplinApp)
    app.clear()
    return app


def titles(phone: VirtualPhone) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/note_title"]


def side_menu(phone: VirtualPhone, rid: str, name: str) -> None:
    tap(phone, desc="Open side menu")
    tap(phone, rid=rid, text=name)
    assert need(phone, rid="screen_title").text == name


def test_new_notebook_and_todo_are_saved_in_joplins_tables_and_completed_from_the_list(phone: VirtualPhone) -> None:
    seeded(phone)
    open_app(phone, "Joplin")
    assert need(phone, rid="empty").text == "There are currently no notes."
    tap(phone, desc="Add")
    tap(phone, rid="new_note")
    assert find(phone, rid="title") is None  # no notebook yet: nowhere to put it
    tap(phone, desc="Open side menu")
    tap(phone, desc="New notebook")
    phone.input_text("Errands")
    tap(phone, text="OK")
    assert need(phone, rid="screen_title").text == "Errands"
    tap(phone, desc="Add")
    tap(phone, rid="new_todo")
    phone.input_text("Buy stamps")  # the title has the focus
    type_into(phone, "At the post office", rid="body")
    phone.press_key("BACK")
    phone.press_key("BACK")
    [folder] = rows(phone, "SELECT * FROM folders")
    [note] = rows(phone, "SELECT * FROM notes")
    assert folder["title"] == "Errands" and len(folder["id"]) == 32
    assert (note["title"], note["body"], note["parent_id"]) == ("Buy stamps", "At the post office", folder["id"])
    assert (note["is_todo"], note["todo_completed"], note["deleted_time"]) == (1, 0, 0)
    assert rows(phone, "SELECT title FROM notes_normalized")[0]["title"] == "buy stamps"
    assert titles(phone) == ["Buy stamps"]
    tap(phone, rid="todo_checkbox")
    assert rows(phone, "SELECT todo_completed FROM notes")[0][0] > 0
    assert need(phone, rid="todo_checkbox").checked
    tap(phone, desc="Add")
    tap(phone, rid="new_note")
    phone.press_key("BACK")  # left empty: nothing written
    assert rows(phone, "SELECT COUNT(*) FROM notes")[0][0] == 1


def test_notebooks_filter_search_finds_bodies_and_tags_convert_and_delete(phone: VirtualPhone) -> None:
    app = seeded(phone)
    app.add_note("Recipes", "Pancakes", "Ingredients:\n- 2 cups flour\n- 1 cup milk")
    app.add_note("Work", "Standup notes", "12 people attended", is_todo=False)
    app.add_note("Work", "Email Dana", "", is_todo=True)
    open_app(phone, "Joplin")
    assert titles(phone)[0] == "Email Dana"  # open to-dos on top
    side_menu(phone, "folder_title", "Recipes")
    assert titles(phone) == ["Pancakes"]
    tap(phone, desc="Search")
    phone.input_text("attended")
    assert titles(phone) == ["Standup notes"]
    tap(phone, rid="note_title", text="Standup notes")
    assert "12 people attended" in need(phone, rid="body").text
    assert find(phone, rid="todo_checkbox") is None
    tap(phone, desc="More options")
    tap(phone, text="Convert to to-do")
    assert need(phone, rid="todo_checkbox")
    tap(phone, desc="More options")
    tap(phone, text="Tags")
    phone.input_text("Urgent")
    tap(phone, text="Add")
    tap(phone, text="Close")
    assert need(phone, rid="tags").text == "Tags: urgent"
    [row] = rows(phone, "SELECT n.is_todo, t.title FROM notes n JOIN note_tags nt ON nt.note_id = n.id "
                        "JOIN tags t ON t.id = nt.tag_id")
    assert tuple(row) == (1, "urgent")
    phone.press_key("BACK")
    phone.press_key("BACK")  # leave search
    side_menu(phone, "tag_title", "urgent")
    assert titles(phone) == ["Standup notes"]
    tap(phone, rid="note_title", text="Standup notes")
    tap(phone, desc="More options")
    tap(phone, text="Delete")
    tap(phone, text="Delete")
    assert rows(phone, "SELECT deleted_time FROM notes WHERE title = 'Standup notes'")[0][0] > 0
    assert "Standup notes" not in titles(phone)


def test_a_note_moves_to_another_notebook(phone: VirtualPhone) -> None:
    app = seeded(phone)
    app.add_folder("Travel")
    app.add_note("Home", "Fix the gate", "Hinge is loose")
    open_app(phone, "Joplin")
    tap(phone, rid="note_title", text="Fix the gate")
    tap(phone, rid="folder")
    tap(phone, rid="folder_option", text="Travel")
    assert need(phone, rid="folder").text == "Notebook: Travel"
    [note] = rows(phone, "SELECT n.parent_id, f.title FROM notes n JOIN folders f ON f.id = n.parent_id")
    assert note["title"] == "Travel"


def test_joplin_survives_500_monkey_events(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 500")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 500" in result.output
    phone.shell("input keyevent HOME")
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.observe()


def test_rows_written_as_androidworld_writes_them_show_up_and_are_searchable(phone: VirtualPhone) -> None:
    """AndroidWorld's set-up inserts `JoplinFolder` / `JoplinNote` / `JoplinNormalizedNote` rows with sqlite."""
    seeded(phone)
    path = phone.data_dir / "data" / PKG / "databases" / "joplin.sqlite"
    folder = {"title": "Meeting Notes", "id": "f" * 32, "created_time": 1, "updated_time": 1,
              "user_created_time": 1, "user_updated_time": 1, "encryption_cipher_text": "", "encryption_applied": 0,
              "parent_id": "", "is_shared": 0, "share_id": "", "master_key_id": "", "icon": "", "user_data": ""}
    note = {"parent_id": "f" * 32, "title": "Team Weekly Sync", "body": "- 25 attendees were present",
            "created_time": 1, "updated_time": 1, "is_conflict": 0, "latitude": 0.0, "longitude": 0.0,
            "altitude": 0.0, "author": "", "source_url": "", "is_todo": 0, "todo_due": 0, "todo_completed": 0,
            "source": "", "source_application": "", "application_data": "", "order": 0.0,
            "user_created_time": 1, "user_updated_time": 1, "encryption_cipher_text": "", "encryption_applied": 0,
            "markup_language": 1, "is_shared": 0, "share_id": "", "conflict_original_id": "", "master_key_id": "",
            "user_data": "", "id": "a" * 32}
    normalized = {k: note[k] for k in ("id", "parent_id", "body", "latitude", "longitude", "altitude", "source_url",
                                       "is_todo", "todo_due", "todo_completed", "user_created_time",
                                       "user_updated_time")} | {"title": "team weekly sync"}
    conn = sqlite3.connect(path)
    with conn:
        for table, row in (("folders", folder), ("notes", note), ("notes_normalized", normalized)):
            columns = ", ".join(f'"{k}"' for k in row)
            conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    conn.close()
    open_app(phone, "Joplin")
    tap(phone, desc="Search")
    phone.input_text("weekly")
    tap(phone, rid="note_title", text="Team Weekly Sync")
    assert need(phone, rid="folder").text == "Notebook: Meeting Notes"
    assert "25 attendees" in need(phone, rid="body").text
