"""Contacts driven through its UI: create, search, favourite, edit, delete, scroll; checked in contacts2.db."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.contacts import ContactsApp
from tests.ui import elements, find, need, open_app, scroll_to, tap

PACKAGE = "com.android.contacts"


def app_of(phone: VirtualPhone) -> ContactsApp:
    app = phone.host.apps[PACKAGE]
    assert isinstance(app, ContactsApp)
    return app


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    path = phone.data_dir / "data" / PACKAGE / "databases" / "contacts2.db"
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


def type_field(phone: VirtualPhone, rid: str, text: str) -> None:
    tap(phone, rid=rid)
    phone.input_text(text)


@pytest.fixture
def empty(phone: VirtualPhone) -> VirtualPhone:
    app_of(phone).clear()
    return phone


def create_zoe(phone: VirtualPhone) -> None:
    open_app(phone, "Contacts")
    tap(phone, desc="Create contact")
    type_field(phone, "first_name", "Zoë")
    type_field(phone, "last_name", "Ångström")
    type_field(phone, "phone", "+1 555 0100")
    tap(phone, rid="editor_menu_save_button")


def test_create_contact_from_fab(empty: VirtualPhone) -> None:
    open_app(empty, "Contacts")
    need(empty, text="No contacts")
    create_zoe(empty)
    # Saving a new contact opens its card.
    assert empty.current_focus()[1] == f"{PACKAGE}.activities.QuickContactActivity"
    need(empty, rid="large_title", text="Zoë Ångström")
    need(empty, rid="header", text="+1 555 0100")
    assert rows(empty, "SELECT first_name, last_name, display_name, starred FROM contacts") == [
        ("Zoë", "Ångström", "Zoë Ångström", 0)]
    assert rows(empty, "SELECT contact_id, number, type FROM phones") == [(1, "+1 555 0100", 2)]
    assert rows(empty, "SELECT COUNT(*) FROM emails") == [(0,)]
    empty.press_key("BACK")
    need(empty, desc="Zoë Ångström", cls="ViewGroup")
    assert app_of(empty).content_query("content://contacts/phones") == [
        {"_id": 1, "contact_id": 1, "display_name": "Zoë Ångström", "number": "+1 555 0100", "type": 2}]


def test_empty_contact_is_not_saved_and_cancel_discards(empty: VirtualPhone) -> None:
    open_app(empty, "Contacts")
    tap(empty, desc="Create contact")
    tap(empty, text="Save")
    assert empty.host.state.toast is not None and "empty" in empty.host.state.toast.text
    assert empty.current_focus()[1].endswith("ContactEditorActivity")
    type_field(empty, "first_name", "Temp")
    tap(empty, desc="Navigate up")
    tap(empty, text="Discard")
    need(empty, text="No contacts")
    assert rows(empty, "SELECT COUNT(*) FROM contacts") == [(0,)]


def test_search_filters_as_you_type(empty: VirtualPhone) -> None:
    app = app_of(empty)
    app.insert_contact("Bob", "Smith", "+1 555 0200")
    app.insert_contact("北京", phone="+86 10 1234")
    create_zoe(empty)
    empty.press_key("BACK")
    for name in ("Bob Smith", "Zoë Ångström", "北京"):
        need(empty, desc=name)
    tap(empty, desc="Search contacts")
    empty.input_text("zoe")  # the search field has focus; accent-insensitive match
    assert need(empty, rid="search_view").text == "zoe"
    need(empty, desc="Zoë Ångström")
    assert find(empty, desc="Bob Smith") is None and find(empty, desc="北京") is None
    tap(empty, desc="Clear search")
    empty.input_text("北")
    need(empty, desc="北京")
    assert find(empty, desc="Zoë Ångström") is None
    empty.press_key("BACK")  # hides the keyboard
    empty.press_key("BACK")  # leaves search
    need(empty, desc="Search contacts")
    need(empty, desc="Bob Smith")


def test_star_edit_and_delete_from_card(empty: VirtualPhone) -> None:
    app_of(empty).insert_contact("Bob", "Smith", "+1 555 0200")
    create_zoe(empty)
    tap(empty, desc="Add to favourites")
    need(empty, desc="Remove from favourites")
    assert rows(empty, "SELECT starred FROM contacts WHERE display_name = 'Zoë Ångström'") == [(1,)]
    empty.press_key("BACK")
    labels = [e.text for e in elements(empty) if e.text]
    assert labels.index("Favourites") < labels.index("Zoë Ångström") < labels.index("B")

    tap(empty, desc="Zoë Ångström", cls="ViewGroup")
    tap(empty, desc="Edit contact")
    assert need(empty, rid="phone").text == "+1 555 0100"
    tap(empty, rid="phone")
    for _ in range(4):
        empty.press_key("DEL")
    empty.input_text("0199")
    tap(empty, text="Save")
    need(empty, rid="header", text="+1 555 0199")
    assert rows(empty, "SELECT number FROM phones p JOIN contacts c ON c._id = p.contact_id"
                       " WHERE c.first_name = 'Zoë'") == [("+1 555 0199",)]

    tap(empty, desc="More options")
    tap(empty, text="Delete")
    need(empty, text="Delete this contact?")
    tap(empty, text="Cancel")
    assert rows(empty, "SELECT COUNT(*) FROM contacts") == [(2,)]
    tap(empty, desc="More options")
    tap(empty, text="Delete")
    tap(empty, text="Delete")
    assert empty.current_focus()[1].endswith("PeopleActivity")
    assert find(empty, desc="Zoë Ångström") is None
    assert rows(empty, "SELECT display_name FROM contacts") == [("Bob Smith",)]
    assert rows(empty, "SELECT number FROM phones") == [("+1 555 0200",)]


def test_scrolling_reaches_the_last_of_30(empty: VirtualPhone) -> None:
    app = app_of(empty)
    names = [f"Person{i:02d} Test" for i in range(30)]
    for i, name in enumerate(names):
        first, last = name.split()
        app.insert_contact(first, last, phone=f"+1 555 01{i:02d}")
    open_app(empty, "Contacts")
    shown = [e.content_desc for e in elements(empty) if e.content_desc.startswith("Person")]
    assert shown and len(shown) < 30 and shown[0] == names[0]
    row = scroll_to(empty, desc=names[-1])
    tap(empty, desc=names[-1])
    need(empty, rid="large_title", text=names[-1])
    assert row.bounds.center[1] < 2274
    assert len(app.content_query("content://com.android.contacts/data/phones") or []) == 30


def test_provider_and_seed_api(empty: VirtualPhone) -> None:
    app = app_of(empty)
    zoe = app.insert_contact("Zoë", "Ångström", "+1 555 0100", "zoe@example.com", starred=True)
    uri = app.content_insert("content://contacts/people", {"display_name": "Ada Lovelace", "number": "555"})
    assert uri == "content://contacts/people/2"
    assert app.content_query("content://contacts/people") == [
        {"_id": zoe, "display_name": "Zoë Ångström", "starred": 1},
        {"_id": 2, "display_name": "Ada Lovelace", "starred": 0}]
    phones = app.content_query("content://com.android.contacts/data/phones") or []
    assert [list(r) for r in phones] == [["_id", "contact_id", "display_name", "number", "type"]] * 2
    assert [r["number"] for r in phones] == ["+1 555 0100", "555"]
    assert app.content_query("content://com.android.contacts/data/emails") == [
        {"_id": 1, "contact_id": zoe, "display_name": "Zoë Ångström", "address": "zoe@example.com", "type": 1}]
    assert app.content_query("content://contacts/nope") is None
    assert [c["display_name"] for c in app.contacts()] == ["Ada Lovelace", "Zoë Ångström"]


def test_send_message_opens_messages_compose(empty: VirtualPhone) -> None:
    app_of(empty).insert_contact("Zoë", "Ångström", "+1 555 0100")
    open_app(empty, "Contacts")
    tap(empty, desc="Zoë Ångström")
    tap(empty, desc="Send message")
    record = empty.host.top_record()
    assert record.package == "com.android.messaging"
    assert record.intent.action == "android.intent.action.SENDTO"
    assert record.intent.data == "smsto:%2B1%20555%200100"
    assert record.intent.extras["address"] == "+1 555 0100"
