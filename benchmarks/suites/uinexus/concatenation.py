"""UI-NEXUS Simple Concatenation: independent subtasks in sequence, no information flowing between them.

Each template chains atomic androidworld tasks (their parameters, set-up and oracles); three are the
sub-workflow variant, where the goal first defines a named routine (itself a multi-step workflow) and then runs
it, or runs it once per person, before one more subtask.
"""

from __future__ import annotations

import random
from typing import ClassVar

from pydantic import SerializeAsAny

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import CalendarParams, SimpleCalendarAddOneEvent
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import CameraTakePhoto, FilesParams
from droidpilot.benchmarks.suites.androidworld.clock import (
    AlarmParams,
    ClockAlarmAdd,
    ClockAlarmDelete,
    ClockStopWatchPausedVerify,
    ClockTimerEntry,
    StopwatchParams,
    TargetAlarmParams,
    TimerParams,
)
from droidpilot.benchmarks.suites.androidworld.contacts import ContactParams, ContactsAddContact, ContactsAddToFavorites
from droidpilot.benchmarks.suites.androidworld.datakit import text_matches
from droidpilot.benchmarks.suites.androidworld.expenses import ExpenseAddSingle, ExpenseParams
from droidpilot.benchmarks.suites.androidworld.notes import MarkorCreateNote, MarkorDeleteNote, NotesParams
from droidpilot.benchmarks.suites.androidworld.sms import EVENTS, SimpleSmsSendToContact, SmsParams
from droidpilot.benchmarks.suites.androidworld.system import (
    BLUETOOTH,
    NIGHT_MODE,
    WIFI,
    BrightnessValueParams,
    DarkThemeParams,
    SystemBluetoothTurnOff,
    SystemBluetoothTurnOn,
    SystemBrightnessSet,
    SystemDarkTheme,
    SystemWifiTurnOff,
    SystemWifiTurnOn,
    brightness_percent,
)
from droidpilot.benchmarks.suites.androidworld.tasks import TasksCompleteTask, TasksParams
from droidpilot.benchmarks.suites.uinexus.atoms import (
    NUMBER_WORDS,
    SubGoal,
    alarm_added,
    alarm_removed,
    contact_added,
    contact_starred,
    event_added,
    expense_added,
    note_added,
    note_removed,
    photo_taken,
    setting_is,
    sms_text,
    stopwatch_in,
    task_completed,
    timer_started,
)
from droidpilot.benchmarks.suites.uinexus.composite import Concatenation, P, number_of, then
from droidpilot.benchmarks.task import Difficulty, Params, Task

ON = {"1", "2"}


class ChainParams(Params):
    parts: tuple[SerializeAsAny[Params], ...]
    """Each part's atomic parameters, drawn in order from the instance's RNG."""


class Chain(Concatenation):
    """A concatenation of the atomic tasks in `PARTS`, each with parameters of its own."""

    PARTS: ClassVar[tuple[type[Task], ...]] = ()
    params_model: ClassVar[type[Params]] = ChainParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return ChainParams(seed=seed, parts=tuple(part.generate_params(rng, seed) for part in cls.PARTS))

    def build_parts(self) -> list[Task]:
        assert isinstance(self.params, ChainParams)
        return [cls(p) for cls, p in zip(self.PARTS, self.params.parts, strict=True)]

    def part(self, index: int, model: type[P]) -> P:
        """The parameters of part `index`, checked to be of `model`."""
        assert isinstance(self.params, ChainParams)
        params = self.params.parts[index]
        assert isinstance(params, model), f"part {index} has {type(params).__name__}, not {model.__name__}"
        return params


def _complexity(*parts: type[Task]) -> float:
    return sum(p.complexity for p in parts)


class NexusContactThenAlarm(Chain):
    PARTS = (ContactsAddContact, ClockAlarmAdd)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("com.android.contacts", "com.android.deskclock")

    def goals(self) -> list[SubGoal]:
        c, a = self.part(0, ContactParams), self.part(1, AlarmParams)
        return [contact_added(c.first, c.last, c.phone), alarm_added(a.hour, a.minute)]


class ThemePhotoParams(Params):
    theme: DarkThemeParams
    camera: FilesParams
    photos: int


class NexusDarkThemeThenPhotos(Concatenation):
    """UI-NEXUS's "turn on Wi-Fi, then take one photo", with the dark theme and a number of photos."""

    template = then(SystemDarkTheme.template, "Take {photos} photos.")
    params_model: ClassVar[type[Params]] = ThemePhotoParams
    complexity = SystemDarkTheme.complexity + 1.5
    app_names = ("com.android.settings", "com.android.camera2")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        theme, camera = SystemDarkTheme.generate_params(rng, seed), CameraTakePhoto.generate_params(rng, seed)
        return ThemePhotoParams(seed=seed, theme=theme, camera=camera, photos=rng.randint(1, 3))

    @property
    def p(self) -> ThemePhotoParams:
        assert isinstance(self.params, ThemePhotoParams)
        return self.params

    @property
    def goal(self) -> str:
        photos = "one photo" if self.p.photos == 1 else f"{NUMBER_WORDS[self.p.photos]} photos"
        return then(self.parts[0].goal, f"Take {photos}.")

    def build_parts(self) -> list[Task]:
        return [SystemDarkTheme(self.p.theme), CameraTakePhoto(self.p.camera)]

    def goals(self) -> list[SubGoal]:
        dark = self.p.theme.on_off == "on"
        return [setting_is(NIGHT_MODE, {"2" if dark else "1"}, f"dark theme {self.p.theme.on_off}"),
                *(photo_taken() for _ in range(self.p.photos))]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        self.parts[0].solve(ui, env)
        self.parts[1].solve(ui, env)  # opens the Camera and takes the first photo
        for _ in range(self.p.photos - 1):
            ui.tap(rid="shutter_button")
        return None


class NexusDeleteNoteThenPauseStopwatch(Chain):
    PARTS = (MarkorDeleteNote, ClockStopWatchPausedVerify)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("net.droidpilot.notes", "com.android.deskclock")

    def goals(self) -> list[SubGoal]:
        note, watch = self.part(0, NotesParams), self.part(1, StopwatchParams)
        return [note_removed(note.name), stopwatch_in("PAUSED", watch.elapsed_ms)]


class NexusEventThenText(Chain):
    PARTS = (SimpleCalendarAddOneEvent, SimpleSmsSendToContact)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("com.android.calendar", "com.android.messaging")

    def goals(self) -> list[SubGoal]:
        cal, sms = self.part(0, CalendarParams), self.part(1, SmsParams)
        assert cal.new is not None
        return [event_added(cal.new), sms_text(number_of(sms, sms.target), sms.message)]


class NexusExpenseThenCompleteTask(Chain):
    PARTS = (ExpenseAddSingle, TasksCompleteTask)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("net.droidpilot.expenses", "net.droidpilot.tasks")

    def goals(self) -> list[SubGoal]:
        exp, todo = self.part(0, ExpenseParams), self.part(1, TasksParams)
        e = exp.new[0]
        return [expense_added(e.name, e.cents, e.category, e.note), task_completed(todo.targets[0])]


class NexusBluetoothOffThenNote(Chain):
    PARTS = (SystemBluetoothTurnOff, MarkorCreateNote)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("com.android.settings", "net.droidpilot.notes")

    def goals(self) -> list[SubGoal]:
        note = self.part(1, NotesParams)
        return [setting_is(BLUETOOTH, {"0"}, "Bluetooth off"),
                note_added(note.name, lambda text: text_matches(text, note.text))]


class NexusDeleteAlarmThenFavorite(Chain):
    PARTS = (ClockAlarmDelete, ContactsAddToFavorites)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("com.android.deskclock", "com.android.contacts")

    def goals(self) -> list[SubGoal]:
        alarm, contact = self.part(0, TargetAlarmParams), self.part(1, ContactParams)
        target = alarm.alarms[alarm.target]
        return [alarm_removed(target.hour, target.minute), contact_starred(f"{contact.first} {contact.last}")]


# -- sub-workflow variants -----------------------------------------------------------------------------------------
class NexusNightCheckThenText(Chain):
    """UI-NEXUS's "NightCheck": a named three-step routine, then a text."""

    PARTS = (ClockStopWatchPausedVerify, SystemBluetoothTurnOff, SystemWifiTurnOff, SimpleSmsSendToContact)
    template = ('My "NightCheck" routine is: pause the stopwatch, turn off Bluetooth and turn off Wi-Fi. Run '
                'NightCheck, then send a text message to {target} with the message: {message}')
    complexity = _complexity(*PARTS)
    app_names = ("com.android.deskclock", "com.android.settings", "com.android.messaging")
    tags = ("compositional", "parameterized", "sub_workflow")

    @property
    def goal(self) -> str:
        sms = self.part(3, SmsParams)
        return self.template.format(target=sms.target, message=sms.message)

    def goals(self) -> list[SubGoal]:
        watch, sms = self.part(0, StopwatchParams), self.part(3, SmsParams)
        return [stopwatch_in("PAUSED", watch.elapsed_ms), setting_is(BLUETOOTH, {"0"}, "Bluetooth off"),
                setting_is(WIFI, {"0"}, "Wi-Fi off"), sms_text(number_of(sms, sms.target), sms.message)]


class NexusMorningSetupThenTimer(Chain):
    """A named settings routine with a parameter of its own (the brightness), then a timer."""

    PARTS = (SystemWifiTurnOn, SystemBluetoothTurnOn, SystemBrightnessSet, ClockTimerEntry)
    template = ('My "MorningSetup" routine is: turn on Wi-Fi, turn on Bluetooth and set the screen brightness to '
                '{percent}%. Run MorningSetup, then start a timer for {duration}.')
    complexity = _complexity(*PARTS)
    app_names = ("com.android.settings", "com.android.deskclock")
    tags = ("compositional", "parameterized", "sub_workflow")

    @property
    def goal(self) -> str:
        light, timer = self.part(2, BrightnessValueParams), self.part(3, TimerParams)
        return self.template.format(percent=light.percent, duration=timer.duration)

    def goals(self) -> list[SubGoal]:
        light, timer = self.part(2, BrightnessValueParams), self.part(3, TimerParams)
        levels = {str(v) for v in range(256) if abs(brightness_percent(v) - light.percent) <= 2}
        length = ((timer.hours * 60 + timer.minutes) * 60 + timer.seconds) * 1000
        return [setting_is(WIFI, ON, "Wi-Fi on"), setting_is(BLUETOOTH, ON, "Bluetooth on"),
                setting_is(("system", "screen_brightness"), levels, f"brightness {light.percent}%"),
                timer_started(length)]


class RemindersParams(Params):
    sms: SmsParams
    recipients: tuple[str, ...]
    message: str
    note: NotesParams


class NexusSendRemindersThenLog(Concatenation):
    """UI-NEXUS's "SendReminder" run for three contacts, then a log note naming them."""

    template = ('Define the routine "SendReminder" for a person as: text them "{message}". Run SendReminder for '
                '{first}, {second} and {third}, then in Notes create a note named {name} that lists their names, '
                'one per line.')
    params_model: ClassVar[type[Params]] = RemindersParams
    complexity = 3 * SimpleSmsSendToContact.complexity + MarkorCreateNote.complexity
    difficulty: ClassVar[Difficulty] = "hard"
    app_names = ("com.android.messaging", "net.droidpilot.notes")
    tags = ("compositional", "parameterized", "sub_workflow", "repetition")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = SimpleSmsSendToContact.generate_params(rng, seed)
        note = MarkorCreateNote.generate_params(rng, seed)
        assert isinstance(sms, SmsParams)
        recipients = tuple(p.name for p in rng.sample(sms.book[:4], 3))
        event = rng.choice(EVENTS)
        day = rng.choice(["Saturday", "Sunday", "Friday evening", "next Monday"])
        return RemindersParams(seed=seed, sms=sms, recipients=recipients, message=f"Reminder: {event} is on {day}",
                               note=note.model_copy(update={"text": "\n".join(recipients)}))

    @property
    def p(self) -> RemindersParams:
        assert isinstance(self.params, RemindersParams)
        return self.params

    @property
    def goal(self) -> str:
        first, second, third = self.p.recipients
        return self.template.format(message=self.p.message, first=first, second=second, third=third,
                                    name=self.p.note.name)

    def build_parts(self) -> list[Task]:
        texts: list[Task] = [SimpleSmsSendToContact(self.p.sms.model_copy(update={"target": name,
                                                                                  "message": self.p.message}))
                             for name in self.p.recipients]
        return [*texts, MarkorCreateNote(self.p.note)]

    def seeding_parts(self) -> list[Task]:
        return [self.parts[0], self.parts[-1]]  # the three texts share one address book and history

    def goals(self) -> list[SubGoal]:
        names = {n.lower() for n in self.p.recipients}

        def lists_them(text: str) -> bool:
            lines = [line.strip().lstrip("-*").strip().lower() for line in text.splitlines() if line.strip()]
            return len(lines) == len(names) and set(lines) == names

        texts = [sms_text(number_of(self.p.sms, n), self.p.message) for n in self.p.recipients]
        return [*texts, note_added(self.p.note.name, lists_them, "listing the names")]


TASKS = (NexusContactThenAlarm, NexusDarkThemeThenPhotos, NexusDeleteNoteThenPauseStopwatch, NexusEventThenText,
         NexusExpenseThenCompleteTask, NexusBluetoothOffThenNote, NexusDeleteAlarmThenFavorite,
         NexusNightCheckThenText, NexusMorningSetupThenTimer, NexusSendRemindersThenLog)
