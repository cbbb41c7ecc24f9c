"""Views the Recipes screens share: the toolbar, the photo placeholder, filter chips, dialogs and menus."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, ellipsize
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog

# Soft food-photo placeholder tints (greens, oranges, reds), picked per recipe title.
PHOTO_TINTS = ("#C8E6C9", "#DCEDC8", "#FFE0B2", "#FFCCBC", "#F8BBD0", "#FFF9C4", "#B2DFDB", "#D7CCC8")


@dataclass(eq=False)
class RecipePhoto(v.ImageView):
    """Broccoli's placeholder for a recipe without a photo: a tinted tile with a plate, fork and knife."""

    seed: str = ""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        tint = PHOTO_TINTS[zlib.crc32(self.seed.encode("utf-8")) % len(PHOTO_TINTS)]
        fill = p.theme.color(tint)
        p.draw.rounded_rectangle((x1, y1, x2, y2), radius=v.px(12), fill=fill)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = min(x2 - x1, y2 - y1) // 4
        ink = (fill[0] * 3 // 5, fill[1] * 3 // 5, fill[2] * 3 // 5)  # a darker shade of the tile
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=max(3, r // 8))
        p.draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), outline=ink, width=max(2, r // 12))
        w = max(3, r // 8)
        fork_x, knife_x = cx - r - r // 2, cx + r + r // 2
        p.draw.line([(fork_x, cy - r), (fork_x, cy + r)], fill=ink, width=w)
        for dx in (-w, w):
            p.draw.line([(fork_x + dx * 2, cy - r), (fork_x + dx * 2, cy - r // 3)], fill=ink, width=max(2, w // 2))
        p.draw.line([(knife_x, cy - r), (knife_x, cy + r)], fill=ink, width=w)
        p.draw.ellipse((knife_x - w, cy - r, knife_x + w * 2, cy), fill=ink)


@dataclass(eq=False)
class Chip(v.CompoundButton):
    """A Material filter chip: an outlined pill, filled with a check mark while checked."""

    CLASS: ClassVar[str] = "com.google.android.material.chip.Chip"
    size: float = 14.0

    def content_height(self, width: int) -> int:
        return v.px(48)

    def paint_content(self, p: Painter) -> None:
        t = p.theme
        x1, y1, x2, y2 = p.box(self)
        cy = (y1 + y2) // 2
        top, bottom = cy - v.px(16), cy + v.px(16)
        if self.is_checked:
            p.draw.rounded_rectangle((x1, top, x2, bottom), radius=v.px(8), fill=t.primary_container)
            g = v.px(9)
            draw_icon(p.draw, "check", (x1 + v.px(8), cy - g, x1 + v.px(8) + 2 * g, cy + g), t.text)
            text_x = x1 + v.px(32)
        else:
            p.draw.rounded_rectangle((x1, top, x2, bottom), radius=v.px(8), outline=t.outline, width=3)
            text_x = x1 + v.px(16)
        size = v.px(self.size)
        label = ellipsize(self.text, size, True, max(1, x2 - text_x - v.px(8)))
        draw_text(p.draw, (text_x, cy), label, size, True, t.text, "lm")


def toolbar(title: str, on_up: v.Handler | None, actions: Sequence[v.View] = (), up_icon: str = "back",
            up_desc: str = "Navigate up", up_id: str = "") -> v.View:
    """A Material 3 top app bar with an optional navigation button and trailing actions."""
    children: list[v.View] = []
    if on_up is not None:
        children.append(v.ImageButton(id=up_id, desc=up_desc, icon=up_icon, on_click=on_up))
    else:
        children.append(v.View(width=12))
    children.append(v.LinearLayout(padding=4, children=[
        v.TextView(id="action_bar_title", text=title, size=22, max_lines=1)]))
    children.extend(actions)
    return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=children)


def alert(message: str, positive: str, on_positive: v.Handler, on_negative: v.Handler,
          negative: str = "Cancel") -> v.Dialog:
    return alert_dialog(message, positive, on_positive, negative, on_negative)


def popup_menu(items: Sequence[tuple[str, v.Handler]]) -> v.Dialog:
    return widgets.popup_menu(items)



def empty_state(text: str) -> v.View:
    return v.TextView(id="recipes_empty", text=text, size=20, color="text_secondary", align="center", padding=32)


def clipped(text: str, limit: int = 200) -> str:
    """A long multi-line field as one short line, for card summaries."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
