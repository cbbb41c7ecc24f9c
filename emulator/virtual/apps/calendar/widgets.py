"""Views the Calendar screens share: glyph icons, the arrows-and-title navigation row, event rows and dialogs.

They are ordinary views with real Android class names in the dump; only some of their painting is custom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.pickers import GlyphButton
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color

Box = tuple[int, int, int, int]
EVENT_COLOR = "#2196F3"
"""The "Regular event" type's colour (Simple Calendar's default blue)."""


def draw_glyph(p: Painter, name: str, box: Box, color: Color) -> None:
    """Calendar glyphs the shared icon set lacks; anything else falls back to it."""
    x1, y1, x2, y2 = box
    cx, cy, r, w = (x1 + x2) // 2, (y1 + y2) // 2, (x2 - x1) // 2, max(3, (x2 - x1) // 11)
    d = p.draw
    if name == "today":
        d.rounded_rectangle((cx - r * 0.8, cy - r * 0.7, cx + r * 0.8, cy + r * 0.85), radius=w,
                            outline=color, width=w)
        d.line([(cx - r * 0.8, cy - r * 0.3), (cx + r * 0.8, cy - r * 0.3)], fill=color, width=w)
        d.rectangle((cx + r * 0.15, cy + r * 0.1, cx + r * 0.5, cy + r * 0.45), fill=color)
    elif name == "bell":
        d.chord((cx - r * 0.65, cy - r * 0.8, cx + r * 0.65, cy + r * 0.9), 180, 360, fill=color)
        d.rectangle((cx - r * 0.65, cy + r * 0.05, cx + r * 0.65, cy + r * 0.45), fill=color)
        d.rectangle((cx - r * 0.85, cy + r * 0.45, cx + r * 0.85, cy + r * 0.6), fill=color)
        d.ellipse((cx - r * 0.2, cy + r * 0.65, cx + r * 0.2, cy + r * 0.95), fill=color)
    elif name == "repeat":
        d.line([(cx - r * 0.7, cy), (cx - r * 0.7, cy - r * 0.45), (cx + r * 0.6, cy - r * 0.45)], fill=color,
               width=w, joint="curve")
        d.polygon([(cx + r * 0.45, cy - r * 0.75), (cx + r * 0.85, cy - r * 0.45),
                   (cx + r * 0.45, cy - r * 0.15)], fill=color)
        d.line([(cx + r * 0.7, cy), (cx + r * 0.7, cy + r * 0.45), (cx - r * 0.6, cy + r * 0.45)], fill=color,
               width=w, joint="curve")
        d.polygon([(cx - r * 0.45, cy + r * 0.15), (cx - r * 0.85, cy + r * 0.45),
                   (cx - r * 0.45, cy + r * 0.75)], fill=color)
    elif name == "place":
        d.ellipse((cx - r * 0.55, cy - r * 0.9, cx + r * 0.55, cy + r * 0.2), outline=color, width=w)
        d.polygon([(cx - r * 0.45, cy - r * 0.1), (cx + r * 0.45, cy - r * 0.1), (cx, cy + r * 0.9)],
                  fill=color)
    elif name == "dot":
        d.ellipse((cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55),
                  fill=p.theme.color(EVENT_COLOR))
    else:
        draw_icon(d, name, box, color)


@dataclass(eq=False)
class Glyph(v.ImageButton):
    """An icon button (or, without `on_click`, an icon) drawn with `draw_glyph`."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, half = (x1 + x2) // 2, (y1 + y2) // 2, v.px(12)
        color = p.theme.color(self.tint) if self.enabled else p.theme.outline
        draw_glyph(p, self.icon, (cx - half, cy - half, cx + half, cy + half), color)


def icon(name: str, view_id: str = "") -> Glyph:
    """A decorative 24dp icon at the start of an editor row (not clickable, no content-desc)."""
    return Glyph(id=view_id, icon=name, width=48, tint="text_secondary")


def nav_row(title: str, prev_desc: str, next_desc: str, on_prev: v.Handler, on_next: v.Handler,
            on_title: v.Handler) -> v.View:
    """The row above a month or a day: `top_left_arrow`, the `top_value` title, `top_right_arrow`."""
    return v.LinearLayout(id="top_navigation", vertical=False, align_center=True, height=56, children=[
        GlyphButton(id="top_left_arrow", icon="chevron_left", desc=prev_desc, on_click=on_prev),
        v.TextView(id="top_value", text=title, size=20, bold=True, align="center", on_click=on_title),
        GlyphButton(id="top_right_arrow", icon="chevron_right", desc=next_desc, on_click=on_next),
    ])


@dataclass(eq=False)
class ColorBar(v.View):
    """The event type's colour strip at the start of an event row."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        p.draw.rounded_rectangle((x1, y1 + v.px(6), x2, y2 - v.px(6)), radius=v.px(2),
                                 fill=p.theme.color(EVENT_COLOR))


def event_row(title: str, when: str, detail: str, on_click: v.Handler, dim: bool = False) -> v.View:
    """An event in the day view, the event list or search results (Simple Calendar's `event_list_item`)."""
    texts: list[v.View] = [
        v.TextView(id="event_item_title", text=title or "(No title)", size=16, bold=True, max_lines=1,
                   color="text_secondary" if dim else "text"),
        v.TextView(id="event_item_time", text=when, size=14, color="text_secondary", max_lines=1),
    ]
    if detail:
        texts.append(v.TextView(id="event_item_description", text=detail, size=14, color="text_secondary",
                                max_lines=1))
    bar = ColorBar(id="event_item_color_bar", width=4)
    return v.ViewGroup(id="event_item_holder", vertical=False, spacing=12, padding=8, on_click=on_click,
                       children=[bar, v.LinearLayout(children=texts)])


def section_title(text: str, today: bool = False) -> v.TextView:
    return v.TextView(id="event_section_title", text=text, size=14, bold=True,
                      color="primary" if today else "text_secondary", padding=12)


def radio_dialog(title: str, options: Sequence[tuple[str, bool]], on_pick: Callable[[int], None],
                 on_dismiss: v.Handler) -> v.Dialog:
    """Simple Commons' RadioGroupDialog: picking an option closes it, there are no buttons."""
    children: list[v.View] = []
    if title:
        children.append(v.TextView(id="android:id/alertTitle", text=title, size=22))
    group = v.LinearLayout(id="dialog_radio_group", children=[
        v.RadioButton(text=label, is_checked=checked, on_change=v.ignoring_value(partial(on_pick, i)))
        for i, (label, checked) in enumerate(options)])
    return v.Dialog(children=[*children, group], on_dismiss=on_dismiss)


def confirm_dialog(body: Sequence[v.View], negative: str, positive: str, on_negative: v.Handler,
                   on_positive: v.Handler, on_dismiss: v.Handler) -> v.Dialog:
    """An AlertDialog with the framework's ids (button1 positive, button2 negative); `on_dismiss` runs for
    Back and a tap outside."""
    buttons = v.LinearLayout(vertical=False, spacing=8, height=56, children=[
        v.View(),
        v.Button(id="android:id/button2", text=negative, style="text", width=104, on_click=on_negative),
        v.Button(id="android:id/button1", text=positive, style="text", width=104, on_click=on_positive),
    ])
    return v.Dialog(children=[*body, buttons], on_dismiss=on_dismiss)
