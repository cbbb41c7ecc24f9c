"""The note list (Joplin's main screen): the notes of "All notes", a notebook or a tag, with the side menu, search
and the "+" button that makes a note or a to-do.

State keys: `view` (`all`, `folder:ID` or `tag:ID`), `drawer` (side menu open), `searching`, `query`, `dialog`
(`new` for the "+" menu, `new_folder`) and `folder_name` (the new-notebook field).
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.joplin import store
from droidpilot.emulator.virtual.apps.listing import DrawerScreen
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import dialog_buttons, fab, popup_menu, screen

NOTE = ".NoteActivity"
LIST_ID = "note_list"
SEARCH_FIELD = "search_query"
FOLDER_FIELD = "folder_name"
ALL = "all"


class NoteListActivity(DrawerScreen):
    LIST_ID = LIST_ID
    SEARCH_FIELD = SEARCH_FIELD
    NAME: ClassVar[str] = ".MainActivity"
    LABEL: ClassVar[str] = "Joplin"

    # -- data -----------------------------------------------------------------------------------------------
    def _view(self, folders: list[dict[str, Any]], tags: list[dict[str, Any]]) -> tuple[str, str]:
        """(kind, id) of what is shown; a notebook or tag that is gone falls back to All notes."""
        kind, _, ident = str(self.state.get("view", ALL)).partition(":")
        known = {"folder": {f["id"] for f in folders}, "tag": {t["id"] for t in tags}}
        return (kind, ident) if ident in known.get(kind, set()) else (ALL, "")

    def _title(self, kind: str, ident: str, folders: list[dict[str, Any]], tags: list[dict[str, Any]]) -> str:
        names = {f["id"]: f["title"] for f in folders} | {t["id"]: t["title"] for t in tags}
        return names.get(ident, "All notes") if kind != ALL else "All notes"

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        with self.app.db() as conn:
            folders, tags = store.folders(conn), store.tags(conn)
            kind, ident = self._view(folders, tags)
            if self.state.get("searching"):
                query = str(self.state.get("query", ""))
                shown = store.notes(conn, query=query) if query.strip() else []
            else:
                shown = store.notes(conn, ident if kind == "folder" else None, ident if kind == "tag" else None)
        bar = self._search_bar() if self.state.get("searching") else self._toolbar(
            self._title(kind, ident, folders, tags))
        main = screen(bar, self._body(shown), fab("Add", self._open_new_menu, fab_id="fab"))
        if not self.state.get("drawer"):
            return main
        return v.LinearLayout(vertical=False, children=[
            self._side_menu(folders, tags, f"{kind}:{ident}" if ident else ALL),
            v.View(id="scrim", bg="outline", on_click=self.close_drawer)])

    def _toolbar(self, title: str) -> v.View:
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.ImageButton(id="side_menu_button", desc="Open side menu", icon="menu", on_click=self.open_drawer),
            v.LinearLayout(padding=4, children=[v.TextView(id="screen_title", text=title, size=22, max_lines=1)]),
            v.ImageButton(id="search_button", desc="Search", icon="search", on_click=self.start_search)])

    def _search_bar(self) -> v.View:
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.ImageButton(desc="Back", icon="back", on_click=self.stop_search),
            v.EditText(id=SEARCH_FIELD, hint="Search", text=str(self.state.get("query", "")),
                       on_change=self.set_query, on_submit=self.clear_focus)])

    def _body(self, shown: list[dict[str, Any]]) -> v.View:
        if not shown:
            text = "No results" if self.state.get("searching") else "There are currently no notes."
            return v.TextView(id="empty", text=text, size=16, color="text_secondary", align="center", padding=48)
        rows: list[v.View] = [self._row(n) for n in shown]
        rows.append(v.View(height=88))  # room to scroll the last row out from under the "+" button
        return v.RecyclerView(id=LIST_ID, children=rows)

    def _row(self, note: dict[str, Any]) -> v.View:
        children: list[v.View] = []
        if note["is_todo"]:
            children.append(v.CheckBox(id="todo_checkbox", desc="Completed", width=48,
                                       is_checked=bool(note["todo_completed"]),
                                       on_change=partial(self._complete, note["id"])))
        color = "text_secondary" if note["is_todo"] and note["todo_completed"] else "text"
        children.append(v.TextView(id="note_title", text=note["title"] or "Untitled", size=16, max_lines=1,
                                   color=color))
        return v.ViewGroup(id="note_row", vertical=False, align_center=True, height=56, padding=8, spacing=8,
                           on_click=partial(self.start, NOTE, note_id=note["id"]), children=children)

    def _side_menu(self, folders: list[dict[str, Any]], tags: list[dict[str, Any]], current: str) -> v.View:
        rows: list[v.View] = [
            _menu_row("side_menu_item", "All notes", current == ALL, partial(self.show, ALL)),
            v.ViewGroup(vertical=False, align_center=True, height=48, padding=8, children=[
                v.TextView(id="side_menu_header", text="NOTEBOOKS", size=13, bold=True, color="text_secondary"),
                v.ImageButton(id="new_notebook", desc="New notebook", icon="add", on_click=self._new_folder)])]
        rows += [_menu_row("folder_title", f["title"], current == f"folder:{f['id']}",
                           partial(self.show, f"folder:{f['id']}"), f["note_count"]) for f in folders]
        rows.append(v.TextView(id="side_menu_header", text="TAGS", size=13, bold=True, color="text_secondary",
                               padding=12))
        rows += [_menu_row("tag_title", t["title"], current == f"tag:{t['id']}",
                           partial(self.show, f"tag:{t['id']}")) for t in tags]
        return v.LinearLayout(id="side_menu", width=304, bg="surface", children=[
            v.RecyclerView(id="side_menu_list", weight=1, children=rows)])

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "new":
            return popup_menu([v.TextView(id="new_todo", text="New to-do", size=16, padding=12,
                                          on_click=partial(self._create, True)),
                               v.TextView(id="new_note", text="New note", size=16, padding=12,
                                          on_click=partial(self._create, False))])
        if kind == "new_folder":
            name = str(self.state.get("folder_name", ""))
            return v.Dialog(children=[
                v.TextView(id="android:id/alertTitle", text="New notebook", size=22),
                v.EditText(id=FOLDER_FIELD, hint="Notebook title", text=name,
                           on_change=lambda t: self.state.update(folder_name=t)),
                dialog_buttons("Cancel", "OK", self.cancel_dialog, self._save_folder if name.strip() else None)])
        return None

    # -- actions --------------------------------------------------------------------------------------------
    def show(self, view: str) -> None:
        self.state["view"] = view
        self.state.pop("searching", None)
        self.close_drawer()
        self.reset_scroll(LIST_ID)

    def _complete(self, note_id: str, done: bool) -> None:
        now = self.host.clock.now_ms()
        with self.app.db() as conn:
            store.update_note(conn, note_id, now, todo_completed=now if done else 0)

    def _open_new_menu(self) -> None:
        self.state["dialog"] = "new"

    def _create(self, is_todo: bool) -> None:
        """A new note goes to the notebook shown, else the first one; without any notebook there is nowhere."""
        self.close_dialog()
        with self.app.db() as conn:
            folders, tags = store.folders(conn), store.tags(conn)
        kind, ident = self._view(folders, tags)
        folder_id = ident if kind == "folder" else (folders[0]["id"] if folders else "")
        if not folder_id:
            self.toast("Please create a notebook first.")
            return
        self.start(NOTE, folder_id=folder_id, is_todo=is_todo)

    def _new_folder(self) -> None:
        self.close_drawer()
        self.state.update(dialog="new_folder", folder_name="")
        self.request_focus(FOLDER_FIELD)

    def _save_folder(self) -> None:
        name = str(self.state.get("folder_name", "")).strip()
        with self.app.db() as conn:
            folder_id = store.folder_named(conn, name) or store.insert_folder(conn, name, self.host.clock.now_ms())
        self.cancel_dialog()
        self.show(f"folder:{folder_id}")

    def cancel_dialog(self) -> None:
        super().cancel_dialog()
        self.state.pop("folder_name", None)



def _menu_row(rid: str, title: str, selected: bool, on_click: v.Handler, count: int | None = None) -> v.View:
    children: list[v.View] = [v.TextView(id=rid, text=title, size=15, bold=selected, max_lines=1)]
    if count:
        children.append(v.TextView(id="note_count", text=str(count), size=14, color="text_secondary", width=40,
                                   align="right"))
    return v.ViewGroup(vertical=False, align_center=True, height=52, padding=12, selected=selected,
                       on_click=on_click, children=children)
