"""Copy and paste in every text field: a long press selects the field's text and shows the floating toolbar
(Cut, Copy, Paste, Select all), as Android's text selection does. It works on the whole text of the field,
which is what agents and tests need, without a cursor model."""

from __future__ import annotations

from droidpilot.emulator.virtual.system.host import SystemHost
from droidpilot.emulator.virtual.system.state import ActivityRecord
from droidpilot.emulator.virtual.toolkit import views as v

TOOLBAR_ID = "floating_toolbar_menu_item_text"


def open_menu(record: ActivityRecord, field: v.EditText) -> None:
    record.text_menu = True
    record.text_selected = bool(field.text)


def close_menu(record: ActivityRecord) -> None:
    record.text_menu = False
    record.text_selected = False


def typed_value(record: ActivityRecord, field: v.EditText, typed: str) -> str:
    """What the field holds after typing: a selection is replaced, otherwise text goes at the end."""
    if not field.multiline:
        typed = typed.replace("\r\n", " ").replace("\n", " ")  # single-line fields flatten pasted lines
    value = typed if record.text_selected else field.text + typed
    close_menu(record)
    return value


def _set(field: v.EditText, value: str) -> None:
    if field.on_change is not None:
        field.on_change(value)


def _items(host: SystemHost, record: ActivityRecord, field: v.EditText) -> list[tuple[str, v.Handler]]:
    def cut() -> None:
        host.clipboard = field.text
        _set(field, "")
        close_menu(record)

    def copy() -> None:
        host.clipboard = field.text
        close_menu(record)

    def paste() -> None:
        _set(field, typed_value(record, field, host.clipboard))

    def select_all() -> None:
        record.text_selected = True

    items: list[tuple[str, v.Handler]] = []
    if record.text_selected and field.text:
        items += [("Cut", cut), ("Copy", copy)] if not field.is_password else [("Cut", cut)]
    if host.clipboard:
        items.append(("Paste", paste))
    if field.text and not record.text_selected:
        items.append(("Select all", select_all))
    return items


def build_toolbar(host: SystemHost, record: ActivityRecord, field: v.EditText, ctx: v.LayoutContext) -> v.View | None:
    """The toolbar, laid out just above the field (below it when there is no room), or None if empty."""
    items = _items(host, record, field)
    if not items:
        return None
    buttons: list[v.View] = [v.Button(id=TOOLBAR_ID, text=label, style="text", on_click=handler)
                             for label, handler in items]
    toolbar = v.LinearLayout(id="floating_toolbar", vertical=False, bg="dialog", children=buttons)
    width = min(v.px(96) * len(items), field.right - field.left + v.px(48))
    height = v.px(52)
    top = field.top - height - v.px(4)
    if top < v.px(24):
        top = field.bottom + v.px(4)
    left = max(0, min(field.left, field.right - width))
    toolbar.place(left, top, width, height, ctx)
    return toolbar
