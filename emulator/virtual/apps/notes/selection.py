"""Selection mode of the file browser: long-press picks notes and folders, then Share, Rename, Move, Delete,
and (overflow) Select all. Markor has no merge: merging notes is done by hand (copy, paste or retype), as
AndroidWorld's MarkorMergeNotes expects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.notes import files
from droidpilot.emulator.virtual.apps.notes.dialogs import alert, folder_picker, name_dialog, popup_menu
from droidpilot.emulator.virtual.apps.notes.files import Entry
from droidpilot.emulator.virtual.apps.notes.glyphs import GlyphButton
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.notes.app import NotesApp

EDITOR = ".activity.DocumentActivity"


class SelectionActions(Activity):
    """Mixed into the browser, which provides `folder`, `entries`, `show`, `checked_name`, `set_name` and
    `close_dialog`."""

    app: NotesApp

    @property
    def folder(self) -> str:
        raise NotImplementedError

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def show(self, kind: str, name: str = "") -> None:
        raise NotImplementedError

    def checked_name(self, name: str) -> str | None:
        raise NotImplementedError

    def set_name(self, text: str) -> None:
        raise NotImplementedError

    # -- selection ---------------------------------------------------------------------------------------
    @property
    def selected(self) -> list[str]:
        """Picked paths that still exist (a benchmark may delete files while the screen is open)."""
        root = self.app.notes_dir
        return [rel for rel in self.state.get("selected", []) if files.exists(root, rel)]

    def toggle(self, rel: str) -> None:
        chosen = self.selected
        chosen.remove(rel) if rel in chosen else chosen.append(rel)
        self.state["selected"] = chosen
        if not chosen:
            self.clear_selection()

    def clear_selection(self) -> None:
        self.state.pop("selected", None)
        self.close_dialog()

    def _notes_only(self) -> bool:
        return all(not files.is_dir(self.app.notes_dir, rel) for rel in self.selected)

    def selection_bar(self, entries: list[Entry]) -> v.View:
        chosen = self.selected
        actions: list[v.View] = []
        if self._notes_only():
            actions.append(GlyphButton(id="action_share_files", desc="Share", icon="share", on_click=self._share))
        if len(chosen) == 1:
            actions.append(GlyphButton(id="action_rename_selected_item", desc="Rename", icon="edit",
                                       on_click=lambda: self.show("rename", files.base(chosen[0]))))
        actions += [
            GlyphButton(id="action_move_selected_items", desc="Move", icon="move", on_click=self._ask_move),
            GlyphButton(id="action_delete_selected_items", desc="Delete", icon="delete",
                        on_click=lambda: self.show("delete")),
            GlyphButton(desc="More options", icon="more", on_click=lambda: self.show("more")),
        ]
        bar = app_bar(str(len(chosen)), on_up=self.clear_selection, actions=actions)
        bar.children[0].desc = "Done"  # the contextual action bar's close button
        return bar

    def selection_dialog(self, kind: str, name: str) -> v.Dialog | None:
        chosen = self.selected
        if not chosen:
            return None
        if kind == "rename":
            return name_dialog("Rename", name, self.set_name, self.close_dialog, self._rename)
        if kind == "delete":
            what = f"“{files.base(chosen[0])}”" if len(chosen) == 1 else f"{len(chosen)} items"
            return alert("Delete", f"Do you really want to delete {what}?", "Delete", self.close_dialog,
                         self._delete)
        if kind == "move":
            return folder_picker(self._destinations(), self._move, self.close_dialog)
        if kind == "more":
            return popup_menu([("Select all", self._select_all)])
        return None

    # -- actions -----------------------------------------------------------------------------------------
    def _select_all(self) -> None:
        chosen = self.selected
        self.state["selected"] = chosen + [e.rel for e in self.entries() if e.rel not in chosen]
        self.close_dialog()

    def _share(self) -> None:
        root = self.app.notes_dir
        text = "\n\n".join(files.read(root, rel).rstrip("\n") for rel in self.selected)
        self.clear_selection()
        self.share(text=text)

    def _rename(self) -> None:
        rel, typed = self.selected[0], str(self.state.get("name", ""))
        if typed.strip() == files.base(rel):
            self.clear_selection()
            return
        name = self.checked_name(typed)
        if name is not None:
            files.rename(self.app.notes_dir, rel, name, self.app.now_s())
            self.clear_selection()

    def _delete(self) -> None:
        for rel in self.selected:
            files.delete(self.app.notes_dir, rel, self.app.now_s())
        self.clear_selection()

    def _destinations(self) -> list[tuple[str, str]]:
        """The root and every folder, except the current one and the selected folders and their insides."""
        chosen = self.selected
        folders = ["", *files.all_folders(self.app.notes_dir)]
        inside = lambda f: any(f == rel or f.startswith(rel + "/") for rel in chosen)  # noqa: E731
        return [(f, f or "Notes") for f in folders if f != self.folder and not inside(f)]

    def _ask_move(self) -> None:
        self.show("move")

    def _move(self, folder: str) -> None:
        root = self.app.notes_dir
        for rel in self.selected:
            if files.exists(root, files.join(folder, files.base(rel))):
                self.toast(f"{files.base(rel)} already exists in {folder or 'Notes'}")
                continue
            files.move(root, rel, folder, self.app.now_s())
        self.clear_selection()
