"""MainActivity: the search bar with "Go to today" and "Change view", the chosen view, the "New event" FAB.

State keys: `view` (`month`, `day` or `list`), `month` ([year, month] once navigated; else the clock's month),
`day` (ISO date of the daily view; else today), `day_from_month` (Back returns to the month), `searching` and
`query`, `dialog` (`views` or `go_to_date`) and `picker` (the date picker's state).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.calendar import lists, month, recurrence
from droidpilot.emulator.virtual.apps.calendar.widgets import Glyph, radio_dialog
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.pickers import date_picker, date_picker_state
from droidpilot.emulator.virtual.toolkit.widgets import fab

EDITOR = ".activities.EventActivity"
VIEWS = (("day", "Daily view"), ("month", "Monthly view"), ("list", "Simple event list"))
TIME_URI = "content://com.android.calendar/time/"


class MainActivity(Activity):
    NAME: ClassVar[str] = ".activities.MainActivity"
    LABEL: ClassVar[str] = "Calendar"

    # -- what is shown --------------------------------------------------------------------------------------
    def today(self) -> date:
        return self.host.clock.now().date()

    def is_24h(self) -> bool:
        return self.host.settings.get("system", "time_12_24") == "24"

    @property
    def view(self) -> str:
        shown = self.state.get("view", "month")
        return shown if shown in dict(VIEWS) else "month"

    def shown_month(self) -> tuple[int, int]:
        stored = self.state.get("month")
        if isinstance(stored, list) and len(stored) == 2:
            return int(stored[0]), int(stored[1])
        return self.today().year, self.today().month

    def shown_day(self) -> date:
        try:
            return date.fromisoformat(self.state["day"])
        except (KeyError, TypeError, ValueError):
            return self.today()

    def on_create(self) -> None:
        self._open_uri(self.intent)

    def on_new_intent(self, intent: Intent) -> None:
        self._open_uri(intent)

    def _open_uri(self, intent: Intent) -> None:
        """`content://com.android.calendar/time/MILLIS` (CalendarContract's VIEW link) opens that day."""
        data = intent.data or ""
        millis = data.removeprefix(TIME_URI)
        if data.startswith(TIME_URI) and millis.isdigit():
            self.state.clear()
            self.state.update(view="day", day=recurrence.to_date(int(millis) // 1000).isoformat())

    # -- navigation -----------------------------------------------------------------------------------------
    def open_day(self, day: date) -> None:
        self.state.update(view="day", day=day.isoformat(), day_from_month=self.view == "month")
        self.reset_scroll("day_events")

    def shift_month(self, delta: int) -> None:
        self.state["month"] = list(month.month_after(*self.shown_month(), delta))

    def shift_day(self, delta: int) -> None:
        self.state["day"] = (self.shown_day() + timedelta(days=delta)).isoformat()
        self.reset_scroll("day_events")

    def go_to_today(self) -> None:
        self.state.pop("month", None)
        self.state.pop("day", None)
        self.reset_scroll("calendar_events_list")
        self.reset_scroll("day_events")

    def set_view(self, view: str) -> None:
        self.state.pop("dialog", None)
        self.state.pop("day_from_month", None)
        self.state["view"] = view
        if view == "month" and "day" in self.state:
            self.state["month"] = [self.shown_day().year, self.shown_day().month]

    def open_event(self, event_id: int, occurrence_ts: int) -> None:
        self.start(EDITOR, event_id=event_id, event_occurrence_ts=occurrence_ts)

    def new_event(self) -> None:
        extras = {"day": self.shown_day().isoformat()} if self.view == "day" else {}
        self.start(EDITOR, **extras)

    def open_go_to_date(self) -> None:
        if self.view == "month":
            year, shown = self.shown_month()
            initial = self.today() if (year, shown) == (self.today().year, self.today().month) else date(
                year, shown, 1)
        else:
            initial = self.shown_day()
        self.state.update(dialog="go_to_date", picker=date_picker_state(initial))

    def _went_to_date(self, day: date) -> None:
        self.close_dialog()
        self.state.pop("picker", None)
        if self.view == "month":
            self.state["month"] = [day.year, day.month]
        else:
            self.state["day"] = day.isoformat()

    # -- search ---------------------------------------------------------------------------------------------
    def _start_search(self) -> None:
        self.state["searching"] = True

    def _typed(self, text: str) -> None:
        self.state.update(searching=True, query=text)
        self.reset_scroll("search_results_list")

    def _close_search(self) -> None:
        self.state.pop("searching", None)
        self.state.pop("query", None)
        self.clear_focus()

    # -- view -----------------------------------------------------------------------------------------------
    def _top_bar(self) -> v.View:
        searching = bool(self.state.get("searching"))
        lead = Glyph(id="top_toolbar_search_icon", icon="back" if searching else "search",
                     desc="Navigate up" if searching else "Search",
                     on_click=self._close_search if searching else self._focus_search)
        field = v.EditText(id="top_toolbar_search", hint="Search", text=self.state.get("query", ""),
                           on_change=self._typed, on_click=self._start_search)
        actions: list[v.View] = [] if searching else [
            Glyph(id="go_to_today", icon="today", desc="Go to today", on_click=self.go_to_today),
            Glyph(id="change_view", icon="grid", desc="Change view",
                  on_click=lambda: self.state.update(dialog="views")),
        ]
        return v.ViewGroup(id="top_app_bar_layout", vertical=False, align_center=True, height=64, padding=4,
                           spacing=4, children=[lead, field, *actions])

    def _focus_search(self) -> None:
        self._start_search()
        self.request_focus("top_toolbar_search")

    def build(self) -> v.View:
        if self.state.get("searching"):
            body = lists.build_search(self, self.state.get("query", ""))
            return v.LinearLayout(children=[self._top_bar(), v.FrameLayout(weight=1, children=[body])])
        body = {"month": month.build, "day": lists.build_day, "list": lists.build_list}[self.view](self)
        button = fab("New event", self.new_event, fab_id="calendar_fab")
        return v.LinearLayout(children=[self._top_bar(), v.FrameLayout(weight=1, children=[body, button])])

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "views":
            return radio_dialog("", [(label, key == self.view) for key, label in VIEWS],
                                lambda i: self.set_view(VIEWS[i][0]), self.close_dialog)
        if kind == "go_to_date" and isinstance(self.state.get("picker"), dict):
            return date_picker(self.state["picker"], self._went_to_date, self._cancel_picker,
                               today=self.today(), title="Go to date")
        return None

    def _cancel_picker(self) -> None:
        self.close_dialog()
        self.state.pop("picker", None)

    # -- keys and gestures ----------------------------------------------------------------------------------
    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self._cancel_picker()
            return True
        if self.state.get("searching"):
            self._close_search()
            return True
        if self.view == "day" and self.state.get("day_from_month"):
            self.set_view("month")
            return True
        return False

    def on_swipe(self, direction: str) -> bool:
        if direction not in ("left", "right") or self.state.get("searching") or self.view == "list":
            return False
        delta = 1 if direction == "left" else -1
        self.shift_month(delta) if self.view == "month" else self.shift_day(delta)
        return True
