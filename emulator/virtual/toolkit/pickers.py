"""Time and date picker dialogs, as the framework's TimePickerDialog and DatePickerDialog show them.

The pickers keep their values in a dict the caller owns (usually a key of the activity's `self.state`), so an
open picker survives snapshots and restarts like any other screen state. Create it with `time_picker_state` /
`date_picker_state`, return `time_picker(...)` / `date_picker(...)` from `Activity.dialog()`, and act in the
`on_ok` callback; `on_cancel` runs for Cancel, Back and a tap outside the dialog.

Resource-ids are the framework's (`android:id/input_hour`, `android:id/prev`, `android:id/button1` for OK...),
as a real app's dump shows them.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import draw_text
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter

PickerState = dict[str, Any]
TO_CLOCK = "Switch to clock mode for the time input."
TO_TEXT = "Switch to text input mode for the time input."


# -- small painted widgets -----------------------------------------------------------------------------------
def _centered(p: Painter, view: v.TextView, color: str) -> None:
    x1, y1, x2, y2 = p.box(view)
    draw_text(p.draw, ((x1 + x2) // 2, (y1 + y2) // 2), view.text, v.px(view.size), view.bold,
              p.theme.color(color), "mm")


@dataclass(eq=False)
class TimeChip(v.TextView):
    """The hour or minute box of the clock-mode header; the one the dial edits is highlighted."""

    size: float = 44.0
    align: str = "center"

    def paint_content(self, p: Painter) -> None:
        role = "primary_container" if self.selected else "surface_variant"
        p.draw.rounded_rectangle(p.box(self, v.px(2)), radius=v.px(8), fill=p.theme.color(role))
        _centered(p, self, "text")


@dataclass(eq=False)
class DialNumber(v.TextView):
    """A number on the clock face; `inner` puts it on the inner ring (13-23 of the 24-hour dial)."""

    size: float = 16.0
    inner: bool = False

    def paint_content(self, p: Painter) -> None:
        if self.selected:
            p.draw.ellipse(p.box(self), fill=p.theme.primary)
        _centered(p, self, "on_primary" if self.selected else "text")


@dataclass(eq=False)
class ClockFace(v.View):
    """The round dial: its children (`DialNumber`s) are placed around a circle, 12 o'clock first."""

    def content_height(self, width: int) -> int:
        return min(width, v.px(256))

    def _geometry(self) -> tuple[int, int, int]:
        side = min(self.right - self.left, self.bottom - self.top)
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2, side // 2

    def place(self, left: int, top: int, width: int, height: int, ctx: v.LayoutContext) -> None:
        super().place(left, top, width, height, ctx)
        cx, cy, radius = self._geometry()
        cell = v.px(40)
        for i, child in enumerate(self.children):
            r = (radius - cell // 2 - v.px(4)) * (0.62 if getattr(child, "inner", False) else 1.0)
            angle = 2 * math.pi * (i % 12) / 12 - math.pi / 2
            x, y = cx + round(r * math.cos(angle)), cy + round(r * math.sin(angle))
            child.place(x - cell // 2, y - cell // 2, cell, cell, ctx)

    def paint_content(self, p: Painter) -> None:
        cx, cy, radius = self._geometry()
        cx, cy = cx - p.ox, cy - p.oy
        p.draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=p.theme.surface_variant)
        chosen = next((c for c in self.children if c.selected), None)
        if chosen is not None:
            end = ((chosen.left + chosen.right) // 2 - p.ox, (chosen.top + chosen.bottom) // 2 - p.oy)
            p.draw.line([(cx, cy), end], fill=p.theme.primary, width=v.px(2))
        dot = v.px(4)
        p.draw.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=p.theme.primary)


@dataclass(eq=False)
class GlyphButton(v.ImageButton):
    """An icon button whose glyph the icon set lacks: `keyboard`, `chevron_left`, `chevron_right`."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, s = (x1 + x2) // 2, (y1 + y2) // 2, v.px(9)
        color, width = p.theme.text_secondary, v.px(2)
        if self.icon == "keyboard":
            p.draw.rounded_rectangle((cx - s - 4, cy - s + 6, cx + s + 4, cy + s - 6), radius=6,
                                     outline=color, width=width)
            p.draw.line([(cx - s // 2, cy + s // 3), (cx + s // 2, cy + s // 3)], fill=color, width=width)
        elif self.icon in ("chevron_left", "chevron_right"):
            sign = -1 if self.icon == "chevron_left" else 1
            half = sign * s // 2
            p.draw.line([(cx - half, cy - s), (cx + half, cy), (cx - half, cy + s)], fill=color, width=width,
                        joint="curve")
        else:
            draw_icon(p.draw, self.icon, (cx - s, cy - s, cx + s, cy + s), color)


def _buttons(on_ok: v.Handler, on_cancel: v.Handler, lead: v.View | None = None) -> v.View:
    children: list[v.View] = [lead or v.View(width=0), v.View(),
                              v.Button(id="android:id/button2", text="Cancel", style="text", width=96,
                                       on_click=on_cancel),
                              v.Button(id="android:id/button1", text="OK", style="text", width=72,
                                       on_click=on_ok)]
    return v.LinearLayout(vertical=False, align_center=True, height=52, children=children)


# -- time picker ---------------------------------------------------------------------------------------------
def time_picker_state(hour: int, minute: int, is_24h: bool = False, mode: str = "keyboard") -> PickerState:
    """Fresh picker state showing `hour`:`minute` (24-hour values); `mode` is `keyboard` or `clock`."""
    shown = f"{hour:02d}" if is_24h else str(hour % 12 or 12)
    return {"hour": shown, "minute": f"{minute:02d}", "pm": hour >= 12, "mode": mode, "dial": "hour",
            "error": False, "select": ""}


def picked_time(state: PickerState, is_24h: bool = False) -> tuple[int, int] | None:
    """The (hour 0-23, minute) the picker holds, or None if the typed values are not a valid time."""
    hour_text, minute_text = state.get("hour", ""), state.get("minute", "")
    if not (hour_text.isdigit() and minute_text.isdigit()):
        return None
    hour, minute = int(hour_text), int(minute_text)
    if not 0 <= minute <= 59:
        return None
    if is_24h:
        return (hour, minute) if 0 <= hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if state.get("pm") else 0), minute


def _typed(state: PickerState, key: str, value: str) -> None:
    """An edit of the hour or minute field. A fresh tap selects the field, so typing replaces its text."""
    old = state.get(key, "")
    if state.get("select") == key:
        value = value[len(old):] if value.startswith(old) and len(value) > len(old) else ""
        state["select"] = ""
    state[key] = "".join(c for c in value if c.isdigit())[:2]  # maxLength=2, digits only
    state["error"] = False


def _select(state: PickerState, key: str) -> None:
    state["select"] = key


def _am_pm(state: PickerState) -> list[v.View]:
    def choose(pm: bool) -> None:
        state["pm"] = pm

    return [v.LinearLayout(width=80, children=[
        v.RadioButton(id="android:id/am_label", text="AM", is_checked=not state.get("pm"), size=14,
                      on_change=lambda _c: choose(False)),
        v.RadioButton(id="android:id/pm_label", text="PM", is_checked=bool(state.get("pm")), size=14,
                      on_change=lambda _c: choose(True)),
    ])]


def _input_body(state: PickerState, is_24h: bool, title: str) -> list[v.View]:
    def field(key: str) -> v.EditText:
        return v.EditText(id=f"android:id/input_{key}", text=state.get(key, ""), size=32, width=96, height=80,
                          on_change=lambda t: _typed(state, key, t), on_click=lambda: _select(state, key))

    fields = v.LinearLayout(vertical=False, align_center=True, spacing=4, height=96, children=[
        field("hour"),
        v.TextView(id="android:id/input_separator", text=":", size=32, width=20, align="center"),
        field("minute"), *([] if is_24h else _am_pm(state)), v.View()])
    labels = v.LinearLayout(vertical=False, spacing=4, children=[
        v.TextView(id="android:id/label_hour", text="Hour", size=12, color="text_secondary", width=96),
        v.View(width=20),
        v.TextView(id="android:id/label_minute", text="Minute", size=12, color="text_secondary", width=96),
        v.View()])
    error = v.TextView(id="android:id/label_error", text="Enter a valid time", size=12, color="error",
                       visible=bool(state.get("error")))
    header = v.TextView(id="android:id/input_header", text=title or "Enter time", size=14,
                        color="text_secondary")
    return [header, fields, labels, error]


def _dial(state: PickerState, is_24h: bool) -> v.View:
    if state.get("dial") == "minute":
        current = state.get("minute", "")
        values = [(m, f"{m:02d}", False) for m in range(0, 60, 5)]
        key = "minute"
    else:
        current = state.get("hour", "")
        top = (0, "00", False) if is_24h else (12, "12", False)
        outer = [top] + [(h, str(h), False) for h in range(1, 12)]
        inner = [(h, str(h), True) for h in range(12, 24)] if is_24h else []
        values, key = outer + inner, "hour"

    def pick(value: int) -> None:
        state[key] = f"{value:02d}" if key == "minute" or is_24h else str(value)
        state["error"] = False
        state["dial"] = "minute"

    numbers: list[v.View] = [
        DialNumber(text=label, inner=inner_ring, selected=current.isdigit() and int(current) == value,
                   on_click=partial(pick, value)) for value, label, inner_ring in values]
    return ClockFace(id="android:id/radial_picker", height=256, children=numbers)


def _clock_body(state: PickerState, is_24h: bool, title: str) -> list[v.View]:
    def show(dial: str) -> None:
        state["dial"] = dial

    on_minutes = state.get("dial") == "minute"
    header = v.LinearLayout(id="android:id/time_header", vertical=False, align_center=True, spacing=4,
                            height=88, children=[
        TimeChip(id="android:id/hours", text=state.get("hour", ""), width=96, height=80,
                 selected=not on_minutes, on_click=lambda: show("hour")),
        v.TextView(id="android:id/separator", text=":", size=40, width=20, align="center"),
        TimeChip(id="android:id/minutes", text=state.get("minute", ""), width=96, height=80,
                 selected=on_minutes, on_click=lambda: show("minute")),
        *([] if is_24h else _am_pm(state)), v.View()])
    title_view = v.TextView(text=title or "Select time", size=14, color="text_secondary")
    return [title_view, header, _dial(state, is_24h)]


def _toggle_mode(state: PickerState, is_24h: bool) -> None:
    if state.get("mode") == "clock":
        state["mode"] = "keyboard"
        return
    if picked_time(state, is_24h) is None:  # the dial can only show a valid time
        state.update(time_picker_state(0 if is_24h else 12, 0, is_24h))
    state.update(mode="clock", dial="hour", error=False, select="")


def time_picker(state: PickerState, on_ok: Callable[[int, int], None], on_cancel: v.Handler,
                is_24h: bool = False, title: str = "") -> v.Dialog:
    """The time picker dialog. `on_ok(hour 0-23, minute)` runs only for a valid time; otherwise the dialog
    stays open and shows "Enter a valid time"."""

    def confirm() -> None:
        picked = picked_time(state, is_24h)
        if picked is None:
            state["error"] = True
            return
        on_ok(*picked)

    clock = state.get("mode") == "clock"
    body = _clock_body(state, is_24h, title) if clock else _input_body(state, is_24h, title)
    toggle = GlyphButton(id="android:id/toggle_mode", icon="keyboard" if clock else "clock",
                         desc=TO_TEXT if clock else TO_CLOCK, on_click=lambda: _toggle_mode(state, is_24h))
    return v.Dialog(id="time_picker", spacing=8, on_dismiss=on_cancel,
                    children=[*body, _buttons(confirm, on_cancel, toggle)])


# -- date picker ---------------------------------------------------------------------------------------------
@dataclass(eq=False)
class DayCell(v.TextView):
    """A day of the month grid: the chosen day is a filled circle, today an outlined one."""

    size: float = 14.0
    today: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, r = (x1 + x2) // 2, (y1 + y2) // 2, min(x2 - x1, y2 - y1) // 2 - v.px(2)
        if self.selected:
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.theme.primary)
        elif self.today:
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=p.theme.primary, width=v.px(1))
        _centered(p, self, "on_primary" if self.selected else ("primary" if self.today else "text"))


def date_picker_state(day: date) -> PickerState:
    """Fresh picker state with `day` chosen and its month shown."""
    return {"year": day.year, "month": day.month, "day": day.day,
            "view_year": day.year, "view_month": day.month}


def picked_date(state: PickerState) -> date:
    return date(state["year"], state["month"], state["day"])


def _shift_month(state: PickerState, delta: int) -> None:
    index = state["view_year"] * 12 + state["view_month"] - 1 + delta
    state["view_year"], state["view_month"] = divmod(index, 12)
    state["view_month"] += 1


def _choose(state: PickerState, day: date) -> None:
    state.update(year=day.year, month=day.month, day=day.day)


def _week_row(state: PickerState, week: list[int], today: date | None) -> v.View:
    year, month = state["view_year"], state["view_month"]
    chosen = picked_date(state)
    cells: list[v.View] = []
    for number in week:
        if number == 0:
            cells.append(v.View())
            continue
        day = date(year, month, number)
        cells.append(DayCell(text=str(number), desc=day.strftime("%d %B %Y"), selected=day == chosen,
                             today=day == today, on_click=partial(_choose, state, day)))
    return v.LinearLayout(vertical=False, height=44, children=cells)


def _month_grid(state: PickerState, today: date | None) -> list[v.View]:
    year, month = state["view_year"], state["view_month"]
    nav = v.LinearLayout(vertical=False, align_center=True, height=48, children=[
        GlyphButton(id="android:id/prev", icon="chevron_left", desc="Previous month",
                    on_click=lambda: _shift_month(state, -1)),
        v.TextView(id="android:id/month_view", text=date(year, month, 1).strftime("%B %Y"), size=14,
                   bold=True, align="center"),
        GlyphButton(id="android:id/next", icon="chevron_right", desc="Next month",
                    on_click=lambda: _shift_month(state, 1)),
    ])
    names = v.LinearLayout(vertical=False, height=32, children=[
        v.TextView(text=letter, size=12, color="text_secondary", align="center") for letter in "SMTWTFS"])
    weeks = calendar.Calendar(firstweekday=calendar.SUNDAY).monthdayscalendar(year, month)
    return [nav, names, *(_week_row(state, week, today) for week in weeks)]


def date_picker(state: PickerState, on_ok: Callable[[date], None], on_cancel: v.Handler,
                today: date | None = None, title: str = "Select date") -> v.Dialog:
    """The calendar-mode date picker dialog: a header with the chosen date, a month grid and OK/Cancel.
    `today` (from the virtual clock) is outlined in the grid."""
    chosen = picked_date(state)
    header = v.LinearLayout(id="android:id/date_picker_header", spacing=2, children=[
        v.TextView(text=title, size=14, color="text_secondary"),
        v.TextView(id="android:id/date_picker_header_year", text=str(chosen.year), size=14,
                   color="text_secondary"),
        v.TextView(id="android:id/date_picker_header_date", text=f"{chosen:%a}, {chosen:%b} {chosen.day}",
                   size=30),
    ])
    return v.Dialog(id="date_picker", spacing=4, on_dismiss=on_cancel, children=[
        header, v.View(height=1, bg="outline"), *_month_grid(state, today),
        _buttons(lambda: on_ok(picked_date(state)), on_cancel)])
