"""The monthly view: the month's name between arrows, weekday letters, six weeks of days (Sunday first).

Each day is a clickable cell (content-desc "October 15") holding its number (`day_monthly_number_id`, selected
for today) and up to four event titles (`day_monthly_event_id`); tapping a day opens its daily view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.calendar import fmt, recurrence, store
from droidpilot.emulator.virtual.apps.calendar.widgets import EVENT_COLOR, nav_row
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, ellipsize
from droidpilot.emulator.virtual.toolkit.render import Painter

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.calendar.main import MainActivity

MAX_CHIPS = 4
WEEKDAY_LETTERS = "SMTWTFS"


@dataclass(eq=False)
class DayNumber(v.TextView):
    """A day's number; today's sits in a filled circle, days of the neighbouring months are dimmed."""

    size: float = 14.0
    other_month: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy, r = (x1 + x2) // 2, (y1 + y2) // 2, v.px(13)
        color = p.theme.outline if self.other_month else p.theme.text
        if self.selected:
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.theme.primary)
            color = p.theme.on_primary
        draw_text(p.draw, (cx, cy), self.text, v.px(self.size), self.selected, color, "mm")


@dataclass(eq=False)
class EventChip(v.TextView):
    """An event's title on its day, in the event type's colour."""

    size: float = 10.0
    dim: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        fill = p.theme.color(EVENT_COLOR)
        if self.dim:
            fill = tuple((c + 2 * b) // 3 for c, b in zip(fill, p.theme.background, strict=True))  # type: ignore[assignment]
        p.draw.rounded_rectangle((x1 + 2, y1 + 2, x2 - 2, y2 - 2), radius=v.px(3), fill=fill)
        size = v.px(self.size)
        label = ellipsize(self.text, size, False, max(1, x2 - x1 - v.px(6)))
        draw_text(p.draw, (x1 + v.px(3), (y1 + y2) // 2), label, size, False, (255, 255, 255), "lm")


def grid_start(year: int, month: int) -> date:
    """The Sunday on or before the 1st: the first cell of the six-week grid."""
    first = date(year, month, 1)
    return first - timedelta(days=(first.weekday() + 1) % 7)


def _cell(act: MainActivity, day: date, month: int, titles: list[tuple[str, bool]]) -> v.View:
    chips: list[v.View] = [EventChip(id="day_monthly_event_id", text=t, dim=past, height=17)
                           for t, past in titles[:MAX_CHIPS]]
    if len(titles) > MAX_CHIPS:
        chips[-1] = EventChip(id="day_monthly_event_id", text=f"+{len(titles) - MAX_CHIPS + 1}", height=17)
    number = DayNumber(id="day_monthly_number_id", text=str(day.day), height=30, selected=day == act.today(),
                       other_month=day.month != month)
    return v.ViewGroup(id="month_day", desc=f"{day:%B} {day.day}", padding=1,
                       on_click=partial(act.open_day, day), children=[number, *chips])


def _titles_by_day(act: MainActivity, first: date, days: int) -> dict[date, list[tuple[str, bool]]]:
    start = recurrence.midnight(first)
    end = start + days * recurrence.DAY
    with act.app.db() as conn:
        found = recurrence.expand(store.candidates(conn, start, end), start, end)
    now = act.host.clock.now_ms() // 1000
    by_day: dict[date, list[tuple[str, bool]]] = {}
    for occ in found:
        day = max(recurrence.to_date(occ.start), first)
        last = recurrence.to_date(max(occ.start, (occ.end - 1) if not occ.all_day else occ.end))
        while day <= last and (day - first).days < days:
            by_day.setdefault(day, []).append((occ.event["title"], occ.end < now))
            day += timedelta(days=1)
    return by_day


def build(act: MainActivity) -> v.View:
    year, month = act.shown_month()
    first = grid_start(year, month)
    titles = _titles_by_day(act, first, 42)
    weeks: list[v.View] = []
    for week in range(6):
        days = [first + timedelta(days=week * 7 + i) for i in range(7)]
        weeks.append(v.LinearLayout(vertical=False, weight=1, children=[
            _cell(act, d, month, titles.get(d, [])) for d in days]))
    labels = v.LinearLayout(vertical=False, height=28, children=[
        v.TextView(id="week_day_label", text=letter, size=12, color="text_secondary", align="center")
        for letter in WEEKDAY_LETTERS])
    nav = nav_row(fmt.month_title(year, month, act.today()), "Previous month", "Next month",
                  lambda: act.shift_month(-1), lambda: act.shift_month(1), act.open_go_to_date)
    grid = v.LinearLayout(id="month_grid", weight=1, children=weeks)
    return v.LinearLayout(id="month_view", children=[nav, labels, grid])


def month_after(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1
