"""Expenses driven through its UI: add, edit, delete, multi-delete, statistics, validation; checked in
accounting.db (amounts in cents, categories by Pro Expense id)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.expenses import ExpensesApp
from tests.ui import elements, find, need, open_app, tap, type_into

PACKAGE = "net.droidpilot.expenses"
FOOD, HOUSING = 3, 4  # Pro Expense category ids


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    path = phone.data_dir / "data" / PACKAGE / "databases" / "accounting.db"
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


def toast(phone: VirtualPhone) -> str:
    return phone.host.state.toast.text if phone.host.state.toast is not None else ""


def long_press(phone: VirtualPhone, **selector: str) -> None:
    phone.long_press(*need(phone, **selector).bounds.center)


@pytest.fixture
def app(phone: VirtualPhone) -> ExpensesApp:
    expenses = phone.host.apps[PACKAGE]
    assert isinstance(expenses, ExpensesApp)
    expenses.clear()
    return expenses


def test_add_expense_from_fab(phone: VirtualPhone, app: ExpensesApp) -> None:
    open_app(phone, "Expenses")
    need(phone, text="No expenses yet")
    tap(phone, desc="Add expense")
    type_into(phone, "Lunch with Sam", rid="edt_name")
    type_into(phone, "12.5", rid="edt_amount")
    tap(phone, rid="spinner_category")
    tap(phone, text="Food")
    need(phone, rid="tv_category", text="Food")
    type_into(phone, "Team outing", rid="edt_note")
    tap(phone, desc="Save")
    now_ms = phone.host.clock.now_ms()
    (row,) = rows(phone, "SELECT expense_id, name, amount, category, note, created_date, modified_date FROM expense")
    assert row[:5] == (1, "Lunch with Sam", 1250, FOOD, "Team outing")  # 12.5 dollars is stored as 1250 cents
    assert row[5] == row[6] == now_ms  # dated today (the default), at the moment of saving
    assert phone.current_focus()[1] == f"{PACKAGE}.ui.MainActivity"
    need(phone, rid="tv_name", text="Lunch with Sam")
    need(phone, rid="tv_amount", text="$12.50")
    need(phone, rid="tv_week_total", text="$12.50")
    need(phone, rid="tv_date", contains="Food")


def test_edit_amount_category_and_date(phone: VirtualPhone, app: ExpensesApp) -> None:
    eid = app.insert_expense("Taxi", "18.20", "Transportation", "Airport", datetime(2026, 10, 14, 17, 30, tzinfo=UTC))
    open_app(phone, "Expenses")
    tap(phone, text="Taxi")
    need(phone, rid="tv_amount_value", text="$18.20")
    tap(phone, desc="Edit")
    need(phone, rid="edt_amount", text="18.2")
    tap(phone, rid="edt_amount")
    for _ in range(4):
        phone.press_key("DEL")
    phone.input_text("1,234.567")  # the decimal field drops the comma; saving rounds to cents
    tap(phone, rid="spinner_category")
    tap(phone, text="Housing")
    tap(phone, desc="Calendar")
    tap(phone, desc="03 October 2026")
    tap(phone, text="OK")
    need(phone, rid="tv_date_value", text="Sat, Oct 3, 2026")
    tap(phone, text="Save")
    assert toast(phone) == "Data Updated!"
    (row,) = rows(phone, "SELECT expense_id, name, amount, category, note, created_date FROM expense")
    assert row[:5] == (eid, "Taxi", 123457, HOUSING, "Airport")
    assert row[5] == int(datetime(2026, 10, 3, 17, 30, tzinfo=UTC).timestamp() * 1000)  # time of day kept
    need(phone, rid="tv_amount_value", text="$1,234.57")
    need(phone, rid="tv_category_value", text="Housing")


def test_delete_from_detail_asks_first(phone: VirtualPhone, app: ExpensesApp) -> None:
    keep = app.insert_expense("Coffee", 4.5, "Food")
    app.insert_expense("Books", 31.99, "Education")
    open_app(phone, "Expenses")
    tap(phone, text="Books")
    tap(phone, desc="Delete")
    need(phone, text="1 item will be deleted!")
    tap(phone, text="Cancel")
    assert rows(phone, "SELECT COUNT(*) FROM expense") == [(2,)]
    tap(phone, desc="Delete")
    tap(phone, text="Confirm")
    assert rows(phone, "SELECT expense_id FROM expense") == [(keep,)]
    assert phone.current_focus()[1] == f"{PACKAGE}.ui.MainActivity"
    assert find(phone, text="Books") is None


def test_multi_delete_in_selection_mode(phone: VirtualPhone, app: ExpensesApp) -> None:
    day = datetime(2026, 10, 10, 12, 0, tzinfo=UTC)
    ids = {name: app.insert_expense(name, 10, "Others", date=day) for name in ("Pet Care", "Stationery")}
    dup = [app.insert_expense("Snacks", "3.25", "Food", "x", day) for _ in range(2)]
    open_app(phone, "Expenses")
    tap(phone, text="See all")
    long_press(phone, text="Pet Care")
    need(phone, text="1 selected")
    tap(phone, text="Stationery")
    tap(phone, text="Pet Care")
    tap(phone, text="Pet Care")
    need(phone, text="2 selected")
    tap(phone, desc="Delete")
    need(phone, text="2 items will be deleted!")
    tap(phone, text="Confirm")
    assert sorted(r[0] for r in rows(phone, "SELECT expense_id FROM expense")) == dup
    assert toast(phone) == "Items Deleted"
    # Delete one of two exact duplicates: selection is by row, not by content.
    long_press(phone, text="Snacks")
    tap(phone, desc="Delete")
    tap(phone, text="Confirm")
    assert len(rows(phone, "SELECT * FROM expense WHERE name = 'Snacks'")) == 1
    assert not set(ids.values()) & {r[0] for r in rows(phone, "SELECT expense_id FROM expense")}


def test_statistics_show_category_totals_by_period(phone: VirtualPhone, app: ExpensesApp) -> None:
    app.insert_expense("Groceries", "42.75", "Food", date=datetime(2026, 10, 14, 10, tzinfo=UTC))
    app.insert_expense("Coffee", "4.50", "Food", date=datetime(2026, 10, 2, 10, tzinfo=UTC))
    app.insert_expense("Gas", 30, "Transportation", date=datetime(2026, 10, 12, 8, tzinfo=UTC))
    app.insert_expense("Concert", "80", "Entertainment", date=datetime(2026, 9, 20, 20, tzinfo=UTC))
    open_app(phone, "Expenses")
    need(phone, rid="tv_month_total", text="$77.25")
    need(phone, rid="tv_week_total", text="$72.75")  # the week of Sun Oct 11 - Sat Oct 17
    tap(phone, desc="Open navigation drawer")
    tap(phone, text="Statistics")
    assert _category_totals(phone) == {"Food": "$47.25", "Transportation": "$30.00"}
    need(phone, rid="tv_total", text="$77.25")
    tap(phone, text="All time")
    assert _category_totals(phone) == {"Entertainment": "$80.00", "Food": "$47.25", "Transportation": "$30.00"}
    need(phone, rid="tv_total", text="$157.25")
    tap(phone, text="This week")
    assert _category_totals(phone) == {"Food": "$42.75", "Transportation": "$30.00"}
    assert app.totals_by_category("all") == {"Entertainment": 8000, "Food": 4725, "Transportation": 3000}


def _category_totals(phone: VirtualPhone) -> dict[str, str]:
    """The Statistics rows on screen: category name -> amount text."""
    names = [e.text for e in elements(phone) if e.resource_id.endswith("/tv_category")]
    amounts = [e.text for e in elements(phone) if e.resource_id.endswith("/tv_amount")]
    return dict(zip(names, amounts, strict=True))


def test_validation_toasts_and_nothing_saved(phone: VirtualPhone, app: ExpensesApp) -> None:
    open_app(phone, "Expenses")
    tap(phone, desc="Add expense")
    tap(phone, text="Save")
    assert toast(phone) == "Name is Empty"
    type_into(phone, "Gift", rid="edt_name")
    tap(phone, text="Save")
    assert toast(phone) == "Cost is Empty"
    type_into(phone, "abc0.00", rid="edt_amount")
    need(phone, rid="edt_amount", text="0.00")
    tap(phone, text="Save")
    assert toast(phone) == "Amount must be greater than $0"
    assert phone.current_focus()[1] == f"{PACKAGE}.ui.ExpenseEntryActivity"
    assert rows(phone, "SELECT COUNT(*) FROM expense") == [(0,)]
    phone.press_key("BACK")  # hides the keyboard
    phone.press_key("BACK")  # leaves without saving
    need(phone, text="No expenses yet")
    assert rows(phone, "SELECT COUNT(*) FROM expense") == [(0,)]


def test_schema_and_categories_match_pro_expense(phone: VirtualPhone, app: ExpensesApp) -> None:
    columns = [r[1] for r in rows(phone, "PRAGMA table_info(expense)")]
    assert columns == ["expense_id", "name", "amount", "category", "note", "created_date", "modified_date"]
    assert rows(phone, "SELECT category_id, name FROM category WHERE category_id IN (1, 2, 3, 9)") == [
        (1, "Others"), (2, "Income"), (3, "Food"), (9, "Health Care")]
    eid = app.insert_row("Salary", 500000, 2, "Oct", 1791800000000, 1791800000000)
    assert app.expenses() == [{
        "expense_id": eid, "name": "Salary", "amount": 500000, "category": 2, "note": "Oct",
        "created_date": 1791800000000, "modified_date": 1791800000000, "category_name": "Income",
        "amount_dollars": 5000.0}]


def test_monkey_3000_events(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PACKAGE} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert b"internal error" not in result.stderr
    phone.shell("input keyevent HOME")
    assert phone.current_focus()[0] == "com.android.launcher3"
    open_app(phone, "Expenses")
    assert phone.current_focus()[0] == PACKAGE
