"""Dialogs and menus of Files: alerts, the overflow popup, the folder-name dialog and the sort sheet."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from emulator.virtual.apps.files.storage import SORTS
from emulator.virtual.toolkit import views as v

NAME_FIELD = "android:id/text1"


def buttons(negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler | None) -> v.View:
    """The dialog button bar with the framework's ids (button1 positive, button2 negative)."""
    return v.LinearLayout(vertical=False, spacing=8, height=56, children=[
        v.View(),
        v.Button(id="android:id/button2", text=negative, style="text", width=112, on_click=on_negative),
        v.Button(id="android:id/button1", text=positive, style="text", width=112, on_click=on_positive,
                 enabled=on_positive is not None),
    ])


def alert(message: str, positive: str, on_cancel: v.Handler, on_positive: v.Handler) -> v.Dialog:
    return v.Dialog(children=[
        v.TextView(id="android:id/message", text=message, size=16),
        buttons("Cancel", positive, on_cancel, on_positive),
    ])


@dataclass(eq=False)
class PopupMenu(v.Dialog):
    """An overflow menu pinned under the toolbar's end."""

    anchor: str = "top_end"
    padding: float = 4
    spacing: float = 0


def popup_menu(items: Sequence[tuple[str, v.Handler]]) -> PopupMenu:
    return PopupMenu(children=[v.TextView(id="android:id/title", text=label, size=16, padding=12, on_click=handler)
                               for label, handler in items])


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
                           on_change=lambda _on, k=key: on_pick(k)) for key, label in SORTS.items()]
    return v.Dialog(spacing=0, children=rows)
