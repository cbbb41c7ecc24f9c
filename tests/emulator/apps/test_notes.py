"""Notes driven through its UI (launcher icon, taps, typing), checked in the files under /sdcard/Documents/Notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.base import EXTRA_TEXT, Intent
from droidpilot.emulator.virtual.apps.notes import NotesApp
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = NotesApp.PACKAGE
BROWSER = PKG + ".activity.MainActivity"
EDITOR = PKG + ".activity.DocumentActivity"
SHARE_INTO = PKG + ".activity.ShareIntoActivity"
EDITOR_ID = "document__fragment__edit__highlighting_editor"
NAME_ID = "new_file_dialog__name"
DAY_MS = 86_400_000


def root(phone: VirtualPhone) -> Path:
    return phone.data_dir / "sdcard" / "Documents" / "Notes"


def on_disk(phone: VirtualPhone) -> list[str]:
    base = root(phone)
    return sorted(p.relative_to(base).as_posix() + ("/" if p.is_dir() else "") for p in base.rglob("*"))


def titles(phone: VirtualPhone) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/ui__filesystem_item__title"]


def toast(phone: VirtualPhone) -> str:
    return phone.host.state.toast.text if phone.host.state.toast is not None else ""


def long_press(phone: VirtualPhone, text: str) -> None:
    phone.long_press(*need(phone, text=text).bounds.center)


def retype(phone: VirtualPhone, rid: str, text: str) -> None:
    """Replace a field's text: tap it, delete what is there, type."""
    field = tap(phone, rid=rid)
    for _ in field.text:
        phone.press_key("DEL")
    phone.input_text(text)


@pytest.fixture
def notes(phone: VirtualPhone) -> NotesApp:
    """The phone's Notes emptied of its starting content."""
    app = phone.host.apps[PKG]
    assert isinstance(app, NotesApp)
    app.clear()
    return app


def test_create_note_type_and_leave(phone: VirtualPhone, notes: NotesApp) -> None:
    open_app(phone, "Notes")
    assert phone.current_focus() == (PKG, BROWSER)
    need(phone, rid="empty_hint", text="This folder is empty")
    tap(phone, desc="Create new", rid="fab_add_new_item")
    tap(phone, text="Note")
    assert need(phone, rid="new_file_dialog__type_md").checked
    type_into(phone, "groceries", rid=NAME_ID)
    tap(phone, text="OK")
    assert phone.current_focus() == (PKG, EDITOR)
    need(phone, rid="action_bar_title", text="groceries.md")
    assert (root(phone) / "groceries.md").read_text() == ""
    type_into(phone, "Milk", rid=EDITOR_ID)
    phone.press_key("ENTER")
    phone.input_text("Eggs")
    phone.press_key("BACK")  # hides the keyboard
    phone.press_key("BACK")
    assert phone.current_focus() == (PKG, BROWSER)
    assert (root(phone) / "groceries.md").read_text() == "Milk\nEggs"
    assert titles(phone) == ["groceries.md"]
    # A plain-text note; a name that already has the extension keeps it.
    tap(phone, desc="Create new")
    tap(phone, text="Note")
    tap(phone, rid="new_file_dialog__type_txt")
    type_into(phone, "todo.txt", rid=NAME_ID)
    tap(phone, text="OK")
    type_into(phone, "Call mum", rid=EDITOR_ID)
    tap(phone, desc="Save")
    assert on_disk(phone) == ["groceries.md", "todo.txt"]
    assert (root(phone) / "todo.txt").read_text() == "Call mum"


def test_edit_a_seeded_note(phone: VirtualPhone, notes: NotesApp) -> None:
    old = phone.clock.now_ms() - DAY_MS
    notes.write_note("plan.md", "Buy milk", mtime_ms=old)
    notes.write_note("other.md", "Untouched", mtime_ms=old)
    open_app(phone, "Notes")
    tap(phone, text="other.md")
    assert need(phone, rid=EDITOR_ID).text == "Untouched"
    phone.press_key("BACK")
    assert (root(phone) / "other.md").stat().st_mtime == old / 1000  # opening does not rewrite
    tap(phone, text="plan.md")
    need(phone, rid="action_bar_title", text="plan.md")
    type_into(phone, " and bread", rid=EDITOR_ID)
    tap(phone, desc="Navigate up")
    assert phone.current_focus() == (PKG, BROWSER)
    assert notes.read_note("plan.md") == "Buy milk and bread"
    assert (root(phone) / "plan.md").stat().st_mtime > old / 1000


def test_rename_a_note(phone: VirtualPhone, notes: NotesApp) -> None:
    notes.write_note("draft.md", "text")
    open_app(phone, "Notes")
    long_press(phone, "draft.md")
    need(phone, rid="action_bar_title", text="1")
    assert need(phone, rid="ui__filesystem_item__root").selected
    tap(phone, desc="Rename")
    assert need(phone, rid=NAME_ID).text == "draft.md"
    retype(phone, NAME_ID, "final.md")
    tap(phone, text="OK")
    assert on_disk(phone) == ["final.md"]
    assert notes.read_note("final.md") == "text"
    assert titles(phone) == ["final.md"]
    need(phone, rid="action_bar_title", text="Notes")  # selection mode ended


def test_move_a_note_into_a_folder_and_browse(phone: VirtualPhone, notes: NotesApp) -> None:
    notes.make_folder("Work")
    notes.make_folder("Work/Old")
    notes.write_note("report.md", "Q3 numbers")
    open_app(phone, "Notes")
    assert titles(phone) == ["Work", "report.md"]
    long_press(phone, "report.md")
    tap(phone, desc="Move")
    need(phone, text="Move to")
    assert [e.content_desc for e in elements(phone) if e.resource_id.endswith("/folder_item")] == [
        "Work", "Work/Old"]
    tap(phone, text="Work/Old")
    assert on_disk(phone) == ["Work/", "Work/Old/", "Work/Old/report.md"]
    assert notes.read_note("Work/Old/report.md") == "Q3 numbers"
    tap(phone, text="Work")
    need(phone, rid="action_bar_title", text="Work")
    tap(phone, text="Old")
    assert titles(phone) == ["report.md"]
    phone.press_key("BACK")
    need(phone, rid="action_bar_title", text="Work")
    tap(phone, desc="Navigate up")
    need(phone, rid="action_bar_title", text="Notes")
    phone.press_key("BACK")
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_delete_asks_first_then_deletes(phone: VirtualPhone, notes: NotesApp) -> None:
    notes.write_note("keep.md", "a")
    notes.write_note("old.md", "b")
    notes.write_note("Trash/junk.txt", "c")
    open_app(phone, "Notes")
    long_press(phone, "old.md")
    tap(phone, desc="Delete")
    need(phone, text="Do you really want to delete “old.md”?")
    tap(phone, text="Cancel")
    assert on_disk(phone) == ["Trash/", "Trash/junk.txt", "keep.md", "old.md"]
    tap(phone, text="Trash")  # still selecting: a tap adds the folder
    need(phone, rid="action_bar_title", text="2")
    tap(phone, desc="Delete")
    need(phone, text="Do you really want to delete 2 items?")
    tap(phone, text="Delete", rid="android:id/button1")
    assert on_disk(phone) == ["keep.md"]
    assert titles(phone) == ["keep.md"]


def test_create_folder_and_a_note_inside(phone: VirtualPhone, notes: NotesApp) -> None:
    open_app(phone, "Notes")
    tap(phone, desc="Create new")
    tap(phone, text="Folder")
    need(phone, text="New folder")
    type_into(phone, "Projects", rid=NAME_ID)
    tap(phone, text="OK")
    assert on_disk(phone) == ["Projects/"]
    tap(phone, text="Projects")
    tap(phone, desc="Create new")
    tap(phone, text="Note")
    type_into(phone, "ideas", rid=NAME_ID)
    tap(phone, text="OK")
    type_into(phone, "Solar roof", rid=EDITOR_ID)
    phone.press_key("BACK")
    phone.press_key("BACK")
    assert notes.list_notes() == ["Projects/ideas.md"]
    assert notes.read_note("Projects/ideas.md") == "Solar roof"


def test_bad_names_are_rejected(phone: VirtualPhone, notes: NotesApp) -> None:
    notes.write_note("taken.md", "x")
    documents = sorted(root(phone).parent.iterdir())
    open_app(phone, "Notes")
    for bad in ("../escape", "a/b", "..", "taken.md"):
        tap(phone, desc="Create new")
        tap(phone, text="Note")
        type_into(phone, bad, rid=NAME_ID)
        tap(phone, text="OK")
        assert "exists" in toast(phone) if bad == "taken.md" else toast(phone) == "Invalid file name"
        need(phone, text="New note")  # the dialog stays open
        tap(phone, text="Cancel")
    long_press(phone, "taken.md")
    tap(phone, desc="Rename")
    retype(phone, NAME_ID, "../../up.md")
    tap(phone, text="OK")
    assert toast(phone) == "Invalid file name"
    assert on_disk(phone) == ["taken.md"]
    assert sorted(root(phone).parent.iterdir()) == documents
    with pytest.raises(ValueError):
        notes.write_note("../outside.md", "no")


def test_search_by_name_and_content(phone: VirtualPhone, notes: NotesApp) -> None:
    notes.write_note("groceries.md", "milk, eggs")
    notes.write_note("recipes.md", "Pancakes need MILK and flour")
    notes.write_note("travel.md", "Lisbon in May")
    notes.make_folder("Milky Way")
    open_app(phone, "Notes")
    tap(phone, desc="Search")
    type_into(phone, "milk", rid="search_src_text")
    assert titles(phone) == ["Milky Way", "groceries.md", "recipes.md"]
    type_into(phone, "x", rid="search_src_text")
    need(phone, text="No results")
    tap(phone, desc="Clear query")
    type_into(phone, "travel", rid="search_src_text")
    assert titles(phone) == ["travel.md"]
    phone.press_key("BACK")  # keyboard
    phone.press_key("BACK")  # leaves search
    assert titles(phone) == ["Milky Way", "groceries.md", "recipes.md", "travel.md"]


def test_sort_by_name_or_date_is_remembered(phone: VirtualPhone, notes: NotesApp) -> None:
    now = phone.clock.now_ms()
    notes.write_note("b.md", "", mtime_ms=now - 3 * DAY_MS)
    notes.write_note("a.md", "", mtime_ms=now - 2 * DAY_MS)
    notes.write_note("c.md", "", mtime_ms=now - 1 * DAY_MS)
    notes.make_folder("z")
    open_app(phone, "Notes")
    assert titles(phone) == ["z", "a.md", "b.md", "c.md"]
    tap(phone, desc="Sort by")
    assert need(phone, rid="action_sort_by_name").checked
    tap(phone, text="Date")
    assert titles(phone) == ["z", "c.md", "a.md", "b.md"]
    prefs = phone.data_dir / "data" / PKG / "shared_prefs" / f"{PKG}_preferences.xml"
    assert '<string name="pref_key__file_browser__sort_by">date</string>' in prefs.read_text()
    phone.shell(f"am force-stop {PKG}")
    open_app(phone, "Notes")
    assert titles(phone) == ["z", "c.md", "a.md", "b.md"]
    tap(phone, desc="Sort by")
    tap(phone, text="Name")
    assert titles(phone) == ["z", "a.md", "b.md", "c.md"]


def test_selection_offers_no_merge(phone: VirtualPhone, notes: NotesApp) -> None:
    """Markor has no merge; merging notes (AndroidWorld's MarkorMergeNotes) is done by hand."""
    for name, text in (("one.md", "first\n"), ("two.md", "second\n")):
        notes.write_note(name, text)
    open_app(phone, "Notes")
    long_press(phone, "two.md")
    tap(phone, text="one.md")
    tap(phone, desc="More options")
    assert find(phone, text="Select all") is not None and find(phone, text="Merge") is None
    assert len(notes.list_notes()) == 2


def test_receive_a_share_and_share_a_note(phone: VirtualPhone, notes: NotesApp) -> None:
    phone.start(Intent(action="android.intent.action.SEND", package=PKG, activity=".activity.ShareIntoActivity",
                       extras={EXTRA_TEXT: "Trip ideas\nLisbon, Porto", "mime": "text/plain"}))
    assert phone.current_focus() == (PKG, SHARE_INTO)
    need(phone, rid="action_bar_title", text="Trip ideas.md")
    assert need(phone, rid=EDITOR_ID).text == "Trip ideas\nLisbon, Porto"
    assert notes.read_note("Trip ideas.md") == "Trip ideas\nLisbon, Porto"
    # A second share while the first is on screen is a new note too, named after its subject.
    phone.start(Intent(action="android.intent.action.SEND", package=PKG, activity=".activity.ShareIntoActivity",
                       extras={EXTRA_TEXT: "b/c", "android.intent.extra.SUBJECT": "../x: y", "mime": "text/plain"}))
    need(phone, rid="action_bar_title", text="x y.md")
    assert notes.list_notes() == ["Trip ideas.md", "x y.md"]
    notes.clear()
    notes.write_note("Trip ideas.md", "Trip ideas\nLisbon, Porto")
    # Share it out from the browser, through the system share sheet, back into Notes: a second copy.
    phone.press_key("BACK")
    open_app(phone, "Notes")
    assert phone.current_focus() == (PKG, BROWSER)
    long_press(phone, "Trip ideas.md")
    tap(phone, desc="Share")
    assert phone.current_focus()[0] == "com.android.intentresolver"
    tap(phone, desc="Notes")
    assert phone.current_focus() == (PKG, SHARE_INTO)
    assert notes.list_notes() == ["Trip ideas (2).md", "Trip ideas.md"]
    assert notes.read_note("Trip ideas (2).md") == "Trip ideas\nLisbon, Porto"


def test_monkey_leaves_the_phone_usable(phone: VirtualPhone, notes: NotesApp) -> None:
    notes.write_note("a.md", "alpha")
    notes.write_note("Folder/b.txt", "beta")
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert "internal error" not in result.stderr.decode().lower()
    phone.shell("input keyevent HOME")
    assert phone.current_focus()[0] == "com.android.launcher3"
    open_app(phone, "Notes")
    assert phone.current_focus()[0] == PKG
