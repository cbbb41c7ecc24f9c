"""The DeskClock activity: four tabs (Alarm, Clock, Timer, Stopwatch) behind a bottom navigation bar.

Each tab module builds its body and the row of controls around the centred FAB; the chosen tab, the expanded
alarm, an open picker and the timer keypad's digits live in `self.state`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from emulator.virtual.apps.base import Activity, Intent
from emulator.virtual.apps.deskclock import alarm_tab, clock_tab, stopwatch_tab, timer_tab
from emulator.virtual.apps.deskclock.views import Controls, nav_item
from emulator.virtual.toolkit import views as v
from emulator.virtual.toolkit.widgets import app_bar

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
        items = [nav_item(key, label, icon, key == self.tab, lambda k=key: self.select_tab(k))
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


def _control_row(controls: Controls) -> v.View:
    """[left button, FAB, right button] centred above the navigation bar; a None slot keeps its space."""
    left, fab, right = controls
    slots = [left or v.View(width=64), v.View(width=24), fab or v.View(width=96), v.View(width=24),
             right or v.View(width=64)]
    return v.LinearLayout(id="fab_container", vertical=False, align_center=True, height=120,
                          children=[v.View(), *slots, v.View()])
