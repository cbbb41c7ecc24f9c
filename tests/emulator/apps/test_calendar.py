"""Calendar app flows driven through the UI, checked against events.db (Simple Calendar Pro's schema)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.calendar import CalendarApp
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = "com.android.calendar"
MAIN = f"{PKG}.activities.MainActivity"
EDITOR = f"{PKG}.activities.EventActivity"
WEEK = 604800


def ts(month: int, day: int, hour: int, minute: int = 0) -> int:
    return int(datetime(2026, month, day, hour, minute, tzinfo=UTC).timestamp())


def rows(phone: VirtualPhone, sql: str = "SELECT * FROM events ORDER BY id", *args: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "events.db")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def texts(phone: VirtualPhone, rid: str) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


@pytest.fixture
def calendar(phone: VirtualPhone) -> CalendarApp:
    app = phone.host.app(PKG)
    assert isinstance(app, CalendarApp)
    app.clear()  # a fresh phone has a few sample events
    return app


def days_showing(phone: VirtualPhone, title: str) -> list[str]:
    """The month cells (by content-desc) that hold an event chip with `title`."""
    shown = elements(phone)
    chips = [e.bounds.center for e in shown
             if e.text == title and e.resource_id == f"{PKG}:id/day_monthly_event_id"]
    return [cell.content_desc for cell in shown if cell.resource_id == f"{PKG}:id/month_day"
            and any(cell.bounds.left <= x <= cell.bounds.right and cell.bounds.top <= y <= cell.bounds.bottom
                    for x, y in chips)]


def toast(phone: VirtualPhone) -> str:
    return phone.host.state.toast.text if phone.host.state.toast is not None else ""


def set_time(phone: VirtualPhone, field: str, hour: str, minute: str, pm: bool) -> None:
    tap(phone, rid=field)
    type_into(phone, hour, rid="input_hour")
    type_into(phone, minute, rid="input_minute")
    tap(phone, rid="pm_label" if pm else "am_label")
    tap(phone, text="OK")


def test_create_event_with_pickers(phone: VirtualPhone, calendar: CalendarApp) -> None:
    open_app(phone, "Calendar")
    need(phone, rid="top_value", text="October")
    tap(phone, desc="New event")
    assert phone.current_focus() == (PKG, EDITOR)
    need(phone, rid="event_start_time", text="10:00 AM")  # the next full hour; it ends when it starts
    type_into(phone, "Review session for Budget Planning", rid="event_title")
    type_into(phone, "We will plan annual budget.", rid="event_description")
    type_into(phone, "Room 4B", rid="event_location")
    tap(phone, rid="event_start_date")
    tap(phone, desc="20 October 2026")
    tap(phone, text="OK")
    set_time(phone, "event_start_time", "2", "30", pm=True)
    need(phone, rid="event_end_date", text="October 20 (Tue)")  # the end moved with the start
    set_time(phone, "event_end_time", "2", "15", pm=True)
    tap(phone, desc="Save")
    assert toast(phone) == "The event cannot end earlier than it starts"
    assert rows(phone) == []
    set_time(phone, "event_end_time", "3", "15", pm=True)
    tap(phone, rid="event_reminder_1")
    tap(phone, text="1 hour before")
    tap(phone, desc="Save")
    assert toast(phone) == "Event added successfully"
    assert phone.current_focus() == (PKG, MAIN)
    (row,) = rows(phone)
    assert (row["title"], row["description"], row["location"]) == (
        "Review session for Budget Planning", "We will plan annual budget.", "Room 4B")
    assert (row["start_ts"], row["end_ts"]) == (ts(10, 20, 14, 30), ts(10, 20, 15, 15))
    assert (row["reminder_1_minutes"], row["repeat_interval"], row["repeat_rule"]) == (60, 0, 0)
    assert row["flags"] == 0
    assert (row["event_type"], row["time_zone"], row["source"]) == (1, "UTC", "simple-calendar")
    cell = need(phone, desc="October 20")
    assert find(phone, rid="day_monthly_event_id", text="Review session for Budget Planning") is not None
    phone.tap(*cell.bounds.center)
    need(phone, rid="top_value", text="October 20 (Tue)")
    assert texts(phone, "event_item_time") == ["02:30 PM - 03:15 PM"]


def test_edit_event_and_make_it_weekly(phone: VirtualPhone, calendar: CalendarApp) -> None:
    event_id = calendar.insert_event("Call with Bob", ts(10, 16, 9), ts(10, 16, 9, 30), description="Sync")
    before = rows(phone)[0]
    open_app(phone, "Calendar")
    tap(phone, desc="October 16")
    tap(phone, rid="event_item_title", text="Call with Bob")
    need(phone, rid="action_bar_title", text="Edit Event")
    assert need(phone, rid="event_title").text == "Call with Bob"
    need(phone, rid="event_reminder_1", text="No reminder")
    type_into(phone, " and Alice", rid="event_title")
    phone.press_key("BACK")  # hides the keyboard, which covers the lower rows
    tap(phone, rid="event_repetition")
    tap(phone, text="Weekly")
    need(phone, rid="event_repetition_limit", text="Forever")
    tap(phone, desc="Save")
    (row,) = rows(phone)
    assert row["id"] == event_id and row["title"] == "Call with Bob and Alice"
    assert (row["repeat_interval"], row["repeat_rule"]) == (WEEK, 16)  # Friday's bit
    assert (row["start_ts"], row["end_ts"], row["import_id"]) == (before["start_ts"], before["end_ts"],
                                                                  before["import_id"])
    phone.press_key("BACK")  # the daily view goes back to the month
    tap(phone, desc="Next month")
    # every Friday of the six-week grid (Nov 1 - Dec 12), and no other day
    assert days_showing(phone, "Call with Bob and Alice") == [
        "November 6", "November 13", "November 20", "November 27", "December 4", "December 11"]


def test_delete_event_and_one_occurrence(phone: VirtualPhone, calendar: CalendarApp) -> None:
    keep = calendar.insert_event("Keep me", ts(10, 17, 8), ts(10, 17, 9))
    calendar.insert_event("Delete me", ts(10, 17, 11), ts(10, 17, 12))
    daily = calendar.insert_event("Standup", ts(10, 16, 9), ts(10, 16, 9, 15), repeat_interval=86400)
    open_app(phone, "Calendar")
    tap(phone, desc="October 17")
    assert texts(phone, "event_item_title") == ["Keep me", "Standup", "Delete me"]
    tap(phone, text="Delete me")
    tap(phone, desc="Delete")
    need(phone, text="Are you sure you want to proceed with the deletion?")
    tap(phone, text="No")
    assert len(rows(phone)) == 3
    tap(phone, desc="Delete")
    tap(phone, text="Yes")
    assert [r["id"] for r in rows(phone)] == [keep, daily]
    tap(phone, text="Standup")  # the Oct 17 occurrence of the daily event
    tap(phone, desc="Delete")
    assert need(phone, rid="delete_event_one_only").checked
    tap(phone, text="Yes")
    row = rows(phone, "SELECT * FROM events WHERE id = ?", daily)[0]
    assert row["repetition_exceptions"] == '["20261017"]'
    assert texts(phone, "event_item_title") == ["Keep me"]
    tap(phone, desc="Next day")
    assert texts(phone, "event_item_title") == ["Standup"]


def test_month_navigation_and_views(phone: VirtualPhone, calendar: CalendarApp) -> None:
    open_app(phone, "Calendar")
    assert need(phone, rid="day_monthly_number_id", text="15").selected  # today
    tap(phone, desc="Next month")
    need(phone, rid="top_value", text="November")
    assert not any(e.selected for e in elements(phone) if e.resource_id.endswith("day_monthly_number_id"))
    tap(phone, desc="Previous month")
    tap(phone, desc="Previous month")
    need(phone, rid="top_value", text="September")
    phone.swipe(900, 1200, 200, 1200, 200)  # swiping left shows the next month
    need(phone, rid="top_value", text="October")
    for _ in range(3):
        tap(phone, desc="Next month")
    need(phone, rid="top_value", text="January 2027")
    tap(phone, desc="Go to today")
    need(phone, rid="top_value", text="October")
    tap(phone, desc="November 3")
    need(phone, rid="top_value", text="November 3 (Tue)")
    need(phone, text="No events")
    tap(phone, desc="New event")  # the daily view's day is the new event's day
    need(phone, rid="event_start_date", text="November 3 (Tue)")
    phone.press_key("BACK")
    phone.press_key("BACK")
    need(phone, rid="top_value", text="November")


def test_agenda_lists_events_in_order_and_search(phone: VirtualPhone, calendar: CalendarApp) -> None:
    calendar.insert_event("Dentist", datetime(2026, 10, 20, 15), datetime(2026, 10, 20, 16))
    calendar.insert_event("Old news", ts(10, 10, 9), ts(10, 10, 10))  # past: not in the list
    calendar.insert_event("Breakfast", ts(10, 15, 8), ts(10, 15, 8, 30))  # earlier today: dimmed, listed
    calendar.insert_event("Flight to Rome", ts(10, 18, 6), ts(10, 18, 9), location="SFO")
    calendar.insert_event("Conference", ts(10, 21, 0), ts(10, 22, 0), all_day=True)
    open_app(phone, "Calendar")
    tap(phone, desc="Change view")
    tap(phone, text="Simple event list")
    assert texts(phone, "event_item_title") == ["Breakfast", "Flight to Rome", "Dentist", "Conference"]
    assert texts(phone, "event_section_title")[:2] == ["October 15 (Thu)", "October 18 (Sun)"]
    need(phone, rid="event_item_description", text="SFO")
    need(phone, rid="event_item_time", text="All-day")
    type_into(phone, "ro", rid="top_toolbar_search")
    assert texts(phone, "event_item_title") == ["Flight to Rome"]
    phone.input_text("x")
    need(phone, text="No items found.")
    phone.press_key("BACK")  # hides the keyboard
    phone.press_key("BACK")  # leaves the search
    assert texts(phone, "event_item_title")[0] == "Breakfast"


def test_reminder_notification_opens_the_event(phone: VirtualPhone, calendar: CalendarApp) -> None:
    calendar.insert_event("Meeting with HR", ts(10, 15, 9, 30), ts(10, 15, 10), reminder_minutes=10)
    calendar.insert_event("No reminder", ts(10, 15, 9, 20), ts(10, 15, 9, 40))
    phone.advance_clock(19 * 60_000)  # 9:19: not yet
    assert [n for n in phone.host.state.notifications if n.package == PKG] == []
    phone.advance_clock(2 * 60_000)
    phone.advance_clock(60 * 60_000)
    (note,) = [n for n in phone.host.state.notifications if n.package == PKG]
    assert (note.title, note.text) == ("Meeting with HR", "09:30 AM - 10:00 AM")
    phone.swipe(540, 5, 540, 1500, 300)
    row = need(phone, rid="notification_row", contains="Meeting with HR")
    phone.tap(*row.bounds.center)
    assert phone.current_focus() == (PKG, EDITOR)
    assert need(phone, rid="event_title").text == "Meeting with HR"
    phone.press_key("BACK")
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_monkey(phone: VirtualPhone, calendar: CalendarApp) -> None:
    calendar.insert_event("Weekly sync", ts(10, 14, 10), ts(10, 14, 11), reminder_minutes=0,
                          repeat_interval=WEEK)
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert "internal error" not in result.stderr.decode()
    phone.shell("input keyevent HOME")
    assert phone.current_focus()[0] == "com.android.launcher3"
