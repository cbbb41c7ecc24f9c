"""Tasks.org tasks (AndroidWorld's Tasks* families): questions about due dates, priorities and completions,
plus marking a task done.

Each task clears the app and seeds its own to-dos (noise included). AndroidWorld's exclusion conditions are
kept: no noise row could also answer the question (e.g. no completed task is due on the asked day when the
question is about what is due). Answers are comma-separated titles in any order.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import (
    TODAY,
    Row,
    at,
    day_text,
    days_between,
    inside,
    long_day,
    matches_unordered,
)
from droidpilot.benchmarks.task import AnswerType, Params, Question, Task

TASKS_APP = "net.droidpilot.tasks"
TITLES = ("Pay electricity bill", "Book flight tickets", "Submit expense report", "Schedule dentist appointment",
          "Buy birthday present for Emma", "Renew gym membership", "Clean the garage", "Prepare presentation slides",
          "Call the insurance company", "Return library books", "Order printer ink", "Update resume",
          "Pick up dry cleaning", "Plan team offsite", "Fix leaking faucet", "Write blog post", "Send thank-you notes",
          "Review quarterly budget", "Organize photo albums", "Replace air filter", "Cancel old subscription",
          "Register for marathon", "Back up laptop", "Buy groceries", "Vacuum the car", "Email the landlord")
NOTES = ("", "", "Check the receipt first.", "Ask Jordan for details.", "Before noon if possible.",
         "The form is in the shared drive.", "Use the discount code.")
NEXT_WEEK = days_between(date(2026, 10, 19), date(2026, 10, 25))  # Monday to Sunday after the pinned Thursday
SOON = days_between(TODAY + timedelta(days=1), date(2026, 10, 31))
PAST = days_between(TODAY - timedelta(days=6), TODAY - timedelta(days=1))


class Todo(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    notes: str = ""
    priority: int | None = None
    """1 high, 2 medium, 3 low, None none."""
    due: date | None = None
    done: datetime | None = None


class TasksParams(Params):
    todos: tuple[Todo, ...] = ()
    """Every task seeded, targets included."""
    targets: tuple[str, ...] = ()
    date_text: str = ""


def _todo(rng: random.Random, title: str, due: list[date | None], priority: list[int | None] | None = None,
          done: list[date] | None = None) -> Todo:
    finished = rng.choice(done) if done else None
    done_at = None
    if finished is not None:  # today's completions happened before the pinned 15:34
        done_at = at(finished, rng.randint(8, 14 if finished == TODAY else 20), rng.choice((0, 15, 30, 45)))
    return Todo(title=title, notes=rng.choice(NOTES), priority=rng.choice(priority or [1, 2, 3, None, None]),
                due=rng.choice(due), done=done_at)


def _noise(rng: random.Random, titles: list[str], due: list[date | None], done_share: float = 0.3,
           priority: list[int | None] | None = None) -> list[Todo]:
    """Noise tasks due on `due` (None = no due date), some of them completed on a past day."""
    return [_todo(rng, t, due, priority, [*PAST, TODAY] if rng.random() < done_share else None) for t in titles]


def _header(day: date) -> str:
    """How the task list heads a day (Tasks.org's group headers)."""
    names = {TODAY: "Today", TODAY + timedelta(days=1): "Tomorrow", TODAY - timedelta(days=1): "Yesterday"}
    return names.get(day) or f"{day:%a}, {day:%b} {day.day}"


def _rows(env: TaskEnv) -> list[Row]:
    return env.query(TASKS_APP, "database", "SELECT * FROM tasks ORDER BY _id")


def _listing(ui: UIDriver) -> list[tuple[str, str]]:
    """(header, title) of every row of the shown task list, scrolling to its end. Headers and titles are
    unique, so screens merge by appending what was not seen yet."""
    seen: list[tuple[str, str]] = []
    for _ in range(12):
        items = [(e.resource_id.rpartition("/")[2], e.text) for e in ui.elements()
                 if e.resource_id.rpartition("/")[2] in ("header", "title") and e.text]
        new = [i for i in items if i not in seen]
        if not new:
            break
        seen += new
        ui.swipe(540, 1700, 540, 800)
    pairs, header = [], ""
    for kind, text in seen:
        if kind == "header":
            header = text
        else:
            pairs.append((header, text))
    return pairs


def _open_filter(ui: UIDriver, name: str) -> None:
    ui.open_app("Tasks")
    if name != "My Tasks":
        ui.tap(desc="Open navigation drawer")
        ui.tap(rid="title", text=name)


class _TasksTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (TASKS_APP,)
    tags: ClassVar[tuple[str, ...]] = ("tasks", "information_retrieval", "parameterized")
    category: ClassVar[str] = "information_retrieval"
    complexity: ClassVar[float] = 1.5
    answer_type: ClassVar[AnswerType | None] = "string"
    params: TasksParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(TASKS_APP, "clear")
        for t in self.params.todos:  # dates travel as ISO strings; the seed command turns them back into dates
            env.seed(TASKS_APP, "insert_task", title=t.title, notes=t.notes, priority=t.priority,
                     due=t.due.isoformat() if t.due else None, completed=t.done.isoformat() if t.done else False)
        self.before["rows"] = _rows(env)


class _TasksQuestion(Question, _TasksTask):
    answer_type: ClassVar[AnswerType | None] = "string"

    def expected_answer(self, env: TaskEnv) -> str | None:
        return ", ".join(self.params.targets)

    def asked_state(self, env: TaskEnv) -> Any:
        return _rows(env)

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return matches_unordered(answer, self.params.targets)


def _titles(rng: random.Random, targets: int, noise: tuple[int, int]) -> tuple[list[str], list[str]]:
    titles = rng.sample(TITLES, targets + rng.randint(*noise))
    return titles[:targets], titles[targets:]


class TasksDueOnDate(_TasksQuestion):
    template: ClassVar[str] = ("In Tasks, what tasks are due {date_text}? Answer with their titles, separated by "
                               "commas.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(SOON[:14])
        mine, others = _titles(rng, rng.randint(1, 3), (4, 7))
        todos = [*(_todo(rng, t, [day]) for t in mine), *_noise(rng, others, [d for d in SOON if d != day] + [None])]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine), date_text=day_text(day))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        day = next(t.due for t in self.params.todos if t.title == self.params.targets[0])
        assert day is not None
        _open_filter(ui, "My Tasks")
        return ", ".join(title for header, title in _listing(ui) if header == _header(day))


class TasksIncompleteTasksOnDate(TasksDueOnDate):
    template: ClassVar[str] = ("In Tasks, which tasks due {date_text} have I not completed yet? Answer with their "
                               "titles, separated by commas.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(SOON[:10])
        mine, others = _titles(rng, rng.randint(1, 2), (4, 7))
        finished = others[:rng.randint(1, 2)]  # due that day but done already
        todos = [*(_todo(rng, t, [day]) for t in mine), *(_todo(rng, t, [day], done=PAST) for t in finished),
                 *_noise(rng, others[len(finished):], [d for d in SOON if d != day] + [None])]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine), date_text=day_text(day))


class TasksHighPriorityTasks(_TasksQuestion):
    template: ClassVar[str] = ("In Tasks, which of my tasks are high priority? Answer with their titles, separated "
                               "by commas.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        mine, others = _titles(rng, rng.randint(1, 3), (4, 7))
        due: list[date | None] = [*SOON, None]
        todos = [*(_todo(rng, t, due, [1]) for t in mine), *_noise(rng, others, due, priority=[2, 3, None])]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_filter(ui, "High priority")
        return ", ".join(title for _, title in _listing(ui))


class TasksCompletedTasksForDate(_TasksQuestion):
    template: ClassVar[str] = ("In Tasks, which tasks did I complete {date_text}? Answer with their titles, "
                               "separated by commas.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(PAST)
        mine, others = _titles(rng, rng.randint(1, 3), (4, 7))
        other_days = [d for d in [*PAST, TODAY] if d != day]
        todos = [*(_todo(rng, t, [*PAST, *SOON[:5], None], done=[day]) for t in mine),
                 *(_todo(rng, t, [*SOON, None], done=other_days if rng.random() < 0.5 else None) for t in others)]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine), date_text=day_text(day))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        done = next(t.done for t in self.params.todos if t.title == self.params.targets[0])
        assert done is not None
        _open_filter(ui, "Completed")
        return ", ".join(title for header, title in _listing(ui) if header == _header(done.date()))


class TasksDueNextWeek(_TasksQuestion):
    template: ClassVar[str] = ("In Tasks, what tasks are due next week ({first} to {last})? Answer with their "
                               "titles, separated by commas.")

    @property
    def goal(self) -> str:
        return self.template.format(first=long_day(NEXT_WEEK[0]), last=long_day(NEXT_WEEK[-1]))

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        mine, others = _titles(rng, rng.randint(2, 4), (4, 7))
        outside: list[date | None] = [d for d in SOON if d not in NEXT_WEEK] + [None]
        todos = [*(_todo(rng, t, list(NEXT_WEEK)) for t in mine), *_noise(rng, others, outside)]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_filter(ui, "My Tasks")
        headers = {_header(d) for d in NEXT_WEEK}
        return ", ".join(title for header, title in _listing(ui) if header in headers)


class TasksCompleteTask(_TasksTask):
    template: ClassVar[str] = "In Tasks, mark the task '{title}' as done."
    complexity: ClassVar[float] = 1.0
    answer_type: ClassVar[AnswerType | None] = None
    category: ClassVar[str] = "data_edit"
    tags: ClassVar[tuple[str, ...]] = ("tasks", "parameterized")

    @property
    def goal(self) -> str:
        return self.template.format(title=self.params.targets[0])

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        mine, others = _titles(rng, 1, (4, 7))
        due: list[date | None] = [*SOON, None]
        todos = [_todo(rng, mine[0], due), *_noise(rng, others, due)]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return None

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after = {r["_id"]: r for r in _rows(env)}
        if len(after) != len(self.before["rows"]):
            return 0.0
        for old in self.before["rows"]:
            new = after.get(old["_id"])
            if new is None:
                return 0.0
            if old["title"] != self.params.targets[0]:
                if new != old:
                    return 0.0
                continue
            kept = {k: v for k, v in old.items() if k not in ("completed", "modified")}
            if not new["completed"] or new["deleted"] or any(new[k] != v for k, v in kept.items()):
                return 0.0
        return 1.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_filter(ui, "My Tasks")
        title = ui.scroll_to(rid="title", text=self.params.targets[0])
        row = next(e for e in ui.elements() if e.resource_id.endswith("/row") and inside(e, title))
        box = next(e for e in ui.elements() if e.resource_id.endswith("completeBox") and inside(row, e))
        ui.tap_at(*box.bounds.center)
        return None


TASKS = (TasksDueOnDate, TasksIncompleteTasksOnDate, TasksHighPriorityTasks, TasksCompletedTasksForDate,
         TasksDueNextWeek, TasksCompleteTask)
