"""ExpensesApp: package declaration and the seed API (tests and benchmark set-up; the UI never calls it)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.apps.expenses.detail import ExpenseDetailActivity
from droidpilot.emulator.virtual.apps.expenses.entry import ExpenseEntryActivity
from droidpilot.emulator.virtual.apps.expenses.home import MainActivity
from droidpilot.emulator.virtual.apps.expenses.logs import ExpenseLogsActivity
from droidpilot.emulator.virtual.apps.expenses.statistics import StatisticsActivity

# A fresh phone's few expenses: (name, dollars, category, note, days ago).
_SEED = (("Groceries", "42.75", "Food", "Weekly shopping", 1), ("Coffee", "4.50", "Food", "", 0),
         ("Taxi Fare", "18.20", "Transportation", "Airport", 3), ("Movie Night", "24.00", "Entertainment", "", 5),
         ("Utilities", "96.40", "Housing", "Electricity", 9), ("Books", "31.99", "Education", "", 12))


class ExpensesApp(App):
    PACKAGE: ClassVar[str] = "net.droidpilot.expenses"
    LABEL: ClassVar[str] = "Expenses"
    ICON: ClassVar[str] = "$"
    COLOR: ClassVar[str] = "teal"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, ExpenseEntryActivity, ExpenseDetailActivity,
                                                         ExpenseLogsActivity, StatisticsActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    DATABASE: ClassVar[str] = "accounting.db"
    SCHEMA: ClassVar[str] = store.SCHEMA

    # -- seed API -------------------------------------------------------------------------------------------
    def insert_expense(self, name: str, amount: float | int | str | Decimal, category: int | str,
                       note: str = "", date: dt.datetime | dt.date | int | None = None) -> int:
        """Add an expense; returns its `expense_id`.

        `amount` is in dollars (12.5 -> stored 1250 cents); `category` an id (1-11) or a name ("Food");
        `date` a datetime, a date (at the current time of day), epoch ms, or None for now. `created_date` and
        `modified_date` are both set to it.
        """
        when = self._when(date)
        with self.db() as conn:
            return store.insert(conn, name, store.to_cents(amount), store.category_id(category), note, when, when)

    def insert_row(self, name: str, amount: int, category: int, note: str = "", created_date: int = 0,
                   modified_date: int = 0) -> int:
        """Insert raw columns exactly as AndroidWorld's `Expense` row does (amount in cents, category id,
        dates in ms; 0 means now); returns the `expense_id`."""
        now = self.host.clock.now_ms()
        with self.db() as conn:
            return store.insert(conn, name, int(amount), store.category_id(int(category)), note,
                                created_date or now, modified_date or created_date or now)

    def expenses(self) -> list[dict[str, Any]]:
        """Every row by `expense_id`: the table's columns (`amount` in cents, `category` an id) plus
        `category_name` and `amount_dollars` (float)."""
        with self.db() as conn:
            return store.by_id(conn)

    def totals_by_category(self, period: str = "all") -> dict[str, int]:
        """Cents per category name, largest first, for `all` time, this `month` or this `week` (Sunday
        first) by the virtual clock; categories without expenses are left out."""
        if period not in store.PERIODS:
            raise ValueError(f"period must be one of {store.PERIODS}")
        with self.db() as conn:
            return store.totals_by_category(conn, *store.period_range(self.host.clock.now(), period))

    def clear(self) -> None:
        """Delete every expense and restart ids at 1 (the category table stays)."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        now = self.host.clock.now()
        for name, dollars, category, note, days in rng.sample(_SEED, 4):
            minutes = rng.randrange(8 * 60, 20 * 60)
            when = dt.datetime.combine(now.date() - dt.timedelta(days=days), dt.time(), now.tzinfo)
            when += dt.timedelta(minutes=minutes)
            self.insert_expense(name, dollars, category, note, min(when, now))

    def _when(self, when: dt.datetime | dt.date | int | None) -> int:
        now = self.host.clock.now()
        if when is None:
            return store.to_ms(now)
        if isinstance(when, int):
            return when
        if isinstance(when, dt.datetime):
            return store.to_ms(when if when.tzinfo else when.replace(tzinfo=now.tzinfo))
        return store.on_day(when, now)
