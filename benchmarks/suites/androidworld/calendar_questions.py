"""More of AndroidWorld's Simple Calendar information-retrieval families: AnyEventsOnDate, NextEvent,
FirstEventAfterStartTime, EventsInTimeRange, EventOnDateAtTime, LocationOfEvent, EventsInNextWeek and
NextMeetingWithPerson, with AndroidWorld's prompts.

Like the other calendar questions they grade against the seeded events (`Question`) and fail if the agent changed
the calendar. Events on the asked day get distinct start times, so "the first after 2 PM" has one answer.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import ClassVar

from droidpilot.benchmarks.answers import parse_time
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import (
    OCTOBER,
    TITLES,
    UPCOMING,
    CalendarParams,
    CalEvent,
    SimpleCalendarEventsOnDate,
    _CalendarQuestion,
    _events,
    _open_day,
    _other_days,
)
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY, clock_text, day_text, inside, matches_unordered
from droidpilot.benchmarks.task import DEVICE_TIME, Params
from droidpilot.emulator.device import Key

NOW_MINUTES = DEVICE_TIME.hour * 60 + DEVICE_TIME.minute
NEXT_WEEK = [TODAY + timedelta(days=7 - TODAY.weekday() + i) for i in range(7)]
"""Monday to Sunday after the device's week."""
LOCATIONS = ("Conference Room B", "221 Baker Street", "Central Library", "Dr. Patel's office", "City Gym",
             "Riverside Park", "Room 4.12", "Blue Bottle Cafe", "Town Hall", "Studio 9", "Main Street Clinic",
             "Lincoln High School")
SUFFIX = " Answer with the titles only. If there are multiple titles, format your answer as a comma separated list."


def _timed_day(rng: random.Random, day: date, titles: list[str], hours: list[int]) -> list[CalEvent]:
    """One event per title on `day`, at the given distinct hours (on the hour or half past)."""
    return [CalEvent(title=t, day=day, hour=h, minute=rng.choice((0, 30)), minutes=rng.choice((30, 45, 60)))
            for t, h in zip(titles, hours, strict=True)]


def _day_listing(ui: UIDriver, day: date, in_day_view: bool = False) -> list[tuple[str, int]]:
    """(title, start in minutes after midnight) of each event in the day view of `day` (opened from the month,
    or, `in_day_view`, from another day's view by going back to the month first)."""
    if in_day_view:
        ui.press(Key.BACK)
        ui.tap(desc=f"{day:%B} {day.day}")
    else:
        _open_day(ui, day)
    elements = ui.elements()
    titles = [e.text for e in elements if e.resource_id.endswith("event_item_title")]
    starts = []
    for shown in (e for e in elements if e.resource_id.endswith("event_item_time")):
        parsed = parse_time(shown.text.split(" - ")[0])
        starts.append(parsed.hour * 60 + parsed.minute if parsed else -1)
    return list(zip(titles, starts, strict=True))


class SimpleCalendarAnyEventsOnDate(SimpleCalendarEventsOnDate):
    template: ClassVar[str] = "Do I have any events {date_text} in Calendar?" + SUFFIX


class SimpleCalendarFirstEventAfterStartTime(_CalendarQuestion):
    template: ClassVar[str] = "What is my first event after {time_text} {date_text} in Calendar?" + SUFFIX

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(OCTOBER)
        count = rng.randint(3, 5)
        titles = rng.sample(TITLES, count + rng.randint(2, 4))
        hours = sorted(rng.sample(range(8, 20), count))
        cut = rng.randint(1, count - 1)  # at least one event before the threshold and one after
        threshold = hours[cut - 1]  # at :45, between that event (:00 or :30) and the next hour
        noise = _events(rng, titles[count:], _other_days(OCTOBER, day))
        events = [*_timed_day(rng, day, titles[:count], hours), *noise]
        return CalendarParams(seed=seed, events=tuple(events), targets=(titles[cut],), date_text=day_text(day),
                              time_text=clock_text(threshold, 45))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return self.params.targets[0]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        day = self.target_events()[0].day
        threshold = parse_time(self.params.time_text)
        assert threshold is not None
        after = [(start, title) for title, start in _day_listing(ui, day)
                 if start >= threshold.hour * 60 + threshold.minute]
        return min(after)[1]


class SimpleCalendarEventsInTimeRange(_CalendarQuestion):
    template: ClassVar[str] = "Do I have any events between {time_text} and 8pm {date_text} in Calendar?" + SUFFIX

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(OCTOBER)
        start = rng.randint(12, 16)
        inside, outside = rng.randint(1, 3), rng.randint(1, 3)
        titles = rng.sample(TITLES, inside + outside + rng.randint(1, 3))
        hours = rng.sample(range(start, 20), inside) + rng.sample([*range(7, start - 1), 20, 21], outside)
        events = [*_timed_day(rng, day, titles[:inside + outside], hours),
                  *_events(rng, titles[inside + outside:], _other_days(OCTOBER, day))]
        return CalendarParams(seed=seed, events=tuple(events), targets=tuple(titles[:inside]),
                              date_text=day_text(day), time_text=clock_text(start, 0))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return ", ".join(e.title for e in self.target_events())

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return matches_unordered(answer, list(self.params.targets))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        start = parse_time(self.params.time_text)
        assert start is not None
        low, high = start.hour * 60 + start.minute, 20 * 60
        day = self.target_events()[0].day
        return ", ".join(title for title, minute in _day_listing(ui, day) if low <= minute < high)


class SimpleCalendarNextEvent(_CalendarQuestion):
    template: ClassVar[str] = "What is my next upcoming event in Calendar?" + SUFFIX.replace("titles", "title", 1)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        titles = rng.sample(TITLES, rng.randint(6, 9))
        nxt = TODAY + timedelta(days=rng.randint(0, 2))
        earliest = NOW_MINUTES // 60 + 1 if nxt == TODAY else 8
        target = CalEvent(title=titles[0], day=nxt, hour=rng.randint(earliest, 20), minute=0, minutes=60)
        earlier_today = _timed_day(rng, TODAY, titles[1:3], rng.sample(range(8, NOW_MINUTES // 60), 2))
        later = [d for d in UPCOMING if d > nxt + timedelta(days=1)]
        events = [target, *earlier_today, *_events(rng, titles[3:], later)]
        return CalendarParams(seed=seed, events=tuple(events), targets=(titles[0],))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return self.params.targets[0]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        for offset in range(3):
            day = TODAY + timedelta(days=offset)
            after = [(start, title) for title, start in _day_listing(ui, day, in_day_view=offset > 0)
                     if offset > 0 or start > NOW_MINUTES]
            if after:
                return min(after)[1]
        return None


class SimpleCalendarEventOnDateAtTime(_CalendarQuestion):
    template: ClassVar[str] = "What is on my schedule for {date_text} at {time_text} in Calendar?" + SUFFIX

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(OCTOBER)
        count = rng.randint(2, 4)
        titles = rng.sample(TITLES, count + rng.randint(2, 4))
        events = _timed_day(rng, day, titles[:count], rng.sample(range(8, 20), count))
        target = events[0]
        noise = _events(rng, titles[count:], _other_days(OCTOBER, day))
        return CalendarParams(seed=seed, events=tuple([*events, *noise]), targets=(target.title,),
                              date_text=f"{day:%B} {day.day}", time_text=clock_text(target.hour, target.minute))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return self.params.targets[0]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        at_time = parse_time(self.params.time_text)
        assert at_time is not None
        minute = at_time.hour * 60 + at_time.minute
        day = self.target_events()[0].day
        return ", ".join(title for title, start in _day_listing(ui, day) if start == minute)


class SimpleCalendarLocationOfEvent(_CalendarQuestion):
    """Answered with the location exactly (case and spacing aside): an address is an identifier."""

    template: ClassVar[str] = ("What is the location of my {title} event in Calendar? Answer with the location "
                               "only.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        titles = rng.sample(TITLES, rng.randint(5, 8))
        places = list(LOCATIONS)
        rng.shuffle(places)
        events = [e.model_copy(update={"location": place})
                  for e, place in zip(_events(rng, titles, OCTOBER), places, strict=False)]
        return CalendarParams(seed=seed, events=tuple(events), targets=(titles[0],), title=titles[0])

    def expected_answer(self, env: TaskEnv) -> str | None:
        return self.target_events()[0].location

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_day(ui, self.target_events()[0].day)
        title = ui.need(rid="event_item_title", text=self.params.title)
        row = next(e for e in ui.elements() if e.resource_id.endswith("event_item_holder") and inside(e, title))
        shown = next(e for e in ui.elements() if e.resource_id.endswith("event_item_description") and inside(row, e))
        return shown.text


class SimpleCalendarEventsInNextWeek(_CalendarQuestion):
    template: ClassVar[str] = ("What events do I have in the next week in Calendar? Assume the week starts from "
                               "Monday." + SUFFIX)

    @property
    def goal(self) -> str:
        return self.template

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        n = rng.randint(2, 5)
        titles = rng.sample(TITLES, n + rng.randint(3, 5))
        days = sorted(rng.sample(NEXT_WEEK, n))  # one a day, so every month cell shows all its events
        inside_week = [CalEvent(title=t, day=d, hour=rng.randint(8, 19), minute=0, minutes=60)
                       for t, d in zip(titles, days, strict=False)]
        outside = _events(rng, titles[n:], [d for d in OCTOBER if d not in NEXT_WEEK])
        return CalendarParams(seed=seed, events=tuple([*inside_week, *outside]), targets=tuple(titles[:n]))

    def expected_answer(self, env: TaskEnv) -> str | None:
        return ", ".join(e.title for e in self.target_events())

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return matches_unordered(answer, list(self.params.targets))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Calendar")
        elements = ui.elements()
        cells = [e for e in elements if e.resource_id.endswith("month_day")
                 and e.content_desc in {f"{d:%B} {d.day}" for d in NEXT_WEEK}]
        titles = [e for e in elements if e.resource_id.endswith("day_monthly_event_id")]
        return ", ".join(t.text for t in titles if any(inside(c, t) for c in cells))


PEOPLE = ("Alex", "Priya", "Jordan", "Mei", "Omar", "Sofia", "Lucas", "Grace")
MEETING = re.compile(r"([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})")


def _meeting(text: str) -> tuple[str, int, int, int, int] | None:
    """(month, day, year, hour, minute) of "October 16 2026 14:30" (a comma or "at" may come between)."""
    match = MEETING.fullmatch(text.strip())
    if match is None:
        return None
    month, day, year, hour, minute = match.groups()
    return month.casefold(), int(day), int(year), int(hour), int(minute)


class SimpleCalendarNextMeetingWithPerson(_CalendarQuestion):
    """The answer's month, day, year, hour and minute must all be right (AndroidWorld's format, 24-hour time)."""

    template: ClassVar[str] = ("When is my next meeting with {subject} in Calendar? Express your answer in the "
                               "format <month name> <day> <year> <hour in 24-hour format>:<minutes>.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        person, *others = rng.sample(PEOPLE, 4)
        title = f"Meeting with {person}"
        nxt = TODAY + timedelta(days=rng.randint(0, 2))
        hour = rng.randint(NOW_MINUTES // 60 + 1 if nxt == TODAY else 8, 19)
        target = CalEvent(title=title, day=nxt, hour=hour, minute=rng.choice((0, 15, 30, 45)), minutes=60)
        past = CalEvent(title=title, day=TODAY - timedelta(days=rng.randint(1, 5)), hour=10, minute=0, minutes=60)
        later = CalEvent(title=title, day=TODAY + timedelta(days=rng.randint(4, 12)), hour=9, minute=30, minutes=60)
        noise = [CalEvent(title=f"Meeting with {o}", day=TODAY + timedelta(days=rng.randint(0, 2)),
                          hour=rng.randint(8, 19), minute=0, minutes=30) for o in others]
        return CalendarParams(seed=seed, events=(target, past, later, *noise), targets=(title,), title=title,
                              subject=person)

    def target_events(self) -> list[CalEvent]:
        return [self.params.events[0]]

    def expected_answer(self, env: TaskEnv) -> str | None:
        e = self.params.events[0]
        return f"{e.day:%B} {e.day.day} {e.day.year} {e.hour:02d}:{e.minute:02d}"

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        got, want = _meeting(answer or ""), _meeting(truth)
        return got is not None and got == want

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        for offset in range(3):
            day = TODAY + timedelta(days=offset)
            found = sorted(start for title, start in _day_listing(ui, day, in_day_view=offset > 0)
                           if title == self.params.title and (offset > 0 or start > NOW_MINUTES))
            if found:
                return f"{day:%B} {day.day} {day.year} {found[0] // 60:02d}:{found[0] % 60:02d}"
        return None


TASKS = (SimpleCalendarNextMeetingWithPerson, SimpleCalendarEventOnDateAtTime, SimpleCalendarLocationOfEvent,
         SimpleCalendarEventsInNextWeek, SimpleCalendarAnyEventsOnDate, SimpleCalendarFirstEventAfterStartTime,
         SimpleCalendarEventsInTimeRange, SimpleCalendarNextEvent)
