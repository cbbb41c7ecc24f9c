"""Calendar tasks (AndroidWorld's SimpleCalendar* families): add and delete events, and questions about them.

Each task clears the calendar and seeds its own events, targets and noise alike, in October 2026 (the month
the app opens on at the pinned device time, Thursday October 15). Titles are unique within an instance.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import (
    TODAY,
    Row,
    at,
    clock_text,
    day_text,
    days_between,
    inside,
    long_day,
    matches_unordered,
    pick_time,
    rows_added,
    rows_removed,
    text_matches,
)
from droidpilot.benchmarks.task import AnswerType, Params, Question, Task

CALENDAR = "com.android.calendar"
OCTOBER = days_between(date(2026, 10, 1), date(2026, 10, 31))
UPCOMING = [d for d in OCTOBER if d > TODAY]
WEEK = days_between(date(2026, 10, 12), date(2026, 10, 18))  # Monday to Sunday around the pinned day
TITLES = ("Team standup", "Dentist appointment", "Yoga class", "Project review", "Lunch with Maya",
          "Parent-teacher conference", "Car service", "Book club", "Guitar lesson", "Budget meeting", "Haircut",
          "Coffee with Daniel", "Client call", "Gym session", "Doctor's appointment", "Piano recital",
          "Sprint planning", "Movie night", "Farmers market", "Vet appointment", "Design workshop",
          "Quarterly review", "Family dinner", "Code review", "Interview with Alex", "Tennis practice",
          "Volunteer shift", "Study group", "Birthday party for Leo", "Photography class")


class CalEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    day: date
    hour: int
    minute: int
    minutes: int
    location: str = ""

    @property
    def start(self) -> int:
        return int(at(self.day, self.hour, self.minute).timestamp())

    @property
    def end(self) -> int:
        return self.start + self.minutes * 60


class CalendarParams(Params):
    events: tuple[CalEvent, ...] = ()
    """Every event seeded, targets included."""
    targets: tuple[str, ...] = ()
    """Titles of the events the task is about (to delete, to report)."""
    new: CalEvent | None = None
    """The event to create."""
    title: str = ""
    subject: str = ""
    """The title as a sentence names it ("lunch with Maya")."""
    date_text: str = ""
    time_text: str = ""
    duration_text: str = ""


def _event(rng: random.Random, title: str, days: list[date]) -> CalEvent:
    return CalEvent(title=title, day=rng.choice(days), hour=rng.randint(8, 19), minute=rng.choice((0, 15, 30, 45)),
                    minutes=rng.choice((30, 45, 60, 90, 120)))


def _events(rng: random.Random, titles: list[str], days: list[date]) -> list[CalEvent]:
    return [_event(rng, t, days) for t in titles]


def _duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return " and ".join(parts)


def _day_events(rng: random.Random, day: date, targets: list[str], others: list[str], same_day: int = 0,
                ) -> list[CalEvent]:
    """The targets on `day`, `same_day` of the others on it too, the rest on other October days."""
    return [*_events(rng, [*targets, *others[:same_day]], [day]),
            *_events(rng, others[same_day:], _other_days(OCTOBER, day))]


def _other_days(days: list[date], *excluded: date) -> list[date]:
    return [d for d in days if d not in excluded]


def _month_cell(day: date) -> str:
    return f"{day:%B} {day.day}"


class _CalendarTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (CALENDAR,)
    tags: ClassVar[tuple[str, ...]] = ("calendar", "parameterized")
    params: CalendarParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(CALENDAR, "clear")
        for e in self.params.events:
            env.seed(CALENDAR, "insert_event", title=e.title, start=e.start, end=e.end, reminder_minutes=-1,
                     location=e.location)
        self.before["rows"] = _rows(env)

    def target_events(self) -> list[CalEvent]:
        by_title = {e.title: e for e in self.params.events}
        return sorted((by_title[t] for t in self.params.targets), key=lambda e: e.start)

    def target_ids(self) -> list[int]:
        return [r["id"] for r in self.before["rows"] if r["title"] in self.params.targets]


def _rows(env: TaskEnv) -> list[Row]:
    return env.query(CALENDAR, "events.db", "SELECT * FROM events ORDER BY id")


def _open_day(ui: UIDriver, day: date) -> None:
    ui.open_app("Calendar")
    ui.tap(desc=_month_cell(day))


# -- adding and deleting -----------------------------------------------------------------------------------------
class SimpleCalendarAddOneEvent(_CalendarTask):
    template: ClassVar[str] = ("In Calendar, create an event titled '{title}' {date_text} at {time_text} that "
                               "lasts {duration_text}.")
    complexity: ClassVar[float] = 4.0
    difficulty = "medium"
    category: ClassVar[str] = "data_entry"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, *noise = rng.sample(TITLES, rng.randint(4, 7))
        new = _event(rng, title, UPCOMING)
        return CalendarParams(seed=seed, events=tuple(_events(rng, noise, OCTOBER)), title=title,
                              date_text=day_text(new.day), time_text=clock_text(new.hour, new.minute),
                              duration_text=_duration_text(new.minutes), new=new)

    def new_event(self) -> CalEvent:
        assert self.params.new is not None
        return self.params.new

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        want = self.new_event()
        ok = rows_added(self.before["rows"], _rows(env), "id", [
            lambda r: text_matches(r["title"], want.title) and r["start_ts"] == want.start and r["end_ts"] == want.end
            and r["repeat_interval"] == 0])
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        want = self.new_event()
        _open_day(ui, want.day)
        ui.tap(desc="New event")
        ui.type_into(want.title, rid="event_title")
        ui.tap(rid="event_start_time")
        pick_time(ui, want.hour, want.minute)
        end = at(want.day, want.hour, want.minute) + timedelta(minutes=want.minutes)
        ui.tap(rid="event_end_time")
        pick_time(ui, end.hour, end.minute)
        ui.tap(desc="Save")
        return None


class SimpleCalendarDeleteEvents(_CalendarTask):
    template: ClassVar[str] = "In Calendar, delete all the events {date_text}."
    complexity: ClassVar[float] = 3.0
    difficulty = "easy"
    category: ClassVar[str] = "data_edit"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        titles = rng.sample(TITLES, rng.randint(6, 9))
        day = rng.choice(UPCOMING)
        n = rng.randint(1, 3)
        events = _day_events(rng, day, titles[:n], titles[n:])
        return CalendarParams(seed=seed, events=tuple(events), targets=tuple(titles[:n]), date_text=day_text(day))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return 1.0 if rows_removed(self.before["rows"], _rows(env), "id", self.target_ids()) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_day(ui, self.target_events()[0].day)
        for _ in self.params.targets:
            ui.tap(rid="event_item_title")
            ui.tap(desc="Delete")
            ui.tap(rid="button1")
        return None


class SimpleCalendarDeleteOneEvent(_CalendarTask):
    template: ClassVar[str] = "In Calendar, delete the event '{title}' {date_text}."
    complexity: ClassVar[float] = 2.0
    difficulty = "easy"
    category: ClassVar[str] = "data_edit"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, *others = rng.sample(TITLES, rng.randint(6, 9))
        day = rng.choice(UPCOMING)
        events = _day_events(rng, day, [title], others, rng.randint(1, 2))
        return CalendarParams(seed=seed, events=tuple(events), targets=(title,), title=title,
                              date_text=day_text(day))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return 1.0 if rows_removed(self.before["rows"], _rows(env), "id", self.target_ids()) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_day(ui, self.target_events()[0].day)
        ui.tap(rid="event_item_title", text=self.params.title)
        ui.tap(desc="Delete")
        ui.tap(rid="button1")
        return None


# -- questions -------------------------------------------------------------------------------------------------
class _CalendarQuestion(Question, _CalendarTask):
    tags: ClassVar[tuple[str, ...]] = ("calendar", "information_retrieval", "parameterized")
    category: ClassVar[str] = "information_retrieval"
    complexity: ClassVar[float] = 1.0
    answer_type: ClassVar[AnswerType | None] = "string"

    def asked_state(self, env: TaskEnv) -> Any:
        return _rows(env)


class SimpleCalendarEventsOnDate(_CalendarQuestion):
    template: ClassVar[str] = ("In Calendar, what events do I have {date_text}? Answer with their titles, "
                               "separated by commas.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        titles = rng.sample(TITLES, rng.randint(5, 8))
        day = rng.choice(OCTOBER)
        n = rng.randint(1, 3)
        events = _day_events(rng, day, titles[:n], titles[n:])
        return CalendarParams(seed=seed, events=tuple(events), targets=tuple(titles[:n]), date_text=day_text(day))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return ", ".join(e.title for e in self.target_events())

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return matches_unordered(answer, [e.title for e in self.target_events()])

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_day(ui, self.target_events()[0].day)
        return ", ".join(e.text for e in ui.elements() if e.resource_id.endswith("event_item_title"))


class SimpleCalendarEventTime(_CalendarQuestion):
    template: ClassVar[str] = "In Calendar, when is my {subject} {date_text}? Answer with its start time."
    answer_type: ClassVar[AnswerType | None] = "time"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, *others = rng.sample(TITLES, rng.randint(5, 8))
        day = rng.choice(UPCOMING)
        events = _day_events(rng, day, [title], others, rng.randint(0, 2))
        return CalendarParams(seed=seed, events=tuple(events), targets=(title,), title=title,
                              subject=title[0].lower() + title[1:], date_text=day_text(day))

    def expected_answer(self, env: TaskEnv) -> str | None:
        event = self.target_events()[0]
        return clock_text(event.hour, event.minute)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_day(ui, self.target_events()[0].day)
        title = ui.need(rid="event_item_title", text=self.params.title)
        row = next(e for e in ui.elements() if e.resource_id.endswith("event_item_holder") and inside(e, title))
        shown = next(e for e in ui.elements() if e.resource_id.endswith("event_item_time") and inside(row, e))
        return shown.text.split(" - ")[0]


class SimpleCalendarEventsThisWeek(_CalendarQuestion):
    template: ClassVar[str] = "In Calendar, how many events do I have this week ({first} to {last})?"
    answer_type: ClassVar[AnswerType | None] = "number"

    @property
    def goal(self) -> str:
        return self.template.format(first=long_day(WEEK[0]), last=long_day(WEEK[-1]))

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        n = rng.randint(2, 5)
        titles = rng.sample(TITLES, n + rng.randint(3, 5))
        days = sorted(rng.sample(WEEK, n))  # one a day, so every cell shows all its events
        outside = _other_days(OCTOBER, *WEEK)
        events = [_event(rng, t, [d]) for t, d in zip(titles, days, strict=False)] + _events(rng, titles[n:], outside)
        return CalendarParams(seed=seed, events=tuple(events), targets=tuple(titles[:n]))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return str(len(self.params.targets))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Calendar")
        elements = ui.elements()
        cells = [e for e in elements if e.resource_id.endswith("month_day")
                 and e.content_desc in {_month_cell(d) for d in WEEK}]
        titles = [e for e in elements if e.resource_id.endswith("day_monthly_event_id")]
        return str(sum(1 for t in titles if any(inside(c, t) for c in cells)))


TASKS = (SimpleCalendarAddOneEvent, SimpleCalendarDeleteEvents, SimpleCalendarDeleteOneEvent,
         SimpleCalendarEventsOnDate, SimpleCalendarEventTime, SimpleCalendarEventsThisWeek)
