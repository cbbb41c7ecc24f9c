"""The UI-NEXUS composite task: atomic androidworld tasks as parts, sub-goals as expected state changes.

A composite instantiates the atomic tasks it is made of (`parts`, built from its params): their `setup` seeds the
apps (in order; parts sharing an app share its data) and their `solve` is reused by the composite's oracle. Its
`goals` are checked by `atoms.assess` against the snapshot taken after set-up, which gives both the score (the
fraction of sub-goals achieved, with AndroidWorld's per-app integrity) and the failure-mode labels.

Also here: the UI reading the context-transition and deep-dive oracles share (texts in a thread, due dates in
Tasks, event times in the calendar's day view).
"""

from __future__ import annotations

import random
from abc import abstractmethod
from datetime import date, datetime
from functools import cached_property
from typing import ClassVar, TypeVar

from droidpilot.benchmarks.answers import parse_time
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import OracleError, UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY
from droidpilot.benchmarks.suites.androidworld.sms import SimpleSmsSendToContact, SmsParams, bubbles, open_thread
from droidpilot.benchmarks.suites.androidworld.tasks import _header, _listing, _open_filter
from droidpilot.benchmarks.suites.uinexus.atoms import Assessment, Mode, SubGoal, assess, snapshot
from droidpilot.benchmarks.task import Difficulty, Params, Task
from droidpilot.emulator.device import Key

SC, CT, DD = "simple_concatenation", "context_transition", "deep_dive"


P = TypeVar("P", bound=Params)


def draw(cls: type[Task], model: type[P], rng: random.Random, seed: int) -> P:
    """Parameters from an atomic task's own generator (its realistic lists and noise rows)."""
    params = cls.generate_params(rng, seed)
    assert isinstance(params, model)
    return params


def then(*goals: str) -> str:
    """ "A, then b, then c." from atomic goals ("A." "B." "C.")."""
    parts = [g.strip().rstrip(".") for g in goals]
    return ", then ".join([parts[0], *(p[0].lower() + p[1:] for p in parts[1:])]) + "."


class CompositeTask(Task):
    suite: ClassVar[str] = "uinexus"
    difficulty: ClassVar[Difficulty] = "medium"
    tags: ClassVar[tuple[str, ...]] = ("compositional", "parameterized")

    @cached_property
    def parts(self) -> list[Task]:
        """The atomic tasks this one is made of, in the order the goal names them (kept for the episode: a
        part's `setup` may record what its `solve` needs)."""
        return self.build_parts()

    def build_parts(self) -> list[Task]:
        return []

    def seeding_parts(self) -> list[Task]:
        """The parts whose set-up seeds the apps (all of them, unless parts share an app's data)."""
        return self.parts

    def setup(self, env: TaskEnv) -> None:
        for part in self.seeding_parts():
            part.setup(env)
        self.prepare(env)
        self.before["state"] = snapshot(env)

    def prepare(self, env: TaskEnv) -> None:
        """State on top of the parts' (a setting a condition reads, say)."""

    @abstractmethod
    def goals(self) -> list[SubGoal]:
        """The sub-goals, as the state changes the goal asks for."""

    def assessment(self, env: TaskEnv) -> Assessment:
        return assess(self.goals(), self.before["state"], snapshot(env))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        """Binary, as the headline SR: 1.0 only when every sub-goal is achieved with nothing drifted or extra."""
        return 1.0 if self.assessment(env).score == 1.0 else 0.0

    def partial_credit(self, env: TaskEnv) -> float | None:
        """The fraction of sub-goals achieved (AndroidWorld's composite scoring, see `atoms`), reported beside
        the binary score."""
        return self.assessment(env).score

    def failure_modes(self, env: TaskEnv) -> list[Mode]:
        return self.assessment(env).modes


class Concatenation(CompositeTask):
    """Independent subtasks in sequence: the goal joins the parts' goals, the oracle runs their oracles."""

    category: ClassVar[str] = SC

    @property
    def goal(self) -> str:
        return then(*(p.goal for p in self.parts))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        for i, part in enumerate(self.parts):
            part.solve(ui, env)
            if any(ui.device.current_app()[0] in later.app_names for later in self.parts[i + 1:]):
                leave_app(ui)
        return None


# -- oracle helpers ---------------------------------------------------------------------------------------------
def leave_app(ui: UIDriver, max_presses: int = 8) -> None:
    """Back out of the foreground app to the home screen, so the next launch starts on its main screen
    (a launcher tap resumes an app where it was left; the atomic oracles start from its main screen)."""
    for _ in range(max_presses):
        if ui.device.current_app()[0].endswith("launcher3"):
            return
        ui.press(Key.BACK)
    raise OracleError(f"still in {ui.device.current_app()[0]} after {max_presses} presses of Back")


def number_of(sms: SmsParams, name: str) -> str:
    return next(p.phone for p in sms.book if p.name == name)


def text_contact(ui: UIDriver, env: TaskEnv, sms: SmsParams, name: str, message: str) -> None:
    """The SimpleSmsSendToContact oracle with this recipient and text."""
    SimpleSmsSendToContact(sms.model_copy(update={"target": name, "message": message})).solve(ui, env)


def received(ui: UIDriver, who: str) -> list[str]:
    """The texts received from `who`, oldest first (the thread stays open)."""
    open_thread(ui, who)
    return bubbles(ui, outgoing=False)


def clock_of(text: str) -> tuple[int, int]:
    parsed = parse_time(text)
    if parsed is None:
        raise ValueError(f"not a time: {text!r}")
    return parsed.hour, parsed.minute


def header_day(header: str) -> date | None:
    """The day a Tasks group header stands for ("Today", "Tomorrow", "Tue, Oct 20")."""
    for offset in range(-7, 60):
        day = date.fromordinal(TODAY.toordinal() + offset)
        if _header(day) == header:
            return day
    return None


def due_dates(ui: UIDriver) -> dict[str, date | None]:
    """Every open task's title with its due day, from the "My Tasks" list."""
    _open_filter(ui, "My Tasks")
    return {title: header_day(header) for header, title in _listing(ui)}


def day_events(ui: UIDriver, day: date) -> list[tuple[str, datetime, datetime]]:
    """(title, start, end) of each event in the calendar's day view of `day`."""
    ui.open_app("Calendar")
    ui.tap(desc=f"{day:%B} {day.day}")
    elements = ui.elements()
    titles = [e for e in elements if e.resource_id.endswith("event_item_title")]
    times = [e for e in elements if e.resource_id.endswith("event_item_time")]
    events = []
    for title, shown in zip(titles, times, strict=True):
        start, end = (datetime.combine(day, datetime.min.time()).replace(hour=h, minute=m)
                      for h, m in (clock_of(t) for t in shown.text.split(" - ")))
        events.append((title.text, start, end))
    return events
