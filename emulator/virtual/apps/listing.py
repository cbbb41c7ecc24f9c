"""Behaviours that list screens of several apps share: a search bar over the list and a navigation drawer.

Both keep their state in the activity's saved state (`searching`, `query`, `drawer`), so a screen restored
after Home comes back as it was. The class attributes name the list and the search field of each screen.
"""

from __future__ import annotations

from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity


class SearchableList(Activity):
    """A list with a collapsible search bar; every change of the query scrolls the list back to its top."""

    LIST_ID: ClassVar[str]
    SEARCH_FIELD: ClassVar[str]

    def start_search(self) -> None:
        self.state.update(searching=True, query="")
        self.reset_scroll(self.LIST_ID)
        self.request_focus(self.SEARCH_FIELD)

    def stop_search(self) -> None:
        self.state.pop("searching", None)
        self.state.pop("query", None)
        self.clear_focus()
        self.reset_scroll(self.LIST_ID)

    def set_query(self, text: str) -> None:
        self.state["query"] = text
        self.reset_scroll(self.LIST_ID)

    def on_back(self) -> bool:
        if self.state.get("searching"):
            self.stop_search()
            return True
        return super().on_back()


class DrawerScreen(SearchableList):
    """A searchable list with a navigation drawer: swipe right opens it (not while searching), left closes it;
    Back closes a dialog first, then the drawer, then the search."""

    def open_drawer(self) -> None:
        self.clear_focus()
        self.state["drawer"] = True

    def close_drawer(self) -> None:
        self.state.pop("drawer", None)

    def cancel_dialog(self) -> None:
        self.close_dialog()
        self.clear_focus()

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.cancel_dialog()
            return True
        if self.state.get("drawer"):
            self.close_drawer()
            return True
        return super().on_back()

    def on_swipe(self, direction: str) -> bool:
        if direction == "right" and not self.state.get("searching"):
            self.open_drawer()
            return True
        if direction == "left" and self.state.get("drawer"):
            self.close_drawer()
            return True
        return False
