"""More MAS-Bench-style tasks: settings and form-filling families with a shortcut each, multi-shortcut tasks (two
or more different shortcuts, like MAS-Bench's hybrid tasks), and cross-app tasks where data read in one app (with a
shortcut that opens it) feeds a shortcut in another.

As in tasks.py, each atomic family keeps its androidworld goal, set-up, check and GUI oracle; the cross-app tasks
defined here have their own, and read what they need from the screen in both oracles.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import (
    CALENDAR,
    TITLES,
    UPCOMING,
    CalEvent,
    _open_day,
)
from droidpilot.benchmarks.suites.androidworld.calendar_relative import (
    DescribedEventParams,
    SimpleCalendarAddOneEventInTwoWeeks,
    SimpleCalendarAddOneEventRelativeDay,
    SimpleCalendarAddOneEventTomorrow,
)
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import FILES, SeedFile, open_folder
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import seed_files as seed_file_list
from droidpilot.benchmarks.suites.androidworld.clock import AlarmParams, ClockAlarmAdd, clock_text, noise_alarms
from droidpilot.benchmarks.suites.androidworld.contacts import ContactsAddToFavorites
from droidpilot.benchmarks.suites.androidworld.datakit import at, day_text
from droidpilot.benchmarks.suites.androidworld.expenses import ExpenseAddSingle, ExpenseParams
from droidpilot.benchmarks.suites.androidworld.multi_app import MarkorCreateNoteAndSms, NoteSmsParams
from droidpilot.benchmarks.suites.androidworld.notes import MarkorCreateNote, NotesParams
from droidpilot.benchmarks.suites.androidworld.open_app import OpenAppTaskEval
from droidpilot.benchmarks.suites.androidworld.sms import (
    AddressParams,
    SimpleSmsReplyMostRecent,
    SimpleSmsSendReceivedAddress,
    bubbles,
)
from droidpilot.benchmarks.suites.androidworld.system import (
    SystemBluetoothTurnOff,
    SystemBrightnessMax,
    SystemBrightnessMin,
    SystemWifiTurnOn,
    _tap_slider,
)
from droidpilot.benchmarks.suites.androidworld.system_verify import (
    TurnOffWifiAndTurnOnBluetooth,
    TurnOnWifiAndOpenApp,
)
from droidpilot.benchmarks.suites.shortcuts.base import ShortcutCall, ShortcutTask
from droidpilot.benchmarks.suites.shortcuts.tasks import _card_number, markdown_name
from droidpilot.benchmarks.task import Params, Task

_ADDRESS = re.compile(r"(\d+ [^.]+)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})\s*([AP]M)?")


# -- settings --------------------------------------------------------------------------------------------------
class MasWifiOn(ShortcutTask, SystemWifiTurnOn):
    shortcuts = ("turn_on_wifi",)
    tags = ("settings", "shortcuts")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("turn_on_wifi")
        return None


class MasBluetoothOff(ShortcutTask, SystemBluetoothTurnOff):
    shortcuts = ("turn_off_bluetooth",)
    tags = ("settings", "shortcuts")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("turn_off_bluetooth")
        return None


class MasWifiOffBluetoothOn(ShortcutTask, TurnOffWifiAndTurnOnBluetooth):
    """Two different shortcuts, one per radio."""

    shortcuts = ("turn_off_wifi", "turn_on_bluetooth")
    tags = ("settings", "shortcuts", "multi_shortcut")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("turn_off_wifi")
        call("turn_on_bluetooth")
        return None


class MasWifiOnOpenApp(ShortcutTask, TurnOnWifiAndOpenApp):
    """A shortcut, then a GUI step in another app."""

    shortcuts = ("turn_on_wifi",)
    tags = ("settings", "multi_app", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("turn_on_wifi")
        return OpenAppTaskEval(self.params).solve(ui, env)


class MasBrightnessMax(ShortcutTask, SystemBrightnessMax):
    shortcuts = ("open_display_settings",)
    tags = ("settings", "shortcuts")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("open_display_settings")
        _tap_slider(ui, "brightness", 1.0)
        return None


class MasBrightnessMin(ShortcutTask, SystemBrightnessMin):
    shortcuts = ("open_display_settings",)
    tags = ("settings", "shortcuts")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("open_display_settings")
        _tap_slider(ui, "brightness", 0.0)
        return None


# -- forms ---------------------------------------------------------------------------------------------------------
class _DescribedEvent(ShortcutTask):
    """create_event with the description: the relative-day families differ only in the day."""

    shortcuts = ("create_event",)
    tags: ClassVar[tuple[str, ...]] = ("calendar", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        assert isinstance(self.params, DescribedEventParams) and self.params.new is not None
        e = self.params.new
        start = at(e.day, e.hour, e.minute)
        end = start + timedelta(minutes=e.minutes)
        call("create_event", title=e.title, start=f"{start:%Y-%m-%d %H:%M}", end=f"{end:%Y-%m-%d %H:%M}",
             description=self.params.description)
        return None


class MasEventTomorrow(_DescribedEvent, SimpleCalendarAddOneEventTomorrow):
    pass


class MasEventInTwoWeeks(_DescribedEvent, SimpleCalendarAddOneEventInTwoWeeks):
    pass


class MasEventRelativeDay(_DescribedEvent, SimpleCalendarAddOneEventRelativeDay):
    pass


class MasFavoriteContact(ShortcutTask, ContactsAddToFavorites):
    shortcuts = ("add_contact_to_favorites",)
    tags = ("contacts", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("add_contact_to_favorites", name=f"{self.p.first} {self.p.last}")
        return None


class MasAddExpense(ShortcutTask, ExpenseAddSingle):
    shortcuts = ("add_expense",)
    tags = ("expense", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        assert isinstance(self.params, ExpenseParams)
        e = self.params.new[0]
        call("add_expense", name=e.name, amount=f"{e.cents / 100:.2f}", category=e.category, note=e.note)
        return None


class MasReplyMostRecent(ShortcutTask, SimpleSmsReplyMostRecent):
    shortcuts = ("send_sms",)
    tags = ("sms", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("send_sms", number=self.p.target, message=self.p.message)
        return None


# -- cross-app, several shortcuts ------------------------------------------------------------------------------
class MasNoteAndSms(ShortcutTask, MarkorCreateNoteAndSms):
    """A note (compose_note), then its text by SMS (send_sms): two apps, two shortcuts."""

    shortcuts = ("compose_note", "send_sms")
    tags = ("notes", "sms", "multi_app", "shortcuts", "multi_shortcut", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        params = MarkorCreateNoteAndSms.generate_params(rng, seed)
        assert isinstance(params, NoteSmsParams)
        return params.model_copy(update={"note": markdown_name(params.note)})

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        note = self.p.note
        call("compose_note", title=note.name.removesuffix(".md"), text=note.text)
        call("send_sms", number=self.p.sms.target, message=note.text)
        return None


class MasForwardAddress(ShortcutTask, SimpleSmsSendReceivedAddress):
    """Read the address in the sender's conversation (open_conversation), look the recipient's number up on her
    card (open_contact), send it (send_sms): three shortcuts, data carried across two apps."""

    shortcuts = ("open_conversation", "open_contact", "send_sms")
    tags = ("sms", "contacts", "multi_app", "shortcuts", "multi_shortcut", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        assert isinstance(self.params, AddressParams)
        sender = next(b.phone for b in self.params.book if b.name == self.params.sender)
        call("open_conversation", number=sender)
        text = next(t for t in bubbles(ui, outgoing=False) if _ADDRESS.search(t))
        address = _ADDRESS.search(text.split(": ", 1)[-1])
        assert address is not None
        call("open_contact", name=self.p.target)
        call("send_sms", number=_card_number(ui), message=address.group(1))
        return None


class FileNoteParams(NotesParams):
    source: SeedFile
    file_name: str
    source_folder: str


class MasTextFileToNote(ShortcutTask, MarkorCreateNote):
    """Files -> Notes: the note must hold the text file's content, read from Files' preview."""

    template: ClassVar[str] = ("Create a note in Notes named {name} that holds the text of the file {file_name} "
                               "in the {source_folder} folder.")
    params_model: ClassVar[type[Params]] = FileNoteParams
    app_names: ClassVar[tuple[str, ...]] = (FILES, MarkorCreateNote.app_names[0])
    tags = ("files", "notes", "multi_app", "shortcuts", "multi_shortcut", "parameterized", "transcription")
    shortcuts = ("view_text_file", "compose_note")
    complexity: ClassVar[float] = 2.4

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        notes = MarkorCreateNote.generate_params(rng, seed)
        assert isinstance(notes, NotesParams)
        notes = markdown_name(notes)
        name = f"{rng.choice(('trip', 'errands', 'shopping', 'ideas', 'plans'))}_{rng.randint(10, 99)}.txt"
        source = SeedFile(folder="Download", name=name, text=notes.text, hours_ago=rng.randint(2, 90))
        return FileNoteParams(**notes.model_dump(), source=source, file_name=name, source_folder="Download")

    @property
    def fp(self) -> FileNoteParams:
        assert isinstance(self.params, FileNoteParams)
        return self.params

    def setup(self, env: TaskEnv) -> None:
        seed_file_list(env, [self.fp.source])  # before the notes: it clears the user's files
        super().setup(env)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        kept = env.read_file(self.fp.source.path) == self.fp.source.text.encode()
        return super().is_successful(env, answer) if kept else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_folder(ui, self.fp.source_folder)
        ui.tap(rid="title", text=self.fp.file_name)
        return super().solve(ui, env)

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("view_text_file", path=self.fp.source.path)
        text = ui.need(rid="preview_text").text
        call("compose_note", title=self.fp.name.removesuffix(".md"), text=text)
        return None


class EventAlarmParams(AlarmParams):
    events: tuple[CalEvent, ...]
    title: str
    date_text: str
    minutes_before: int


class MasAlarmBeforeEvent(ShortcutTask, ClockAlarmAdd):
    """Calendar -> Clock: the event's start is read from the day view (open_date_in_calendar), the alarm set
    before it (create_alarm). Nothing in the calendar may change."""

    template: ClassVar[str] = "Set an alarm {minutes_before} minutes before '{title}' {date_text} in my calendar."
    params_model: ClassVar[type[Params]] = EventAlarmParams
    app_names: ClassVar[tuple[str, ...]] = (CALENDAR, ClockAlarmAdd.app_names[0])
    tags = ("calendar", "clock", "multi_app", "shortcuts", "multi_shortcut", "parameterized")
    shortcuts = ("open_date_in_calendar", "create_alarm")
    complexity: ClassVar[float] = 3.0

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, *others = rng.sample(TITLES, rng.randint(3, 5))
        day = rng.choice(UPCOMING)
        event = CalEvent(title=title, day=day, hour=rng.randint(8, 19), minute=rng.choice((0, 15, 30, 45)),
                         minutes=60)
        noise = [CalEvent(title=t, day=rng.choice((day, *UPCOMING)), hour=rng.randint(8, 19), minute=0, minutes=30)
                 for t in others]
        before = rng.choice((15, 30, 45, 60))
        alarm = at(day, event.hour, event.minute) - timedelta(minutes=before)
        alarms = noise_alarms(rng, cls.NOISE, avoid={(alarm.hour, alarm.minute)})
        return EventAlarmParams(seed=seed, alarms=alarms, hour=alarm.hour, minute=alarm.minute,
                                time=clock_text(alarm.hour, alarm.minute), events=(event, *noise), title=title,
                                date_text=day_text(day), minutes_before=before)

    @property
    def ep(self) -> EventAlarmParams:
        assert isinstance(self.params, EventAlarmParams)
        return self.params

    def prepare(self, env: TaskEnv) -> None:
        env.seed(CALENDAR, "clear")
        for e in self.ep.events:
            env.seed(CALENDAR, "insert_event", title=e.title, start=e.start, end=e.end, reminder_minutes=-1)
        self.seeded_events = _event_rows(env)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return super().is_successful(env, answer) if _event_rows(env) == self.seeded_events else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_day(ui, self.ep.events[0].day)
        _alarm_from_day_view(ui, self.ep)
        return super().solve(ui, env)

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("open_date_in_calendar", date=f"{self.ep.events[0].day:%Y-%m-%d}")
        hour, minute = _alarm_from_day_view(ui, self.ep)
        call("create_alarm", hour=hour, minute=minute)
        return None


def _event_rows(env: TaskEnv) -> list[dict[str, object]]:
    return env.query(CALENDAR, "events.db", "SELECT * FROM events ORDER BY id")


def _alarm_from_day_view(ui: UIDriver, p: EventAlarmParams) -> tuple[int, int]:
    """The event's start as the day view shows it, less the minutes asked."""
    elements = ui.elements()
    title = next(i for i, e in enumerate(elements) if e.resource_id.endswith("/event_item_title") and e.text == p.title)
    shown = next(e.text for e in elements[title:] if e.resource_id.endswith("/event_item_time"))
    match = _CLOCK.search(shown)
    assert match is not None, shown
    hour, minute = int(match.group(1)), int(match.group(2))
    if match.group(3):
        hour = hour % 12 + (12 if match.group(3) == "PM" else 0)
    start = at(p.events[0].day, hour, minute) - timedelta(minutes=p.minutes_before)
    return start.hour, start.minute


TASKS: tuple[type[Task], ...] = (
    MasWifiOn, MasBluetoothOff, MasWifiOffBluetoothOn, MasWifiOnOpenApp, MasBrightnessMax, MasBrightnessMin,
    MasEventTomorrow, MasEventInTwoWeeks, MasEventRelativeDay, MasFavoriteContact, MasAddExpense,
    MasReplyMostRecent, MasNoteAndSms, MasForwardAddress, MasTextFileToNote, MasAlarmBeforeEvent)
