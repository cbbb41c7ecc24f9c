"""`am start` command lines for deep-link and intent steps, every piece shell-quoted.

Arguments may come from a model or a user, so nothing is ever pasted into the command unquoted: `'; reboot;
$(id)` arrives in the app as those characters. The outcome is judged by the exit code and by `Error:` lines,
since some Android versions exit 0 after "unable to resolve Intent".
"""

from __future__ import annotations

import re
import shlex

from droidpilot.emulator.device import Device, ShellResult
from droidpilot.errors import UsageError
from droidpilot.shortcuts.model import IntentSpec

VIEW = "android.intent.action.VIEW"
EXTRA_FLAGS = {"string": "--es", "int": "--ei", "long": "--el", "bool": "--ez"}
_INT = re.compile(r"[+-]?\d+")
_BOOL = ("true", "false")


class IntentError(UsageError, ValueError):
    """A rendered extra does not have its declared type."""


def view_command(uri: str) -> str:
    return " ".join(shlex.quote(p) for p in ("am", "start", "-a", VIEW, "-d", uri))


def start_command(intent: IntentSpec) -> str:
    """The quoted `am start` line for a rendered intent."""
    parts = ["am", "start"]
    for flag, value in (("-a", intent.action), ("-d", intent.data), ("-t", intent.mime)):
        if value is not None:
            parts += [flag, value]
    if intent.package and intent.activity:
        parts += ["-n", f"{intent.package}/{intent.activity}"]
    elif intent.package:
        parts += ["-p", intent.package]
    if intent.clear_task:
        parts.append("--activity-clear-task")
    for key, extra in intent.extras.items():
        value = extra.value.strip() if extra.type != "string" else extra.value
        if extra.type in ("int", "long") and not _INT.fullmatch(value):
            raise IntentError(f"extra {key} must be an integer, got {value!r}")
        if extra.type == "bool" and value.lower() not in _BOOL:
            raise IntentError(f"extra {key} must be true or false, got {value!r}")
        parts += [EXTRA_FLAGS[extra.type], key, value.lower() if extra.type == "bool" else value]
    return " ".join(shlex.quote(p) for p in parts)


def failure(result: ShellResult) -> str | None:
    """Why `am start` failed, or None when it started (or delivered to) an activity."""
    text = result.output + result.stderr.decode("utf-8", errors="replace")
    errors = [line.strip() for line in text.splitlines() if line.strip().startswith("Error")]
    if result.exit_code != 0 or errors:
        return "; ".join(errors) or f"am start exited with {result.exit_code}"
    return None


def run(device: Device, command: str) -> str | None:
    """Run an `am start` line; None on success, else the reason."""
    return failure(device.shell(command))
