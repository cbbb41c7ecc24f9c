"""accounting.db: the schema, the fixed categories, amount parsing and formatting, and every query the screens,
seed API and statistics run. Functions take an open connection so a caller can group writes in a transaction.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

# Pro Expense's category ids (ExpenseCategory constants), which AndroidWorld's `Expense.category` uses.
CATEGORIES: dict[int, str] = {
    1: "Others", 2: "Income", 3: "Food", 4: "Housing", 5: "Social", 6: "Entertainment", 7: "Transportation",
    8: "Clothes", 9: "Health Care", 10: "Education", 11: "Donation",
}
# The order the app lists them in (ExpenseCategoryProviderImpl): Income first, Others last.
CATEGORY_ORDER = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1)
DEFAULT_CATEGORY = 1
AMOUNT_MAX_LENGTH = 10  # edt_amount's android:maxLength

SCHEMA = """
CREATE TABLE IF NOT EXISTS expense (
    expense_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT,
    amount INTEGER NOT NULL,
    category INTEGER NOT NULL,
    note TEXT,
    created_date INTEGER NOT NULL,
    modified_date INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS category (
    category_id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);
""" + "".join(f"INSERT OR IGNORE INTO category (category_id, name) VALUES ({cid}, '{name}');\n"
              for cid, name in CATEGORIES.items())

COLUMNS = ("expense_id", "name", "amount", "category", "note", "created_date", "modified_date")
PERIODS = ("week", "month", "all")


# -- amounts: stored as integer cents (Pro Expense's Amount store value = actual x 100) ------------------------
def amount_input(text: str) -> str:
    """What a numberDecimal field with maxLength 10 keeps of typed text: digits and one decimal point."""
    out: list[str] = []
    for ch in text:
        if ch.isdigit() or (ch == "." and "." not in out):
            out.append(ch)
    return "".join(out)[:AMOUNT_MAX_LENGTH]


def parse_amount(text: str) -> int | None:
    """Cents for a typed amount ("12.5" -> 1250), or None when it is not a positive number."""
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0:
        return None
    cents = int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return cents if cents > 0 else None


def to_cents(amount: float | int | str | Decimal) -> int:
    """Seed-API amounts in currency units (12.5, "12.50", Decimal) to stored cents."""
    cents = parse_amount(str(amount))
    if cents is None:
        raise ValueError(f"amount must be a positive number, got {amount!r}")
    return cents


def format_amount(cents: int) -> str:
    """"$1,234.50" (the app's default currency is the US dollar)."""
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) / 100:,.2f}"


def edit_text(cents: int) -> str:
    """How the entry form shows a stored amount for editing: "12.5" for 1250, "12" for 1200."""
    return format(Decimal(cents) / 100, "f").rstrip("0").rstrip(".") if cents % 100 else str(cents // 100)


# -- categories and dates ---------------------------------------------------------------------------------------
def category_id(category: int | str) -> int:
    """A category id from an id or a (case-insensitive) name; unknown ones raise ValueError."""
    if isinstance(category, int):
        if category in CATEGORIES:
            return category
    else:
        for cid, name in CATEGORIES.items():
            if name.casefold() == str(category).strip().casefold():
                return cid
    raise ValueError(f"unknown category {category!r}; one of {list(CATEGORIES.values())}")


def category_name(cid: int) -> str:
    return CATEGORIES.get(cid, "Others")


def to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def to_ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def on_day(day: date, time_of: datetime) -> int:
    """`day` at the time of day of `time_of` (what the entry's date picker changes), in ms."""
    return to_ms(datetime.combine(day, time_of.timetz()))


def period_range(now: datetime, period: str) -> tuple[int | None, int | None]:
    """[start, end) ms of this week (Sunday first, the US locale's), this month, or (None, None) for all."""
    today = now.date()
    if period == "week":
        start = today - timedelta(days=(today.weekday() + 1) % 7)
        end = start + timedelta(days=7)
    elif period == "month":
        start = today.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
    else:
        return None, None
    midnight = datetime.min.time().replace(tzinfo=UTC)
    return to_ms(datetime.combine(start, midnight)), to_ms(datetime.combine(end, midnight))


def day_label(ms: int, now: datetime) -> str:
    """The list's date header: "Today", "Yesterday", else "Tue, Oct 13, 2026"."""
    day = to_datetime(ms).date()
    if day == now.date():
        return "Today"
    if day == now.date() - timedelta(days=1):
        return "Yesterday"
    return f"{day:%a}, {day:%b} {day.day}, {day.year}"


def short_date(ms: int, now: datetime) -> str:
    """"Oct 12" this year, "Oct 12, 2025" otherwise (as a row's date)."""
    day = to_datetime(ms)
    return f"{day:%b} {day.day}" if day.year == now.year else f"{day:%b} {day.day}, {day.year}"


# -- rows -------------------------------------------------------------------------------------------------------
def _row(row: sqlite3.Row) -> dict[str, Any]:
    data = {k: row[k] for k in COLUMNS}
    data["category_name"] = category_name(int(row["category"]))
    data["amount_dollars"] = int(row["amount"]) / 100
    return data


def insert(conn: sqlite3.Connection, name: str, cents: int, cid: int, note: str, created_ms: int,
           modified_ms: int) -> int:
    cur = conn.execute(
        "INSERT INTO expense (name, amount, category, note, created_date, modified_date) VALUES (?, ?, ?, ?, ?, ?)",
        (name, cents, cid, note, created_ms, modified_ms))
    return int(cur.lastrowid or 0)


def update(conn: sqlite3.Connection, expense_id: int, name: str, cents: int, cid: int, note: str,
           created_ms: int, modified_ms: int) -> None:
    conn.execute("UPDATE expense SET name = ?, amount = ?, category = ?, note = ?, created_date = ?,"
                 " modified_date = ? WHERE expense_id = ?",
                 (name, cents, cid, note, created_ms, modified_ms, expense_id))


def delete(conn: sqlite3.Connection, expense_ids: list[int]) -> None:
    conn.executemany("DELETE FROM expense WHERE expense_id = ?", [(i,) for i in expense_ids])


def clear(conn: sqlite3.Connection) -> None:
    """Empty the table and restart ids at 1, so a benchmark's set-up gives the same ids every run."""
    conn.execute("DELETE FROM expense")
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'expense'")


def get(conn: sqlite3.Connection, expense_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM expense WHERE expense_id = ?", (expense_id,)).fetchone()
    return None if row is None else _row(row)


def newest_first(conn: sqlite3.Connection, limit: int = -1) -> list[dict[str, Any]]:
    """Expenses as the lists show them: newest date first, then the latest entered."""
    return [_row(r) for r in conn.execute(
        "SELECT * FROM expense ORDER BY created_date DESC, expense_id DESC LIMIT ?", (limit,))]


def by_id(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [_row(r) for r in conn.execute("SELECT * FROM expense ORDER BY expense_id")]


def _where(start: int | None, end: int | None) -> tuple[str, tuple[int, ...]]:
    if start is None or end is None:
        return "", ()
    return "WHERE created_date >= ? AND created_date < ?", (start, end)


def total(conn: sqlite3.Connection, start: int | None = None, end: int | None = None) -> int:
    where, args = _where(start, end)
    return int(conn.execute(f"SELECT COALESCE(SUM(amount), 0) FROM expense {where}", args).fetchone()[0])


def totals_by_category(conn: sqlite3.Connection, start: int | None = None,
                       end: int | None = None) -> dict[str, int]:
    """Cents per category name for expenses in [start, end), largest first; categories with none left out."""
    where, args = _where(start, end)
    rows = conn.execute(f"SELECT category, SUM(amount) AS cents FROM expense {where} GROUP BY category"
                        " ORDER BY cents DESC, category", args).fetchall()
    return {category_name(int(r["category"])): int(r["cents"]) for r in rows}
