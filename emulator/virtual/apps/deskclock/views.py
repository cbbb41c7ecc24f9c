"""Clock-specific widgets: the bottom navigation, the large FAB, day toggles and the ring readout.

They are ordinary views with real Android class names in the dump; only their painting is custom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import font
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color

Box = tuple[int, int, int, int]
Controls = tuple[v.View | None, v.View | None, v.View | None]
"""A tab's (left button, FAB, right button) around the bottom centre; None leaves a slot empty."""
TabView = tuple[v.View, Controls | None]
"""What a tab builds: its body and its controls (None for a tab without a FAB)."""


def _stroke(box: Box) -> int:
    return max(3, (box[2] - box[0]) // 11)


def draw_glyph(p: Painter, name: str, box: Box, color: Color) -> None:
    """Clock glyphs the shared icon set lacks; anything else falls back to it."""
    x1, y1, x2, y2 = box
    cx, cy, r, w = (x1 + x2) // 2, (y1 + y2) // 2, (x2 - x1) // 2, _stroke(box)
    d = p.draw
    if name == "alarm":
        d.ellipse((cx - r * 0.75, cy - r * 0.6, cx + r * 0.75, cy + r * 0.9), outline=color, width=w)
        d.line([(cx, cy - r * 0.25), (cx, cy + r * 0.15), (cx + r * 0.3, cy + r * 0.3)], fill=color, width=w)
        for sign in (-1, 1):
            d.line([(cx + sign * r * 0.55, cy - r * 0.95), (cx + sign * r * 0.95, cy - r * 0.55)], fill=color,
                   width=w)
    elif name == "hourglass":
        top, bottom = cy - r * 0.85, cy + r * 0.85
        d.line([(cx - r * 0.6, top), (cx + r * 0.6, top), (cx - r * 0.6, bottom), (cx + r * 0.6, bottom),
                (cx - r * 0.6, top)], fill=color, width=w, joint="curve")
    elif name == "stopwatch":
        d.ellipse((cx - r * 0.75, cy - r * 0.55, cx + r * 0.75, cy + r * 0.95), outline=color, width=w)
        d.line([(cx - r * 0.25, cy - r * 0.95), (cx + r * 0.25, cy - r * 0.95)], fill=color, width=w)
        d.line([(cx, cy + r * 0.2), (cx + r * 0.25, cy - r * 0.2)], fill=color, width=w)
    elif name in ("expand_more", "expand_less"):
        dy = r * 0.3 if name == "expand_more" else -r * 0.3
        d.line([(cx - r * 0.5, cy - dy), (cx, cy + dy), (cx + r * 0.5, cy - dy)], fill=color, width=w,
               joint="curve")
    elif name == "backspace":
        d.polygon([(cx - r, cy), (cx - r * 0.45, cy - r * 0.6), (cx + r * 0.9, cy - r * 0.6),
                   (cx + r * 0.9, cy + r * 0.6), (cx - r * 0.45, cy + r * 0.6)], outline=color, width=w)
        d.line([(cx - r * 0.05, cy - r * 0.25), (cx + r * 0.45, cy + r * 0.25)], fill=color, width=w)
        d.line([(cx + r * 0.45, cy - r * 0.25), (cx - r * 0.05, cy + r * 0.25)], fill=color, width=w)
    elif name == "stop":
        d.rectangle((cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55), fill=color)
    elif name == "label":
        d.polygon([(cx - r * 0.8, cy - r * 0.5), (cx + r * 0.4, cy - r * 0.5), (cx + r * 0.85, cy),
                   (cx + r * 0.4, cy + r * 0.5), (cx - r * 0.8, cy + r * 0.5)], outline=color, width=w)
    else:
        draw_icon(d, name, box, color)


def _icon_box(view: v.View, p: Painter, side_dp: float) -> Box:
    x1, y1, x2, y2 = p.box(view)
    cx, cy, half = (x1 + x2) // 2, (y1 + y2) // 2, v.px(side_dp) // 2
    return cx - half, cy - half, cx + half, cy + half


@dataclass(eq=False)
class Glyph(v.ImageButton):
    """An icon button drawn with `draw_glyph`."""

    def paint_content(self, p: Painter) -> None:
        color = p.theme.color(self.tint) if self.enabled else p.theme.outline
        draw_glyph(p, self.icon, _icon_box(self, p, 24), color)


@dataclass(eq=False)
class Fab(v.ImageButton):
    """The large centred floating action button of every tab."""

    width: float | None = 96
    height: float | None = 96

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self, v.px(4))
        p.draw.rounded_rectangle((x1, y1, x2, y2), radius=v.px(28), fill=p.theme.primary_container)
        draw_glyph(p, self.icon, _icon_box(self, p, 36), p.theme.text)


@dataclass(eq=False)
class NavItem(v.LinearLayout):
    """A BottomNavigationItemView: an icon over a label; the selected one has a pill behind its icon."""

    CLASS: ClassVar[str] = "android.widget.FrameLayout"


@dataclass(eq=False)
class NavIcon(v.ImageView):
    active: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        if self.active:
            p.draw.rounded_rectangle((cx - v.px(32), cy - v.px(16), cx + v.px(32), cy + v.px(16)),
                                     radius=v.px(16), fill=p.theme.primary_container)
        draw_glyph(p, self.icon, _icon_box(self, p, 24), p.theme.text)


def nav_item(key: str, label: str, icon: str, selected: bool, on_click: v.Handler) -> v.View:
    return NavItem(id=f"tab_{key}", desc=label, selected=selected, on_click=on_click, padding=4, spacing=2,
                   children=[
        NavIcon(id="navigation_bar_item_icon_view", icon=icon, active=selected, height=36),
        v.TextView(id=f"navigation_bar_item_{'large' if selected else 'small'}_label_view", text=label,
                   size=12, bold=selected, align="center", max_lines=1),
    ])


@dataclass(eq=False)
class DayToggle(v.CompoundButton):
    """One of the seven repeat-day buttons of an expanded alarm: a letter in a circle, filled when on."""

    CLASS: ClassVar[str] = "android.widget.ToggleButton"
    size: float = 14.0
    width: float | None = 40

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, r = (x1 + x2) // 2, (y1 + y2) // 2, min(x2 - x1, y2 - y1) // 2 - v.px(2)
        t = p.theme
        if self.is_checked:
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=t.primary)
        else:
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=t.outline, width=v.px(1))
        p.draw.text((cx, cy), self.text, font=font(v.px(self.size), True),
                    fill=t.on_primary if self.is_checked else t.text, anchor="mm")


@dataclass(eq=False)
class RingText(v.TextView):
    """A large readout inside a ring; `progress` (0-1) draws the remaining part of a timer's ring."""

    size: float = 52.0
    progress: float = 1.0
    align: str = "center"

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = min(x2 - x1, y2 - y1) // 2 - v.px(12)
        ring = (cx - r, cy - r, cx + r, cy + r)
        p.draw.ellipse(ring, outline=p.theme.surface_variant, width=v.px(8))
        if self.progress > 0:
            end = -90 + 360 * min(1.0, self.progress)
            p.draw.arc(ring, -90, end if self.progress < 1 else 270, fill=p.theme.primary, width=v.px(8))
            angle = math.radians(end)
            dot = (cx + r * math.cos(angle), cy + r * math.sin(angle))
            p.draw.ellipse((dot[0] - v.px(8), dot[1] - v.px(8), dot[0] + v.px(8), dot[1] + v.px(8)),
                           fill=p.theme.primary)
        p.draw.text((cx, cy), self.text, font=font(v.px(self.size)), fill=p.theme.text, anchor="mm")
