"""The main screen's dialogs: the colour palette, "Save as" (folder, file name, format) and the commons folder
picker. They only lay out views; the activity owns the state and the handlers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from droidpilot.emulator.virtual.apps.draw.picture import EXTENSIONS
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import dialog_buttons, list_item

PALETTE = (("Black", "#000000"), ("White", "#ffffff"), ("Red", "#f44336"), ("Orange", "#ff9800"),
           ("Yellow", "#ffeb3b"), ("Green", "#4caf50"), ("Blue", "#2196f3"), ("Purple", "#9c27b0"),
           ("Brown", "#795548"), ("Grey", "#9e9e9e"))
NAME_FIELD = "save_image_filename"


def color_dialog(current: str, on_pick: Callable[[str], None], on_cancel: v.Handler, on_ok: v.Handler) -> v.Dialog:
    rows: list[v.View] = [v.TextView(id="android:id/alertTitle", text="Change color", size=22)]
    for label, hex_color in PALETTE:
        rows.append(v.RadioButton(id="color_picker_item", text=label, is_checked=hex_color == current,
                                  on_change=v.ignoring_value(partial(on_pick, hex_color))))
    rows.append(dialog_buttons("Cancel", "OK", on_cancel, on_ok))
    return v.Dialog(children=rows)


def save_dialog(folder: str, name: str, extension: str, on_folder: v.Handler, on_name: Callable[[str], None],
                on_extension: Callable[[str], None], on_cancel: v.Handler, on_ok: v.Handler) -> v.Dialog:
    radios: list[v.View] = [
        v.RadioButton(id=f"save_image_radio_{ext}", text=ext.upper(), is_checked=ext == extension,
                      on_change=v.ignoring_value(partial(on_extension, ext)))
        for ext in EXTENSIONS]
    return v.Dialog(children=[
        v.TextView(id="android:id/alertTitle", text="Save as", size=22),
        v.TextView(text="Path", size=12, color="text_secondary"),
        v.TextView(id="save_image_path", text=folder, size=16, padding=8, on_click=on_folder),
        v.EditText(id=NAME_FIELD, text=name, hint="Filename", on_change=on_name, on_submit=on_ok),
        v.LinearLayout(id="save_image_radio_group", vertical=False, spacing=8, children=radios),
        dialog_buttons("Cancel", "OK", on_cancel, on_ok),
    ])


def folder_dialog(path: str, folders: list[str], can_go_up: bool, on_open: Callable[[str], None],
                  on_up: v.Handler, on_cancel: v.Handler, on_ok: v.Handler) -> v.Dialog:
    rows: list[v.View] = []
    if can_go_up:
        rows.append(list_item("..", icon="folder", on_click=on_up))
    rows.extend(list_item(name, icon="folder", on_click=partial(on_open, name)) for name in folders)
    return v.Dialog(children=[
        v.TextView(id="filepicker_breadcrumbs", text=path, size=16),
        v.RecyclerView(id="filepicker_list", height=560, children=rows),
        dialog_buttons("Cancel", "OK", on_cancel, on_ok),
    ])
