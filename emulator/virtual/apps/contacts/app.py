"""ContactsApp: package declaration, seed API and the contacts content provider."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.contacts import store
from droidpilot.emulator.virtual.apps.contacts.editor import ContactEditorActivity
from droidpilot.emulator.virtual.apps.contacts.people import PeopleActivity
from droidpilot.emulator.virtual.apps.contacts.quick_contact import QuickContactActivity

# A fresh phone's few contacts: (first, last, email domain or "").
_SEED_PEOPLE = (("Alex", "Morgan", "gmail.com"), ("Priya", "Patel", ""), ("Sam", "Okafor", "outlook.com"),
                ("Maria", "Garcia", ""), ("Chen", "Wei", "gmail.com"), ("Lena", "Fischer", ""))

# Provider paths (after the authority) and the table each one reads.
_PHONES = {"phones", "data/phones", "phone", "data/phone"}
_PEOPLE = {"people", "contacts"}
_EMAILS = {"data/emails", "emails", "contact_methods"}


def _split(uri: str) -> tuple[str, str, int | None]:
    """`content://AUTH/path[/ID][?query]` -> (AUTH, path, ID)."""
    rest = uri.removeprefix("content://").partition("?")[0].rstrip("/")
    authority, _, path = rest.partition("/")
    head, _, tail = path.rpartition("/")
    if tail.isdigit() and head:
        return authority, head, int(tail)
    return authority, path, None


class ContactsApp(App):
    PACKAGE: ClassVar[str] = "com.android.contacts"
    LABEL: ClassVar[str] = "Contacts"
    ICON: ClassVar[str] = "person"
    COLOR: ClassVar[str] = "blue"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (PeopleActivity, ContactEditorActivity,
                                                         QuickContactActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = PeopleActivity
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        ("content://com.android.contacts/contacts/", QuickContactActivity),
        ("content://contacts/people/", QuickContactActivity),
        # Intents.Insert on RawContacts.CONTENT_URI (`am start -a android.intent.action.INSERT -d URI -e name X
        # -e phone N`): the editor, prefilled from the extras.
        ("content://com.android.contacts/raw_contacts", ContactEditorActivity),
    )
    DATABASE: ClassVar[str] = "contacts2.db"
    SCHEMA: ClassVar[str] = store.SCHEMA
    CONTENT_AUTHORITIES: ClassVar[tuple[str, ...]] = ("contacts", "com.android.contacts")

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def insert_contact(self, first: str, last: str = "", phone: str = "", email: str = "",
                       starred: bool = False) -> int:
        """Add a contact with at most one mobile number and one home email; returns its `_id`."""
        with self.db() as conn:
            return store.insert_contact(conn, self.host.clock.now_ms(), first, last, phone, email, starred)

    def contacts(self) -> list[dict[str, Any]]:
        """Every contact in list order: `_id`, `first_name`, `last_name`, `display_name`, `starred` (bool),
        `created_ms`, `updated_ms`, `phones` / `emails` (lists of strings) and `phone_rows` / `email_rows`."""
        with self.db() as conn:
            return store.all_contacts(conn)

    def clear(self) -> None:
        """Delete every contact, number and address."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        for first, last, domain in rng.sample(_SEED_PEOPLE, 3):
            phone = f"+1 650-555-{rng.randrange(100, 10000):04d}"
            email = f"{first.lower()}.{last.lower()}@{domain}" if domain else ""
            self.insert_contact(first, last, phone, email)

    # -- content provider -----------------------------------------------------------------------------------
    def content_query(self, uri: str) -> list[dict[str, Any]] | None:
        authority, path, row_id = _split(uri)
        if authority not in self.CONTENT_AUTHORITIES:
            return None
        with self.db() as conn:
            if path in _PHONES and row_id is None:
                return store.phone_rows(conn)
            if path in _PEOPLE:
                return store.people_rows(conn, row_id)
            if path in _EMAILS and row_id is None:
                return store.email_rows(conn)
        return None

    def content_insert(self, uri: str, values: dict[str, str]) -> str | None:
        """`content://contacts/people` with `display_name` (or `name`), optional `number`, `email`, `starred`."""
        authority, path, row_id = _split(uri)
        if authority not in self.CONTENT_AUTHORITIES or path not in _PEOPLE or row_id is not None:
            return None
        name = (values.get("display_name") or values.get("name") or "").strip()
        first, _, last = name.partition(" ")
        starred = str(values.get("starred", "0")).strip() not in ("", "0", "false")
        contact_id = self.insert_contact(first, last, values.get("number", ""), values.get("email", ""),
                                         starred)
        return f"content://{authority}/{path}/{contact_id}"
