"""Run a shortcut on a live device, checking as it goes, and stop at the first mismatch.

A shortcut whose goal state already holds does nothing and reports "already done"; so does one whose
state-changing steps find their effect in place (a switch already off), which skips them. Preconditions are
checked before anything is done (a failed one changes nothing). Every step resolves its
locator on a fresh observation (never remembered coordinates), and every postcondition is polled for a short
while so a real device's screen can settle. The first failure stops the run and says which step and why, so
the agent's operator can take over from the screen as it is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field

from droidpilot.emulator.device import Bounds, Device, DeviceError, DeviceLost, Key, Observation, UIElement
from droidpilot.shortcuts import am
from droidpilot.shortcuts.matching import ConditionT, find, unmet
from droidpilot.shortcuts.model import Locator, Shortcut, Step
from droidpilot.shortcuts.render import bind_args, needs_timezone, render_condition, render_step

if TYPE_CHECKING:
    from droidpilot.shortcuts.library import ShortcutLibrary

log = logging.getLogger(__name__)

KEYS = {"back": Key.BACK, "home": Key.HOME, "enter": Key.ENTER, "recents": Key.RECENTS, "delete": Key.DELETE,
        "tab": Key.TAB, "search": Key.SEARCH, "menu": Key.MENU}
LOCATED = ("tap", "long_press")


class FailedStep(BaseModel):
    index: int = Field(description="1-based step number; 0 means the preconditions")
    step: str = Field(description="what the step does, with its arguments filled in")
    reason: str


class StepReport(BaseModel):
    index: int
    step: str
    ok: bool
    reason: str = ""
    duration: float = 0.0
    skipped: bool = Field(False, description="its effect was already in place, so it did nothing")


class ShortcutRun(BaseModel):
    """The outcome of one execution."""

    name: str
    ok: bool
    steps_done: int
    steps_total: int
    failed_step: FailedStep | None = None
    duration: float = Field(0.0, description="seconds")
    steps: list[StepReport] = Field(default_factory=list)
    already_done: bool = Field(False, description="the goal state held already: nothing was changed")

    def summary(self) -> str:
        if self.already_done:
            return f"{self.name}: already done (its goal state already holds; nothing was changed)"
        if self.ok:
            return f"{self.name}: done ({self.steps_done} steps, {self.duration:.2f}s)"
        failed = self.failed_step
        where = "before any step" if failed is None or failed.index == 0 else f"at step {failed.index}"
        reason = failed.reason if failed is not None else "failed"
        return f"{self.name}: stopped {where} after {self.steps_done}/{self.steps_total} steps: {reason}"


class StepFailed(Exception):
    """A step could not be carried out; the message is the reason."""


class ShortcutExecutor:
    """Executes shortcuts on `device`, updating the library's counters when one is given."""

    def __init__(self, device: Device, library: ShortcutLibrary | None = None, settle_timeout: float = 3.0,
                 poll_interval: float = 0.2, on_step: Callable[[StepReport], None] | None = None) -> None:
        self.device = device
        self.library = library
        self.settle_timeout = settle_timeout
        self.poll_interval = poll_interval
        self.on_step = on_step

    def run(self, shortcut: Shortcut, args: dict[str, Any]) -> ShortcutRun:
        """Raises ArgumentError (before touching the device) when `args` do not fit the parameters."""
        values = bind_args(shortcut, args)
        tz = self._device_timezone() if needs_timezone(shortcut) else UTC
        steps = [render_step(s, values, tz) for s in shortcut.steps]
        preconditions = [render_condition(c, values, tz) for c in shortcut.preconditions]
        goal = [render_condition(c, values, tz) for c in shortcut.goal]
        started = time.monotonic()
        run = ShortcutRun(name=shortcut.name, ok=False, steps_done=0, steps_total=len(steps))
        if goal and self._holds(goal):
            run.already_done = True
        else:
            run.failed_step = self._check_preconditions(preconditions)
            if run.failed_step is None:
                self._run_steps(steps, run)
            if run.failed_step is None and goal:
                run.failed_step = self._check_goal(goal, len(steps))
            run.already_done = run.failed_step is None and _tail_skipped(run.steps)
        run.ok = run.failed_step is None
        run.duration = time.monotonic() - started
        if self.library is not None:
            self.library.record_use(shortcut.name, run.ok)
        log.info("%s", run.summary())
        return run

    # -- phases --------------------------------------------------------------------------------------------
    def _holds(self, conditions: list[ConditionT]) -> bool:
        """Every condition holds on the screen as it is now (no waiting: the goal is checked before acting)."""
        observation = self.device.observe()
        return all(unmet(c, observation, self.device) is None for c in conditions)

    def _check_goal(self, conditions: list[ConditionT], last: int) -> FailedStep | None:
        for condition in conditions:
            why = self._await(condition)
            if why is not None:
                return FailedStep(index=last, step="goal", reason=f"goal not reached: {condition.describe()} ({why})")
        return None

    def _check_preconditions(self, conditions: list[ConditionT]) -> FailedStep | None:
        if not conditions:
            return None
        observation = self.device.observe()
        for condition in conditions:
            why = unmet(condition, observation, self.device)
            if why is not None:
                reason = f"precondition failed: {condition.describe()} ({why})"
                return FailedStep(index=0, step="preconditions", reason=reason)
        return None

    def _run_steps(self, steps: list[Step], run: ShortcutRun) -> None:
        for index, step in enumerate(steps, 1):
            report = self._one_step(step, index)
            run.steps.append(report)
            if self.on_step is not None:
                self.on_step(report)
            if not report.ok:
                run.failed_step = FailedStep(index=index, step=report.step, reason=report.reason)
                return
            run.steps_done = index

    def _one_step(self, step: Step, index: int) -> StepReport:
        began = time.monotonic()
        skip, reason = self._state_before(step, index)
        if skip:
            return StepReport(index=index, step=step.describe(), ok=True, skipped=True,
                              reason=f"already so: {step.expect.describe() if step.expect else ''}",
                              duration=time.monotonic() - began)
        reason = reason or self._attempt(step)
        if reason is None and step.expect is not None:
            why = self._await(step.expect)
            if why is not None:
                reason = f"postcondition failed after step {index}: {step.expect.describe()} ({why})"
        return StepReport(index=index, step=step.describe(), ok=reason is None, reason=reason or "",
                          duration=time.monotonic() - began)

    def _state_before(self, step: Step, index: int) -> tuple[bool, str | None]:
        """(skip, failure) for a step with state conditions: skip when its effect is already in place, fail
        (without acting) when the state it needs is not there."""
        if not step.idempotent and step.requires is None:
            return False, None
        try:
            observation = self._locate(step.locator)[1] if step.locator is not None else self.device.observe()
        except StepFailed as exc:
            return False, str(exc)
        if step.idempotent and step.expect is not None and unmet(step.expect, observation, self.device) is None:
            return True, None
        if step.requires is not None:
            why = self._await(step.requires)
            if why is not None:
                return False, f"state before step {index} is not as required: {step.requires.describe()} ({why})"
        return False, None

    def _attempt(self, step: Step) -> str | None:
        try:
            self._perform(step)
        except DeviceLost:
            raise
        except StepFailed as exc:
            return str(exc)
        except (DeviceError, LookupError, ValueError, OSError) as exc:
            return f"{step.action} failed: {exc}"
        return None

    # -- actions -------------------------------------------------------------------------------------------
    def _perform(self, step: Step) -> None:
        if step.action in LOCATED:
            assert step.locator is not None
            element, observation = self._locate(step.locator)
            x, y = _centre(element.bounds, observation)
            if step.action == "tap":
                self.device.tap(x, y)
            else:
                self.device.long_press(x, y, 1000)
        elif step.action == "type":
            self._type(step)
        elif step.action == "scroll":
            self._scroll(step)
        elif step.action == "press":
            self.device.press(KEYS[step.key or "back"])
        elif step.action == "open_app":
            self.device.launch(step.package or "")
        elif step.action == "open_uri":
            self._am(am.view_command(step.uri or ""))
        elif step.action == "start_intent":
            assert step.intent is not None
            self._am(am.start_command(step.intent))
        else:
            time.sleep(step.seconds)

    def _am(self, command: str) -> None:
        why = am.run(self.device, command)
        if why is not None:
            raise StepFailed(f"am start failed: {why}")

    def _type(self, step: Step) -> None:
        if step.locator is not None:
            element, observation = self._locate(step.locator)
            if not element.focused:
                self.device.tap(*_centre(element.bounds, observation))
            if step.clear:
                count = len(element.text) + 1  # an empty field dumps its hint: extra DELs do no harm
                self.device.shell("input keyevent " + " ".join(["KEYCODE_DEL"] * count
                                                               + ["KEYCODE_FORWARD_DEL"] * count))
        self.device.input_text(step.text or "")

    def _scroll(self, step: Step) -> None:
        if step.locator is not None:
            element, _observation = self._locate(step.locator)
            region = element.bounds
        else:
            width, height = self.device.screen_size()
            region = Bounds(left=0, top=height // 5, right=width, bottom=height * 4 // 5)
        self.device.swipe(*_scroll_path(region, step.direction or "down"), 400)

    # -- waiting -------------------------------------------------------------------------------------------
    def _locate(self, locator: Locator) -> tuple[UIElement, Observation]:
        """The element on a fresh screen, polling until the screen settles; StepFailed if it never shows."""
        deadline = time.monotonic() + self.settle_timeout
        while True:
            observation = self.device.observe()
            element = find(observation, locator)
            if element is not None:
                return element, observation
            if time.monotonic() >= deadline:
                raise StepFailed(f"element not found: locator {locator.describe()} "
                                 f"(screen: {observation.package}/{observation.activity})")
            time.sleep(self.poll_interval)

    def _await(self, condition: ConditionT) -> str | None:
        deadline = time.monotonic() + self.settle_timeout
        while True:
            why = unmet(condition, self.device.observe(), self.device)
            if why is None or time.monotonic() >= deadline:
                return why
            time.sleep(self.poll_interval)

    def _device_timezone(self) -> tzinfo:
        """The device's zone, for turning dates into epoch milliseconds; UTC when it does not say."""
        try:
            name = self.device.shell("getprop persist.sys.timezone").output.strip()
            return ZoneInfo(name) if name else UTC
        except (DeviceError, ValueError, ZoneInfoNotFoundError):
            return UTC


def _tail_skipped(reports: list[StepReport]) -> bool:
    """Some step found its effect in place and nothing after it had to act: the shortcut changed nothing that
    matters."""
    first = next((i for i, r in enumerate(reports) if r.skipped), None)
    return first is not None and all(r.skipped for r in reports[first:])


def _centre(bounds: Bounds, observation: Observation) -> tuple[int, int]:
    """The middle of the element's on-screen part (dumps may report bounds past the screen edge)."""
    if observation.screenshot is None:
        return bounds.center
    width, height = observation.screenshot.size
    visible = Bounds(left=max(0, bounds.left), top=max(0, bounds.top), right=min(width, bounds.right),
                     bottom=min(height, bounds.bottom))
    return visible.center if visible.width > 0 and visible.height > 0 else bounds.center


def _scroll_path(region: Bounds, direction: str) -> tuple[int, int, int, int]:
    """Scrolling content down moves the finger up (from 80% to 20% of the region)."""
    cx, cy = region.center
    top, bottom = region.top + region.height // 5, region.bottom - region.height // 5
    left, right = region.left + region.width // 5, region.right - region.width // 5
    return {"down": (cx, bottom, cx, top), "up": (cx, top, cx, bottom),
            "right": (right, cy, left, cy), "left": (left, cy, right, cy)}[direction]
