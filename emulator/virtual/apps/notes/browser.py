"""The file browser (Markor's `MainActivity`): folders then notes of the current folder, search, sort, create.

State: `folder` (relative path, `""` = the notes root), `selected` (relative paths, in the order picked),
`searching` / `query`, `dialog` with its fields `name` and `ext`. Long-press actions live in `selection.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.notes import files
from droidpilot.emulator.virtual.apps.notes.dialogs import (
    NAME_FIELD,
    create_choice,
    format_choice,
    name_dialog,
    sort_menu,
)
from droidpilot.emulator.virtual.apps.notes.files import Entry
from droidpilot.emulator.virtual.apps.notes.glyphs import FOLDER_COLOR, NOTE_COLOR, Glyph, GlyphButton
from droidpilot.emulator.virtual.apps.notes.selection import SelectionActions
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, fab

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.notes.app import NotesApp

EDITOR = ".activity.DocumentActivity"
LIST_ID = "ui__filesystem_dialog__list"
SEARCH_FIELD = "search_src_text"


class MainActivity(SelectionActions):
    NAME: ClassVar[str] = ".activity.MainActivity"
    LABEL: ClassVar[str] = "Notes"
    app: NotesApp

    @property
    def folder(self) -> str:
        """The folder shown; one deleted behind our back (adb, a benchmark reset) falls back to the root."""
        rel = str(self.state.get("folder", ""))
        return rel if rel and files.is_dir(self.app.notes_dir, rel) else ""

    def entries(self) -> list[Entry]:
        """The current folder's rows in the chosen order, filtered by the search query."""
        root = self.app.notes_dir
        shown = files.sort_entries(files.list_dir(root, self.folder), self.app.sort_order())
        query = str(self.state.get("query", "")) if self.state.get("searching") else ""
        return [e for e in shown if files.matches(root, e, query)] if query else shown

    def build(self) -> v.View:
        entries = self.entries()
        rows = [self._row(e) for e in entries]
        body: v.View = v.RecyclerView(id=LIST_ID, children=rows)
        if not rows:
            empty = "No results" if self.state.get("query") else "This folder is empty"
            body = v.TextView(id="empty_hint", text=empty, align="center", color="text_secondary", padding=48)
        if self.selected:
            bar = self.selection_bar(entries)
        else:
            bar = self._search_bar() if self.state.get("searching") else self._app_bar()
        children: list[v.View] = [body]
        if not self.selected:
            children.append(fab("Create new", self._ask_create, fab_id="fab_add_new_item"))
        return v.LinearLayout(children=[bar, v.FrameLayout(weight=1, children=children)])

    def _row(self, e: Entry) -> v.View:
        chosen = e.rel in self.selected
        icon: v.View = Glyph(id="ui__filesystem_item__image", icon="folder" if e.is_dir else "note",
                             tint=FOLDER_COLOR if e.is_dir else NOTE_COLOR, width=48, height=48)
        if chosen:
            icon = Glyph(id="ui__filesystem_item__image", icon="check", tint="primary", width=48, height=48)
        texts = v.LinearLayout(children=[
            v.TextView(id="ui__filesystem_item__title", text=e.name, size=16, max_lines=1),
            v.TextView(id="ui__filesystem_item__description", text=files.modified_label(e.mtime), size=13,
                       color="text_secondary", max_lines=1),
        ])
        return v.ViewGroup(id="ui__filesystem_item__root", vertical=False, align_center=True, padding=10,
                           spacing=16, selected=chosen, children=[icon, texts],
                           on_click=lambda: self._click(e), on_long_click=lambda: self.toggle(e.rel))

    # -- app bar, navigation and search ------------------------------------------------------------------
    def _app_bar(self) -> v.View:
        actions: list[v.View] = [
            GlyphButton(id="action_search", desc="Search", icon="search", on_click=self._open_search),
            GlyphButton(id="action_sort", desc="Sort by", icon="sort", on_click=lambda: self.show("sort")),
        ]
        folder = self.folder
        up = self.go_up if folder else None
        return app_bar(files.base(folder) if folder else "Notes", on_up=up, actions=actions)

    def _search_bar(self) -> v.View:
        query = str(self.state.get("query", ""))
        children: list[v.View] = [
            v.ImageButton(desc="Collapse", icon="back", on_click=self._close_search),
            v.EditText(id=SEARCH_FIELD, hint="Search", text=query, on_change=self._on_query),
        ]
        if query:
            children.append(v.ImageButton(id="search_close_btn", desc="Clear query", icon="close",
                                          on_click=lambda: self._on_query("")))
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4,
                           children=children)

    def _open_search(self) -> None:
        self.state.update(searching=True, query="")
        self.request_focus(SEARCH_FIELD)

    def _close_search(self) -> None:
        self.state.pop("searching", None)
        self.state.pop("query", None)
        self.clear_focus()

    def _on_query(self, text: str) -> None:
        self.state["query"] = files.one_line(text)
        self.reset_scroll(LIST_ID)

    def _click(self, e: Entry) -> None:
        if self.selected:
            self.toggle(e.rel)
        elif e.is_dir:
            self._enter(e.rel)
        else:
            self.start(EDITOR, path=e.rel)

    def _enter(self, rel: str) -> None:
        self._close_search()
        self.state["folder"] = rel
        self.reset_scroll(LIST_ID)

    def go_up(self) -> None:
        self.clear_selection()
        self._enter(files.parent(self.folder))

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        if self.selected:
            self.clear_selection()
            return True
        if self.state.get("searching"):
            self._close_search()
            return True
        if self.folder:
            self.go_up()
            return True
        return False

    # -- dialogs -----------------------------------------------------------------------------------------
    def show(self, kind: str, name: str = "") -> None:
        """Open a dialog; the ones with a name field get the keyboard."""
        self.state.update(dialog=kind, name=name)
        if kind in ("new_note", "new_folder", "rename"):
            self.request_focus(NAME_FIELD)

    def close_dialog(self) -> None:
        for key in ("dialog", "name", "ext"):
            self.state.pop(key, None)
        self.clear_focus()

    def _ask_create(self) -> None:
        self.show("create")

    def set_name(self, text: str) -> None:
        self.state["name"] = files.one_line(text)

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        name = str(self.state.get("name", ""))
        if kind == "create":
            return create_choice(lambda: self.show("new_note"), lambda: self.show("new_folder"))
        if kind == "new_note":
            ext = str(self.state.get("ext", ".md"))
            formats = format_choice(ext, lambda e: self.state.__setitem__("ext", e))
            return name_dialog("New note", name, self.set_name, self.close_dialog, self._create_note, formats)
        if kind == "new_folder":
            return name_dialog("New folder", name, self.set_name, self.close_dialog, self._create_folder)
        if kind == "sort":
            return sort_menu(self.app.sort_order(), self._sort)
        return self.selection_dialog(str(kind or ""), name)

    def _sort(self, order: str) -> None:
        self.app.set_sort_order(order)
        self.close_dialog()
        self.reset_scroll(LIST_ID)

    def checked_name(self, name: str) -> str | None:
        """`name` if it can be created in the current folder; otherwise toast why and return None."""
        error = files.name_error(name)
        if error is None and files.exists(self.app.notes_dir, files.join(self.folder, name.strip())):
            error = "A file or folder with this name already exists"
        if error is not None:
            self.toast(error)
            return None
        return name.strip()

    def _create_note(self) -> None:
        typed = str(self.state.get("name", ""))
        name = self.checked_name(files.with_extension(typed, str(self.state.get("ext", ".md"))) if typed.strip()
                                 else typed)
        if name is None:
            return
        rel = files.join(self.folder, name)
        files.write(self.app.notes_dir, rel, "", self.app.now_s())
        self.close_dialog()
        self.start(EDITOR, path=rel)

    def _create_folder(self) -> None:
        name = self.checked_name(str(self.state.get("name", "")))
        if name is None:
            return
        files.make_folder(self.app.notes_dir, files.join(self.folder, name), self.app.now_s())
        self.close_dialog()
