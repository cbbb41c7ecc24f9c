"""Views the Contacts screens share: letter avatars, the toolbar, alert dialogs and the overflow popup."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.fonts import font
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog

# Letter-tile colours of the AOSP LetterTileDrawable palette.
TILE_COLORS = ("#DB4437", "#E91E63", "#9C27B0", "#673AB7", "#3F51B5", "#4285F4", "#039BE5", "#0097A7",
               "#009688", "#0F9D58", "#689F38", "#EF6C00", "#FF5722", "#757575")


@dataclass(eq=False)
class LetterAvatar(v.ImageView):
    """A round coloured tile with the name's first letter, as contacts without a photo show."""

    name: str = ""
    letter_size: float = 18.0

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        side = min(x2 - x1, y2 - y1)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = side // 2
        if not self.name.strip():
            # No name yet: the grey silhouette tile AOSP shows for a new contact.
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.theme.surface_variant)
            g = r * 3 // 5
            draw_icon(p.draw, "person", (cx - g, cy - g, cx + g, cy + g), p.theme.text_secondary)
            return
        color = TILE_COLORS[zlib.crc32(self.name.encode("utf-8")) % len(TILE_COLORS)]
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.theme.color(color))
        letter = self.name[:1].upper() or "?"
        p.draw.text((cx, cy), letter, font=font(v.px(self.letter_size)), fill=(255, 255, 255), anchor="mm")


def avatar(name: str, size: float, view_id: str = "photo") -> v.View:
    """An avatar of `size` dp, centred in a row as tall as itself."""
    tile = LetterAvatar(id=view_id, name=name, width=size, height=size, letter_size=size * 0.45)
    return v.LinearLayout(vertical=False, height=size, children=[v.View(), tile, v.View()])


def toolbar(title: str, up_icon: str | None, on_up: v.Handler | None,
            actions: Sequence[v.View] = ()) -> v.View:
    """A Material 3 top app bar; `up_icon` "back" or "close" (the editor's discard button)."""
    children: list[v.View] = []
    if on_up is not None:
        children.append(v.ImageButton(desc="Navigate up", icon=up_icon or "back", on_click=on_up))
    children.append(v.LinearLayout(padding=4, children=[
        v.TextView(id="action_bar_title", text=title, size=22, max_lines=1)]))
    children.extend(actions)
    return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4,
                       children=children)


def alert(message: str, negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler,
          title: str = "") -> v.Dialog:
    return alert_dialog(message, positive, on_positive, negative, on_negative, title)


def popup_menu(items: Sequence[tuple[str, v.Handler]]) -> v.Dialog:
    return widgets.popup_menu(items)
