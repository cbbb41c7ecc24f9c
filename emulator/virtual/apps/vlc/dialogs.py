"""VLC's bottom sheets and dialogs; they only lay out views, the screens own the handlers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from droidpilot.emulator.virtual.toolkit import views as v

NAME_FIELD = "dialog_playlist_name"


def duration_text(ms: int) -> str:
    """VLC's short length label: `1:05`, `12:40`, `1:02:03`."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def context_sheet(title: str, items: Sequence[tuple[str, str, v.Handler]]) -> v.Dialog:
    """The "More Actions" sheet: the item's title, then (id, label, handler) rows."""
    rows: list[v.View] = [v.TextView(id="ctx_title", text=title, size=18, bold=True, padding=8, max_lines=1)]
    rows += [v.TextView(id=item_id, text=label, size=16, padding=12, on_click=handler)
             for item_id, label, handler in items]
    return v.Dialog(children=rows)


def add_to_playlist(name: str, on_name: Callable[[str], None], on_save: v.Handler,
                    playlists: Sequence[dict[str, Any]], on_pick: Callable[[int], None]) -> v.Dialog:
    """A new playlist's name with Save, above the existing playlists (a tap adds to one)."""
    rows: list[v.View] = [
        v.ViewGroup(id="playlist_item", vertical=False, align_center=True, height=52, padding=4,
                    on_click=partial(on_pick, p["id_playlist"]),
                    children=[v.TextView(id="playlist_name", text=p["name"], size=16, max_lines=1)])
        for p in playlists]
    field = v.EditText(id=NAME_FIELD, text=name, hint="Playlist name", on_change=on_name, on_submit=on_save,
                       weight=1)
    save = v.Button(id="dialog_playlist_save", text="Save", style="text", width=96,
                    on_click=on_save if name.strip() else None, enabled=bool(name.strip()))
    children: list[v.View] = [
        v.TextView(id="android:id/alertTitle", text="Add to playlist", size=22),
        v.LinearLayout(vertical=False, align_center=True, spacing=8, children=[field, save]),
    ]
    if rows:
        children.append(v.RecyclerView(id="list", children=rows))
    return v.Dialog(children=children)
