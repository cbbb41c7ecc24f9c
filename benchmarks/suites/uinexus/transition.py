"""UI-NEXUS Context Transition: a later subtask consumes what an earlier one read (A -> info -> B); the
conditional-branch templates are in `conditional`.

The value carried over is part of the check (the time in the text, the amount of the expense), so carrying
the wrong one is attention drift. The oracles read it off the screen, as an agent must.
"""

from __future__ import annotations

import random
import re
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import (
    CalendarParams,
    CalEvent,
    SimpleCalendarAddOneEvent,
    SimpleCalendarEventTime,
)
from droidpilot.benchmarks.suites.androidworld.clock import (
    AlarmParams,
    ClockAlarmAdd,
    clock_text,
    duration_text,
    noise_alarms,
)
from droidpilot.benchmarks.suites.androidworld.contacts import ContactParams, ContactsPhoneNumberQuestion
from droidpilot.benchmarks.suites.androidworld.datakit import text_matches
from droidpilot.benchmarks.suites.androidworld.expenses import Expense, ExpenseAddSingle, ExpenseParams
from droidpilot.benchmarks.suites.androidworld.notes import MarkorCreateNote, MarkorDeleteNote, NotesParams
from droidpilot.benchmarks.suites.androidworld.sms import (
    SENT,
    AddressParams,
    EventParams,
    SimpleSmsSendReceivedAddress,
    SimpleSmsSendToContact,
    Sms,
    SmsEventTimeQuestion,
    SmsParams,
)
from droidpilot.benchmarks.suites.androidworld.tasks import TasksDueOnDate, TasksParams
from droidpilot.benchmarks.suites.uinexus.atoms import (
    SubGoal,
    alarm_added,
    event_added,
    expense_added,
    note_added,
    sms_sent,
    sms_with_number,
    states_time,
)
from droidpilot.benchmarks.suites.uinexus.composite import (
    CT,
    CompositeTask,
    clock_of,
    draw,
    due_dates,
    number_of,
    received,
    text_contact,
)
from droidpilot.benchmarks.task import Difficulty, Params, Task

ON = {"1", "2"}


class Transition(CompositeTask):
    category: ClassVar[str] = CT

    @property
    def goal(self) -> str:
        return self.template.format(**self.fields())

    def fields(self) -> dict[str, object]:
        return self.params.model_dump()


# -- calendar -> messages ------------------------------------------------------------------------------------------
class EventTextParams(Params):
    cal: CalendarParams
    sms: SmsParams


class NexusTextEventTime(Transition):
    template: ClassVar[str] = "Text {target} the start time of my {subject} {date_text}."
    params_model: ClassVar[type[Params]] = EventTextParams
    complexity: ClassVar[float] = SimpleCalendarEventTime.complexity + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.calendar", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return EventTextParams(seed=seed, cal=draw(SimpleCalendarEventTime, CalendarParams, rng, seed),
                               sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> EventTextParams:
        assert isinstance(self.params, EventTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"target": self.p.sms.target, "subject": self.p.cal.subject, "date_text": self.p.cal.date_text}

    def build_parts(self) -> list[Task]:
        return [SimpleCalendarEventTime(self.p.cal), SimpleSmsSendToContact(self.p.sms)]

    def goals(self) -> list[SubGoal]:
        event = next(e for e in self.p.cal.events if e.title == self.p.cal.title)
        when = lambda body: states_time(body, event.hour, event.minute)  # noqa: E731
        return [sms_sent(number_of(self.p.sms, self.p.sms.target), when, f"the time {event.hour}:{event.minute:02d}")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        time = self.parts[0].solve(ui, env)
        text_contact(ui, env, self.p.sms, self.p.sms.target, f"My {self.p.cal.subject} starts at {time}.")
        return None


# -- messages -> expenses ------------------------------------------------------------------------------------------
DEBTS = (("Rent", "Housing", 900, 2400, "Hi! The rent for November is {amount}. Please transfer it by the 1st.",
          "Thanks, got October's rent of {old}."),
         ("Electricity Bill", "Housing", 40, 160, "The electricity bill came in, your share is {amount}.",
          "Last month your share of the electricity was {old}."),
         ("Dinner with Friends", "Social", 30, 120, "Dinner last night came to {amount} each. Pay me back whenever!",
          "Lunch on Monday was {old} each, by the way."),
         ("Concert Tickets", "Entertainment", 45, 180, "Got the concert tickets! You owe me {amount}.",
          "Parking at the stadium was {old}, no need to pay that back."))


class DebtParams(Params):
    sms: SmsParams
    """`target` is the person who texted the amount."""
    expense: ExpenseParams
    """`new` holds the expense to add, with the amount of the latest text."""


def dollars(cents: int) -> str:
    return f"${cents / 100:,.2f}"


class NexusExpenseFromText(Transition):
    template: ClassVar[str] = ('{sender} texted me how much I owe them. In Expenses, add an expense named "{name}" in '
                               'the {category} category with the note "{note}", for the amount in their latest text.')
    params_model: ClassVar[type[Params]] = DebtParams
    complexity: ClassVar[float] = 1.0 + ExpenseAddSingle.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.messaging", "net.droidpilot.expenses")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendToContact, SmsParams, rng, seed)
        expense = draw(ExpenseAddSingle, ExpenseParams, rng, seed)
        name, category, low, high, latest, older = rng.choice(DEBTS)
        cents, old = (rng.randrange(low, high, 25) * 100 if name == "Rent" else rng.randint(low * 100, high * 100)
                      for _ in range(2))
        sender = sms.book[0]
        thread = [Sms(address=sender.phone, body=older.format(old=dollars(old)), minutes_ago=4000),
                  Sms(address=sender.phone, body="Thanks!", type=SENT, minutes_ago=3990),
                  Sms(address=sender.phone, body=latest.format(amount=dollars(cents)), minutes_ago=rng.randint(20, 80))]
        new = Expense(name=name, cents=cents, category=category, note=f"Paid {sender.first}", day=expense.new[0].day)
        return DebtParams(seed=seed, sms=sms.model_copy(update={"history": [*sms.history, *thread]}),
                          expense=expense.model_copy(update={"new": (new,)}))

    @property
    def p(self) -> DebtParams:
        assert isinstance(self.params, DebtParams)
        return self.params

    def fields(self) -> dict[str, object]:
        e = self.p.expense.new[0]
        return {"sender": self.p.sms.target, "name": e.name, "category": e.category, "note": e.note}

    def build_parts(self) -> list[Task]:
        return [SimpleSmsSendToContact(self.p.sms), ExpenseAddSingle(self.p.expense)]

    def goals(self) -> list[SubGoal]:
        e = self.p.expense.new[0]
        return [expense_added(e.name, e.cents, e.category, e.note)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        latest = received(ui, self.p.sms.target)[-1]
        amount = re.search(r"\$([\d,]+\.\d\d)", latest)
        assert amount is not None
        cents = round(float(amount.group(1).replace(",", "")) * 100)
        e = self.p.expense.new[0].model_copy(update={"cents": cents})
        ExpenseAddSingle(self.p.expense.model_copy(update={"new": (e,)})).solve(ui, env)
        return None


# -- messages -> notes ---------------------------------------------------------------------------------------------
class AddressNoteParams(Params):
    sms: AddressParams
    note: NotesParams


class NexusAddressToNote(Transition):
    template: ClassVar[str] = ("{sender} texted me an address. In Notes, create a note named {name} that contains "
                               "just that address.")
    params_model: ClassVar[type[Params]] = AddressNoteParams
    complexity: ClassVar[float] = 1.0 + MarkorCreateNote.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.messaging", "net.droidpilot.notes")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendReceivedAddress, AddressParams, rng, seed)
        note = draw(MarkorCreateNote, NotesParams, rng, seed)
        return AddressNoteParams(seed=seed, sms=sms, note=note.model_copy(update={"text": sms.message}))

    @property
    def p(self) -> AddressNoteParams:
        assert isinstance(self.params, AddressNoteParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"sender": self.p.sms.sender, "name": self.p.note.name}

    def build_parts(self) -> list[Task]:
        return [SimpleSmsSendReceivedAddress(self.p.sms), MarkorCreateNote(self.p.note)]

    def goals(self) -> list[SubGoal]:
        return [note_added(self.p.note.name, lambda text: text_matches(text, self.p.sms.message), "with the address")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        text = next(t for t in received(ui, self.p.sms.sender) if re.search(r"\d+ \w", t))
        address = re.search(r"(\d+ [^.]+)", text.split(": ", 1)[-1])
        assert address is not None
        MarkorCreateNote(self.p.note.model_copy(update={"text": address.group(1)})).solve(ui, env)
        return None


# -- contacts -> messages ------------------------------------------------------------------------------------------
class ShareNumberParams(Params):
    sms: SmsParams
    subject: str
    """The contact whose number is shared (another person in the book)."""


class NexusShareContactNumber(Transition):
    template: ClassVar[str] = "Send {subject}'s phone number to {target} in a text message."
    params_model: ClassVar[type[Params]] = ShareNumberParams
    complexity: ClassVar[float] = ContactsPhoneNumberQuestion.complexity + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.contacts", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendToContact, SmsParams, rng, seed)
        subject = rng.choice([p.name for p in sms.book[1:4]])
        return ShareNumberParams(seed=seed, sms=sms, subject=subject)

    @property
    def p(self) -> ShareNumberParams:
        assert isinstance(self.params, ShareNumberParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"subject": self.p.subject, "target": self.p.sms.target}

    def build_parts(self) -> list[Task]:
        person = next(p for p in self.p.sms.book if p.name == self.p.subject)
        lookup = ContactParams(seed=self.p.seed, first=person.first, last=person.last, phone=person.phone,
                               book=self.p.sms.book)
        return [ContactsPhoneNumberQuestion(lookup), SimpleSmsSendToContact(self.p.sms)]

    def seeding_parts(self) -> list[Task]:
        return [self.parts[1]]  # the texting part seeds the same address book

    def goals(self) -> list[SubGoal]:
        return [sms_with_number(number_of(self.p.sms, self.p.sms.target), number_of(self.p.sms, self.p.subject))]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        number = self.parts[0].solve(ui, env)
        assert number is not None
        text_contact(ui, env, self.p.sms, self.p.sms.target, number)
        return None


# -- messages -> clock ---------------------------------------------------------------------------------------------
class AlarmFromTextParams(Params):
    sms: EventParams
    alarm: AlarmParams


class NexusAlarmFromText(Transition):
    template: ClassVar[str] = "{target} texted me when {event} starts. Set an alarm for that time."
    params_model: ClassVar[type[Params]] = AlarmFromTextParams
    complexity: ClassVar[float] = SmsEventTimeQuestion.complexity + ClockAlarmAdd.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.messaging", "com.android.deskclock")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SmsEventTimeQuestion, EventParams, rng, seed)
        hour, minute = clock_of(sms.time)
        alarm = AlarmParams(seed=seed, alarms=noise_alarms(rng, 3, avoid={(hour, minute)}), hour=hour, minute=minute,
                            time=clock_text(hour, minute))
        return AlarmFromTextParams(seed=seed, sms=sms, alarm=alarm)

    @property
    def p(self) -> AlarmFromTextParams:
        assert isinstance(self.params, AlarmFromTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"target": self.p.sms.target, "event": self.p.sms.message}

    def build_parts(self) -> list[Task]:
        return [SmsEventTimeQuestion(self.p.sms), ClockAlarmAdd(self.p.alarm)]

    def goals(self) -> list[SubGoal]:
        return [alarm_added(self.p.alarm.hour, self.p.alarm.minute)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        time = self.parts[0].solve(ui, env)
        assert time is not None
        hour, minute = clock_of(time)
        update = {"hour": hour, "minute": minute, "time": clock_text(hour, minute)}
        ClockAlarmAdd(self.p.alarm.model_copy(update=update)).solve(ui, env)
        return None


# -- tasks -> calendar ---------------------------------------------------------------------------------------------
class TaskEventParams(Params):
    tasks: TasksParams
    cal: CalendarParams
    """`new` is the event to create (on the task's due day)."""


class NexusTaskToCalendar(Transition):
    template: ClassVar[str] = ("Find the due date of my task '{title}' in Tasks, then in Calendar create an event "
                               "titled '{title}' on that day at {time_text} that lasts {duration_text}.")
    params_model: ClassVar[type[Params]] = TaskEventParams
    complexity: ClassVar[float] = TasksDueOnDate.complexity + SimpleCalendarAddOneEvent.complexity
    difficulty: ClassVar[Difficulty] = "hard"
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.tasks", "com.android.calendar")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        tasks = draw(TasksDueOnDate, TasksParams, rng, seed)
        cal = draw(SimpleCalendarAddOneEvent, CalendarParams, rng, seed)
        title = tasks.targets[0]
        due = next(t.due for t in tasks.todos if t.title == title)
        assert due is not None and cal.new is not None
        new = CalEvent(title=title, day=due, hour=cal.new.hour, minute=cal.new.minute, minutes=cal.new.minutes)
        hours, minutes = divmod(new.minutes, 60)
        return TaskEventParams(seed=seed, tasks=tasks, cal=cal.model_copy(update={
            "new": new, "title": title, "time_text": clock_text(new.hour, new.minute),
            "duration_text": duration_text(hours, minutes, 0)}))

    @property
    def p(self) -> TaskEventParams:
        assert isinstance(self.params, TaskEventParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"title": self.p.cal.title, "time_text": self.p.cal.time_text, "duration_text": self.p.cal.duration_text}

    def build_parts(self) -> list[Task]:
        return [TasksDueOnDate(self.p.tasks), SimpleCalendarAddOneEvent(self.p.cal)]

    def goals(self) -> list[SubGoal]:
        assert self.p.cal.new is not None
        return [event_added(self.p.cal.new)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        due = due_dates(ui)[self.p.cal.title]
        assert due is not None and self.p.cal.new is not None
        new = self.p.cal.new.model_copy(update={"day": due})
        SimpleCalendarAddOneEvent(self.p.cal.model_copy(update={"new": new})).solve(ui, env)
        return None


# -- notes -> messages ---------------------------------------------------------------------------------------------
class NoteTextParams(Params):
    notes: NotesParams
    sms: SmsParams


class NexusTextNoteContents(Transition):
    template: ClassVar[str] = "Text {target} the text of my note {name} from Notes."
    params_model: ClassVar[type[Params]] = NoteTextParams
    complexity: ClassVar[float] = 1.0 + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.notes", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return NoteTextParams(seed=seed, notes=draw(MarkorDeleteNote, NotesParams, rng, seed),
                              sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> NoteTextParams:
        assert isinstance(self.params, NoteTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"target": self.p.sms.target, "name": self.p.notes.name}

    def build_parts(self) -> list[Task]:
        return [MarkorDeleteNote(self.p.notes), SimpleSmsSendToContact(self.p.sms)]  # the first seeds the notes

    def goals(self) -> list[SubGoal]:
        text = next(n.text for n in self.p.notes.notes if n.path == self.p.notes.name)
        return [sms_sent(number_of(self.p.sms, self.p.sms.target), lambda body: text_matches(body, text),
                         "the note's text")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Notes")
        ui.scroll_to(rid="ui__filesystem_item__title", text=self.p.notes.name)
        ui.tap(rid="ui__filesystem_item__title", text=self.p.notes.name)
        text = ui.need(rid="document__fragment__edit__highlighting_editor").text
        text_contact(ui, env, self.p.sms, self.p.sms.target, text)
        return None


TASKS = (NexusTextEventTime, NexusExpenseFromText, NexusAddressToNote, NexusShareContactNumber, NexusAlarmFromText,
         NexusTaskToCalendar, NexusTextNoteContents)
