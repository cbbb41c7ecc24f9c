"""The Clock tab: the current virtual time, large, with the date and the next alarm under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.deskclock import fmt, store
from droidpilot.emulator.virtual.apps.deskclock.views import TabView
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.deskclock.main import DeskClock


def _next_alarm(act: DeskClock) -> str:
    """`Fri 7:30 AM` for the soonest pending alarm, as the clock screen's alarm line shows it."""
    with act.db() as conn:
        row = conn.execute("SELECT MIN(time_ms) FROM alarm_instances WHERE alarm_state < ?",
                           (store.FIRED_STATE,)).fetchone()
    if row is None or row[0] is None:
        return ""
    when = store.from_ms(row[0])
    return f"{when:%a} {fmt.alarm_time(when.hour, when.minute, act.is_24h())}"


def build(act: DeskClock) -> TabView:
    now = act.host.clock.now()
    next_alarm = _next_alarm(act)
    return v.LinearLayout(id="main_clock_frame", padding=24, spacing=4, children=[
        v.View(height=64),
        v.TextView(id="digital_clock", text=fmt.alarm_time(now.hour, now.minute, act.is_24h()), size=64,
                   align="center"),
        v.TextView(id="date", text=fmt.long_date(now), size=18, align="center", color="text_secondary"),
        v.TextView(id="nextAlarm", text=next_alarm, desc=f"Next alarm: {next_alarm}" if next_alarm else "",
                   size=16, align="center", color="text_secondary", visible=bool(next_alarm)),
        v.View(),
    ]), None
