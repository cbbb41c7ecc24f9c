"""Whole-device snapshots and factory reset through any `Device`.

The virtual phone answers its own `droidpilot snapshot|reset` shell command, in-process or behind an ADB server;
a real phone has no such command, and an Android emulator keeps its snapshots in its console (`adb emu avd
snapshot ...`), which is what the hint says.
"""

from __future__ import annotations

import re
import shlex

from droidpilot.emulator.device import Device, DeviceError, ShellResult
from droidpilot.errors import UsageError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class SnapshotsUnsupported(DeviceError):
    """The device keeps no snapshots droidpilot can reach (a real phone, or an emulator over plain ADB)."""

    hint = ("snapshots and reset work on virtual phones; for an Android emulator use "
            "'adb emu avd snapshot save|load NAME'")


class SnapshotError(UsageError, LookupError):
    """A bad snapshot name, or one the device does not have."""

    hint = "'droidpilot device snapshot list' shows the device's snapshots"


def _run(device: Device, args: str) -> ShellResult:
    result = device.shell(f"droidpilot {args}")
    if result.exit_code == 127 or "not found" in result.stderr.decode("utf-8", "replace"):
        raise SnapshotsUnsupported(f"{device.serial} does not support snapshots")
    if not result.ok:
        message = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
        raise SnapshotError(message.removeprefix("droidpilot: ") or f"'droidpilot {args}' failed on {device.serial}")
    return result


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise SnapshotError(f"invalid snapshot name {name!r}: use letters, digits, '.', '-' and '_'")
    return shlex.quote(name)


def save_snapshot(device: Device, name: str) -> None:
    """Save the whole device state (storage, settings, screens, clock) under `name`, replacing one so named."""
    _run(device, f"snapshot save {_checked(name)}")


def restore_snapshot(device: Device, name: str) -> None:
    _run(device, f"snapshot restore {_checked(name)}")


def list_snapshots(device: Device) -> list[str]:
    return _run(device, "snapshot list").output.split()


def reset_device(device: Device) -> None:
    """Factory reset: the state of a first boot; snapshots are kept."""
    _run(device, "reset")
