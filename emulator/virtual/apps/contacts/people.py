"""The contact list (PeopleActivity): favourites, then everyone A-Z under letter headers, with search."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.contacts import store
from droidpilot.emulator.virtual.apps.contacts.widgets import LetterAvatar, toolbar
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import fab

EDITOR = ".activities.ContactEditorActivity"
DETAIL = ".activities.QuickContactActivity"
LIST_ID = "contact_list"


class PeopleActivity(Activity):
    NAME: ClassVar[str] = ".activities.PeopleActivity"
    LABEL: ClassVar[str] = "Contacts"

    def build(self) -> v.View:
        with self.app.db() as conn:
            contacts = store.all_contacts(conn)
        searching = bool(self.state.get("searching"))
        bar = self._search_bar() if searching else self._app_bar()
        if searching:
            shown = [c for c in contacts if store.matches(c, self.state.get("query", ""))]
            rows = [self._row(c) for c in shown]
            empty = "No contacts found"
        else:
            rows = self._sections(contacts)
            empty = "No contacts"
        body: v.View = v.RecyclerView(id=LIST_ID, children=rows) if rows else v.TextView(
            id="empty_list_view", text=empty, size=16, color="text_secondary", align="center", padding=48)
        floating = fab("Create contact", self._create, fab_id="floating_action_button")
        return v.LinearLayout(children=[bar, v.FrameLayout(weight=1, children=[body, floating])])

    # -- app bar and search -------------------------------------------------------------------------------
    def _app_bar(self) -> v.View:
        search = v.ImageButton(id="menu_search", desc="Search contacts", icon="search",
                               on_click=self._open_search)
        return toolbar("Contacts", None, None, actions=[search])

    def _search_bar(self) -> v.View:
        query = self.state.get("query", "")
        children: list[v.View] = [
            v.ImageButton(id="search_back_button", desc="Navigate up", icon="back", on_click=self._close_search),
            v.EditText(id="search_view", hint="Search contacts", text=query, on_change=self._on_query),
        ]
        if query:
            children.append(v.ImageButton(id="search_close_button", desc="Clear search", icon="close",
                                          on_click=lambda: self._on_query("")))
        return v.ViewGroup(id="search_view_container", vertical=False, align_center=True, height=64,
                           padding=4, children=children)

    def _open_search(self) -> None:
        self.state["searching"] = True
        self.state["query"] = ""
        self.request_focus("search_view")

    def _close_search(self) -> None:
        self.state.pop("searching", None)
        self.state.pop("query", None)
        self.clear_focus()

    def _on_query(self, text: str) -> None:
        self.state["query"] = text
        self.reset_scroll(LIST_ID)

    def on_back(self) -> bool:
        if self.state.get("searching"):
            self._close_search()
            return True
        return super().on_back()

    # -- list -----------------------------------------------------------------------------------------------
    def _sections(self, contacts: list[dict[str, Any]]) -> list[v.View]:
        rows: list[v.View] = []
        favourites = [c for c in contacts if c["starred"]]
        if favourites:
            rows.append(_header("Favourites"))
            rows.extend(self._row(c) for c in favourites)
        letter = None
        for contact in contacts:
            current = store.section_letter(contact["display_name"])
            if current != letter:
                letter = current
                rows.append(_header(letter))
            rows.append(self._row(contact))
        return rows

    def _row(self, contact: dict[str, Any]) -> v.View:
        name = contact["display_name"]
        return v.ViewGroup(desc=name, vertical=False, align_center=True, height=64, padding=8, spacing=16,
                           on_click=partial(self.start, DETAIL, contact_id=contact["_id"]),
                           children=[v.View(width=8), LetterAvatar(id="cliv_photo", name=name, width=40, height=40),
                                     v.TextView(id="cliv_name_textview", text=name, size=16, max_lines=1)])

    def _create(self) -> None:
        self.start(EDITOR)


def _header(title: str) -> v.View:
    return v.TextView(id="cliv_header_text", text=title, size=14, bold=True, color="primary", padding=16,
                      height=44)
