"""Chrome's one screen (`com.google.android.apps.chrome.Main`): the toolbar (`home_button`, `url_bar`,
`tab_switcher_button`, `menu_button`), the page, and the tab switcher, bookmarks and history as screens of it.

State: `tabs` (each `{"history": [url, ...], "index": i, "page": {...}}`; `page` is the page's own state, which a
navigation or a reload resets), `current` (the tab shown), `screen` ("page", "tabs", "bookmarks", "history"),
`url_text` (while the URL bar is being edited) and `dialog` ("menu").
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.chrome import web
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, list_item, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.chrome.app import ChromeApp

NEW_TAB = "chrome://newtab/"
URL_BAR = "url_bar"


def _typed_url(text: str) -> str:
    """What Chrome loads for what was typed: a URL as is, a bare host with https://, else a search."""
    text = text.strip()
    if ":" in text.split("/")[0] or text.startswith(("file:", "data:", "chrome:", "about:")):
        return text
    if "." in text and " " not in text:
        return "https://" + text
    return "https://www.google.com/search?q=" + text.replace(" ", "+")


class ChromeActivity(Activity):
    NAME: ClassVar[str] = "com.google.android.apps.chrome.Main"
    LABEL: ClassVar[str] = "Chrome"
    app: ChromeApp

    def on_create(self) -> None:
        self.state.setdefault("tabs", [])
        self._open_intent(self.intent)
        if not self.state["tabs"]:
            self._new_tab(NEW_TAB)

    def on_new_intent(self, intent: Intent) -> None:
        self._open_intent(intent)

    def _open_intent(self, intent: Intent) -> None:
        """A VIEW intent opens its URL in a new tab, as links from other apps do."""
        if intent.data:
            self._new_tab(intent.data)
            self.state["screen"] = "page"

    # -- tabs and navigation -------------------------------------------------------------------------------------
    @property
    def tab(self) -> dict[str, Any]:
        return dict(self.state["tabs"][int(self.state.get("current", 0))])

    def _put_tab(self, tab: dict[str, Any]) -> None:
        tabs = list(self.state["tabs"])
        tabs[int(self.state.get("current", 0))] = tab
        self.state["tabs"] = tabs

    @property
    def url(self) -> str:
        tab = self.tab
        return str(tab["history"][tab["index"]])

    def _new_tab(self, url: str) -> None:
        self.state["tabs"] = [*self.state.get("tabs", []), {"history": [url], "index": 0, "page": {}}]
        self.state["current"] = len(self.state["tabs"]) - 1
        self._visited(url)

    def navigate(self, url: str, typed: bool = False) -> None:
        tab = self.tab
        history = [*tab["history"][: tab["index"] + 1], url]
        self._put_tab({"history": history, "index": len(history) - 1, "page": {}})
        self.state.pop("url_text", None)
        self.state["screen"] = "page"
        self.clear_focus()
        self._visited(url, typed)

    def _visited(self, url: str, typed: bool = False) -> None:
        title = web.title_of(self.app.load(url))
        self.app.record_visit(url, title or url, typed)

    def _go(self, step: int) -> bool:
        tab = self.tab
        index = tab["index"] + step
        if not 0 <= index < len(tab["history"]):
            return False
        self._put_tab({**tab, "index": index, "page": {}})
        return True

    def _reload(self) -> None:
        self._put_tab({**self.tab, "page": {}})
        self.close_dialog()

    def _follow(self, href: str) -> None:
        self.navigate(urljoin(self.url, href) if not href.startswith(("data:", "chrome:")) else href)

    def _set_page(self, page: dict[str, Any]) -> None:
        self._put_tab({**self.tab, "page": page})

    def on_back(self) -> bool:
        if self.state.get("screen", "page") != "page":
            self.state["screen"] = "page"
            return True
        if "url_text" in self.state:
            self.state.pop("url_text")
            self.clear_focus()
            return True
        return self._go(-1)

    # -- the screen ------------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        screen = self.state.get("screen", "page")
        if screen == "tabs":
            return self._tab_switcher()
        if screen == "bookmarks":
            return self._bookmarks()
        if screen == "history":
            return self._history()
        _title, webview = web.content(self.app.load(self.url), dict(self.tab.get("page", {})), self._set_page,
                                     self._follow)
        body = v.ScrollView(id="compositor_view_holder", weight=1, children=[webview])
        return v.LinearLayout(children=[self._toolbar(), body])

    def _toolbar(self) -> v.View:
        editing = "url_text" in self.state
        shown = str(self.state["url_text"]) if editing else ("" if self.url == NEW_TAB else self.url)
        return v.LinearLayout(id="toolbar", vertical=False, align_center=True, spacing=4, height=64, padding=4,
                              bg="surface_variant", children=[
            v.ImageButton(id="home_button", desc="Home", icon="apps", on_click=partial(self.navigate, NEW_TAB)),
            v.EditText(id=URL_BAR, text=shown, hint="Search or type web address", weight=1,
                       on_change=self._edit_url, on_submit=self._submit_url),
            v.Button(id="tab_switcher_button", text=str(len(self.state["tabs"])), desc="Switch or close tabs",
                     style="outlined", width=48, on_click=partial(self._show, "tabs")),
            v.ImageButton(id="menu_button", desc="Customize and control Google Chrome", icon="more",
                          on_click=self._open_menu),
        ])

    def _edit_url(self, text: str) -> None:
        self.state["url_text"] = text.replace("\n", "")

    def _submit_url(self) -> None:
        text = str(self.state.get("url_text", "")).strip()
        if text:
            self.navigate(_typed_url(text), typed=True)

    def _show(self, screen: str) -> None:
        self.state["screen"] = screen
        self.close_dialog()

    def _open_menu(self) -> None:
        self.state["dialog"] = "menu"

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "menu":
            return None
        starred = self.app.is_bookmarked(self.url)
        top = v.LinearLayout(vertical=False, spacing=4, children=[
            v.ImageButton(id="forward_menu_id", desc="Forward", icon="chevron_right", enabled=self._can_forward(),
                          on_click=self._forward),
            v.ImageButton(id="bookmark_this_page_id", desc="Edit bookmark" if starred else "Bookmark",
                          icon="star" if starred else "star_outline", on_click=self._toggle_bookmark),
            v.ImageButton(id="reload_menu_id", desc="Refresh", icon="refresh", on_click=self._reload),
        ])
        return popup_menu([top, *[v.TextView(id="menu_item_text", text=label, size=16, padding=12, on_click=handler)
                                  for label, handler in (("New tab", self._menu_new_tab),
                                                         ("History", partial(self._show, "history")),
                                                         ("Bookmarks", partial(self._show, "bookmarks")))]])

    def _can_forward(self) -> bool:
        tab = self.tab
        return tab["index"] + 1 < len(tab["history"])

    def _forward(self) -> None:
        self._go(1)
        self.close_dialog()

    def _toggle_bookmark(self) -> None:
        if self.app.is_bookmarked(self.url):
            self.app.remove_bookmark(self.url)
            self.toast("Bookmark removed")
        else:
            title = web.title_of(self.app.load(self.url))
            self.app.add_bookmark(self.url, title or self.url)
            self.toast("Bookmarked")
        self.close_dialog()

    def _menu_new_tab(self) -> None:
        self._new_tab(NEW_TAB)
        self.close_dialog()

    def close_dialog(self) -> None:
        self.state.pop("dialog", None)

    # -- tab switcher, bookmarks, history -----------------------------------------------------------------------
    def _tab_switcher(self) -> v.View:
        rows: list[v.View] = []
        for i, tab in enumerate(self.state["tabs"]):
            url = str(tab["history"][tab["index"]])
            title = web.title_of(self.app.load(url))
            rows.append(list_item(title or url, url, on_click=partial(self._switch, i), item_id="tab_title",
                                  trailing=v.ImageButton(id="action_button", desc=f"Close {title or url} tab",
                                                         icon="close", on_click=partial(self._close_tab, i))))
        bar = app_bar("Tabs", on_up=partial(self._show, "page"), actions=[
            v.ImageButton(id="new_tab_view_button", desc="New tab", icon="add", on_click=self._menu_new_tab_page)])
        return v.LinearLayout(children=[bar, v.RecyclerView(id="tab_list_recycler_view", weight=1, children=rows)])

    def _switch(self, index: int) -> None:
        self.state.update(current=index, screen="page")

    def _close_tab(self, index: int) -> None:
        tabs = [t for i, t in enumerate(self.state["tabs"]) if i != index]
        if not tabs:
            tabs = [{"history": [NEW_TAB], "index": 0, "page": {}}]
        self.state["tabs"] = tabs
        self.state["current"] = min(int(self.state.get("current", 0)), len(tabs) - 1)

    def _menu_new_tab_page(self) -> None:
        self._new_tab(NEW_TAB)
        self.state["screen"] = "page"

    def _bookmarks(self) -> v.View:
        rows: list[v.View] = [
            list_item(b["name"], b["url"], on_click=partial(self._open_url, b["url"]), item_id="bookmark_row",
                      trailing=v.ImageButton(desc=f"Delete {b['name']}", icon="delete",
                                             on_click=partial(self.app.remove_bookmark, b["url"])))
            for b in self.app.bookmarks()]
        if not rows:
            rows.append(v.TextView(id="empty_state_text_title", text="You'll find your bookmarks here", padding=16))
        bar = app_bar("Mobile bookmarks", on_up=partial(self._show, "page"))
        return v.LinearLayout(children=[bar, v.RecyclerView(id="bookmark_items", weight=1, children=rows)])

    def _history(self) -> v.View:
        rows: list[v.View] = [list_item(h["title"], h["url"], on_click=partial(self._open_url, h["url"]),
                                        item_id="history_row") for h in self.app.history()]
        if not rows:
            rows.append(v.TextView(id="empty_view", text="You'll find your history here", padding=16))
        bar = app_bar("History", on_up=partial(self._show, "page"), actions=[
            v.ImageButton(id="clear_browsing_data_button", desc="Clear browsing data", icon="delete",
                          on_click=self.app.clear_history)])
        return v.LinearLayout(children=[bar, v.RecyclerView(id="history_items", weight=1, children=rows)])

    def _open_url(self, url: str) -> None:
        self.navigate(url)
