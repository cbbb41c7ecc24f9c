"""Dialog and popup builders for the file browser: they only lay out views; the activity owns the handlers.

Buttons carry the framework's AlertDialog ids (`android:id/button1` positive, `button2` negative).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from droidpilot.emulator.virtual.apps.notes.glyphs import FOLDER_COLOR, NOTE_COLOR, Glyph
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.widgets import dialog_buttons

NAME_FIELD = "new_file_dialog__name"


def _title(text: str) -> v.TextView:
    return v.TextView(id="android:id/alertTitle", text=text, size=22)


def buttons(negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler) -> v.View:
    return dialog_buttons(negative, positive, on_negative, on_positive)


def alert(title: str, message: str, positive: str, on_cancel: v.Handler, on_positive: v.Handler) -> v.Dialog:
    return v.Dialog(children=[
        _title(title),
        v.TextView(id="android:id/message", text=message, size=16, color="text_secondary"),
        buttons("Cancel", positive, on_cancel, on_positive),
    ])


def create_choice(on_note: v.Handler, on_folder: v.Handler) -> v.Dialog:
    """What the FAB offers: a new note or a new folder."""
    def row(label: str, icon: str, tint: str, handler: v.Handler, row_id: str) -> v.View:
        return v.ViewGroup(id=row_id, vertical=False, align_center=True, height=56, spacing=16, padding=4,
                           on_click=handler, children=[Glyph(icon=icon, tint=tint, width=32, size_dp=28),
                                                       v.TextView(id="android:id/text1", text=label, size=16)])
    return v.Dialog(children=[
        _title("Create new"),
        row("Note", "note", NOTE_COLOR, on_note, "create_new_note"),
        row("Folder", "folder", FOLDER_COLOR, on_folder, "create_new_folder"),
    ])


def name_dialog(title: str, name: str, on_name: Callable[[str], None], on_cancel: v.Handler,
                on_ok: v.Handler, formats: Sequence[v.View] = (), hint: str = "Name") -> v.Dialog:
    """A name field (plus, for a new note, the format choice) with Cancel / OK."""
    field = v.EditText(id=NAME_FIELD, text=name, hint=hint, on_change=on_name, on_submit=on_ok)
    return v.Dialog(children=[_title(title), field, *formats, buttons("Cancel", "OK", on_cancel, on_ok)])


def format_choice(ext: str, on_ext: Callable[[str], None]) -> list[v.View]:
    """Markdown or plain text; the extension is added unless the name already has one of them."""
    return [v.RadioButton(id=f"new_file_dialog__type_{e[1:]}", text=label, is_checked=ext == e,
                          on_change=v.ignoring_value(partial(on_ext, e)))
            for e, label in ((".md", "Markdown (.md)"), (".txt", "Plain text (.txt)"))]


def folder_picker(folders: Sequence[tuple[str, str]], on_pick: Callable[[str], None],
                  on_cancel: v.Handler) -> v.Dialog:
    """"Move to": every folder that can take the selection, as (relative path, label) pairs."""
    rows: list[v.View] = [
        v.ViewGroup(id="folder_item", desc=label, vertical=False, align_center=True, height=56, spacing=16,
                    padding=4, on_click=partial(on_pick, rel),
                    children=[Glyph(icon="folder", tint=FOLDER_COLOR, width=32, size_dp=28),
                              v.TextView(id="android:id/text1", text=label, size=16, max_lines=1)])
        for rel, label in folders]
    if not rows:
        rows = [v.TextView(id="android:id/empty", text="No other folders", color="text_secondary", padding=8)]
    return v.Dialog(children=[
        _title("Move to"),
        v.RecyclerView(id="folder_list", children=rows),
        v.LinearLayout(vertical=False, height=56, children=[
            v.View(), v.Button(id="android:id/button2", text="Cancel", style="text", width=112,
                               on_click=on_cancel)]),
    ])





def popup_menu(items: Sequence[tuple[str, v.Handler]]) -> v.Dialog:
    return widgets.popup_menu(items, item_id="android:id/title")


@dataclass(eq=False)
class MenuRadio(v.RadioButton):
    """A checkable menu item: choosing it always acts (and closes the menu), even when already checked."""

    def toggle(self) -> None:
        if self.on_change is not None:
            self.on_change(True)


def sort_menu(current: str, on_sort: Callable[[str], None]) -> v.Dialog:
    """"Sort by": checkable items, the current order checked."""
    return widgets.popup_menu([
        v.TextView(id="android:id/title", text="Sort by", size=14, bold=True, color="primary", padding=12),
        *(MenuRadio(id=f"action_sort_by_{key}", text=label, is_checked=current == key,
                        on_change=v.ignoring_value(partial(on_sort, key)))
          for key, label in (("name", "Name"), ("date", "Date"))),
    ])
