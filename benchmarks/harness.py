"""The device the harness hands an agent: it counts every action, enforces the step budget and records a trajectory.

Step counts never come from the agent. The episode runner wraps the task's device in a `RecordingDevice` and gives
the agent only that wrapper; every tap, long press, swipe, key, text entry, app launch, URI, file push, `input`
shell command and shortcut call is one step. Trying to act once the budget is spent raises `StepBudgetExhausted`
(AndroidWorld stops the agent at its budget), so an agent that reports 1 step after 64 actions is still stopped
at the budget and fails the task. Oracles act through the same wrapper, so their step counts are the harness's.

It also saves a small JPEG after every action and one line per counted action in `actions.jsonl`, so scripted
agents' episodes get screenshots in the report too. That file is the harness's own: the LLM agent writes its
`trajectory.jsonl` in the same episode folder, and the two must never share a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from droidpilot.emulator.device import AppInfo, Device, Key, Observation, ShellResult
from droidpilot.errors import TaskError

ACTIONS_FILE = "actions.jsonl"
THUMBNAIL_REDUCE = 3
"""Screenshots are saved at 1/3 size (360x800 for a 1080x2400 phone): readable, and ~20 KB as JPEG."""
_INPUT_COMMAND = re.compile(r"^\s*input\s")
_DELETE_KEYS = re.compile(r"^\s*input\s+keyevent(\s+(KEYCODE_)?(DEL|FORWARD_DEL|67|112))+\s*$")
"""Key runs that only delete characters are part of the text entry that follows them, not a step of their own."""


class StepBudgetExhausted(TaskError, RuntimeError):
    """The agent tried to act after spending its step budget; the episode ends there, not declared done."""


class ActionRecord(BaseModel):
    """One action an agent took. `action == "shortcut"` marks a shortcut call (MAS-Bench's MSC, S2GR, SSR)."""

    step: int
    action: str
    detail: str = ""
    ok: bool = True
    screenshot: str | None = Field(None, description="the screen after the action, relative to the run dir")
    shortcut: str | None = Field(None, description="shortcut calls: the shortcut's name")
    args: dict[str, Any] | None = Field(None, description="shortcut calls: the arguments it was called with")
    effective: bool | None = Field(None, description="shortcut calls the harness judged: its intended effect held "
                                   "on the device right after it (MAS-Bench's SSR counts these)")
    effect: str = Field("", description="shortcut calls: what the judge checked, and what it found")


EffectCheck = Callable[[bool], tuple[bool, str]]
"""Called right after a shortcut call with whether it ran to the end: (its intended effect holds on the device,
what was checked and found)."""
ShortcutJudge = Callable[[str, Mapping[str, Any]], EffectCheck]
"""Called right before a shortcut call with its name and arguments: reads the state the call should change and
returns the check to run after it (the benchmark's, reading device state, never the shortcut's own report)."""


@dataclass
class ShortcutCall:
    """What a shortcut call reports back to the harness (its outcome, set by the caller)."""

    detail: str
    ok: bool = False
    name: str = ""
    args: dict[str, Any] = field(default_factory=dict)


class RecordingDevice:
    """A `Device` that passes everything through, counts each action against `budget` and records it (with a
    screenshot) as it happens. `close` does nothing: the device belongs to the runner's pool, not to the agent."""

    def __init__(self, inner: Device, run_dir: Path | None, budget: int | None = None,
                 judge: ShortcutJudge | None = None) -> None:
        self.inner = inner
        self.run_dir = run_dir
        self.budget = budget
        self.judge = judge
        """Judges each named shortcut call by its intended effect on the device state (None: not judged)."""
        self.actions: list[ActionRecord] = []
        self.exhausted = False
        """Set when the agent tried to act past the budget."""
        self._inside_shortcut = False
        if run_dir is not None:
            run_dir.mkdir(parents=True, exist_ok=True)
            self._shot("start.jpg")

    @property
    def steps(self) -> int:
        """Actions counted so far (a shortcut call is one, whatever it does inside)."""
        return len(self.actions)

    def _shot(self, name: str) -> str | None:
        if self.run_dir is None:
            return None
        image = self.inner.observe().screenshot
        if image is None:
            return None
        image.convert("RGB").reduce(THUMBNAIL_REDUCE).save(self.run_dir / name, "JPEG", quality=75)
        return name

    def _target(self, x: int, y: int) -> str:
        """The smallest labelled element under the finger, for a readable trajectory: `"OK" (540,1200)`."""
        if self.run_dir is None or self._inside_shortcut:
            return f"({x},{y})"
        hits = [e for e in self.inner.observe().elements if e.label and e.bounds.contains(x, y)]
        best = min(hits, key=lambda e: e.bounds.width * e.bounds.height, default=None)
        return f'"{best.label}" ({x},{y})' if best is not None else f"({x},{y})"

    def _spend(self) -> bool:
        """Count one action before it happens; False inside a shortcut call (counted once, as the call)."""
        if self._inside_shortcut:
            return False
        if self.budget is not None and self.steps >= self.budget:
            self.exhausted = True
            raise StepBudgetExhausted(f"step budget of {self.budget} spent")
        return True

    def _record(self, action: str, detail: str, ok: bool = True, **shortcut: Any) -> None:
        step = len(self.actions) + 1
        record = ActionRecord(step=step, action=action, detail=detail, ok=ok,
                              screenshot=self._shot(f"{step:03d}.jpg"), **shortcut)
        self.actions.append(record)
        if self.run_dir is not None:
            with (self.run_dir / ACTIONS_FILE).open("a", encoding="utf-8") as f:
                f.write(record.model_dump_json() + "\n")

    @contextmanager
    def shortcut_call(self, detail: str, name: str = "",
                      args: Mapping[str, Any] | None = None) -> Iterator[ShortcutCall]:
        """One shortcut call: counted as one step, whatever device actions it performs inside; recorded as a
        "shortcut" action with the outcome the caller sets on the yielded `ShortcutCall` (`ok`: it ran to the
        end) and, when the call is named and a judge is set, whether its intended effect held right after it."""
        self._spend()
        call = ShortcutCall(detail, name=name, args=dict(args or {}))
        check = self.judge(name, call.args) if self.judge is not None and name else None
        self._inside_shortcut = True
        try:
            yield call
        finally:
            self._inside_shortcut = False
            effective, effect = check(call.ok) if check is not None else (None, "")
            self._record("shortcut", call.detail, call.ok, shortcut=name or None, args=call.args if name else None,
                         effective=effective, effect=effect)

    def _act(self, action: str, detail: str, perform: Callable[[], object]) -> None:
        counted = self._spend()
        perform()
        if counted:
            self._record(action, detail)

    # -- the Device protocol ------------------------------------------------------------------------------------
    @property
    def serial(self) -> str:
        return self.inner.serial

    def screen_size(self) -> tuple[int, int]:
        return self.inner.screen_size()

    def observe(self) -> Observation:
        return self.inner.observe()

    def tap(self, x: int, y: int) -> None:
        self._act("tap", self._target(x, y), lambda: self.inner.tap(x, y))

    def long_press(self, x: int, y: int, ms: int = 1000) -> None:
        self._act("long_press", self._target(x, y), lambda: self.inner.long_press(x, y, ms))

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int = 300) -> None:
        self._act("swipe", f"{x1},{y1} -> {x2},{y2}", lambda: self.inner.swipe(x1, y1, x2, y2, ms))

    def input_text(self, text: str) -> None:
        self._act("type", text, lambda: self.inner.input_text(text))

    def press(self, key: Key | str) -> None:
        self._act("press", str(key.value if isinstance(key, Key) else key), lambda: self.inner.press(key))

    def launch(self, package: str, activity: str | None = None) -> None:
        self._act("open_app", package, lambda: self.inner.launch(package, activity))

    def open_uri(self, uri: str) -> None:
        self._act("open_uri", uri, lambda: self.inner.open_uri(uri))

    def current_app(self) -> tuple[str, str]:
        return self.inner.current_app()

    def shell(self, cmd: str) -> ShellResult:
        """Shell commands pass through; `input ...` ones are device actions and count (a run of delete keys
        belongs to the text entry it prepares)."""
        if not _INPUT_COMMAND.match(cmd) or _DELETE_KEYS.match(cmd):
            return self.inner.shell(cmd)
        results: list[ShellResult] = []
        self._act("shell_input", cmd, lambda: results.append(self.inner.shell(cmd)))
        return results[0]

    def pull(self, path: str) -> bytes:
        return self.inner.pull(path)

    def push(self, data: bytes, path: str) -> None:
        self._act("push", path, lambda: self.inner.push(data, path))

    def installed_apps(self) -> list[AppInfo]:
        return self.inner.installed_apps()

    def close(self) -> None:
        pass

