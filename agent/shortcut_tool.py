"""The operator's `shortcut(name, args)` action: runs a shortcut and explains every failure to the model
(unknown name with close matches, bad arguments with the signature, or the step that did not work); a failed
run leaves the operator on the current screen to continue with GUI actions.

On a device that offers `shortcut_call(detail, name, args)` (the benchmark harness's counting device) the run goes
through it, so the call counts as one step however many actions it performs (as MAS-Bench counts) and the harness
judges its effect; elsewhere each of its device actions is simply performed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from droidpilot.agent.actions import ActionOutcome
from droidpilot.emulator.device import Device
from droidpilot.shortcuts.executor import ShortcutExecutor
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.lookup import lookup, unknown_message
from droidpilot.shortcuts.render import ArgumentError


class _CallOutcome(Protocol):
    ok: bool


@dataclass
class _Uncounted:
    """The outcome slot of a call on a plain device: nobody reads it."""

    ok: bool = False


@runtime_checkable
class CountingDevice(Protocol):
    """A device that counts a shortcut call as one action and records its outcome (benchmarks.harness)."""

    def shortcut_call(self, detail: str, name: str = "",
                      args: Mapping[str, Any] | None = None) -> AbstractContextManager[_CallOutcome]: ...


def run_shortcut_action(device: Device, library: ShortcutLibrary | None, name: str,
                        args: Mapping[str, Any], settle_timeout: float = 3.0) -> ActionOutcome:
    """Run shortcut `name` with `args` (one counted call on a counting device); counters are updated when a
    library is given."""
    with _one_call(device, name, args) as call:
        outcome = _run(device, library, name, args, settle_timeout)
        call.ok = outcome.ok
    return outcome


@contextmanager
def _one_call(device: Device, name: str, args: Mapping[str, Any]) -> Iterator[_CallOutcome]:
    if isinstance(device, CountingDevice):
        detail = f"{name}({', '.join(f'{k}={v!r}' for k, v in args.items())})"
        with device.shortcut_call(detail, name, args) as call:
            yield call
    else:
        yield _Uncounted()


def _run(device: Device, library: ShortcutLibrary | None, name: str, args: Mapping[str, Any],
         settle_timeout: float) -> ActionOutcome:
    shortcut = lookup(name, library)
    if shortcut is None:
        return ActionOutcome(ok=False, error=unknown_message(name, library), target=name)
    executor = ShortcutExecutor(device, library, settle_timeout=settle_timeout)
    try:
        run = executor.run(shortcut, dict(args))
    except ArgumentError as exc:
        return ActionOutcome(ok=False, error=f"bad arguments for shortcut {exc}", target=name,
                             sensitive=shortcut.sensitive)
    if run.ok:
        detail = (f"shortcut {name}: already done, nothing was changed" if run.already_done
                  else f"shortcut {name} done ({run.steps_done} steps)")
        return ActionOutcome(ok=True, detail=detail, target=name,
                             sensitive=shortcut.sensitive)
    before_any_step = run.failed_step is not None and run.failed_step.index == 0
    error = run.summary() + (". Nothing was done" if before_any_step
                             else ". Continue with GUI actions from the current screen")
    return ActionOutcome(ok=False, error=error, detail=f"{run.steps_done}/{run.steps_total} steps done",
                         target=name, sensitive=shortcut.sensitive)
