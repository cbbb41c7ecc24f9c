"""MAS-Bench-style tasks: each is an atomic androidworld task (goal, set-up, check and GUI oracle unchanged) with a
hybrid oracle that uses the built-in shortcuts, plus three "open this" tasks checked from the foreground screen
(AndroidWorld's OpenApp checks the foreground activity the same way).

Every hybrid solution takes fewer steps than the GUI one: a deep link or intent replaces the navigation and form
filling, and a shortcut call counts as one step however many actions it performs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.calendar import SimpleCalendarAddOneEvent
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import (
    FILES,
    GALLERY,
    FilesParams,
    SeedFile,
    TargetParams,
    open_folder,
    photos,
    text_files,
    tree,
)
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import seed_files as seed_file_list
from droidpilot.benchmarks.suites.androidworld.clock import AlarmParams, ClockAlarmAdd, ClockTimerEntry, TimerParams
from droidpilot.benchmarks.suites.androidworld.contacts import ContactsAddContact
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY, at, day_text
from droidpilot.benchmarks.suites.androidworld.notes import MarkorCreateNote, NotesParams
from droidpilot.benchmarks.suites.androidworld.sms import SimpleSmsReply, SimpleSmsSend, SimpleSmsSendToContact
from droidpilot.benchmarks.suites.androidworld.system import (
    BrightnessValueParams,
    SystemBluetoothTurnOn,
    SystemBrightnessSet,
    SystemWifiTurnOff,
    _tap_slider,
)
from droidpilot.benchmarks.suites.shortcuts.base import ShortcutCall, ShortcutTask
from droidpilot.benchmarks.task import Params, Task

CALENDAR = "com.android.calendar"


def _card_number(ui: UIDriver) -> str:
    """The phone number on the open contact card."""
    return next(e.text for e in ui.elements() if e.resource_id.endswith("/header") and "@" not in e.text)


# -- messages and contacts -----------------------------------------------------------------------------------------
class MasSendSmsToNumber(ShortcutTask, SimpleSmsSend):
    shortcuts = ("send_sms",)
    tags = ("sms", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("send_sms", number=self.p.target, message=self.p.message)
        return None


class MasSendSmsToContact(ShortcutTask, SimpleSmsSendToContact):
    """The number is looked up on the contact's card first (open_contact), then sent to (send_sms)."""

    shortcuts = ("open_contact", "send_sms")
    tags = ("sms", "contacts", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("open_contact", name=self.p.target)
        call("send_sms", number=_card_number(ui), message=self.p.message)
        return None


class MasReplySms(ShortcutTask, SimpleSmsReply):
    shortcuts = ("send_sms",)
    tags = ("sms", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("send_sms", number=self.p.target, message=self.p.message)
        return None


class MasAddContact(ShortcutTask, ContactsAddContact):
    shortcuts = ("new_contact",)
    tags = ("contacts", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("new_contact", first_name=self.p.first, last_name=self.p.last, phone=self.p.phone)
        return None


# -- clock ---------------------------------------------------------------------------------------------------------
class MasCreateAlarm(ShortcutTask, ClockAlarmAdd):
    shortcuts = ("create_alarm",)
    tags = ("clock", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        assert isinstance(self.params, AlarmParams)
        call("create_alarm", hour=self.params.hour, minute=self.params.minute)
        return None


class MasStartTimer(ShortcutTask, ClockTimerEntry):
    shortcuts = ("set_timer",)
    tags = ("clock", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        assert isinstance(self.params, TimerParams)
        call("set_timer", seconds=self.length_ms // 1000)
        return None


# -- settings ------------------------------------------------------------------------------------------------------
class MasBluetoothOn(ShortcutTask, SystemBluetoothTurnOn):
    shortcuts = ("turn_on_bluetooth",)
    tags = ("settings", "shortcuts")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("turn_on_bluetooth")
        return None


class MasWifiOff(ShortcutTask, SystemWifiTurnOff):
    shortcuts = ("turn_off_wifi",)
    tags = ("settings", "shortcuts")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("turn_off_wifi")
        return None


class MasBrightnessSet(ShortcutTask, SystemBrightnessSet):
    """A deep link to the Display page, then the slider by hand: a mixed shortcut and GUI solution."""

    shortcuts = ("open_display_settings",)
    tags = ("settings", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        assert isinstance(self.params, BrightnessValueParams)
        call("open_display_settings")
        _tap_slider(ui, "brightness", self.params.percent / 100)
        return None


def markdown_name(params: NotesParams) -> NotesParams:
    """The new note's name as compose_note gives it (its title plus ".md"), unless a seeded note has that name."""
    stem = params.name.rpartition(".")[0]
    taken = {n.path for n in params.notes}
    name = f"{stem}.md" if f"{stem}.md" not in taken else params.name
    return params.model_copy(update={"name": name})


# -- calendar and notes --------------------------------------------------------------------------------------------
class MasCreateEvent(ShortcutTask, SimpleCalendarAddOneEvent):
    shortcuts = ("create_event",)
    tags = ("calendar", "shortcuts", "parameterized")

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        e = self.new_event()
        start = at(e.day, e.hour, e.minute)
        end = start + timedelta(minutes=e.minutes)
        call("create_event", title=e.title, start=f"{start:%Y-%m-%d %H:%M}", end=f"{end:%Y-%m-%d %H:%M}")
        return None


class MasComposeNote(ShortcutTask, MarkorCreateNote):
    """compose_note names the note after its title plus ".md", so this variant's notes are Markdown."""

    shortcuts = ("compose_note",)
    tags = ("notes", "shortcuts", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        params = MarkorCreateNote.generate_params(rng, seed)
        assert isinstance(params, NotesParams)
        return markdown_name(params)

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("compose_note", title=self.params.name.removesuffix(".md"), text=self.params.text)
        return None


# -- opening things (checked from the foreground screen) -------------------------------------------------------------
class _OpenTask(ShortcutTask):
    complexity: ClassVar[float] = 1.0
    category: ClassVar[str] = "navigation"

    def setup(self, env: TaskEnv) -> None:
        assert isinstance(self.params, FilesParams)
        seed_file_list(env, self.params.files)
        self.before = tree(env)

    def showing(self, env: TaskEnv) -> bool:
        raise NotImplementedError

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        """The right thing is on screen and no file changed."""
        return 1.0 if self.showing(env) and tree(env) == self.before else 0.0


def _text_of(env: TaskEnv, rid: str) -> str | None:
    return next((e.text for e in env.observe().elements if e.resource_id.rpartition("/")[2] == rid), None)


TEXT_NAMES = ("packing_list.txt", "meeting_agenda.txt", "wifi_setup.txt", "todo.md", "readme.md", "grocery_list.txt",
              "book_notes.md", "phone_numbers.txt", "recipe_ideas.md", "workout_plan.txt")
LINES = ("Bring the blue folder to the meeting.", "Call the landlord about the heating.", "Buy oat milk and eggs.",
         "Router password is on the back of the box.", "Stretch for ten minutes after each run.",
         "Chapter 4 has the best example.", "Ask for the window seat.")


class MasOpenTextFile(_OpenTask):
    """A file name may exist in two folders: the content on screen tells them apart."""

    template: ClassVar[str] = "Open the file {file_name} from the {folder} folder."
    params_model: ClassVar[type[Params]] = TargetParams
    app_names: ClassVar[tuple[str, ...]] = (FILES,)
    tags: ClassVar[tuple[str, ...]] = ("files", "shortcuts", "parameterized")
    shortcuts = ("view_file",)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        files = text_files(rng, {"Documents": 4, "Download": 4, "Music": 2})  # mostly not text: noise
        names = rng.sample(TEXT_NAMES, 4)
        folders = ["Documents", "Download"]
        readable = [SeedFile(folder=rng.choice(folders), name=n, text=f"{n}\n{rng.choice(LINES)}\n",
                             hours_ago=rng.randint(2, 300)) for n in names]
        twin = readable[0].model_copy(update={"folder": next(f for f in folders if f != readable[0].folder),
                                              "text": f"{names[0]} (old copy)\n{rng.choice(LINES)}\n"})
        target = rng.choice(readable)
        return TargetParams(seed=seed, files=[*files, *readable, twin], file_name=target.name, folder=target.folder)

    @property
    def tp(self) -> TargetParams:
        assert isinstance(self.params, TargetParams)
        return self.params

    @property
    def path(self) -> str:
        return f"/sdcard/{self.tp.folder}/{self.tp.file_name}"

    def showing(self, env: TaskEnv) -> bool:
        observation = env.observe()
        want = (env.read_file(self.path) or b"").decode(errors="replace")
        return (observation.package == FILES and observation.activity.endswith("TextPreviewActivity")
                and _text_of(env, "action_bar_title") == self.tp.file_name and _text_of(env, "preview_text") == want)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_folder(ui, self.tp.folder)
        ui.tap(rid="title", text=self.tp.file_name)
        return None

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("view_file", path=self.path)
        return None


class MasViewPhoto(_OpenTask):
    template: ClassVar[str] = "Open the photo {file_name} in Gallery."
    params_model: ClassVar[type[Params]] = TargetParams
    app_names: ClassVar[tuple[str, ...]] = (GALLERY,)
    tags: ClassVar[tuple[str, ...]] = ("gallery", "shortcuts", "parameterized")
    shortcuts = ("view_image",)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        shots = photos(rng, rng.randint(3, 6))
        target = rng.choice(shots)
        return TargetParams(seed=seed, files=shots, file_name=target.name, folder=target.folder)

    @property
    def tp(self) -> TargetParams:
        assert isinstance(self.params, TargetParams)
        return self.params

    def showing(self, env: TaskEnv) -> bool:
        observation = env.observe()
        return (observation.package == GALLERY and observation.activity.endswith("PhotoPage")
                and _text_of(env, "action_bar_title") == self.tp.file_name)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Gallery")
        ui.scroll_to(rid="thumbnail", desc=self.tp.file_name)
        ui.tap(rid="thumbnail", desc=self.tp.file_name)
        return None

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("view_image", path=f"/sdcard/{self.tp.folder}/{self.tp.file_name}")
        return None


class DayParams(Params):
    day: date
    date_text: str


class MasShowDayInCalendar(ShortcutTask):
    template: ClassVar[str] = "Show my calendar {date_text} in the day view."
    params_model: ClassVar[type[Params]] = DayParams
    app_names: ClassVar[tuple[str, ...]] = (CALENDAR,)
    complexity: ClassVar[float] = 1.0
    category: ClassVar[str] = "navigation"
    tags: ClassVar[tuple[str, ...]] = ("calendar", "shortcuts", "parameterized")
    shortcuts = ("open_date_in_calendar",)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = TODAY + timedelta(days=rng.randint(2, 40))
        return DayParams(seed=seed, day=day, date_text=day_text(day))

    @property
    def p(self) -> DayParams:
        assert isinstance(self.params, DayParams)
        return self.params

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        observation = env.observe()
        shown = _text_of(env, "top_value") or ""
        daily = any(e.content_desc == "Previous day" for e in observation.elements)
        return 1.0 if observation.package == CALENDAR and daily and shown.startswith(
            f"{self.p.day:%B} {self.p.day.day} (") else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Calendar")
        for _ in range((self.p.day.year - TODAY.year) * 12 + self.p.day.month - TODAY.month):
            ui.tap(desc="Next month")
        ui.tap(desc=f"{self.p.day:%B} {self.p.day.day}")
        return None

    def solve_with_shortcuts(self, ui: UIDriver, env: TaskEnv, call: ShortcutCall) -> str | None:
        call("open_date_in_calendar", date=f"{self.p.day:%Y-%m-%d}")
        return None


TASKS: tuple[type[Task], ...] = (
    MasSendSmsToNumber, MasSendSmsToContact, MasReplySms, MasAddContact, MasCreateAlarm, MasStartTimer,
    MasBluetoothOn, MasWifiOff, MasBrightnessSet, MasCreateEvent, MasComposeNote, MasOpenTextFile, MasViewPhoto,
    MasShowDayInCalendar)
