"""Expense tasks (AndroidWorld's Expense* families): add, delete, delete duplicates, and a spending question.

Each task clears the app and seeds its own rows (noise included) dated in September and October 2026; checks
read the `expense` table (amounts in cents) with AndroidWorld's addition / removal integrity.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.answers import parse_number
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import (
    TODAY,
    Row,
    at,
    days_between,
    inside,
    number_matches,
    one_of_each_removed,
    prose_fields_match,
    rows_added,
    rows_removed,
    text_matches,
)
from droidpilot.benchmarks.task import AnswerType, Params, Question, Task

EXPENSES = "net.droidpilot.expenses"
CATEGORY_IDS = {"Others": 1, "Food": 3, "Housing": 4, "Social": 5, "Entertainment": 6, "Transportation": 7,
                "Clothes": 8, "Health Care": 9, "Education": 10, "Donation": 11}
ITEMS = (("Groceries", "Food", 25, 140), ("Coffee Beans", "Food", 8, 25), ("Lunch at Cafe", "Food", 9, 30),
         ("Pizza Night", "Food", 15, 45), ("Bakery", "Food", 4, 20), ("Rent", "Housing", 900, 1800),
         ("Electricity Bill", "Housing", 40, 160), ("Internet Bill", "Housing", 35, 90),
         ("Water Bill", "Housing", 20, 70), ("Bus Pass", "Transportation", 30, 90),
         ("Taxi Ride", "Transportation", 8, 45), ("Gas Refill", "Transportation", 30, 80),
         ("Train Ticket", "Transportation", 12, 120), ("Movie Tickets", "Entertainment", 12, 40),
         ("Concert Tickets", "Entertainment", 45, 180), ("Streaming Subscription", "Entertainment", 8, 20),
         ("Bowling", "Entertainment", 15, 50), ("Running Shoes", "Clothes", 60, 160),
         ("Winter Jacket", "Clothes", 80, 250), ("T-Shirts", "Clothes", 15, 60), ("Pharmacy", "Health Care", 8, 60),
         ("Dentist Visit", "Health Care", 60, 250), ("Vitamins", "Health Care", 10, 40),
         ("Online Course", "Education", 20, 200), ("Textbooks", "Education", 30, 150),
         ("Language Class", "Education", 50, 180), ("Charity Donation", "Donation", 10, 100),
         ("Animal Shelter", "Donation", 15, 80), ("Birthday Gift", "Social", 20, 90),
         ("Dinner with Friends", "Social", 30, 120), ("Wedding Present", "Social", 50, 200),
         ("Phone Case", "Others", 10, 35), ("Haircut", "Others", 15, 60), ("Laundry", "Others", 5, 25))
NOTES = ("Paid by card", "Split with Sam", "Monthly payment", "Weekend trip", "Paid in cash", "Reimbursable",
         "Gift for Mom", "Bought on sale", "Annual plan", "Shared with roommate")
THIS_MONTH = days_between(date(2026, 10, 1), TODAY)
LAST_MONTH = days_between(date(2026, 9, 1), date(2026, 9, 30))


class Expense(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    cents: int
    category: str
    note: str
    day: date
    minute_of_day: int = 9 * 60

    @property
    def dollars(self) -> str:
        return f"${self.cents / 100:,.2f}"

    @property
    def created_ms(self) -> int:
        return int(at(self.day, *divmod(self.minute_of_day, 60)).timestamp() * 1000)

    def listing(self) -> str:
        return f"name: {self.name}, amount: {self.dollars}, category: {self.category}, note: {self.note}"


class ExpenseParams(Params):
    rows: tuple[Expense, ...] = ()
    """Every row seeded, targets included."""
    targets: tuple[int, ...] = ()
    """Indexes into `rows` (to delete) or, for duplicates, of the duplicated rows."""
    new: tuple[Expense, ...] = ()
    """Expenses to add."""
    category: str = ""


def _expense(rng: random.Random, item: tuple[str, str, int, int], days: list[date]) -> Expense:
    name, category, low, high = item
    return Expense(name=name, cents=rng.randint(low * 100, high * 100) // 5 * 5, category=category,
                   note=rng.choice(NOTES), day=rng.choice(days), minute_of_day=rng.randint(7 * 60, 15 * 60))


def _expenses(rng: random.Random, n: int, days: list[date] | None = None,
              items: tuple[tuple[str, str, int, int], ...] = ITEMS) -> list[Expense]:
    return [_expense(rng, item, days or THIS_MONTH + LAST_MONTH) for item in rng.sample(items, n)]


def _rows(env: TaskEnv) -> list[Row]:
    return env.query(EXPENSES, "accounting.db", "SELECT * FROM expense ORDER BY expense_id")


class _ExpenseTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (EXPENSES,)
    tags: ClassVar[tuple[str, ...]] = ("expense", "parameterized")
    category: ClassVar[str] = "data_edit"
    params: ExpenseParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(EXPENSES, "clear")
        ids = [env.seed(EXPENSES, "insert_row", name=e.name, amount=e.cents, category=CATEGORY_IDS[e.category],
                        note=e.note, created_date=e.created_ms, modified_date=e.created_ms)
               for e in self.params.rows]
        self.before["rows"], self.before["ids"] = _rows(env), ids

    def target_ids(self) -> list[int]:
        return [self.before["ids"][i] for i in self.params.targets]

    def targets(self) -> list[Expense]:
        return [self.params.rows[i] for i in self.params.targets]


def _open_logs(ui: UIDriver) -> None:
    ui.open_app("Expenses")
    ui.tap(rid="btn_recent_more")


def _row(ui: UIDriver, e: Expense) -> tuple[int, int]:
    """The centre of the list row showing `e` (name and amount), scrolling down to it (lists with noise are long)."""
    for _ in range(30):
        elements = ui.elements()
        for row in (x for x in elements if x.resource_id.endswith("cd_expense")):
            fields = {x.resource_id.rpartition("/")[2]: x.text for x in elements if inside(row, x)}
            if fields.get("tv_name") == e.name and parse_number(fields.get("tv_amount", "")) == e.cents / 100:
                return row.bounds.center
        ui.swipe(540, 1700, 540, 1000)
    raise LookupError(f"no row for {e.name}")


def _add(ui: UIDriver, e: Expense) -> None:
    ui.tap(desc="Add expense")
    ui.type_into(e.name, rid="edt_name")
    ui.type_into(f"{e.cents / 100:.2f}", rid="edt_amount")
    if ui.need(rid="tv_category").text != e.category:  # the chosen option does not close the dialog
        ui.tap(rid="spinner_category")
        ui.tap(rid="category_item", text=e.category)
    ui.type_into(e.note, rid="edt_note")
    ui.tap(rid="btn_save")


def _matcher(e: Expense) -> Callable[[Row], bool]:
    return lambda r: (text_matches(r["name"], e.name) and r["amount"] == e.cents
                      and r["category"] == CATEGORY_IDS[e.category] and prose_fields_match(r["note"], e.note))


class ExpenseAddSingle(_ExpenseTask):
    template: ClassVar[str] = "In Expenses, add the following expense: {listing}."
    complexity: ClassVar[float] = 2.5
    category: ClassVar[str] = "data_entry"

    @property
    def goal(self) -> str:
        return self.template.format(listing=self.params.new[0].listing())

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        new, *rows = _expenses(rng, rng.randint(4, 7))
        return ExpenseParams(seed=seed, rows=tuple(rows), new=(new.model_copy(update={"day": TODAY}),))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        ok = rows_added(self.before["rows"], _rows(env), "expense_id", [_matcher(e) for e in self.params.new])
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Expenses")
        for e in self.params.new:
            _add(ui, e)
        return None


class ExpenseAddMultiple(ExpenseAddSingle):
    template: ClassVar[str] = "In Expenses, add the following expenses:\n{listing}"
    complexity: ClassVar[float] = 6.0
    difficulty = "medium"
    tags: ClassVar[tuple[str, ...]] = ("expense", "parameterized", "repetition")

    @property
    def goal(self) -> str:
        return self.template.format(listing="\n".join(f"- {e.listing()}" for e in self.params.new))

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        n = rng.randint(2, 3)
        made = _expenses(rng, n + rng.randint(3, 6))
        new = tuple(e.model_copy(update={"day": TODAY}) for e in made[:n])
        return ExpenseParams(seed=seed, rows=tuple(made[n:]), new=new)


class ExpenseDeleteSingle(_ExpenseTask):
    template: ClassVar[str] = "In Expenses, delete the expense {name}."
    complexity: ClassVar[float] = 1.5

    @property
    def goal(self) -> str:
        return self.template.format(name=self.targets()[0].name)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        rows = _expenses(rng, rng.randint(5, 8))
        return ExpenseParams(seed=seed, rows=tuple(rows), targets=(rng.randrange(len(rows)),))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        ok = rows_removed(self.before["rows"], _rows(env), "expense_id", self.target_ids())
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_logs(ui)
        ui.tap_at(*_row(ui, self.targets()[0]))
        ui.tap(desc="Delete")
        ui.tap(rid="button1")
        return None


class ExpenseDeleteMultiple(ExpenseDeleteSingle):
    template: ClassVar[str] = "In Expenses, delete the following expenses: {names}."
    complexity: ClassVar[float] = 2.0
    difficulty = "medium"

    @property
    def goal(self) -> str:
        *first, last = [e.name for e in self.targets()]
        return self.template.format(names=f"{', '.join(first)} and {last}")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        rows = _expenses(rng, rng.randint(6, 9))
        return ExpenseParams(seed=seed, rows=tuple(rows), targets=tuple(rng.sample(range(len(rows)),
                                                                                   rng.randint(2, 3))))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_logs(ui)
        first, *rest = sorted(self.targets(), key=lambda e: -e.created_ms)  # newest first, as the list
        ui.steps += 1
        ui.device.long_press(*_row(ui, first))  # the driver's device: the harness counts it
        for e in rest:
            ui.tap_at(*_row(ui, e))
        ui.tap(desc="Delete")
        ui.tap(rid="button1")
        return None


class ExpenseDeleteDuplicates(_ExpenseTask):
    template: ClassVar[str] = ("In Expenses, delete all but one of any expenses that are exact duplicates, "
                               "making sure at least one instance of each unique expense remains.")
    complexity: ClassVar[float] = 2.0
    difficulty = "medium"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        dup, *rows = _expenses(rng, rng.randint(5, 8))
        # A near-duplicate (same name, another amount) must stay.
        near = dup.model_copy(update={"cents": dup.cents + rng.randint(1, 9) * 100})
        rows[rng.randrange(len(rows))] = near
        at_ = rng.sample(range(len(rows) + 2), 2)
        for i in sorted(at_):
            rows.insert(i, dup)
        return ExpenseParams(seed=seed, rows=tuple(rows), targets=tuple(sorted(at_)))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        ok = one_of_each_removed(self.before["rows"], _rows(env), "expense_id", [self.target_ids()])
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_logs(ui)
        ui.tap_at(*_row(ui, self.targets()[0]))
        ui.tap(desc="Delete")
        ui.tap(rid="button1")
        return None


class ExpenseCategoryTotal(Question, _ExpenseTask):
    template: ClassVar[str] = ("In Expenses, how much did I spend on {category} this month? Answer with the amount "
                               "in dollars.")
    complexity: ClassVar[float] = 1.0
    answer_type: ClassVar[AnswerType | None] = "number"
    category: ClassVar[str] = "information_retrieval"
    tags: ClassVar[tuple[str, ...]] = ("expense", "information_retrieval", "math_counting", "parameterized")

    @property
    def goal(self) -> str:
        return self.template.format(category=self.params.category)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        category = rng.choice([c for c in CATEGORY_IDS if c != "Others"])
        mine = tuple(i for i in ITEMS if i[1] == category)
        others = tuple(i for i in ITEMS if i[1] != category)
        targets = [_expense(rng, rng.choice(mine), THIS_MONTH) for _ in range(rng.randint(2, 4))]
        rows = [*targets, *(_expense(rng, rng.choice(mine), LAST_MONTH) for _ in range(rng.randint(1, 2))),
                *_expenses(rng, rng.randint(3, 5), THIS_MONTH, others)]
        rng.shuffle(rows)
        return ExpenseParams(seed=seed, rows=tuple(rows), category=category,
                             targets=tuple(i for i, e in enumerate(rows) if e in targets))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return f"{sum(e.cents for e in self.targets()) / 100:.2f}"

    def asked_state(self, env: TaskEnv) -> Any:
        return _rows(env)

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return number_matches(answer, truth, 0.005)  # cents: a tolerance for float spelling, not for rounding

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Expenses")
        ui.tap(desc="Open navigation drawer")
        ui.tap(rid="nav_statistics")
        elements = ui.elements()
        for row in (x for x in elements if x.resource_id.endswith("item_category_statistic")):
            fields = {x.resource_id.rpartition("/")[2]: x.text for x in elements if inside(row, x)}
            if fields.get("tv_category") == self.params.category:
                return fields.get("tv_amount")
        return None


TASKS = (ExpenseAddSingle, ExpenseAddMultiple, ExpenseDeleteSingle, ExpenseDeleteMultiple, ExpenseDeleteDuplicates,
         ExpenseCategoryTotal)
