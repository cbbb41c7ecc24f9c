"""The Files browser (`.files.FilesActivity`): roots, folders, opening files, and the selection mode with
Share, Delete, Select all, Copy to…, Move to… and Rename.

Extra state beside `Browser`'s: `selected` (device paths), `rename_of` (the path being renamed) and
`base_selected` (the rename field's base name is still selected, so typing replaces it and keeps the extension).
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Intent
from droidpilot.emulator.virtual.apps.files import dialogs, intents, storage
from droidpilot.emulator.virtual.apps.files.browse import Browser
from droidpilot.emulator.virtual.apps.files.icons import GlyphButton
from droidpilot.emulator.virtual.apps.files.storage import Entry
from droidpilot.emulator.virtual.toolkit import views as v

PICKER = ".picker.PickActivity"
PREVIEW = ".preview.TextPreviewActivity"
CANT_OPEN = "Can\u2019t open file"


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


class FilesActivity(Browser):
    NAME: ClassVar[str] = ".files.FilesActivity"
    LABEL: ClassVar[str] = "Files"

    def on_create(self) -> None:
        self.state.setdefault("root", "downloads")
        self.go_to_intent(self.intent.extras, self.intent.data, self.intent.action)

    def on_new_intent(self, intent: Intent) -> None:
        self.go_to_intent(intent.extras, intent.data, intent.action)

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        entries = self.entries()
        selected = self.selected(entries)
        if self.state.get("selected") and not selected:
            self.state.pop("selected")  # the selected files went away
        chosen = {e.path for e in selected}
        bar = self.action_bar(selected) if selected else self.toolbar(self.toolbar_actions())
        rows = [self.row(e, on_click=partial(self.on_row_click, e), on_long_click=partial(self.toggle, e),
                         selected=e.path in chosen) for e in entries]
        crumb = self.breadcrumb()
        children: list[v.View] = [bar, *([crumb] if crumb is not None else []), self.header(), self.listing(rows)]
        return self.with_drawer(v.LinearLayout(children=children))

    def toolbar_actions(self) -> list[v.View]:
        if not self.overflow_items():
            return []
        return [v.ImageButton(desc="More options", icon="more", on_click=lambda: self._open("menu"))]

    def action_bar(self, selected: list[Entry]) -> v.View:
        """The contextual action bar of the selection mode."""
        actions: list[v.View] = []
        if self._shareable(selected):
            actions.append(GlyphButton(id="action_menu_share", desc="Share", glyph="share",
                                       on_click=lambda: self.share_selected(selected)))
        actions += [
            v.ImageButton(id="action_menu_delete", desc="Delete", icon="delete", on_click=lambda: self._open("delete")),
            v.ImageButton(desc="More options", icon="more", on_click=lambda: self._open("selection_menu")),
        ]
        return v.ViewGroup(id="action_mode_bar", vertical=False, align_center=True, height=64, padding=4,
                           bg="primary_container", children=[
            v.ImageButton(id="action_mode_close_button", desc="Done", icon="close", on_click=self.clear_selection),
            v.LinearLayout(padding=4, children=[
                v.TextView(id="action_bar_title", text=f"{len(selected)} selected", size=22, max_lines=1)]),
            *actions,
        ])

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        selected = self.selected(self.entries()) if kind in ("delete", "selection_menu") else []
        if kind == "menu":
            return dialogs.popup_menu(self.overflow_items())
        if kind == "selection_menu" and selected:
            return dialogs.popup_menu(self.selection_items(selected))
        if kind == "delete" and selected:
            return dialogs.alert(self.delete_message(selected), "OK", self.close_dialog,
                                 lambda: self.delete(selected))
        if kind == "rename":
            return dialogs.name_dialog("Rename", str(self.state.get("name", "")),
                                       str(self.state.get("name_error", "")), self.on_rename_text,
                                       self.on_rename_field_click, self.cancel_dialog, self.rename)
        return self.browser_dialog()

    def overflow_items(self) -> list[tuple[str, v.Handler]]:
        items: list[tuple[str, v.Handler]] = []
        if self.cwd():
            items.append(("New folder", self.open_new_folder))
        if self.entries():
            items.append(("Select all", self.select_all))
        items.append(("Sort by\u2026", self.open_sort))
        return items

    def selection_items(self, selected: list[Entry]) -> list[tuple[str, v.Handler]]:
        items: list[tuple[str, v.Handler]] = [
            ("Select all", self.select_all),
            ("Copy to\u2026", lambda: self.transfer("copy", selected)),
            ("Move to\u2026", lambda: self.transfer("move", selected)),
        ]
        if len(selected) == 1:
            items.append(("Rename", lambda: self.open_rename(selected[0])))
        return items

    def _open(self, kind: str) -> None:
        self.state["dialog"] = kind

    # -- navigation and opening -----------------------------------------------------------------------------
    def on_back(self) -> bool:
        if not self.state.get("dialog") and not self.state.get("drawer") and self.state.get("selected"):
            self.clear_selection()
            return True
        return self.back_in_browser()

    def on_location_change(self) -> None:
        self.state.pop("selected", None)

    def on_row_click(self, e: Entry) -> None:
        if self.state.get("selected"):
            self.toggle(e)
        elif e.is_dir:
            self.open_dir(e.path)
        else:
            self.open_file(e)

    def open_file(self, e: Entry) -> None:
        """Pictures go to the gallery, text to the preview screen; other types to the app that views them."""
        if storage.is_text(e.mime) and not e.mime.startswith("text/html"):
            self.start(PREVIEW, path=e.path, mime=e.mime)
            return
        app = intents.viewer_for(self.host.apps, e.mime)
        if app is None:
            if storage.is_text(e.mime):
                self.start(PREVIEW, path=e.path, mime=e.mime)
            else:
                self.toast(CANT_OPEN)
            return
        self.start_intent(intents.view_intent(app, e))

    # -- selection ------------------------------------------------------------------------------------------
    def selected(self, entries: list[Entry]) -> list[Entry]:
        chosen = set(self.state.get("selected", []))
        return [e for e in entries if e.path in chosen]

    def toggle(self, e: Entry) -> None:
        chosen: list[str] = list(self.state.get("selected", []))
        if e.path in chosen:
            chosen.remove(e.path)
        else:
            chosen.append(e.path)
        self.state["selected"] = chosen
        if not chosen:
            self.state.pop("selected")

    def clear_selection(self) -> None:
        self.state.pop("selected", None)
        self.close_dialog()

    def select_all(self) -> None:
        self.state["selected"] = [e.path for e in self.entries()]
        self.close_dialog()

    @staticmethod
    def _shareable(selected: list[Entry]) -> bool:
        return len(selected) == 1 and not selected[0].is_dir

    def share_selected(self, selected: list[Entry]) -> None:
        e = selected[0]
        self.clear_selection()
        self.share(path=e.path, mime=e.mime)

    # -- actions --------------------------------------------------------------------------------------------
    @staticmethod
    def delete_message(selected: list[Entry]) -> str:
        """DocumentsUI's confirmation texts, by what is selected."""
        dirs = sum(e.is_dir for e in selected)
        if len(selected) == 1:
            name = selected[0].name
            return f'Delete folder "{name}" and its contents?' if dirs else f'Delete "{name}"?'
        if dirs == len(selected):
            return f"Delete {len(selected)} folders and their contents?"
        return f"Delete {len(selected)} items?" if dirs else f"Delete {len(selected)} files?"

    def delete(self, selected: list[Entry]) -> None:
        failed = 0
        for e in selected:
            try:
                storage.delete(storage.host_path(self.host.fs, e.path), self.now_s())
            except (OSError, storage.StorageError):
                failed += 1
        self.clear_selection()
        if failed:
            self.toast(f"Couldn\u2019t delete {_files(failed)}")
        else:
            self.toast(f"Deleting {_files(len(selected))}.")

    def transfer(self, op: str, selected: list[Entry]) -> None:
        """Copy to… / Move to…: the destination picker opens in the current folder (or the storage root)."""
        paths = [e.path for e in selected]
        root, start = (self.root().key, self.cwd()) if self.cwd() else ("storage", storage.SDCARD)
        self.clear_selection()
        self.start(PICKER, op=op, paths=paths, root=root, path=start)

    def open_rename(self, e: Entry) -> None:
        ext = e.name[e.name.rindex("."):] if not e.is_dir and "." in e.name.lstrip(".") else ""
        self.state.update(dialog="rename", name=e.name, name_error="", rename_of=e.path, base_selected=True,
                          rename_ext=ext)
        self.request_focus(dialogs.NAME_FIELD)

    def on_rename_text(self, text: str) -> None:
        """Like RenameDocumentFragment, a file's name without its extension (a folder's whole name) starts
        selected: the first typing replaces it (Delete clears it) and the extension stays."""
        old = str(self.state.get("name", ""))
        if self.state.pop("base_selected", False):
            ext = str(self.state.get("rename_ext", ""))
            if text.startswith(old):
                text = text[len(old):] + ext
            elif text == old[:-1]:
                text = ext
        self.set_name(text)

    def on_rename_field_click(self) -> None:
        self.state.pop("base_selected", None)  # a tap places the cursor, dropping the selection

    def rename(self) -> None:
        path, name = str(self.state.get("rename_of", "")), str(self.state.get("name", ""))
        try:
            host = storage.host_path(self.host.fs, path)
        except storage.StorageError:
            self.cancel_dialog()
            return
        if not host.exists():
            self.cancel_dialog()
            return
        if name.strip() == host.name:
            self.cancel_dialog()
            self.clear_selection()
            return
        problem = self.name_problem(host.parent, name, ignore=host)
        if problem:
            self.state["name_error"] = problem
            return
        try:
            storage.rename(host, name, self.now_s())
        except OSError:
            self.toast("Failed to rename document")
        self.cancel_dialog()
        self.clear_selection()
