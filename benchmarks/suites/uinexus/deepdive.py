"""UI-NEXUS Deep Dive: gather information, compute something from it (a sum, a count, an earliest time, a
conflict, a busiest day), then act on the result.

The computed value is what the check looks for, so a wrong sum or count is attention drift; the oracles read
the inputs off the screen and compute as an agent must.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from typing import ClassVar

from droidpilot.benchmarks.answers import parse_date, parse_number
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import TITLES as EVENT_TITLES
from droidpilot.benchmarks.suites.androidworld.calendar import (
    UPCOMING,
    CalendarParams,
    CalEvent,
    SimpleCalendarAddOneEvent,
)
from droidpilot.benchmarks.suites.androidworld.clock import AlarmParams, ClockAlarmAdd, clock_text, noise_alarms
from droidpilot.benchmarks.suites.androidworld.datakit import day_text, inside, long_day
from droidpilot.benchmarks.suites.androidworld.expenses import (
    CATEGORY_IDS,
    ITEMS,
    LAST_MONTH,
    THIS_MONTH,
    ExpenseCategoryTotal,
    ExpenseParams,
    _expense,
    _expenses,
)
from droidpilot.benchmarks.suites.androidworld.notes import MarkorCreateNote, NotesParams
from droidpilot.benchmarks.suites.androidworld.sms import SimpleSmsSendToContact, Sms, SmsParams, norm_text, send
from droidpilot.benchmarks.suites.androidworld.tasks import NEXT_WEEK, SOON, TasksDueNextWeek, TasksParams, Todo
from droidpilot.benchmarks.suites.androidworld.tasks import TITLES as TASK_TITLES
from droidpilot.benchmarks.suites.uinexus.atoms import (
    SubGoal,
    alarm_added,
    event_added,
    note_added,
    sms_sent,
    states_number,
)
from droidpilot.benchmarks.suites.uinexus.composite import (
    DD,
    CompositeTask,
    clock_of,
    day_events,
    draw,
    due_dates,
    number_of,
    received,
    text_contact,
)
from droidpilot.benchmarks.task import Difficulty, Params, Task


class _DeepDive(CompositeTask):
    category: ClassVar[str] = DD
    difficulty: ClassVar[Difficulty] = "hard"
    tags: ClassVar[tuple[str, ...]] = ("compositional", "parameterized", "math_counting")

    @property
    def goal(self) -> str:
        return self.template.format(**self.fields())

    def fields(self) -> dict[str, object]:
        return {}


# -- sum -> note ---------------------------------------------------------------------------------------------------
class SpendNoteParams(Params):
    expense: ExpenseParams
    """`targets` are this month's rows of the two categories."""
    categories: tuple[str, str]
    note: NotesParams


class NexusSpendingTotalToNote(_DeepDive):
    template: ClassVar[str] = ("In Expenses, add up what I spent on {first} and on {second} this month, then in Notes "
                               "create a note named {name} with the total in dollars.")
    params_model: ClassVar[type[Params]] = SpendNoteParams
    complexity: ClassVar[float] = 1.5 + MarkorCreateNote.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.expenses", "net.droidpilot.notes")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        first, second = rng.sample([c for c in CATEGORY_IDS if c != "Others"], 2)
        mine = tuple(i for i in ITEMS if i[1] in (first, second))
        targets = [_expense(rng, rng.choice([i for i in mine if i[1] == c]), THIS_MONTH)
                   for c in (first, second) for _ in range(rng.randint(1, 3))]
        rows = [*targets, *(_expense(rng, rng.choice(mine), LAST_MONTH) for _ in range(rng.randint(1, 3))),
                *_expenses(rng, rng.randint(3, 5), THIS_MONTH, tuple(i for i in ITEMS if i not in mine))]
        rng.shuffle(rows)
        note = draw(MarkorCreateNote, NotesParams, rng, seed)
        total = sum(e.cents for e in targets)
        return SpendNoteParams(seed=seed, categories=(first, second), note=note.model_copy(update={
            "text": f"Total: ${total / 100:.2f}"}), expense=ExpenseParams(
            seed=seed, rows=tuple(rows), targets=tuple(i for i, e in enumerate(rows) if e in targets)))

    @property
    def p(self) -> SpendNoteParams:
        assert isinstance(self.params, SpendNoteParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"first": self.p.categories[0], "second": self.p.categories[1], "name": self.p.note.name}

    def build_parts(self) -> list[Task]:
        return [ExpenseCategoryTotal(self.p.expense), MarkorCreateNote(self.p.note)]

    def goals(self) -> list[SubGoal]:
        total = sum(self.p.expense.rows[i].cents for i in self.p.expense.targets) / 100
        return [note_added(self.p.note.name, lambda text: states_number(text, total), f"with ${total:.2f}")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Expenses")
        ui.tap(desc="Open navigation drawer")
        ui.tap(rid="nav_statistics")
        elements = ui.elements()
        totals: dict[str, float] = {}
        for row in (x for x in elements if x.resource_id.endswith("item_category_statistic")):
            fields = {x.resource_id.rpartition("/")[2]: x.text for x in elements if inside(row, x)}
            totals[fields.get("tv_category", "")] = parse_number(fields.get("tv_amount", "")) or 0.0
        total = sum(totals[c] for c in self.p.categories)
        MarkorCreateNote(self.p.note.model_copy(update={"text": f"Total: ${total:.2f}"})).solve(ui, env)
        return None


# -- count -> text ---------------------------------------------------------------------------------------------------
class CountTextParams(Params):
    tasks: TasksParams
    sms: SmsParams


class NexusTasksNextWeekCountText(_DeepDive):
    template: ClassVar[str] = ("In Tasks, count the tasks due next week ({first} to {last}) and text the number to "
                               "{target}.")
    params_model: ClassVar[type[Params]] = CountTextParams
    complexity: ClassVar[float] = TasksDueNextWeek.complexity + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.tasks", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return CountTextParams(seed=seed, tasks=draw(TasksDueNextWeek, TasksParams, rng, seed),
                               sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> CountTextParams:
        assert isinstance(self.params, CountTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"first": long_day(NEXT_WEEK[0]), "last": long_day(NEXT_WEEK[-1]), "target": self.p.sms.target}

    def build_parts(self) -> list[Task]:
        return [TasksDueNextWeek(self.p.tasks), SimpleSmsSendToContact(self.p.sms)]

    def goals(self) -> list[SubGoal]:
        count = len(self.p.tasks.targets)
        return [sms_sent(number_of(self.p.sms, self.p.sms.target), lambda body: states_number(body, count),
                         f"the count {count}")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        titles = self.parts[0].solve(ui, env) or ""
        count = len([t for t in titles.split(", ") if t])
        text_contact(ui, env, self.p.sms, self.p.sms.target, f"{count} tasks are due next week.")
        return None


# -- earliest event -> alarm -----------------------------------------------------------------------------------------
class EarlyAlarmParams(Params):
    cal: CalendarParams
    day: date
    lead: int
    """Minutes before the first event."""
    alarm: AlarmParams


class NexusAlarmBeforeFirstEvent(_DeepDive):
    template: ClassVar[str] = "Set an alarm {lead} minutes before the start of my first event {date_text} in Calendar."
    params_model: ClassVar[type[Params]] = EarlyAlarmParams
    complexity: ClassVar[float] = 1.0 + ClockAlarmAdd.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.calendar", "com.android.deskclock")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(UPCOMING)
        count = rng.randint(2, 4)
        titles = rng.sample(EVENT_TITLES, count + rng.randint(3, 5))
        starts = sorted(rng.sample(range(8 * 4, 19 * 4), count))  # quarter hours, distinct
        events = [CalEvent(title=t, day=day, hour=s // 4, minute=s % 4 * 15, minutes=rng.choice((30, 45, 60, 90)))
                  for t, s in zip(titles, starts, strict=False)]
        events += [CalEvent(title=t, day=rng.choice([d for d in UPCOMING if d != day]), hour=rng.randint(6, 9),
                            minute=rng.choice((0, 15, 30, 45)), minutes=60) for t in titles[count:]]
        rng.shuffle(events)
        lead = rng.choice((15, 30, 45, 60, 90))
        ring = datetime(2026, 1, 1, starts[0] // 4, starts[0] % 4 * 15) - timedelta(minutes=lead)
        alarm = AlarmParams(seed=seed, alarms=noise_alarms(rng, 3, avoid={(ring.hour, ring.minute)}), hour=ring.hour,
                            minute=ring.minute, time=clock_text(ring.hour, ring.minute))
        return EarlyAlarmParams(seed=seed, cal=CalendarParams(seed=seed, events=tuple(events)), day=day, lead=lead,
                                alarm=alarm)

    @property
    def p(self) -> EarlyAlarmParams:
        assert isinstance(self.params, EarlyAlarmParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"lead": self.p.lead, "date_text": day_text(self.p.day)}

    def build_parts(self) -> list[Task]:
        return [SimpleCalendarAddOneEvent(self.p.cal), ClockAlarmAdd(self.p.alarm)]  # the first seeds the events

    def goals(self) -> list[SubGoal]:
        return [alarm_added(self.p.alarm.hour, self.p.alarm.minute)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        first = min(start for _, start, _ in day_events(ui, self.p.day))
        ring = first - timedelta(minutes=self.p.lead)
        update = {"hour": ring.hour, "minute": ring.minute, "time": clock_text(ring.hour, ring.minute)}
        ClockAlarmAdd(self.p.alarm.model_copy(update=update)).solve(ui, env)
        return None


# -- conflict check -> reply -----------------------------------------------------------------------------------------
ACTIVITIES = ("a pottery class", "a pub quiz", "a bike ride", "a board game night", "a cooking class",
              "an escape room", "a climbing session", "a jazz concert")
YES, NO = "Will attend", "Cannot attend"


class InviteParams(Params):
    sms: SmsParams
    """`target` is the person who sent the invitation."""
    cal: CalendarParams
    start: datetime
    free: bool


class NexusInviteConflictReply(_DeepDive):
    """Conditional, so the reply also carries what only the day in Calendar shows (how many events it holds): a
    constant "{yes}" or "{no}" without looking scores (almost) nothing."""

    template: ClassVar[str] = ('{target} invited me to something by text. If my calendar is free for that whole hour, '
                               'reply "{yes}"; otherwise reply "{no}". Either way, end the reply with how many events '
                               'I have in my calendar that day.')
    params_model: ClassVar[type[Params]] = InviteParams
    complexity: ClassVar[float] = 3.0  # read the invitation, read the day in Calendar, reply
    app_names: ClassVar[tuple[str, ...]] = ("com.android.messaging", "com.android.calendar")
    tags: ClassVar[tuple[str, ...]] = ("compositional", "parameterized", "conditional")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendToContact, SmsParams, rng, seed)
        day = rng.choice(UPCOMING)
        start = datetime(day.year, day.month, day.day, rng.randint(10, 17), rng.choice((0, 30)))
        free = rng.random() < 0.5
        titles = rng.sample(EVENT_TITLES, 10)
        elsewhere = [d for d in UPCOMING if d != day]
        # The closest event touches the hour when free, and overlaps it when not.
        near = (start + timedelta(hours=1) if rng.random() < 0.5 else start - timedelta(minutes=60)) if free else (
            start + timedelta(minutes=rng.choice((-45, -30, 15, 30))))
        events = [CalEvent(title=titles[0], day=day, hour=near.hour, minute=near.minute, minutes=60),
                  CalEvent(title=titles[1], day=day, hour=(start.hour + 4) % 24 if start.hour < 15 else 8, minute=0,
                           minutes=45),
                  CalEvent(title=titles[2], day=rng.choice(elsewhere), hour=start.hour, minute=start.minute,
                           minutes=60),  # the same hour on another day
                  *(CalEvent(title=t, day=rng.choice(elsewhere), hour=rng.randint(8, 18), minute=0, minutes=30)
                    for t in titles[3:6])]
        # early and late events on the day too (never near the hour), so the day's count varies
        events += [CalEvent(title=t, day=day, hour=h, minute=0, minutes=30)
                   for t, h in zip(titles[6:], rng.sample((6, 7, 21, 22), rng.randint(0, 4)), strict=False)]
        when = f"{long_day(day)} at {clock_text(start.hour, start.minute)}"
        body = f"Want to join me for {rng.choice(ACTIVITIES)} on {when}? It takes about an hour."
        invite = Sms(address=sms.book[0].phone, body=body, minutes_ago=rng.randint(10, 90))
        return InviteParams(seed=seed, sms=sms.model_copy(update={"history": [*sms.history, invite]}),
                            cal=CalendarParams(seed=seed, events=tuple(events)), start=start, free=free)

    @property
    def p(self) -> InviteParams:
        assert isinstance(self.params, InviteParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"target": self.p.sms.target, "yes": YES, "no": NO}

    def build_parts(self) -> list[Task]:
        return [SimpleSmsSendToContact(self.p.sms), SimpleCalendarAddOneEvent(self.p.cal)]  # both only seed

    def goals(self) -> list[SubGoal]:
        answer = YES if self.p.free else NO
        count = sum(e.day == self.p.start.date() for e in self.p.cal.events)

        def replied(body: str) -> bool:
            return norm_text(body).startswith(norm_text(answer)) and states_number(body, count)

        return [sms_sent(number_of(self.p.sms, self.p.sms.target), replied, f'"{answer}" and the count {count}')]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        invite = next(t for t in reversed(received(ui, self.p.sms.target)) if "join me" in t)
        match = re.search(r"on (\w+, \w+ \d+) at (\d+:\d\d [AP]M)", invite)
        assert match is not None
        day = parse_date(match.group(1).split(", ", 1)[1], 2026)
        assert day is not None
        hour, minute = clock_of(match.group(2))
        start = datetime(day.year, day.month, day.day, hour, minute)
        end = start + timedelta(hours=1)
        events = day_events(ui, day)
        busy = any(s < end and e > start for _, s, e in events)
        ui.open_app("Messages")  # resumes in the invitation's thread
        send(ui, f"{NO if busy else YES}. I have {len(events)} events that day.")
        return None


# -- busiest day -> event --------------------------------------------------------------------------------------------
FOCUS = ("Focus time", "Deep work block", "Planning session", "Admin catch-up", "Weekly review")


class BusiestDayParams(Params):
    tasks: TasksParams
    cal: CalendarParams
    """`new` is the event to create, on the busiest day."""


class NexusBusiestDayEvent(_DeepDive):
    template: ClassVar[str] = ("In Tasks, find the day next week ({first} to {last}) with the most tasks due, then "
                               "in Calendar create an event titled '{title}' on that day at {time_text} that lasts "
                               "1 hour.")
    params_model: ClassVar[type[Params]] = BusiestDayParams
    complexity: ClassVar[float] = 1.5 + SimpleCalendarAddOneEvent.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.tasks", "com.android.calendar")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        busiest, *others = rng.sample(NEXT_WEEK, rng.randint(3, 4))
        counts = [(busiest, 3), *((d, rng.randint(1, 2)) for d in others)]
        titles = iter(rng.sample(TASK_TITLES, sum(n for _, n in counts) + 4))
        todos = [Todo(title=next(titles), due=d) for d, n in counts for _ in range(n)]
        outside = [d for d in SOON if d not in NEXT_WEEK]
        todos += [Todo(title=t, due=rng.choice([*outside, None])) for t in titles]
        rng.shuffle(todos)
        cal = draw(SimpleCalendarAddOneEvent, CalendarParams, rng, seed)
        new = CalEvent(title=rng.choice(FOCUS), day=busiest, hour=rng.randint(8, 17), minute=rng.choice((0, 30)),
                       minutes=60)
        noise = tuple(e for e in cal.events if e.title not in FOCUS)
        return BusiestDayParams(seed=seed, tasks=TasksParams(seed=seed, todos=tuple(todos)), cal=cal.model_copy(
            update={"events": noise, "new": new, "title": new.title, "time_text": clock_text(new.hour, new.minute)}))

    @property
    def p(self) -> BusiestDayParams:
        assert isinstance(self.params, BusiestDayParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"first": long_day(NEXT_WEEK[0]), "last": long_day(NEXT_WEEK[-1]), "title": self.p.cal.title,
                "time_text": self.p.cal.time_text}

    def build_parts(self) -> list[Task]:
        return [TasksDueNextWeek(self.p.tasks), SimpleCalendarAddOneEvent(self.p.cal)]

    def goals(self) -> list[SubGoal]:
        assert self.p.cal.new is not None
        return [event_added(self.p.cal.new)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        due = [d for d in due_dates(ui).values() if d in NEXT_WEEK]
        busiest = max(set(due), key=due.count)
        assert self.p.cal.new is not None
        new = self.p.cal.new.model_copy(update={"day": busiest})
        SimpleCalendarAddOneEvent(self.p.cal.model_copy(update={"new": new})).solve(ui, env)
        return None


TASKS = (NexusSpendingTotalToNote, NexusTasksNextWeekCountText, NexusAlarmBeforeFirstEvent, NexusInviteConflictReply,
         NexusBusiestDayEvent)
