"""AndroidWorld's Simple Calendar families with relative days or repetition: SimpleCalendarAddOneEventRelativeDay
("this Saturday"), SimpleCalendarAddOneEventTomorrow, SimpleCalendarAddOneEventInTwoWeeks,
SimpleCalendarDeleteEventsOnRelativeDay and SimpleCalendarAddRepeatingEvent, with AndroidWorld's goals (hour as
"14h", a description, a length in minutes). The device time is Thursday October 15, so "this Friday/Saturday/
Sunday" is in the same Monday-to-Sunday week.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import (
    OCTOBER,
    TITLES,
    CalendarParams,
    CalEvent,
    SimpleCalendarAddOneEvent,
    SimpleCalendarDeleteEvents,
    _day_events,
    _events,
    _open_day,
    _rows,
)
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY, at, pick_time, prose_fields_match, rows_added
from droidpilot.benchmarks.suites.androidworld.datakit import text_matches as title_matches
from droidpilot.benchmarks.task import Params

THIS_WEEK_LATER = [TODAY + timedelta(days=i) for i in range(1, 7 - TODAY.weekday())]
"""The days after today up to Sunday."""
DESCRIPTIONS = ("Bring the printed agenda.", "Meet at the front desk.", "Remember the gift card.",
                "Discuss the quarterly numbers.", "Wear comfortable shoes.", "Call in if running late.")


REPEATS = {"daily": 86_400, "weekly": 604_800}


class DescribedEventParams(CalendarParams):
    description: str
    hour: int
    duration_mins: int
    day_of_week: str = ""
    repeat: str = ""
    """"daily" or "weekly" for a repeating event."""


def _described(rng: random.Random, seed: int, day: date, day_of_week: str = "") -> DescribedEventParams:
    title, *noise = rng.sample(TITLES, rng.randint(4, 7))
    hour, minutes = rng.randint(8, 19), rng.choice((15, 30, 45, 60, 90))
    new = CalEvent(title=title, day=day, hour=hour, minute=0, minutes=minutes)
    return DescribedEventParams(seed=seed, events=tuple(_events(rng, noise, OCTOBER)), title=title, new=new,
                                description=rng.choice(DESCRIPTIONS), hour=hour, duration_mins=minutes,
                                day_of_week=day_of_week)


class _AddDescribedEvent(SimpleCalendarAddOneEvent):
    params_model: ClassVar[type[Params]] = DescribedEventParams

    @property
    def dp(self) -> DescribedEventParams:
        assert isinstance(self.params, DescribedEventParams)
        return self.params

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        want = self.new_event()
        ok = rows_added(self.before["rows"], _rows(env), "id", [
            lambda r: title_matches(r["title"], want.title) and r["start_ts"] == want.start
            and r["end_ts"] == want.end and self.repeats_as_asked(r)
            and prose_fields_match(r["description"], self.dp.description)])
        return 1.0 if ok else 0.0

    def repeats_as_asked(self, row: dict[str, object]) -> bool:
        if not self.dp.repeat:
            return row["repeat_interval"] == 0
        weekly_rule = 1 << self.new_event().day.weekday()  # Mon=1 ... Sun=64
        rule_ok = self.dp.repeat == "daily" or row["repeat_rule"] == weekly_rule
        return row["repeat_interval"] == REPEATS[self.dp.repeat] and row["repeat_limit"] == 0 and rule_ok

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        want = self.new_event()
        _open_day(ui, want.day)
        ui.tap(desc="New event")
        ui.type_into(want.title, rid="event_title")
        ui.type_into(self.dp.description, rid="event_description")
        ui.tap(rid="event_start_time")
        pick_time(ui, want.hour, want.minute)
        end = at(want.day, want.hour, want.minute) + timedelta(minutes=want.minutes)
        ui.tap(rid="event_end_time")
        pick_time(ui, end.hour, end.minute)
        if self.dp.repeat:
            ui.tap(rid="event_repetition")
            ui.tap(text=self.dp.repeat.capitalize())
        ui.tap(desc="Save")
        return None


class SimpleCalendarAddOneEventRelativeDay(_AddDescribedEvent):
    template: ClassVar[str] = ("In Calendar, create a calendar event for this {day_of_week} at {hour}h with the title "
                               "'{title}' and the description '{description}'. The event should last for "
                               "{duration_mins} mins.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(THIS_WEEK_LATER)
        return _described(rng, seed, day, f"{day:%A}")


class SimpleCalendarAddOneEventTomorrow(_AddDescribedEvent):
    template: ClassVar[str] = ("In Calendar, create a calendar event for tomorrow at {hour}h with the title '{title}' "
                               "and the description '{description}'. The event should last for {duration_mins} mins.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return _described(rng, seed, TODAY + timedelta(days=1))


class SimpleCalendarAddOneEventInTwoWeeks(_AddDescribedEvent):
    template: ClassVar[str] = ("In Calendar, create a calendar event in two weeks from today at {hour}h with the "
                               "title '{title}' and the description '{description}'. The event should last for "
                               "{duration_mins} mins.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return _described(rng, seed, TODAY + timedelta(days=14))


class SimpleCalendarDeleteEventsOnRelativeDay(SimpleCalendarDeleteEvents):
    template: ClassVar[str] = "In Calendar, delete all events scheduled for this {date_text}."

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        titles = rng.sample(TITLES, rng.randint(6, 9))
        day = rng.choice(THIS_WEEK_LATER)
        n = rng.randint(1, 3)
        events = _day_events(rng, day, titles[:n], titles[n:])
        return CalendarParams(seed=seed, events=tuple(events), targets=tuple(titles[:n]), date_text=f"{day:%A}")


class SimpleCalendarAddRepeatingEvent(_AddDescribedEvent):
    template: ClassVar[str] = ("In Calendar, create a recurring calendar event titled '{title}' starting on "
                               "{date_text} at {hour}h. The event recurs {repeat}, forever, and lasts for "
                               "{duration_mins} minutes each occurrence. The event description should be "
                               "'{description}'.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice([d for d in OCTOBER if d >= TODAY])
        params = _described(rng, seed, day)
        return params.model_copy(update={"repeat": rng.choice(list(REPEATS)), "date_text": day.isoformat()})


TASKS = (SimpleCalendarAddOneEventRelativeDay, SimpleCalendarAddOneEventTomorrow, SimpleCalendarAddRepeatingEvent,
         SimpleCalendarAddOneEventInTwoWeeks, SimpleCalendarDeleteEventsOnRelativeDay)
