"""The task list (Tasks.org's MainActivity): the current filter or list, grouped by due date, with search, the
navigation drawer, the overflow menu and the "Create new task" FAB.

State keys: `filter` (a `filters` key or `list:ID`), `drawer` (open), `searching`, `query`, `show_completed`,
`show_hidden`, `dialog` (`menu`, `list_edit`, `list_delete`) and `list_form` (the list dialog's fields).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.listing import DrawerScreen
from droidpilot.emulator.virtual.apps.tasks import drawer, filters, store
from droidpilot.emulator.virtual.apps.tasks.views import (
    Backdrop,
    PriorityCheckBox,
    TaskTitle,
    chip,
    menu_item,
    popup_menu,
    toolbar,
)
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import fab, screen

if TYPE_CHECKING:
    from datetime import datetime

EDITOR = "com.todoroo.astrid.activity.TaskEditActivity"
LIST_ID = "recycler_view"
SEARCH_FIELD = "search_src_text"


class TaskListActivity(DrawerScreen):
    LIST_ID = LIST_ID
    SEARCH_FIELD = SEARCH_FIELD
    NAME: ClassVar[str] = "com.todoroo.astrid.activity.MainActivity"
    LABEL: ClassVar[str] = "Tasks"

    # -- data -----------------------------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.host.clock.now()

    def is_24h(self) -> bool:
        return self.host.settings.get("system", "time_12_24") == "24"

    def load(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        with self.app.db() as conn:
            return store.all_tasks(conn), store.all_lists(conn)

    def current_filter(self, lists: list[dict[str, Any]]) -> str:
        """The shown filter; a deleted list falls back to My Tasks."""
        key = str(self.state.get("filter", filters.MY_TASKS))
        list_id = filters.list_of(key)
        if key in filters.FILTER_TITLES or any(x["id"] == list_id for x in lists):
            return key
        return filters.MY_TASKS

    def title_of(self, key: str, lists: list[dict[str, Any]]) -> str:
        list_id = filters.list_of(key)
        return next((x["name"] for x in lists if x["id"] == list_id), filters.FILTER_TITLES.get(key, "Tasks"))

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        tasks, lists = self.load()
        key = self.current_filter(lists)
        searching = bool(self.state.get("searching"))
        if searching:
            shown = filters.search(tasks, self.state.get("query", ""))
            groups = [("", shown)]
        else:
            shown = filters.apply(tasks, key, self.now(), bool(self.state.get("show_completed")),
                                  bool(self.state.get("show_hidden")))
            groups = filters.grouped(shown, key, self.now())
        bar = self._search_bar() if searching else self._toolbar(self.title_of(key, lists))
        main = screen(bar, self._body(groups, key, bool(shown)),
                      fab("Create new task", lambda: self._create(key), fab_id="fab"))
        if not self.state.get("drawer"):
            return main
        return v.FrameLayout(children=[Backdrop(content=main), drawer.build(self, tasks, lists, key)])

    def _toolbar(self, title: str) -> v.View:
        nav = v.ImageButton(desc="Open navigation drawer", icon="menu", on_click=self.open_drawer)
        return toolbar(title, nav, [
            v.ImageButton(id="menu_search", desc="Search", icon="search", on_click=self.start_search),
            v.ImageButton(desc="More options", icon="more", on_click=self._open_menu)])

    def _search_bar(self) -> v.View:
        query = self.state.get("query", "")
        children: list[v.View] = [
            v.ImageButton(desc="Collapse", icon="back", on_click=self.stop_search),
            v.EditText(id=SEARCH_FIELD, hint="Search", text=query, on_change=self.set_query,
                       on_submit=self.clear_focus)]
        if query:
            children.append(v.ImageButton(id="search_close_btn", desc="Clear query", icon="close",
                                          on_click=lambda: self.set_query("")))
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4,
                           children=children)

    def _body(self, groups: list[tuple[str, list[dict[str, Any]]]], key: str, any_rows: bool) -> v.View:
        if not any_rows:
            return v.TextView(id="empty", text="No tasks", size=16, color="text_secondary", align="center",
                              padding=48)
        rows: list[v.View] = []
        for header, tasks in groups:
            if header:
                rows.append(v.TextView(id="header", text=header, size=14, bold=True, color="primary",
                                       padding=8))
            rows.extend(self._row(t, key) for t in tasks)
        rows.append(v.View(height=88))  # room to scroll the last row out from under the FAB
        return v.RecyclerView(id=LIST_ID, children=rows)

    def _row(self, task: dict[str, Any], key: str) -> v.View:
        texts: list[v.View] = [TaskTitle(id="title", text=task["title"], size=16, max_lines=2,
                                         strike=bool(task["completed"]))]
        if task["notes"]:
            texts.append(v.TextView(id="description", text=task["notes"].split("\n")[0], size=14,
                                    color="text_secondary", max_lines=1))
        chips: list[v.View] = []
        if task["dueDate"]:
            overdue = not task["completed"] and filters.is_overdue(task["dueDate"], self.now())
            chips.append(chip(filters.due_chip(task["dueDate"], self.now(), self.is_24h()), "due_date",
                              "error" if overdue else "text_secondary"))
        if task["list_name"] is not None and filters.list_of(key) is None:
            chips.append(chip(task["list_name"], "chip_list"))
        if chips:
            texts.append(v.LinearLayout(id="chip_group", vertical=False, spacing=6,
                                        children=[*chips, v.View()]))
        box = PriorityCheckBox(id="completeBox", is_checked=bool(task["completed"]),
                               priority=task["importance"],
                               on_change=partial(self._complete, task["_id"]))
        return v.ViewGroup(id="row", vertical=False, align_center=True, padding=6, spacing=8,
                           on_click=partial(self.start, EDITOR, task_id=task["_id"]),
                           children=[box, v.LinearLayout(padding=2, children=texts)])

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "menu":
            return self._menu()
        if kind in ("list_edit", "list_delete"):
            return drawer.list_dialog(self, kind)
        return None

    def _menu(self) -> v.Dialog:
        def toggle(name: str, value: bool) -> None:
            self.state[name] = value
            self.close_dialog()

        items: list[v.View] = [
            v.CheckBox(id="show_completed", text="Show completed",
                       is_checked=bool(self.state.get("show_completed")),
                       on_change=lambda c: toggle("show_completed", c)),
            v.CheckBox(id="show_hidden", text="Show hidden", is_checked=bool(self.state.get("show_hidden")),
                       on_change=lambda c: toggle("show_hidden", c))]
        _tasks, lists = self.load()
        list_id = filters.list_of(self.current_filter(lists))
        if list_id is not None:
            items.append(menu_item("Edit list", lambda: drawer.edit_list(self, list_id)))
        return popup_menu(items)

    # -- actions --------------------------------------------------------------------------------------------
    def show(self, key: str) -> None:
        """Pick a filter or list in the drawer."""
        self.state["filter"] = key
        self.state.pop("searching", None)
        self.close_drawer()
        self.reset_scroll(LIST_ID)

    def _open_menu(self) -> None:
        self.state["dialog"] = "menu"

    def _complete(self, task_id: int, done: bool) -> None:
        with self.app.db() as conn:
            store.set_completed(conn, task_id, done, self.host.clock.now_ms())

    def _create(self, key: str) -> None:
        """A new task takes the list being shown; Today and High priority preset their value, as filters'
        "values for new tasks" do in Tasks.org."""
        extras: dict[str, Any] = {}
        if filters.list_of(key) is not None:
            extras["list_id"] = filters.list_of(key)
        if key == filters.TODAY:
            extras["due_today"] = True
        if key == filters.HIGH:
            extras["importance"] = store.HIGH
        self.start(EDITOR, **extras)

