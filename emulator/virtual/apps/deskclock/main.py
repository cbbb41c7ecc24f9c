"""The DeskClock activity: four tabs (Alarm, Clock, Timer, Stopwatch) behind a bottom navigation bar.

Each tab module builds its body and the row of controls around the centred FAB; the chosen tab, the expanded
alarm, an open picker and the timer keypad's digits live in `self.state`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.deskclock import alarm_tab, clock_tab, fmt, stopwatch_tab, store, timer_tab
from droidpilot.emulator.virtual.apps.deskclock.views import Controls, nav_item
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar

TABS: tuple[tuple[str, str, str], ...] = (
    ("alarm", "Alarm", "alarm"),
    ("clock", "Clock", "clock"),
    ("timer", "Timer", "hourglass"),
    ("stopwatch", "Stopwatch", "stopwatch"),
)
"""(key, label, icon) in bottom-bar order."""
DEFAULT_TAB = "clock"
INTENT_TABS = {
    "android.intent.action.SET_ALARM": "alarm", "android.intent.action.SHOW_ALARMS": "alarm",
    "android.intent.action.SET_TIMER": "timer", "android.intent.action.SHOW_TIMERS": "timer",
}
"""AlarmClock intent actions and the tab each opens."""
EXTRA_HOUR, EXTRA_MINUTES = "android.intent.extra.alarm.HOUR", "android.intent.extra.alarm.MINUTES"
EXTRA_MESSAGE, EXTRA_LENGTH = "android.intent.extra.alarm.MESSAGE", "android.intent.extra.alarm.LENGTH"
BUILDERS = {"alarm": alarm_tab.build, "clock": clock_tab.build, "timer": timer_tab.build,
            "stopwatch": stopwatch_tab.build}


class DeskClock(Activity):
    NAME: ClassVar[str] = ".DeskClock"

    # -- helpers the tabs use -------------------------------------------------------------------------------
    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        with self.app.db() as conn:
            yield conn

    def now_ms(self) -> int:
        return self.host.clock.now_ms()

    def is_24h(self) -> bool:
        return self.host.settings.get("system", "time_12_24") == "24"

    @property
    def tab(self) -> str:
        tab = self.state.get("tab", DEFAULT_TAB)
        return tab if tab in BUILDERS else DEFAULT_TAB

    def select_tab(self, tab: str) -> None:
        self.state["tab"] = tab
        self.state.pop("dialog", None)

    # -- screen ---------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        body, controls = BUILDERS[self.tab](self)
        body.weight = 1
        title = next(label for key, label, _icon in TABS if key == self.tab)
        children: list[v.View] = [app_bar(title), body]
        if controls:
            children.append(_control_row(controls))
        children.append(self._navigation())
        return v.LinearLayout(children=children)

    def _navigation(self) -> v.View:
        items = [nav_item(key, label, icon, key == self.tab, partial(self.select_tab, key))
                 for key, label, icon in TABS]
        return v.LinearLayout(id="bottom_navigation", vertical=False, height=80, bg="bar", children=items)

    def dialog(self) -> v.Dialog | None:
        return alarm_tab.dialog(self) if self.tab == "alarm" else None

    def on_create(self) -> None:
        self.on_new_intent(self.intent)

    def on_new_intent(self, intent: Intent) -> None:
        """Alarm and timer intents (notifications, `am start -a android.intent.action.SHOW_ALARMS`) pick a tab."""
        tab = INTENT_TABS.get(intent.action or "") or intent.extras.get("tab")
        if tab in BUILDERS:
            self.select_tab(tab)
        self._handle_api_call(intent)

    def _handle_api_call(self, intent: Intent) -> None:
        """AlarmClock's SET_ALARM with HOUR (+ MINUTES, MESSAGE) sets that alarm (enabling an identical one
        rather than duplicating it), and SET_TIMER with LENGTH (seconds) starts a timer, as AOSP's HandleApiCalls
        does. SKIP_UI only hides the UI there; here the tab shows either way."""
        extras, label = intent.extras, str(intent.extras.get(EXTRA_MESSAGE) or "")
        if intent.action == "android.intent.action.SET_ALARM" and EXTRA_HOUR in extras:
            hour, minute = _as_int(extras[EXTRA_HOUR]), _as_int(extras.get(EXTRA_MINUTES, 0))
            if hour is None or minute is None or not (0 <= hour < 24 and 0 <= minute < 60):
                return
            with self.db() as conn:
                same = [a for a in store.list_alarms(conn) if (a["hour"], a["minutes"], a["label"],
                                                                a["daysofweek"]) == (hour, minute, label, 0)]
                if same:
                    store.update_alarm(conn, self.now_ms(), same[0]["_id"], enabled=1)
                else:
                    store.insert_alarm(conn, self.now_ms(), hour, minute, True, label)
            when = store.to_ms(store.next_occurrence(hour, minute, 0, self.now_ms()))
            self.toast(fmt.alarm_set_toast(when - self.now_ms()))
        elif intent.action == "android.intent.action.SET_TIMER" and EXTRA_LENGTH in extras:
            seconds = _as_int(extras[EXTRA_LENGTH])
            if seconds is not None and 0 < seconds < 86400:
                with self.db() as conn:
                    store.start_new_timer(conn, self.now_ms(), seconds * 1000, True, label)

    def on_swipe(self, direction: str) -> bool:
        """Swiping sideways pages between tabs, as the real app's ViewPager does."""
        if direction not in ("left", "right"):
            return False
        keys = [key for key, _label, _icon in TABS]
        index = keys.index(self.tab) + (1 if direction == "left" else -1)
        if not 0 <= index < len(keys):
            return False
        self.select_tab(keys[index])
        return True


def _as_int(value: object) -> int | None:
    """An int extra (`--ei`) or its text (`--es`); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _control_row(controls: Controls) -> v.View:
    """[left button, FAB, right button] centred above the navigation bar; a None slot keeps its space."""
    left, fab, right = controls
    slots = [left or v.View(width=64), v.View(width=24), fab or v.View(width=96), v.View(width=24),
             right or v.View(width=64)]
    return v.LinearLayout(id="fab_container", vertical=False, align_center=True, height=120,
                          children=[v.View(), *slots, v.View()])
