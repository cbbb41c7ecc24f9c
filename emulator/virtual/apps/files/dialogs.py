"""Dialogs and menus of Files: alerts, the overflow popup, the folder-name dialog and the sort sheet."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from droidpilot.emulator.virtual.apps.files.storage import SORTS
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, dialog_buttons

NAME_FIELD = "android:id/text1"


def buttons(negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler | None) -> v.View:
    return dialog_buttons(negative, positive, on_negative, on_positive)


def alert(message: str, positive: str, on_cancel: v.Handler, on_positive: v.Handler) -> v.Dialog:
    return alert_dialog(message, positive, on_positive, "Cancel", on_cancel)





def popup_menu(items: Sequence[tuple[str, v.Handler]]) -> v.Dialog:
    return widgets.popup_menu(items, item_id="android:id/title")


def name_dialog(title: str, text: str, error: str, on_change: Callable[[str], None], on_field_click: v.Handler,
                on_cancel: v.Handler, on_ok: v.Handler) -> v.Dialog:
    """CreateDirectoryFragment / RenameDocumentFragment: a title, one name field with its error, Cancel / OK."""
    children: list[v.View] = [
        v.TextView(id="android:id/alertTitle", text=title, size=22),
        v.EditText(id=NAME_FIELD, text=text, on_change=on_change, on_submit=on_ok, on_click=on_field_click),
    ]
    if error:
        children.append(v.TextView(id="textinput_error", text=error, size=13, color="error"))
    children.append(buttons("Cancel", "OK", on_cancel, on_ok))
    return v.Dialog(children=children)


def sort_dialog(current: str, on_pick: Callable[[str], None]) -> v.Dialog:
    """SortListFragment: one radio row per sort order."""
    rows: list[v.View] = [v.TextView(id="android:id/alertTitle", text="Sort by", size=22)]
    rows += [v.RadioButton(id="android:id/text1", text=label, is_checked=key == current,
                           on_change=v.ignoring_value(partial(on_pick, key))) for key, label in SORTS.items()]
    return v.Dialog(spacing=0, children=rows)
