"""Composite widgets apps share: app bars, list rows, floating action buttons, section headers.

They return plain views, so dumps show the classes a real app's layout would (ViewGroup rows with TextViews).
"""

from __future__ import annotations

from collections.abc import Sequence

from droidpilot.emulator.virtual.toolkit import views as v


def app_bar(title: str, on_up: v.Handler | None = None, actions: Sequence[v.View] = (),
            subtitle: str = "") -> v.View:
    """A top app bar with an optional "Navigate up" button and trailing action buttons."""
    children: list[v.View] = []
    if on_up is not None:
        children.append(v.ImageButton(desc="Navigate up", icon="back", on_click=on_up))
    titles: list[v.View] = [v.TextView(id="action_bar_title", text=title, size=22, max_lines=1)]
    if subtitle:
        titles.append(v.TextView(id="action_bar_subtitle", text=subtitle, size=14, color="text_secondary",
                                 max_lines=1))
    children.append(v.LinearLayout(children=titles, padding=4))
    children.extend(actions)
    return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4,
                       children=children)


def list_item(title: str, subtitle: str = "", on_click: v.Handler | None = None, icon: str = "",
              trailing: v.View | None = None, item_id: str = "", on_long_click: v.Handler | None = None,
              desc: str = "") -> v.View:
    """A one- or two-line list row; the row is clickable, its texts are not."""
    texts: list[v.View] = [v.TextView(id="title", text=title, size=16, max_lines=1)]
    if subtitle:
        texts.append(v.TextView(id="summary", text=subtitle, size=14, color="text_secondary", max_lines=2))
    children: list[v.View] = []
    if icon:
        children.append(v.ImageView(id="icon", icon=icon, width=40))
    children.append(v.LinearLayout(children=texts, padding=2))
    if trailing is not None:
        children.append(trailing)
    return v.ViewGroup(id=item_id, desc=desc, vertical=False, align_center=True, padding=8, spacing=12,
                       on_click=on_click, on_long_click=on_long_click, children=children)


def fab(desc: str, on_click: v.Handler, icon: str = "add", fab_id: str = "fab") -> v.ImageButton:
    """A floating action button pinned to the bottom end of a FrameLayout."""
    return v.ImageButton(id=fab_id, desc=desc, icon=icon, on_click=on_click, width=56, gravity="bottom|end",
                         bg="primary_container")


def section(title: str) -> v.TextView:
    return v.TextView(text=title, size=14, bold=True, color="primary", padding=8)


def divider() -> v.View:
    return v.View(height=1, bg="outline")


def screen(bar: v.View, body: v.View, floating: v.View | None = None) -> v.View:
    """An app bar over a body that fills the rest, with an optional floating button over the body."""
    body.weight = 1
    if floating is None:
        return v.LinearLayout(children=[bar, body])
    return v.LinearLayout(children=[bar, v.FrameLayout(weight=1, children=[body, floating])])


def dialog_buttons(negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler | None) -> v.View:
    """An AlertDialog's button bar with the framework's ids (button2 negative, button1 positive); the positive
    button is disabled while `on_positive` is None."""
    return v.LinearLayout(vertical=False, spacing=8, height=56, children=[
        v.View(),
        v.Button(id="android:id/button2", text=negative, style="text", width=112, on_click=on_negative),
        v.Button(id="android:id/button1", text=positive, style="text", width=112, on_click=on_positive,
                 enabled=on_positive is not None),
    ])


def alert_dialog(message: str, positive: str, on_positive: v.Handler, negative: str = "Cancel",
                 on_negative: v.Handler | None = None, title: str = "") -> v.Dialog:
    """An AlertDialog: optional title (`android:id/alertTitle`), message (`android:id/message`), two buttons.
    `on_negative` defaults to doing nothing; callers normally pass one that closes the dialog."""
    children: list[v.View] = []
    if title:
        children.append(v.TextView(id="android:id/alertTitle", text=title, size=22))
    if message:
        children.append(v.TextView(id="android:id/message", text=message, size=16,
                                   color="text_secondary" if title else "text"))
    children.append(dialog_buttons(negative, positive, on_negative or (lambda: None), on_positive))
    return v.Dialog(children=children)


def popup_menu(items: Sequence[tuple[str, v.Handler]] | Sequence[v.View], item_id: str = "title") -> v.Dialog:
    """An overflow menu pinned under the app bar's end; items are (label, handler) pairs or ready views."""
    rows = [item if isinstance(item, v.View) else
            v.TextView(id=item_id, text=item[0], size=16, padding=12, on_click=item[1]) for item in items]
    return v.Dialog(anchor="top_end", padding=4, spacing=0, children=rows)
