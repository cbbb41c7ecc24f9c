"""Views the Expenses screens share: category badges, expense rows, toolbars, the confirm dialog and the
navigation drawer. They are ordinary views with real Android class names; only their painting is custom."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from PIL import Image

from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import font
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter

# Badge colours per category id, close to the app's pastel category circles.
BADGE_COLORS = {1: "#90A4AE", 2: "#66BB6A", 3: "#FFA726", 4: "#8D6E63", 5: "#AB47BC", 6: "#EC407A",
                7: "#42A5F5", 8: "#26A69A", 9: "#EF5350", 10: "#5C6BC0", 11: "#FFCA28"}
DRAWER_ITEMS = (("home", "Home", "home"), ("logs", "Expense Logs", "logs"), ("statistics", "Statistics", "stats"))
"""(key, label, glyph) of the navigation drawer's menu, in order."""


@dataclass(eq=False)
class CategoryBadge(v.ImageView):
    """The round category icon of a row: the category's colour with its initial, or a check when selected."""

    category: int = store.DEFAULT_CATEGORY
    checked_mark: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = min(x2 - x1, y2 - y1) // 2 - v.px(2)
        fill = p.theme.primary if self.checked_mark else p.theme.color(BADGE_COLORS.get(self.category, "#90A4AE"))
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        if self.checked_mark:
            g = r * 3 // 5
            draw_icon(p.draw, "check", (cx - g, cy - g, cx + g, cy + g), p.theme.on_primary)
            return
        letter = store.category_name(self.category)[:1]
        p.draw.text((cx, cy), letter, font=font(r, True), fill=(255, 255, 255), anchor="mm")


@dataclass(eq=False)
class ShareBar(v.View):
    """A thin bar showing a category's share of the period's total."""

    fraction: float = 0.0
    color: str = "primary"

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cy, h = (y1 + y2) // 2, v.px(3)
        p.draw.rounded_rectangle((x1, cy - h, x2, cy + h), radius=h, fill=p.theme.surface_variant)
        end = x1 + max(2 * h, round((x2 - x1) * min(1.0, self.fraction)))
        p.draw.rounded_rectangle((x1, cy - h, end, cy + h), radius=h, fill=p.theme.color(self.color))


@dataclass(eq=False)
class Scrim(v.View):
    """The dimmed area beside an open drawer; a tap closes it."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        region = p.image.crop((x1, y1, x2, y2))
        dark = Image.new("RGB", region.size, p.theme.scrim)
        p.image.paste(Image.blend(region, dark, 0.4), (x1, y1))


@dataclass(eq=False)
class Glyph(v.ImageView):
    """Icons the shared set lacks: `home`, `logs`, `stats`, `calendar`, `dropdown`; others fall back to it."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        s = min(x2 - x1, y2 - y1, v.px(24)) // 2
        cx, cy, c, w = (x1 + x2) // 2, (y1 + y2) // 2, p.theme.color(self.tint), v.px(2)
        d = p.draw
        if self.icon == "home":
            d.line([(cx - s, cy), (cx, cy - s), (cx + s, cy)], fill=c, width=w, joint="curve")
            d.rectangle((cx - s * 0.65, cy - s * 0.1, cx + s * 0.65, cy + s * 0.85), outline=c, width=w)
        elif self.icon == "logs":
            for dy in (-0.6, 0.0, 0.6):
                d.line([(cx - s * 0.8, cy + s * dy), (cx + s * 0.8, cy + s * dy)], fill=c, width=w)
        elif self.icon == "stats":
            for i, height in enumerate((0.6, 1.4, 1.0)):
                bx = cx - s * 0.8 + i * s * 0.6
                d.rectangle((bx, cy + s * 0.8 - s * height, bx + s * 0.4, cy + s * 0.8), fill=c)
        elif self.icon == "calendar":
            d.rectangle((cx - s * 0.85, cy - s * 0.7, cx + s * 0.85, cy + s * 0.85), outline=c, width=w)
            d.line([(cx - s * 0.85, cy - s * 0.25), (cx + s * 0.85, cy - s * 0.25)], fill=c, width=w)
            for fx in (-0.45, 0.45):  # the binder rings
                d.line([(cx + s * fx, cy - s * 0.95), (cx + s * fx, cy - s * 0.5)], fill=c, width=w)
        elif self.icon == "dropdown":
            d.polygon([(cx - s * 0.5, cy - s * 0.25), (cx + s * 0.5, cy - s * 0.25), (cx, cy + s * 0.3)], fill=c)
        else:
            draw_icon(d, self.icon, (cx - s, cy - s, cx + s, cy + s), c)


class GlyphButton(v.ImageButton):
    """An ImageButton painted with `Glyph`'s extra icons."""

    def paint_content(self, p: Painter) -> None:
        Glyph.paint_content(self, p)  # type: ignore[arg-type]


def toolbar(title: str, on_nav: v.Handler | None, nav_icon: str = "back", nav_desc: str = "Navigate up",
            actions: Sequence[v.View] = (), subtitle: str = "") -> v.View:
    """A MaterialToolbar (`toolbar`): navigation icon, title and subtitle, trailing action buttons."""
    children: list[v.View] = []
    if on_nav is not None:
        children.append(v.ImageButton(desc=nav_desc, icon=nav_icon, on_click=on_nav))
    titles: list[v.View] = [v.TextView(text=title, size=22, max_lines=1)]
    if subtitle:
        titles.append(v.TextView(text=subtitle, size=14, color="text_secondary", max_lines=1))
    children.append(v.LinearLayout(padding=4, children=titles))
    children.extend(actions)
    return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=children)


def expense_row(expense: dict[str, Any], now: datetime, on_click: v.Handler,
                on_long_click: v.Handler | None = None, selected: bool = False) -> v.View:
    """An expense list item (`cd_expense`): badge, name, "Category · date", amount."""
    texts = v.LinearLayout(children=[
        v.TextView(id="tv_name", text=expense["name"] or "", size=16, max_lines=1),
        v.TextView(id="tv_date", text=f"{expense['category_name']} · {store.short_date(expense['created_date'], now)}",
                   size=13, color="text_secondary", max_lines=1),
    ])
    amount = v.TextView(id="tv_amount", text=store.format_amount(expense["amount"]), size=16, bold=True,
                        align="right", width=112)
    badge = CategoryBadge(id="imv_category", category=int(expense["category"]), checked_mark=selected,
                          width=44, height=44)
    return v.ViewGroup(id="cd_expense", vertical=False, align_center=True, padding=10, spacing=14, height=72,
                       selected=selected, on_click=on_click, on_long_click=on_long_click,
                       children=[v.View(width=4), badge, texts, amount])


def date_header(text: str) -> v.TextView:
    return v.TextView(id="tv_date_header", text=text, size=14, bold=True, color="primary", padding=12, height=44)


def confirm_delete(count: int, on_cancel: v.Handler, on_confirm: v.Handler) -> v.Dialog:
    """The app's delete confirmation: "Delete Items" / "N items will be deleted!" / Cancel, Confirm."""
    noun = "item" if count == 1 else "items"
    return v.Dialog(id="delete_confirm", children=[
        v.TextView(id="android:id/alertTitle", text="Delete Items", size=22),
        v.TextView(id="android:id/message", text=f"{count} {noun} will be deleted!", size=16,
                   color="text_secondary"),
        v.LinearLayout(vertical=False, spacing=8, height=56, children=[
            v.View(),
            v.Button(id="android:id/button2", text="Cancel", style="text", width=112, on_click=on_cancel),
            v.Button(id="android:id/button1", text="Confirm", style="text", width=112, on_click=on_confirm),
        ]),
    ])


def drawer(current: str, on_pick: Callable[[str], None], on_close: v.Handler) -> v.View:
    """The navigation drawer (`nav_view`) over a scrim; it fills the screen beside the app's content."""
    items: list[v.View] = [v.TextView(text="Pro Expense", size=22, bold=True, padding=16, height=72),
                           v.View(height=1, bg="outline")]
    for key, label, glyph in DRAWER_ITEMS:
        items.append(v.ViewGroup(id=f"nav_{key}", vertical=False, align_center=True, spacing=16, padding=12,
                                 height=56, selected=key == current, on_click=partial(on_pick, key),
                                 children=[Glyph(icon=glyph, width=40), v.TextView(text=label, size=16)]))
    # The drawer consumes touches on its empty part, so nothing under it is hit.
    panel = v.LinearLayout(id="nav_view", width=300, bg="surface", padding=8, spacing=4, children=items,
                           on_click=lambda: None)
    return v.LinearLayout(vertical=False, children=[panel, Scrim(desc="Close navigation drawer",
                                                                  on_click=on_close)])
