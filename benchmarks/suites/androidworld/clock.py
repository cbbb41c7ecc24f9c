"""Clock tasks: AndroidWorld's ClockStopWatchRunning, ClockStopWatchPausedVerify and ClockTimerEntry, plus adding
and deleting alarms and a question about an alarm.

Every task clears the Clock and seeds a few labelled alarms as noise. Checks read `alarms.db`: the stopwatch and
timer rows for their state, `alarm_templates` against the rows captured in setup (an alarm task must add or
remove exactly one alarm; the other tasks must leave alarms and timers alone).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import BaseModel

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import DEVICE_TIME, AnswerType, Difficulty, Params, Question, Task

CLOCK = "com.android.deskclock"
DB = "alarms.db"
NOW_MS = int(DEVICE_TIME.timestamp() * 1000)
LABELS = ("Gym", "Work", "Medication", "Pick up kids", "Meditation", "Team standup", "Walk the dog", "Laundry",
          "Water the plants", "Bedtime")
ALARM_FIELDS = ("_id", "hour", "minutes", "daysofweek", "enabled", "label", "vibrate")


class Alarm(BaseModel):
    hour: int
    minute: int
    label: str = ""
    enabled: bool = True
    days: int = 0


def clock_text(hour: int, minute: int) -> str:
    """As the Clock shows it in 12-hour mode: "6:05 AM"."""
    return f"{hour % 12 or 12}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"


def noise_alarms(rng: random.Random, count: int, avoid: Iterable[tuple[int, int]] = ()) -> list[Alarm]:
    times: set[tuple[int, int]] = set(avoid)
    labels = rng.sample(LABELS, count)
    alarms: list[Alarm] = []
    while len(alarms) < count:
        when = (rng.randint(5, 22), rng.choice(range(0, 60, 5)))
        if when in times:
            continue
        times.add(when)
        alarms.append(Alarm(hour=when[0], minute=when[1], label=labels[len(alarms)], enabled=rng.random() < 0.6,
                            days=rng.choice([0, 0x1F, 0x60, 0x7F])))
    return alarms


def alarm_rows(env: TaskEnv) -> dict[int, dict[str, Any]]:
    rows = env.query(CLOCK, DB, f"SELECT {', '.join(ALARM_FIELDS)} FROM alarm_templates")
    return {r["_id"]: r for r in rows}


def clock_state(env: TaskEnv) -> dict[str, Any]:
    return {"alarms": alarm_rows(env), "timers": env.query(CLOCK, DB, "SELECT * FROM timers ORDER BY _id"),
            "stopwatch": env.query(CLOCK, DB, "SELECT * FROM stopwatch")[0],
            "laps": env.query(CLOCK, DB, "SELECT * FROM laps ORDER BY _id")}


def open_tab(ui: UIDriver, tab: str) -> None:
    ui.open_app("Clock")
    ui.tap(desc=tab, rid=f"tab_{tab.lower()}")


class ClockParams(Params):
    alarms: list[Alarm]


class _ClockTask(Task):
    params_model: ClassVar[type[Params]] = ClockParams
    app_names: ClassVar[tuple[str, ...]] = (CLOCK,)
    category: ClassVar[str] = "device_control"
    tags: ClassVar[tuple[str, ...]] = ("clock",)
    complexity: ClassVar[float] = 1.0
    NOISE: ClassVar[int] = 3

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return ClockParams(seed=seed, alarms=noise_alarms(rng, cls.NOISE))

    def setup(self, env: TaskEnv) -> None:
        assert isinstance(self.params, ClockParams)
        env.seed(CLOCK, "clear")
        for a in self.params.alarms:
            env.seed(CLOCK, "insert_alarm", hour=a.hour, minute=a.minute, enabled=a.enabled, label=a.label, days=a.days)
        self.prepare(env)
        self.before = clock_state(env)

    def prepare(self, env: TaskEnv) -> None:
        """Task-specific state on top of the alarms."""

    def unchanged(self, after: dict[str, Any], *parts: str) -> bool:
        return all(after[part] == self.before[part] for part in parts)


# -- stopwatch ------------------------------------------------------------------------------------------------
class ClockStopWatchRunning(_ClockTask):
    template: ClassVar[str] = "Start the stopwatch."

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after = clock_state(env)
        running = after["stopwatch"]["state"] == "RUNNING"
        return 1.0 if running and self.unchanged(after, "alarms", "timers", "laps") else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_tab(ui, "Stopwatch")
        ui.tap(rid="fab", desc="Start")
        return None


class StopwatchParams(ClockParams):
    elapsed_ms: int


class ClockStopWatchPausedVerify(_ClockTask):
    """The stopwatch runs when the task starts; it must end paused, neither reset nor lapped."""

    template: ClassVar[str] = "Pause the stopwatch."
    params_model: ClassVar[type[Params]] = StopwatchParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return StopwatchParams(seed=seed, alarms=noise_alarms(rng, cls.NOISE),
                               elapsed_ms=rng.randint(30, 1800) * 1000 + rng.randint(0, 99) * 10)

    def prepare(self, env: TaskEnv) -> None:
        assert isinstance(self.params, StopwatchParams)
        env.seed(CLOCK, "set_stopwatch", state="RUNNING",
                 start_ms=int(env.now().timestamp() * 1000) - self.params.elapsed_ms)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        assert isinstance(self.params, StopwatchParams)
        after = clock_state(env)
        watch = after["stopwatch"]
        paused = watch["state"] == "PAUSED" and watch["accumulated_ms"] >= self.params.elapsed_ms
        return 1.0 if paused and self.unchanged(after, "alarms", "timers", "laps") else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_tab(ui, "Stopwatch")
        ui.tap(rid="fab", desc="Pause")
        return None


# -- timer ----------------------------------------------------------------------------------------------------
class TimerParams(ClockParams):
    hours: int
    minutes: int
    seconds: int
    duration: str


def duration_text(hours: int, minutes: int, seconds: int) -> str:
    parts = [f"{n} {unit}{'s' if n != 1 else ''}"
             for n, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second")) if n]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


class ClockTimerEntry(_ClockTask):
    template: ClassVar[str] = "Start a timer for {duration}."
    params_model: ClassVar[type[Params]] = TimerParams
    complexity: ClassVar[float] = 1.6
    category: ClassVar[str] = "data_entry"
    tags: ClassVar[tuple[str, ...]] = ("clock", "data_entry", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        hours = rng.choice([0, 0, 0, 1, 2])
        minutes = rng.randint(1, 59)
        seconds = rng.choice([0, 0, 15, 30, 45, rng.randint(1, 59)])
        return TimerParams(seed=seed, alarms=noise_alarms(rng, cls.NOISE), hours=hours, minutes=minutes,
                           seconds=seconds, duration=duration_text(hours, minutes, seconds))

    @property
    def length_ms(self) -> int:
        assert isinstance(self.params, TimerParams)
        return ((self.params.hours * 60 + self.params.minutes) * 60 + self.params.seconds) * 1000

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after = clock_state(env)
        timers = after["timers"]
        ok = (len(timers) == 1 and timers[0]["length_ms"] == self.length_ms and timers[0]["state"] == "RUNNING")
        return 1.0 if ok and self.unchanged(after, "alarms", "stopwatch", "laps") else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        assert isinstance(self.params, TimerParams)
        open_tab(ui, "Timer")
        keys = f"{self.params.hours}{self.params.minutes:02d}{self.params.seconds:02d}".lstrip("0")
        for key in keys:
            ui.tap(rid=f"timer_setup_digit_{key}")
        ui.tap(rid="fab", desc="Start")
        return None


# -- alarms ---------------------------------------------------------------------------------------------------
class AlarmParams(ClockParams):
    hour: int
    minute: int
    time: str


class ClockAlarmAdd(_ClockTask):
    template: ClassVar[str] = "Set an alarm for {time}."
    params_model: ClassVar[type[Params]] = AlarmParams
    complexity: ClassVar[float] = 2.0
    category: ClassVar[str] = "data_entry"
    tags: ClassVar[tuple[str, ...]] = ("clock", "data_entry", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        hour, minute = rng.randint(4, 23), rng.choice(range(0, 60, 5))
        alarms = noise_alarms(rng, cls.NOISE, avoid={(hour, minute)})
        return AlarmParams(seed=seed, alarms=alarms, hour=hour, minute=minute, time=clock_text(hour, minute))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        assert isinstance(self.params, AlarmParams)
        after = clock_state(env)
        before = self.before["alarms"]
        added = [r for i, r in after["alarms"].items() if i not in before]
        kept = all(after["alarms"].get(i) == r for i, r in before.items())
        ok = (kept and len(added) == 1 and added[0]["enabled"] == 1
              and (added[0]["hour"], added[0]["minutes"]) == (self.params.hour, self.params.minute))
        return 1.0 if ok and self.unchanged(after, "timers", "stopwatch") else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        assert isinstance(self.params, AlarmParams)
        open_tab(ui, "Alarm")
        ui.tap(rid="fab", desc="Add alarm")
        ui.type_into(str(self.params.hour % 12 or 12), rid="input_hour")
        ui.type_into(f"{self.params.minute:02d}", rid="input_minute")
        ui.tap(rid="pm_label" if self.params.hour >= 12 else "am_label")
        ui.tap(rid="button1", text="OK")
        return None


class TargetAlarmParams(ClockParams):
    target: int
    """Index in `alarms` of the alarm the task is about."""
    time: str
    label: str


class _OneAlarmTask(_ClockTask):
    params_model: ClassVar[type[Params]] = TargetAlarmParams
    NOISE: ClassVar[int] = 4

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        alarms = noise_alarms(rng, cls.NOISE)
        target = rng.randrange(len(alarms))
        a = alarms[target]
        return TargetAlarmParams(seed=seed, alarms=alarms, target=target, time=clock_text(a.hour, a.minute),
                                 label=a.label)

    @property
    def tp(self) -> TargetAlarmParams:
        assert isinstance(self.params, TargetAlarmParams)
        return self.params

    def target_id(self) -> int:
        a = self.tp.alarms[self.tp.target]
        return next(i for i, r in self.before["alarms"].items() if (r["hour"], r["minutes"]) == (a.hour, a.minute))


class ClockAlarmDelete(_OneAlarmTask):
    template: ClassVar[str] = "Delete the {time} alarm."
    complexity: ClassVar[float] = 1.2
    category: ClassVar[str] = "data_edit"
    tags: ClassVar[tuple[str, ...]] = ("clock", "data_edit", "parameterized")

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after = clock_state(env)
        expected = {i: r for i, r in self.before["alarms"].items() if i != self.target_id()}
        return 1.0 if after["alarms"] == expected and self.unchanged(after, "timers", "stopwatch") else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_tab(ui, "Alarm")
        ui.scroll_to(rid="digital_clock", text=self.tp.time)
        card = next(e for e in ui.elements() if e.resource_id.endswith("/alarm_item")
                    and e.bounds.contains(*ui.need(rid="digital_clock", text=self.tp.time).bounds.center))
        ui.tap_at(card.bounds.left + 40, card.bounds.bottom - 30)  # the card's margin expands it
        ui.scroll_to(rid="delete", text="Delete")
        ui.tap(rid="delete", text="Delete")
        return None


class ClockAlarmTimeQuestion(Question, _OneAlarmTask):
    template: ClassVar[str] = "What time is my alarm labelled \"{label}\" set for?"
    answer_type: ClassVar[AnswerType | None] = "time"
    difficulty: ClassVar[Difficulty] = "easy"
    category: ClassVar[str] = "information_retrieval"
    tags: ClassVar[tuple[str, ...]] = ("clock", "information_retrieval", "parameterized", "screen_reading")

    def expected_answer(self, env: TaskEnv) -> str | None:
        rows = [r for r in alarm_rows(env).values() if r["label"] == self.tp.label]
        return clock_text(rows[0]["hour"], rows[0]["minutes"]) if len(rows) == 1 else None

    def asked_state(self, env: TaskEnv) -> Any:
        return alarm_rows(env)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_tab(ui, "Alarm")
        label = ui.scroll_to(rid="label", text=self.tp.label)
        below = [e for e in ui.elements()
                 if e.resource_id.endswith("/digital_clock") and e.bounds.top > label.bounds.top]
        return min(below, key=lambda e: e.bounds.top).text


TASKS = (ClockStopWatchRunning, ClockStopWatchPausedVerify, ClockTimerEntry, ClockAlarmAdd, ClockAlarmDelete,
         ClockAlarmTimeQuestion)
