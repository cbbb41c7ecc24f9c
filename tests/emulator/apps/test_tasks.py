"""Tasks app flows driven through the UI, checked against Tasks.org's `database` (tasks, caldav_lists,
caldav_tasks); the seed API only sets up data."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import Any

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.tasks import TasksApp
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = "net.droidpilot.tasks"
NOW = datetime(2026, 10, 15, 9, 0, tzinfo=UTC)  # the virtual phone's boot time


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "database")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def task(phone: VirtualPhone, title: str) -> sqlite3.Row:
    found = rows(phone, "SELECT * FROM tasks WHERE title = ?", title)
    assert len(found) == 1, f"{len(found)} tasks titled {title!r}"
    return found[0]


def list_of(phone: VirtualPhone, task_id: int) -> str | None:
    found = rows(phone, "SELECT l.cdl_name FROM caldav_tasks c"
                        " JOIN caldav_lists l ON l.cdl_uuid = c.cd_calendar WHERE c.cd_task = ?", task_id)
    return found[0][0] if found else None


def ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def seeded(phone: VirtualPhone) -> TasksApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, TasksApp)
    app.clear()
    return app


def titles(phone: VirtualPhone) -> set[str]:
    return {e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/title"}


def texts(phone: VirtualPhone, rid: str) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


def in_row(phone: VirtualPhone, title: str, rid: str) -> UIElement:
    """The `rid` element of the task row showing `title`."""
    y = need(phone, text=title, rid="title").bounds.center[1]
    row = next(e for e in elements(phone) if e.resource_id.endswith(":id/row")
               and e.bounds.top <= y <= e.bounds.bottom)
    for e in elements(phone):
        if e.resource_id.endswith(f":id/{rid}") and row.bounds.top <= e.bounds.center[1] <= row.bounds.bottom:
            return e
    raise AssertionError(f"no {rid} in the row of {title}")


def show(phone: VirtualPhone, name: str) -> None:
    tap(phone, desc="Open navigation drawer")
    tap(phone, text=name, rid="title")
    assert need(phone, rid="toolbar_title").text == name


def erase(phone: VirtualPhone, count: int) -> None:
    for _ in range(count):
        phone.press_key("DEL")


def test_create_task_with_due_date_time_and_priority_then_complete(phone: VirtualPhone) -> None:
    seeded(phone)
    open_app(phone, "Tasks")
    assert need(phone, rid="toolbar_title").text == "My Tasks"
    tap(phone, desc="Create new task")
    phone.input_text("Finish report")  # the title field has the focus
    tap(phone, desc="High priority")
    tap(phone, rid="due_date")
    tap(phone, desc="20 October 2026")
    tap(phone, text="OK")
    assert need(phone, rid="due_date").text == "Tue, Oct 20, 2026"
    tap(phone, rid="due_time")
    type_into(phone, "2", rid="input_hour")
    type_into(phone, "30", rid="input_minute")
    tap(phone, rid="pm_label")
    tap(phone, text="OK")
    type_into(phone, "Q3 numbers", rid="notes")
    tap(phone, desc="Save")
    row = task(phone, "Finish report")
    assert row["importance"] == 0 and row["notes"] == "Q3 numbers"
    assert row["dueDate"] == ms(datetime(2026, 10, 20, 14, 30, 1, tzinfo=UTC))  # seconds = 1: has a time
    assert row["completed"] == 0 and row["deleted"] == 0 and row["created"] >= ms(NOW)
    assert in_row(phone, "Finish report", "due_date").text == "Oct 20, 2:30 PM"
    tap(phone, desc="Create new task")
    tap(phone, desc="Save")  # a new task with no title is dropped
    assert rows(phone, "SELECT COUNT(*) FROM tasks")[0][0] == 1
    box = in_row(phone, "Finish report", "completeBox")
    assert not box.checked
    phone.tap(*box.bounds.center)
    assert task(phone, "Finish report")["completed"] >= ms(NOW)
    assert "Finish report" not in titles(phone)  # My Tasks shows active tasks only
    show(phone, "Completed")
    assert in_row(phone, "Finish report", "completeBox").checked
    phone.tap(*in_row(phone, "Finish report", "completeBox").bounds.center)
    assert task(phone, "Finish report")["completed"] == 0


def test_filters_show_the_right_tasks(phone: VirtualPhone) -> None:
    app = seeded(phone)
    today = NOW.date()
    app.insert_task("Pay rent", due=today, priority=2)
    app.insert_task("Submit expense report", due=NOW - timedelta(days=1), priority=1)
    app.insert_task("Book flights", due=date(2026, 10, 25), priority="high")
    app.insert_task("Water plants", completed=datetime(2026, 10, 14, 18, 0, tzinfo=UTC))
    app.insert_task("Old urgent thing", priority=1, completed=True)
    app.insert_task("Read a book")
    open_app(phone, "Tasks")
    assert titles(phone) == {"Pay rent", "Submit expense report", "Book flights", "Read a book"}
    assert texts(phone, "header") == ["Overdue", "Today", "Sun, Oct 25", "No due date"]
    show(phone, "Today")
    assert titles(phone) == {"Pay rent", "Submit expense report"}
    assert in_row(phone, "Pay rent", "due_date").text == "Today"
    show(phone, "High priority")
    assert titles(phone) == {"Submit expense report", "Book flights"}
    show(phone, "Completed")
    assert titles(phone) == {"Water plants", "Old urgent thing"}
    assert texts(phone, "header") == ["Today", "Yesterday"]
    show(phone, "Recently modified")
    assert len(titles(phone)) == 6
    show(phone, "My Tasks")
    tap(phone, desc="More options")
    tap(phone, text="Show completed")
    assert {"Water plants", "Old urgent thing"} <= titles(phone)


def test_edit_then_delete_a_task(phone: VirtualPhone) -> None:
    app = seeded(phone)
    task_id = app.insert_task("Call Grandma", due=datetime(2026, 10, 16, 18, 0, tzinfo=UTC))
    open_app(phone, "Tasks")
    tap(phone, text="Call Grandma")
    tap(phone, rid="title")
    erase(phone, len("Grandma"))
    phone.input_text("Mom")
    tap(phone, desc="Low priority")
    tap(phone, desc="Clear due time")
    tap(phone, rid="due_date")
    tap(phone, desc="22 October 2026")
    tap(phone, text="OK")
    type_into(phone, "Sunday lunch", rid="notes")
    phone.press_key("BACK")  # hides the keyboard
    phone.press_key("BACK")  # saves, as Tasks.org does
    row = task(phone, "Call Mom")
    assert row["_id"] == task_id and row["importance"] == 2 and row["notes"] == "Sunday lunch"
    assert row["dueDate"] == ms(datetime(2026, 10, 22, 12, 0, tzinfo=UTC))  # date only: noon, 0 seconds
    assert row["modified"] > row["created"]
    assert in_row(phone, "Call Mom", "due_date").text == "Oct 22"
    tap(phone, text="Call Mom")
    tap(phone, desc="More options")
    tap(phone, text="Delete")
    need(phone, text="Delete this task?")
    tap(phone, text="Cancel")
    assert task(phone, "Call Mom")["deleted"] == 0
    tap(phone, desc="More options")
    tap(phone, text="Delete")
    tap(phone, text="Delete")
    assert task(phone, "Call Mom")["deleted"] > 0
    assert phone.current_focus()[1] == "com.todoroo.astrid.activity.MainActivity"
    assert "Call Mom" not in titles(phone) and find(phone, text="No tasks") is not None


def test_lists_create_assign_rename_delete(phone: VirtualPhone) -> None:
    seeded(phone)
    open_app(phone, "Tasks")
    tap(phone, desc="Open navigation drawer")
    tap(phone, text="New list")
    tap(phone, text="Create")
    need(phone, text="Name cannot be empty")
    phone.input_text("Groceries")
    tap(phone, desc="Green")
    tap(phone, text="Create")
    assert need(phone, rid="toolbar_title").text == "Groceries"
    assert [tuple(r) for r in rows(phone, "SELECT name, color FROM lists")] == [("Groceries", -11751600)]
    tap(phone, desc="Create new task")
    phone.input_text("Milk")
    assert need(phone, rid="list").text == "Groceries"
    tap(phone, desc="Save")
    assert list_of(phone, task(phone, "Milk")["_id"]) == "Groceries"
    show(phone, "My Tasks")
    assert in_row(phone, "Milk", "chip_list").text == "Groceries"
    tap(phone, desc="Create new task")
    phone.input_text("Eggs")
    tap(phone, rid="list")
    tap(phone, text="Groceries")
    tap(phone, desc="Save")
    assert list_of(phone, task(phone, "Eggs")["_id"]) == "Groceries"
    show(phone, "Groceries")
    assert titles(phone) == {"Milk", "Eggs"}
    tap(phone, desc="More options")
    tap(phone, text="Edit list")
    tap(phone, rid="name")
    erase(phone, len("Groceries"))
    phone.input_text("Shopping")
    tap(phone, text="Save")
    assert need(phone, rid="toolbar_title").text == "Shopping"
    assert [r["name"] for r in rows(phone, "SELECT name FROM lists")] == ["Shopping"]
    tap(phone, desc="More options")
    tap(phone, text="Edit list")
    tap(phone, text="Delete list")
    tap(phone, text="Delete")
    assert rows(phone, "SELECT * FROM caldav_lists") == []
    assert all(r["deleted"] > 0 for r in rows(phone, "SELECT deleted FROM tasks"))
    assert need(phone, rid="toolbar_title").text == "My Tasks"


def test_search_by_title_and_notes(phone: VirtualPhone) -> None:
    app = seeded(phone)
    app.insert_task("Call Grandma", notes="Ask for the cookie recipe")
    app.insert_task("Grocery shopping", due=NOW.date())
    app.insert_task("Water plants", completed=True)
    open_app(phone, "Tasks")
    tap(phone, desc="Search")
    phone.input_text("gr")
    assert titles(phone) == {"Call Grandma", "Grocery shopping"}
    phone.input_text("oc")
    assert titles(phone) == {"Grocery shopping"}
    tap(phone, desc="Clear query")
    type_into(phone, "RECIPE", rid="search_src_text")
    assert titles(phone) == {"Call Grandma"}
    tap(phone, desc="Clear query")
    type_into(phone, "water", rid="search_src_text")
    assert titles(phone) == {"Water plants"}  # completed tasks are found too
    tap(phone, text="Water plants")
    assert need(phone, rid="title", cls="EditText").text == "Water plants"
    phone.press_key("BACK")
    phone.press_key("BACK")
    assert need(phone, rid="toolbar_title").text == "My Tasks"


def test_monkey_3000_events(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.output
    assert "internal error" not in result.stderr.decode()
    assert phone.shell("input keyevent BACK").exit_code == 0
    assert phone.shell("input keyevent HOME").exit_code == 0
    assert phone.current_focus()[0] == "com.android.launcher3"
    open_app(phone, "Tasks")
    assert phone.current_focus()[0] == PKG
    phone.observe()
