"""Whole-device snapshots of any `Device` that has them, behind one interface, so code outside emulator/ never
needs to know what kind of device it drives:

    snapshots = snapshots_of(device)     # None: a device droidpilot cannot snapshot (a physical phone)
    if snapshots is not None:
        snapshots.save("before"); ...; snapshots.load("before"); snapshots.delete("before")

- a virtual phone in this process: its own snapshots (copies of its data folder, tens of milliseconds);
- an emulator, serial `emulator-N` on an ADB server on this host: its console on 127.0.0.1:N, `avd snapshot
  save|load|delete|list` after the `auth` handshake with ~/.emulator_console_auth_token, as `adb emu` does. The
  virtual phones behind droidpilot's own ADB server answer on the same console, so this path runs in the tests;
- anything else (a physical phone, an emulator behind a remote ADB server): None.

A device that wraps another (the benchmark harness's step-counting `RecordingDevice`) exposes it as `inner`:
the snapshots are the inner device's, and `target` is that device, to act on without going through the wrapper.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Protocol

from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.avd import EmulatorConsole, console_port_of
from droidpilot.emulator.device import Device, DeviceError
from droidpilot.emulator.snapshots import SnapshotError
from droidpilot.emulator.virtual.device import VirtualDevice

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_WRAPPERS = 8


class DeviceSnapshots(Protocol):
    """Save, load and delete named whole-device snapshots of one device (storage, settings, screens, clock).

    `load` and `delete` of a name the device does not have raise SnapshotError; a device that fails raises
    DeviceError (EmulatorError for a console)."""

    @property
    def kind(self) -> str:
        """What keeps the snapshots, for messages: "virtual phone", "emulator console"."""
        ...

    @property
    def target(self) -> Device:
        """The device the snapshots belong to (inside any wrapper)."""
        ...

    def save(self, name: str) -> None: ...

    def load(self, name: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def names(self) -> list[str]: ...


class PhoneSnapshots:
    """A virtual phone's own snapshots."""

    kind = "virtual phone"

    def __init__(self, device: VirtualDevice) -> None:
        self.target: Device = device
        self._phone = device.phone

    def save(self, name: str) -> None:
        try:
            self._phone.snapshot(_checked(name))
        except OSError as exc:  # a full disk: no half-copied snapshot is left behind
            with contextlib.suppress(KeyError, OSError):
                self._phone.delete_snapshot(name)
            raise DeviceError(f"cannot save snapshot {name!r} of {self._phone.serial}: {exc}") from None

    def load(self, name: str) -> None:
        try:
            self._phone.restore(_checked(name))
        except KeyError:
            raise SnapshotError(f"{self._phone.serial} has no snapshot named {name!r}") from None
        except OSError as exc:
            raise DeviceError(f"cannot load snapshot {name!r} of {self._phone.serial}: {exc}") from None

    def delete(self, name: str) -> None:
        try:
            self._phone.delete_snapshot(_checked(name))
        except KeyError:
            raise SnapshotError(f"{self._phone.serial} has no snapshot named {name!r}") from None

    def names(self) -> list[str]:
        return self._phone.snapshots()


class ConsoleSnapshots:
    """An emulator's snapshots through its console (the `adb emu avd snapshot ...` channel)."""

    kind = "emulator console"

    def __init__(self, device: Device, console: EmulatorConsole) -> None:
        self.target = device
        self.console = console

    def save(self, name: str) -> None:
        self.console.save_snapshot(_checked(name))

    def load(self, name: str) -> None:
        self._known(name)
        self.console.load_snapshot(name)

    def delete(self, name: str) -> None:
        self._known(name)
        self.console.delete_snapshot(name)

    def names(self) -> list[str]:
        return self.console.snapshots()

    def _known(self, name: str) -> None:
        if _checked(name) not in self.names():
            raise SnapshotError(f"{self.target.serial} has no snapshot named {name!r}")


def _checked(name: str) -> str:
    if not name or name.startswith(".") or not all(c.isalnum() or c in "-_." for c in name):
        raise SnapshotError(f"invalid snapshot name {name!r}: use letters, digits, '.', '-' and '_'")
    return name


def unwrap(device: Device) -> Device:
    """The device inside wrappers that name it `inner` (the bench harness's RecordingDevice)."""
    for _ in range(MAX_WRAPPERS):
        inner = getattr(device, "inner", None)
        if not isinstance(inner, Device):
            return device
        device = inner
    return device


def snapshots_of(device: Device, *, console_timeout: float = 60.0,
                 token_file: Path | None = None) -> DeviceSnapshots | None:
    """The device's snapshots, or None when droidpilot cannot snapshot it. `token_file` is the emulator console's
    auth token (default ~/.emulator_console_auth_token). Nothing is sent to the device here."""
    device = unwrap(device)
    if isinstance(device, VirtualDevice):
        return PhoneSnapshots(device)
    port = console_port_of(device.serial)
    if isinstance(device, AdbDevice) and port is not None and device.host in LOCAL_HOSTS:
        return ConsoleSnapshots(device, EmulatorConsole(port, timeout=console_timeout, token_file=token_file))
    return None
