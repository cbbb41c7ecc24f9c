"""The daily view, the simple event list (agenda) and search results: lists of event rows.

- Daily view: the day's title between "Previous day" / "Next day" arrows, then RecyclerView `day_events`.
- Simple event list: RecyclerView `calendar_events_list` of the occurrences from a day ago (Simple Calendar's
  default "display past events") to a year ahead, under one `event_section_title` per day.
- Search: RecyclerView `search_results_list` of the matching events (each once, at its first occurrence).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.calendar import fmt, recurrence, store
from droidpilot.emulator.virtual.apps.calendar.recurrence import DAY, Occurrence
from droidpilot.emulator.virtual.apps.calendar.widgets import event_row, nav_row, section_title
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.calendar.main import MainActivity

LIST_DAYS = 366
MAX_LIST_ROWS = 200
PAST_SECONDS = DAY


def _detail(event: dict[str, object]) -> str:
    """The row's third line: the location, else the description's first line."""
    location = str(event["location"]).strip()
    return location or str(event["description"]).strip().split("\n")[0]


def _row(act: MainActivity, occ: Occurrence, now: int) -> v.View:
    return event_row(occ.event["title"], fmt.time_range(occ, act.is_24h()), _detail(occ.event),
                     partial(act.open_event, occ.id, occ.start), dim=occ.end < now)


def _empty(view_id: str, text: str) -> v.View:
    return v.TextView(id=view_id, text=text, size=16, color="text_secondary", align="center", padding=48)


def build_day(act: MainActivity) -> v.View:
    day = act.shown_day()
    start = recurrence.midnight(day)
    with act.app.db() as conn:
        found = recurrence.expand(store.candidates(conn, start, start + DAY), start, start + DAY)
    now = act.host.clock.now_ms() // 1000
    rows = [_row(act, occ, now) for occ in found]
    body: v.View = v.RecyclerView(id="day_events", children=rows) if rows else _empty(
        "day_events_placeholder", "No events")
    body.weight = 1
    nav = nav_row(fmt.day_title(day, act.today()), "Previous day", "Next day", lambda: act.shift_day(-1),
                  lambda: act.shift_day(1), act.open_go_to_date)
    return v.LinearLayout(id="day_view", children=[nav, body])


def build_list(act: MainActivity) -> v.View:
    now = act.host.clock.now_ms() // 1000
    start = now - PAST_SECONDS
    end = recurrence.midnight(act.today()) + LIST_DAYS * DAY
    with act.app.db() as conn:
        found = recurrence.expand(store.candidates(conn, start, end), start, end)[:MAX_LIST_ROWS]
    if not found:
        return _empty("calendar_empty_list_placeholder", "No upcoming events found.")
    rows: list[v.View] = []
    shown_day: date | None = None
    for occ in found:
        day = max(recurrence.to_date(occ.start), recurrence.to_date(start))
        if day != shown_day:
            shown_day = day
            rows.append(section_title(fmt.day_title(day, act.today()), today=day == act.today()))
        rows.append(_row(act, occ, now))
    return v.RecyclerView(id="calendar_events_list", children=rows)


def build_search(act: MainActivity, query: str) -> v.View:
    if len(query.strip()) < 2:
        return _empty("search_placeholder", "Type at least 2 characters to start the search.")
    with act.app.db() as conn:
        events = store.search(conn, query)
    if not events:
        return _empty("search_placeholder", "No items found.")
    now = act.host.clock.now_ms() // 1000
    today = act.today()
    rows: list[v.View] = []
    shown_day: date | None = None
    for event in events:
        occ = Occurrence(event, event["start_ts"], event["end_ts"])
        day = recurrence.to_date(occ.start)
        if day != shown_day:
            shown_day = day
            rows.append(section_title(fmt.day_title(day, today), today=day == today))
        rows.append(_row(act, occ, now))
    return v.RecyclerView(id="search_results_list", children=rows)
