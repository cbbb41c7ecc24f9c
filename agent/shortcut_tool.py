"""The operator's `shortcut(name, args)` action: runs a shortcut and explains every failure to the model
(unknown name with close matches, bad arguments with the signature, or the step that did not work); a failed
run leaves the operator on the current screen to continue with GUI actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from droidpilot.agent.actions import ActionOutcome
from droidpilot.emulator.device import Device
from droidpilot.shortcuts.executor import ShortcutExecutor
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.lookup import lookup, unknown_message
from droidpilot.shortcuts.render import ArgumentError


def run_shortcut_action(device: Device, library: ShortcutLibrary | None, name: str,
                        args: Mapping[str, Any], settle_timeout: float = 3.0) -> ActionOutcome:
    """Run shortcut `name` with `args`; counters are updated when a library is given."""
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
