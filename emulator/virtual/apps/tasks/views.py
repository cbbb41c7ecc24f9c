"""Views the Tasks screens share: priority-coloured check boxes and radio buttons, chips, glyphs, the drawer
scrim, the toolbar, alert dialogs and popup menus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

from droidpilot.emulator.virtual.apps.tasks import store
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, ellipsize, text_width, wrap_lines
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, dialog_buttons

# Tasks.org's priority colours (red, orange, blue, grey).
PRIORITY_COLORS = {store.HIGH: "#E53935", store.MEDIUM: "#FB8C00", store.LOW: "#1E88E5",
                   store.NONE: "#9E9E9E"}
# The list colours the list editor offers: (name, #rrggbb). `cdl_color` stores them as signed ARGB ints.
LIST_COLORS = (("Red", "#F44336"), ("Orange", "#FF9800"), ("Green", "#4CAF50"), ("Blue", "#2196F3"),
               ("Purple", "#9C27B0"), ("Grey", "#9E9E9E"))


def argb(hex_rgb: str) -> int:
    """`#rrggbb` as Android's signed 32-bit ARGB colour int (opaque)."""
    value = 0xFF000000 | int(hex_rgb[1:], 16)
    return value - (1 << 32)


def hex_of(color: int) -> str | None:
    return None if color == 0 else f"#{color & 0xFFFFFF:06X}"


@dataclass(eq=False)
class PriorityCheckBox(v.CheckBox):
    """The row's completion box, outlined (or filled when done) in the task's priority colour."""

    priority: int = store.NONE
    width: float | None = 48

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, s = (x1 + x2) // 2, (y1 + y2) // 2, v.px(10)
        color = p.theme.color(PRIORITY_COLORS.get(self.priority, PRIORITY_COLORS[store.NONE]))
        box = (cx - s, cy - s, cx + s, cy + s)
        if self.is_checked:
            p.draw.rounded_rectangle(box, radius=v.px(3), fill=color)
            draw_icon(p.draw, "check", box, (255, 255, 255))
        else:
            p.draw.rounded_rectangle(box, radius=v.px(3), outline=color, width=v.px(2))


@dataclass(eq=False)
class PriorityRadio(v.RadioButton):
    """One of the editor's four priority buttons: a ring in the priority's colour over its name."""

    priority: int = store.NONE
    size: float = 13.0

    def content_height(self, width: int) -> int:
        return v.px(64)

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, r = (x1 + x2) // 2, y1 + v.px(22), v.px(12)
        color = p.theme.color(PRIORITY_COLORS[self.priority])
        if self.is_checked:
            p.draw.ellipse((cx - r - v.px(4), cy - r - v.px(4), cx + r + v.px(4), cy + r + v.px(4)),
                           fill=p.theme.primary_container)
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=v.px(2))
        if self.is_checked:
            p.draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), fill=color)
        draw_text(p.draw, (cx, y2 - v.px(12)), self.text, v.px(self.size), self.is_checked, p.theme.text,
                  "mm")


@dataclass(eq=False)
class TaskTitle(v.TextView):
    """A task title; completed tasks are struck through, as in Tasks.org."""

    strike: bool = False

    def paint_content(self, p: Painter) -> None:
        size = v.px(self.size)
        x1, y1, x2, _ = p.box(self, v.px(self.padding))
        lines = wrap_lines(self.text or " ", size, self.bold, max(1, x2 - x1))[: self.max_lines or None]
        lines[-1] = ellipsize(lines[-1], size, self.bold, x2 - x1)
        color = p.theme.text_secondary if self.strike else p.theme.color(self.color)
        lh, y = v.line_height(self.size), y1 + v.px(4)
        for line in lines:
            draw_text(p.draw, (x1, y + lh // 2), line, size, self.bold, color, "lm")
            if self.strike:
                width = text_width(line, size, self.bold)
                p.draw.line([(x1, y + lh // 2), (x1 + width, y + lh // 2)], fill=color, width=3)
            y += lh


@dataclass(eq=False)
class Chip(v.TextView):
    """A small outlined chip (due date, list name); `tone` is a colour role or `#rrggbb`."""

    size: float = 12.0
    tone: str = "text_secondary"

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        box = (x1, y1 + v.px(4), x2, y2 - v.px(4))
        color = p.theme.color(self.tone)
        p.draw.rounded_rectangle(box, radius=v.px(8), outline=color, width=3)
        draw_text(p.draw, ((x1 + x2) // 2, (y1 + y2) // 2), self.text, v.px(self.size), False, color, "mm")


def chip(text: str, chip_id: str, tone: str = "text_secondary") -> Chip:
    width = text_width(text, v.px(12)) / v.DP + 20
    return Chip(id=chip_id, text=text, tone=tone, width=width, height=32)


@dataclass(eq=False)
class Glyph(v.ImageView):
    """Icons the shared icon set lacks: calendar, notes, list, inbox, history, done."""

    tint: str = "text_secondary"
    width: float | None = 40

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, s = (x1 + x2) // 2, (y1 + y2) // 2, v.px(10)
        c, w = p.theme.color(self.tint), v.px(2)
        d = p.draw
        if self.icon == "calendar":
            d.rounded_rectangle((cx - s, cy - s + 4, cx + s, cy + s), radius=4, outline=c, width=w)
            d.line([(cx - s, cy - s // 3), (cx + s, cy - s // 3)], fill=c, width=w)
        elif self.icon == "notes":
            for i, frac in enumerate((-0.6, -0.1, 0.4, 0.9)):
                d.line([(cx - s, cy + frac * s), (cx + s if i < 3 else cx, cy + frac * s)], fill=c, width=w)
        elif self.icon == "list":
            for frac in (-0.6, 0.0, 0.6):
                y, r = cy + frac * s, v.px(1.5)
                d.ellipse((cx - s - r, y - r, cx - s + r, y + r), fill=c)
                d.line([(cx - s // 2, y), (cx + s, y)], fill=c, width=w)
        elif self.icon == "inbox":
            d.rounded_rectangle((cx - s, cy - s, cx + s, cy + s), radius=4, outline=c, width=w)
            d.line([(cx - s, cy + 2), (cx - s // 3, cy + 2), (cx, cy + s // 2), (cx + s // 3, cy + 2),
                    (cx + s, cy + 2)], fill=c, width=w)
        else:
            draw_icon(d, {"history": "clock", "done": "check", "priority": "flag"}.get(self.icon, self.icon),
                      (cx - s, cy - s, cx + s, cy + s), c)


@dataclass(eq=False)
class Swatch(v.ImageView):
    """A round colour choice in the list editor; the chosen one has a ring and a check."""

    color_hex: str = "#9E9E9E"

    def content_height(self, width: int) -> int:
        return v.px(48)

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, r = (x1 + x2) // 2, (y1 + y2) // 2, v.px(16)
        if self.selected:
            p.draw.ellipse((cx - r - 8, cy - r - 8, cx + r + 8, cy + r + 8), outline=p.theme.text, width=4)
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.theme.color(self.color_hex))
        if self.selected:
            draw_icon(p.draw, "check", (cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), (255, 255, 255))


@dataclass(eq=False)
class Scrim(v.View):
    """The dimmed area beside an open navigation drawer; a tap closes the drawer."""

    def paint_content(self, p: Painter) -> None:
        box = p.box(self)
        region = p.image.crop(box)
        p.image.paste(Image.blend(region, Image.new("RGB", region.size, (0, 0, 0)), 0.4), box[:2])


@dataclass(eq=False)
class Backdrop(v.View):
    """The screen under an open drawer: painted, but hidden from accessibility and touch, as DrawerLayout
    marks its content NO_HIDE_DESCENDANTS (so `uiautomator dump` shows only the drawer)."""

    content: v.View | None = None

    def place(self, left: int, top: int, width: int, height: int, ctx: v.LayoutContext) -> None:
        super().place(left, top, width, height, ctx)
        if self.content is not None:
            self.content.place(left, top, width, height, ctx)

    def paint_content(self, p: Painter) -> None:
        if self.content is not None:
            p.paint(self.content)


def toolbar(title: str, nav: v.View | None, actions: Sequence[v.View] = ()) -> v.View:
    children: list[v.View] = [] if nav is None else [nav]
    children.append(v.LinearLayout(padding=4, children=[
        v.TextView(id="toolbar_title", text=title, size=22, max_lines=1)]))
    children.extend(actions)
    return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4,
                       children=children)


def alert(message: str, negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler,
          title: str = "") -> v.Dialog:
    return alert_dialog(message, positive, on_positive, negative, on_negative, title)


def buttons(negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler) -> v.View:
    return dialog_buttons(negative, positive, on_negative, on_positive)





def popup_menu(items: Sequence[v.View]) -> v.Dialog:
    return widgets.popup_menu(items)


def menu_item(label: str, handler: v.Handler) -> v.View:
    return v.TextView(id="title", text=label, size=16, padding=12, on_click=handler)
