"""Clock app flows driven through the UI, checked against alarms.db; plus the shared date picker."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, ClassVar

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.deskclock import DeskClockApp
from droidpilot.emulator.virtual.system.launcher import LauncherApp
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.pickers import date_picker, date_picker_state
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = "com.android.deskclock"
TODAY = date(2026, 10, 15)


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "alarms.db")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def alarm(phone: VirtualPhone, hour: int, minute: int) -> sqlite3.Row | None:
    found = rows(phone, "SELECT * FROM alarm_templates WHERE hour = ? AND minutes = ?", hour, minute)
    assert len(found) <= 1
    return found[0] if found else None


def in_row_of(phone: VirtualPhone, anchor: UIElement, rid: str) -> UIElement:
    """The `rid` element on the same line as `anchor` (the switch of one alarm card)."""
    y = anchor.bounds.center[1]
    for e in elements(phone):
        if e.resource_id.endswith(f":id/{rid}") and e.bounds.top <= y <= e.bounds.bottom:
            return e
    raise AssertionError(f"no {rid} next to {anchor.text}")


def notifications(phone: VirtualPhone, title: str) -> list[Any]:
    return [n for n in phone.host.state.notifications if n.package == PKG and n.title == title]


def set_time(phone: VirtualPhone, hour: str, minute: str, pm: bool = False) -> None:
    type_into(phone, hour, rid="input_hour")
    type_into(phone, minute, rid="input_minute")
    tap(phone, rid="pm_label" if pm else "am_label")
    tap(phone, text="OK")


def test_alarm_add_toggle_edit_delete(phone: VirtualPhone) -> None:
    open_app(phone, "Clock")
    tap(phone, desc="Alarm")
    assert need(phone, desc="Alarm").selected
    assert need(phone, desc="Add alarm").resource_id == f"{PKG}:id/fab"
    tap(phone, desc="Add alarm")
    need(phone, text="Enter time")
    type_into(phone, "13", rid="input_hour")
    tap(phone, text="OK")
    need(phone, text="Enter a valid time")  # hour 13 is rejected; the dialog stays
    set_time(phone, "7", "30")
    row = alarm(phone, 7, 30)
    assert row is not None and row["enabled"] == 1 and row["daysofweek"] == 0
    assert rows(phone, "SELECT * FROM alarm_instances WHERE alarm_id = ? AND alarm_state = 0", row["_id"])

    phone.tap(*in_row_of(phone, need(phone, text="7:30 AM"), "onoff").bounds.center)
    assert alarm(phone, 7, 30)["enabled"] == 0
    assert not rows(phone, "SELECT * FROM alarm_instances WHERE alarm_id = ? AND alarm_state = 0", row["_id"])

    tap(phone, text="7:30 AM")
    set_time(phone, "8", "15")
    assert alarm(phone, 7, 30) is None
    edited = alarm(phone, 8, 15)
    assert edited is not None and edited["_id"] == row["_id"] and edited["enabled"] == 1

    tap(phone, text="Delete")  # the edited card is expanded
    assert alarm(phone, 8, 15) is None
    assert find(phone, text="8:15 AM") is None


def test_alarm_label_days_and_long_press_delete(phone: VirtualPhone) -> None:
    open_app(phone, "Clock")
    tap(phone, desc="Alarm")
    tap(phone, desc="Add alarm")
    set_time(phone, "6", "45", pm=True)
    tap(phone, text="Add label")
    type_into(phone, "Gym", rid="label_input_field")
    tap(phone, text="OK")
    tap(phone, desc="Monday")
    tap(phone, rid="vibrate_onoff")
    row = alarm(phone, 18, 45)
    assert (row["label"], row["daysofweek"], row["vibrate"]) == ("Gym", 1, 0)
    tap(phone, desc="Collapse alarm")
    days = need(phone, rid="days_of_week", text="Mon")
    phone.long_press(*days.bounds.center)
    assert alarm(phone, 18, 45) is None


def test_timer_keypad_start_pause_reset(phone: VirtualPhone) -> None:
    open_app(phone, "Clock")
    tap(phone, desc="Timer")
    for digit in "130":
        tap(phone, rid=f"timer_setup_digit_{digit}")
    assert need(phone, rid="timer_setup_time").text == "00h 01m 30s"
    tap(phone, desc="Start")
    timer = rows(phone, "SELECT * FROM timers")[0]
    assert (timer["length_ms"], timer["state"]) == (90_000, "RUNNING")
    phone.advance_clock(60_000)
    assert need(phone, rid="timer_time_text").text in ("0:30", "0:29")
    tap(phone, desc="Pause")
    timer = rows(phone, "SELECT * FROM timers")[0]
    assert timer["state"] == "PAUSED" and 29_000 <= timer["remaining_ms"] <= 30_000
    phone.advance_clock(10_000)  # a paused timer does not move
    assert need(phone, rid="timer_time_text").text in ("0:30", "0:29")
    tap(phone, desc="Reset")
    timer = rows(phone, "SELECT * FROM timers")[0]
    assert (timer["state"], timer["remaining_ms"]) == ("RESET", 90_000)
    tap(phone, desc="Delete")
    assert not rows(phone, "SELECT * FROM timers")
    need(phone, rid="timer_setup_digit_5")


def test_timer_expiry_notifies_once(phone: VirtualPhone) -> None:
    open_app(phone, "Clock")
    tap(phone, desc="Timer")
    tap(phone, rid="timer_setup_digit_5")
    tap(phone, desc="Start")
    phone.press_key("HOME")  # it keeps running in the background
    phone.advance_clock(6_000)
    assert len(notifications(phone, "Time's up")) == 1
    phone.advance_clock(60_000)
    assert len(notifications(phone, "Time's up")) == 1
    assert rows(phone, "SELECT state FROM timers")[0]["state"] == "EXPIRED"
    open_app(phone, "Clock")
    tap(phone, desc="Stop")
    assert rows(phone, "SELECT state FROM timers")[0]["state"] == "RESET"


def test_stopwatch_laps_and_survives_leaving(phone: VirtualPhone) -> None:
    open_app(phone, "Clock")
    tap(phone, desc="Stopwatch")
    assert need(phone, rid="stopwatch_time_text").text == "0:00.00"
    tap(phone, desc="Start")
    phone.advance_clock(1_500)
    tap(phone, desc="Lap")
    phone.advance_clock(2_000)
    tap(phone, desc="Pause")
    watch = rows(phone, "SELECT * FROM stopwatch")[0]
    assert watch["state"] == "PAUSED" and watch["accumulated_ms"] == 3_700  # taps take 100 ms each
    assert [(r["lap_number"], r["total_time_ms"]) for r in rows(phone, "SELECT * FROM laps")] == [(1, 1_600)]
    assert need(phone, rid="stopwatch_time_text").text == "0:03.70"
    need(phone, rid="lap_total", text="0:01.60")

    tap(phone, desc="Start")
    phone.press_key("HOME")
    phone.advance_clock(60_000)
    open_app(phone, "Clock")
    assert need(phone, desc="Stopwatch").selected  # the tab is remembered
    assert need(phone, rid="stopwatch_time_text").text.startswith("1:03.")
    tap(phone, desc="Reset")
    assert rows(phone, "SELECT state, accumulated_ms FROM stopwatch")[0]["accumulated_ms"] == 0
    assert not rows(phone, "SELECT * FROM laps")


def test_alarm_fires_once_and_clock_tab(phone: VirtualPhone) -> None:
    app = phone.host.app(PKG)
    assert isinstance(app, DeskClockApp)
    once = app.insert_alarm(9, 5, label="Standup")
    daily = app.insert_alarm(9, 10, days=0x7F)
    open_app(phone, "Clock")
    tap(phone, desc="Clock")
    need(phone, rid="digital_clock", text="9:00 AM")
    need(phone, rid="nextAlarm", text="Thu 9:05 AM")
    phone.advance_clock(6 * 60_000)
    fired = notifications(phone, "Alarm")
    assert [n.text for n in fired] == ["9:05 AM · Standup"]
    assert alarm(phone, 9, 5)["enabled"] == 0  # a one-time alarm turns itself off
    need(phone, rid="digital_clock", text="9:06 AM")
    phone.advance_clock(24 * 3_600_000)
    texts = [n.text for n in notifications(phone, "Alarm")]
    # the one-time alarm rang once; the daily one caught up once, not once per missed minute
    assert texts.count("9:05 AM · Standup") == 1 and texts.count("9:10 AM") == 1
    assert {a["_id"]: a["enabled"] for a in app.alarms()}[daily] == 1
    assert app.timer_state()["state"] == "NONE" and once


class _PickerProbe(Activity):
    NAME: ClassVar[str] = ".Probe"

    def build(self) -> v.View:
        return v.LinearLayout(children=[
            v.Button(text="Pick", on_click=lambda: self.state.update(picker=date_picker_state(TODAY))),
            v.TextView(id="result", text=self.state.get("result", "")),
        ])

    def dialog(self) -> v.Dialog | None:
        if "picker" not in self.state:
            return None

        def ok(day: date) -> None:
            self.state["result"] = day.isoformat()
            self.state.pop("picker")

        return date_picker(self.state["picker"], ok, lambda: self.state.pop("picker"), today=TODAY)


class _ProbeApp(App):
    PACKAGE: ClassVar[str] = "com.example.probe"
    LABEL: ClassVar[str] = "Probe"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (_PickerProbe,)
    LAUNCHER: ClassVar[type[Activity] | None] = _PickerProbe


def test_date_picker_month_navigation() -> None:
    with VirtualPhone(apps=[LauncherApp, _ProbeApp]) as phone:
        open_app(phone, "Probe")
        tap(phone, text="Pick")
        assert need(phone, desc="15 October 2026").selected
        need(phone, rid="date_picker_header_date", text="Thu, Oct 15")
        tap(phone, desc="Next month")
        tap(phone, desc="03 November 2026")
        need(phone, rid="date_picker_header_date", text="Tue, Nov 3")
        tap(phone, desc="Previous month")
        tap(phone, desc="Previous month")
        need(phone, text="September 2026")
        tap(phone, text="OK")
        assert need(phone, rid="result").text == "2026-11-03"
