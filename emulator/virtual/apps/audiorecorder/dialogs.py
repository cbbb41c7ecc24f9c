"""The rename dialog both screens open, and the duration label; they only lay out views."""

from __future__ import annotations

from collections.abc import Callable

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import dialog_buttons

NAME_FIELD = "input_name"


class RecordError(ValueError):
    """A record name that cannot be used (empty, a path, or taken); the message is what the app toasts."""


def rename_dialog(name: str, on_name: Callable[[str], None], on_cancel: v.Handler, on_save: v.Handler,
                  extra: v.View | None = None) -> v.Dialog:
    children: list[v.View] = [
        v.TextView(id="android:id/alertTitle", text="Record name", size=22),
        v.EditText(id=NAME_FIELD, text=name, hint="Record name", on_change=on_name, on_submit=on_save),
    ]
    if extra is not None:
        children.append(extra)
    return v.Dialog(children=[*children, dialog_buttons("Cancel", "Save", on_cancel, on_save)])


def clock_text(ms: int) -> str:
    """`mm:ss` (or `h:mm:ss` past an hour), as the recorder's timer shows it."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"
