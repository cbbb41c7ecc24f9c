"""Contacts (com.android.contacts)."""

from __future__ import annotations

from typing import ClassVar

from emulator.virtual.apps.base import Activity, App
from emulator.virtual.toolkit import views as v
from emulator.virtual.toolkit.widgets import app_bar, screen


class ContactsMain(Activity):
    NAME: ClassVar[str] = ".activities.PeopleActivity"

    def build(self) -> v.View:
        return screen(app_bar("Contacts"), v.ScrollView(id="list", children=[]))


class ContactsApp(App):
    PACKAGE: ClassVar[str] = "com.android.contacts"
    LABEL: ClassVar[str] = "Contacts"
    ICON: ClassVar[str] = "person"
    COLOR: ClassVar[str] = "blue"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (ContactsMain,)
    LAUNCHER: ClassVar[type[Activity] | None] = ContactsMain
