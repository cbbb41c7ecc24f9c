"""Sub-goals and the state diff behind the UI-NEXUS suite's scores and failure-mode labels.

A composite task snapshots every app's state once its set-up is done (`snapshot`: rows by key, per domain,
read with the atomic androidworld tasks' readers) and declares its sub-goals as expected changes (`SubGoal`: a
domain, a change kind, an `exact` matcher for the right parameters and an `attempt` matcher for a write meant
for it). `assess` diffs the state and hands the changes out:

1. each sub-goal takes a distinct change that matches it exactly: achieved;
2. each sub-goal left takes a distinct change that attempts it with other parameters: attention drift (the
   text went to the wrong person or said the wrong thing, the expense has the wrong amount);
3. a sub-goal with neither is under-executed; every change left over is over-execution (a second message, an
   extra row, a setting the goal never mentioned).

The score is AndroidWorld's composite scoring (the fraction of sub-goals done) with its integrity rule applied
per app: a sub-goal counts only if its app shows no drifted or extra change, and a stray change in an app that
no sub-goal writes to fails the whole task (side effects fail the task).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from droidpilot.benchmarks.answers import parse_number, parse_time
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.suites.androidworld.calendar import CALENDAR, CalEvent
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import tree
from droidpilot.benchmarks.suites.androidworld.clock import CLOCK, alarm_rows
from droidpilot.benchmarks.suites.androidworld.contacts import contact_rows, digits, national, same_number
from droidpilot.benchmarks.suites.androidworld.datakit import note_text, squash, text_matches
from droidpilot.benchmarks.suites.androidworld.expenses import CATEGORY_IDS, EXPENSES
from droidpilot.benchmarks.suites.androidworld.notes import ROOT as NOTES_ROOT
from droidpilot.benchmarks.suites.androidworld.recipes import RECIPES
from droidpilot.benchmarks.suites.androidworld.sms import SENT, norm_text, sms_rows
from droidpilot.benchmarks.suites.androidworld.system import WATCHED
from droidpilot.benchmarks.suites.androidworld.tasks import TASKS_APP
from droidpilot.benchmarks.suites.uinexus.app_state import APP_DOMAINS, APP_PRIVATE, APP_READERS

Row = dict[str, Any]
State = dict[str, dict[str, Row]]
"""domain -> key -> row."""
ChangeKind = Literal["add", "remove", "edit"]
Mode = Literal["under_execution", "over_execution", "attention_drift"]


def _keyed(rows: Sequence[Row], key: str) -> dict[str, Row]:
    return {str(r[key]): r for r in rows}


def _notes(env: TaskEnv) -> dict[str, Row]:
    """Every note (by relative path) with its text, and every folder (by relative path with a trailing slash)."""
    out: dict[str, Row] = {}
    for kind in ("f", "d"):
        listing = env.device.shell(f"find {NOTES_ROOT} -type {kind}")  # fails when the folder is gone: no notes
        for line in listing.output.splitlines() if listing.exit_code == 0 else []:
            if not line.startswith(NOTES_ROOT + "/"):
                continue
            rel = line.removeprefix(NOTES_ROOT + "/")
            if kind == "f":
                out[rel] = {"path": rel, "text": (env.read_file(line) or b"").decode(errors="replace")}
            else:
                out[rel + "/"] = {"path": rel, "folder": True}
    return out


def _files(env: TaskEnv) -> dict[str, Row]:
    """Files outside the notes folder and the app folders of `app_state` (their domains have those), by device
    path, with a digest."""
    return {p: {"path": p, "digest": d} for p, d in tree(env).items()
            if not p.startswith((NOTES_ROOT + "/", *APP_PRIVATE))}


READERS: dict[str, Callable[[TaskEnv], dict[str, Row]]] = {
    "contacts": lambda env: {str(k): v for k, v in contact_rows(env).items()},
    "sms": lambda env: {str(k): v for k, v in sms_rows(env).items()},
    "alarms": lambda env: {str(k): v for k, v in alarm_rows(env).items()},
    "timers": lambda env: _keyed(env.query(CLOCK, "alarms.db", "SELECT * FROM timers"), "_id"),
    "stopwatch": lambda env: _keyed(env.query(CLOCK, "alarms.db", "SELECT * FROM stopwatch"), "_id"),
    "laps": lambda env: _keyed(env.query(CLOCK, "alarms.db", "SELECT * FROM laps"), "_id"),
    "calendar": lambda env: _keyed(env.query(CALENDAR, "events.db", "SELECT * FROM events"), "id"),
    "expenses": lambda env: _keyed(env.query(EXPENSES, "accounting.db", "SELECT * FROM expense"), "expense_id"),
    "recipes": lambda env: _keyed(env.query(RECIPES, "broccoli", "SELECT * FROM recipes"), "recipeId"),
    "tasks": lambda env: _keyed(env.query(TASKS_APP, "database", "SELECT * FROM tasks"), "_id"),
    "notes": _notes,
    "files": _files,
    "settings": lambda env: {f"{ns} {key}": {"key": f"{ns} {key}", "value": env.setting(ns, key)}
                             for ns, key in WATCHED},
    **APP_READERS,
}
APP_OF = {"contacts": "Contacts", "sms": "Messages", "alarms": "Clock", "timers": "Clock", "stopwatch": "Clock",
          "laps": "Clock", "calendar": "Calendar", "expenses": "Expenses", "recipes": "Recipes", "tasks": "Tasks",
          "notes": "Notes", "files": "Files", "settings": "Settings", **APP_DOMAINS}
"""The integrity unit: a stray change voids the sub-goals of its app."""


def snapshot(env: TaskEnv) -> State:
    return {domain: read(env) for domain, read in READERS.items()}


# -- changes -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    domain: str
    kind: ChangeKind
    key: str
    before: Row | None
    after: Row | None

    @property
    def row(self) -> Row:
        """The row as it is now (as it was, for a removal)."""
        return self.after if self.after is not None else self.before or {}

    def describe(self) -> str:
        return f"{self.domain} {self.kind} {self.key}"


def diff(before: State, after: State) -> list[Change]:
    changes = []
    for domain in READERS:
        old, new = before.get(domain, {}), after.get(domain, {})
        for key in sorted(old.keys() | new.keys()):
            if key not in old:
                changes.append(Change(domain, "add", key, None, new[key]))
            elif key not in new:
                changes.append(Change(domain, "remove", key, old[key], None))
            elif old[key] != new[key]:
                changes.append(Change(domain, "edit", key, old[key], new[key]))
    return changes


# -- sub-goals -------------------------------------------------------------------------------------------------
Matcher = Callable[[Change], bool]


def _anything(change: Change) -> bool:
    return True


@dataclass(frozen=True)
class SubGoal:
    label: str
    domain: str
    kind: ChangeKind
    exact: Matcher
    attempt: Matcher = _anything
    """A change of the same domain and kind meant for this sub-goal, whatever its parameters."""


class Assessment(BaseModel):
    achieved: list[str] = Field(default_factory=list)
    drifted: list[str] = Field(default_factory=list, description="'sub-goal <- the change that attempted it'")
    missing: list[str] = Field(default_factory=list)
    extra: list[str] = Field(default_factory=list)
    score: float = 0.0

    @property
    def modes(self) -> list[Mode]:
        modes: list[Mode] = []
        if self.missing:
            modes.append("under_execution")
        if self.extra:
            modes.append("over_execution")
        if self.drifted:
            modes.append("attention_drift")
        return modes


def _take(free: list[Change], goal: SubGoal, matcher: Matcher) -> Change | None:
    hit = next((c for c in free if c.domain == goal.domain and c.kind == goal.kind and matcher(c)), None)
    if hit is not None:
        free.remove(hit)
    return hit


def assess(goals: Sequence[SubGoal], before: State, after: State) -> Assessment:
    free = diff(before, after)
    done = [_take(free, g, g.exact) is not None for g in goals]
    tried = {i: _take(free, g, g.attempt) for i, g in enumerate(goals) if not done[i]}
    drift = {i: c for i, c in tried.items() if c is not None}
    tainted = {APP_OF[c.domain] for c in [*drift.values(), *free]}
    counted = [ok and APP_OF[g.domain] not in tainted for g, ok in zip(goals, done, strict=True)]
    stray = tainted - {APP_OF[g.domain] for g in goals}
    score = 0.0 if stray or not goals else sum(counted) / len(goals)
    return Assessment(
        achieved=[g.label for g, ok in zip(goals, done, strict=True) if ok],
        drifted=[f"{goals[i].label} <- {c.describe()}" for i, c in sorted(drift.items())],
        missing=[g.label for i, g in enumerate(goals) if not done[i] and i not in drift],
        extra=[c.describe() for c in free], score=round(score, 4))


# -- text checks -----------------------------------------------------------------------------------------------
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve")


def numbers_in(text: str) -> list[float]:
    """Every number written in `text` ("$1,450.00", "3", "three")."""
    found = [parse_number(m) for m in re.findall(r"\$?\d[\d,]*(?:\.\d+)?", text or "")]
    words = [float(NUMBER_WORDS.index(w)) for w in re.findall(r"[a-z]+", (text or "").lower()) if w in NUMBER_WORDS]
    return [n for n in found if n is not None] + words


def states_number(text: str, value: float, tolerance: float = 0.005) -> bool:
    """`text` gives exactly `value`: it has a number, and every number in it is `value` ("3 tasks are due" yes;
    "0 1 2 3 4 5" or "3 or 4" no: listing candidates is not an answer)."""
    found = numbers_in(text)
    return bool(found) and all(abs(n - value) <= tolerance for n in found)


def states_time(text: str, hour: int, minute: int) -> bool:
    """`text` gives exactly this time ("3:15 PM", "3:15pm" or "15:15"): at least one time, every time in it this
    one, and no other number beside it."""
    found = re.findall(r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?", text or "", re.IGNORECASE)
    times = [parse_time(match) for match in found]
    rest = re.sub(r"\d{1,2}:\d{2}", " ", text or "")
    return (bool(times) and all(t is not None and (t.hour, t.minute) == (hour, minute) for t in times)
            and not re.search(r"\d", rest))


def contains_text(text: str, want: str) -> bool:
    """`want` appears in `text` (case, punctuation and spacing aside), or the two match fuzzily."""
    return norm_text(want) in norm_text(text) or text_matches(text, want)


# -- sub-goal factories ----------------------------------------------------------------------------------------
def contact_added(first: str, last: str, phone: str) -> SubGoal:
    def exact(c: Change) -> bool:
        phones = c.row["phones"]
        return (squash(c.row["display_name"]).lower() == f"{first} {last}".lower() and len(phones) == 1
                and same_number(phones[0][0], phone))

    return SubGoal(f"add contact {first} {last}", "contacts", "add", exact)


def contact_starred(name: str) -> SubGoal:
    def exact(c: Change) -> bool:
        assert c.before is not None and c.after is not None
        same = {k: v for k, v in c.before.items() if k != "starred"} == {
            k: v for k, v in c.after.items() if k != "starred"}
        return c.before["display_name"] == name and bool(c.after["starred"]) and same

    return SubGoal(f"star {name}", "contacts", "edit", exact,
                   attempt=lambda c: c.before is not None and c.after is not None
                   and c.before["starred"] != c.after["starred"])


def sms_sent(number: str, body_ok: Callable[[str], bool], what: str) -> SubGoal:
    """One sent text to `number` whose body passes `body_ok`; any other sent text is an attempt at it."""
    def exact(c: Change) -> bool:
        return c.row["type"] == SENT and same_number(c.row["address"], number) and body_ok(c.row["body"])

    return SubGoal(f"text {what} to {number}", "sms", "add", exact, attempt=lambda c: c.row["type"] == SENT)


def sms_text(number: str, text: str) -> SubGoal:
    return sms_sent(number, lambda body: norm_text(body) == norm_text(text), repr(text))


def sms_with_number(number: str, shared: str) -> SubGoal:
    """A text carrying the phone number `shared` (any spelling)."""
    return sms_sent(number, lambda body: national(shared) in digits(body), f"the number {shared}")


def alarm_added(hour: int, minute: int) -> SubGoal:
    return SubGoal(f"alarm at {hour:02d}:{minute:02d}", "alarms", "add",
                   lambda c: (c.row["hour"], c.row["minutes"]) == (hour, minute) and c.row["enabled"] == 1)


def alarm_removed(hour: int, minute: int) -> SubGoal:
    return SubGoal(f"delete the {hour:02d}:{minute:02d} alarm", "alarms", "remove",
                   lambda c: (c.row["hour"], c.row["minutes"]) == (hour, minute))


def timer_started(length_ms: int) -> SubGoal:
    return SubGoal(f"timer of {length_ms // 1000}s", "timers", "add",
                   lambda c: c.row["length_ms"] == length_ms and c.row["state"] == "RUNNING")


def stopwatch_in(state: str, at_least_ms: int = 0) -> SubGoal:
    return SubGoal(f"stopwatch {state.lower()}", "stopwatch", "edit",
                   lambda c: c.row["state"] == state and c.row["accumulated_ms"] >= at_least_ms)


def setting_is(key: tuple[str, str], values: set[str], label: str, rivals: Sequence[tuple[str, str]] = ()) -> SubGoal:
    """A settings key set to one of `values`; a change of the key (or of a `rivals` key: the other branch of a
    condition) is an attempt at it."""
    name = f"{key[0]} {key[1]}"
    keys = {name, *(f"{ns} {k}" for ns, k in rivals)}
    return SubGoal(label, "settings", "edit", lambda c: c.key == name and c.row["value"] in values,
                   attempt=lambda c: c.key in keys)


def event_added(event: CalEvent) -> SubGoal:
    return SubGoal(f"event {event.title!r}", "calendar", "add",
                   lambda c: text_matches(c.row["title"], event.title) and c.row["start_ts"] == event.start
                   and c.row["end_ts"] == event.end and c.row["repeat_interval"] == 0)


def expense_added(name: str, cents: int, category: str, note: str) -> SubGoal:
    return SubGoal(f"expense {name} {cents / 100:.2f}", "expenses", "add",
                   lambda c: (text_matches(c.row["name"], name) and c.row["amount"] == cents
                              and c.row["category"] == CATEGORY_IDS[category] and text_matches(c.row["note"], note)))


def note_added(path: str, text_ok: Callable[[str], bool], what: str = "") -> SubGoal:
    return SubGoal(f"note {path}{' ' + what if what else ''}", "notes", "add",
                   lambda c: c.key == path and text_ok(note_text(c.row.get("text", ""))))


def note_removed(path: str) -> SubGoal:
    return SubGoal(f"delete note {path}", "notes", "remove", lambda c: c.key == path)


def task_completed(title: str) -> SubGoal:
    def exact(c: Change) -> bool:
        assert c.before is not None and c.after is not None
        kept = {k: v for k, v in c.before.items() if k not in ("completed", "modified")}
        return (c.before["title"] == title and bool(c.after["completed"]) and not c.after["deleted"]
                and all(c.after[k] == v for k, v in kept.items()))

    return SubGoal(f"complete task {title!r}", "tasks", "edit", exact,
                   attempt=lambda c: c.before is not None and c.after is not None
                   and c.before["completed"] != c.after["completed"])


def photo_taken() -> SubGoal:
    return SubGoal("take a photo", "files", "add",
                   lambda c: c.key.startswith("/sdcard/DCIM/Camera/") and c.key.endswith(".jpg"))
