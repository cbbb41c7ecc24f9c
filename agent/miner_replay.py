"""Validating mined shortcuts: replay each with argument values the recorded run never used, so a shortcut that
only works for the values it was recorded with never reaches the library. Where it is replayed depends on the
run's device (`validator_for`):

- a device with snapshots (a virtual phone, an emulator through its console): on the run's own device, restored
  to the snapshot taken when the run started (before the agent acted); afterwards the device is put back as the
  run left it (`SnapshotValidator`);
- a physical phone: no replay; the shortcut is saved unverified (no successful use on record) and becomes
  verified when a later run uses it successfully (`DeferredValidator`).

`shortcuts mine RUN_DIR`, long after the run, replays on a fresh virtual phone instead (`VirtualValidator`)."""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol

from droidpilot.emulator.device import Device, DeviceError
from droidpilot.emulator.device_snapshots import DeviceSnapshots, snapshots_of
from droidpilot.emulator.uri import open_device
from droidpilot.shortcuts.executor import ShortcutExecutor
from droidpilot.shortcuts.model import Param, Shortcut
from droidpilot.shortcuts.render import ArgumentError

log = logging.getLogger(__name__)

FRESH_WORDS = ("Bruno", "Clara", "Dmitri", "Esther", "Farid", "Greta", "Hugo", "Ines")
SNAPSHOT = "miner-fresh"


def _fresh_text(value: str, index: int) -> str:
    words = [FRESH_WORDS[(index + i) % len(FRESH_WORDS)] for i in range(max(1, len(value.split())))]
    text = " ".join(words)
    if value[:1].islower():
        text = text.lower()
    return text if text != value else text + " two"


def _fresh_phone(value: str) -> str:
    """The same format with other digits: 555-0100 -> 777-2322."""
    return re.sub(r"\d", lambda m: str((int(m.group()) + 2) % 10), value)


def fresh_value(param: Param, index: int, alternatives: list[str]) -> Any:
    example = param.example
    if param.type == "phone":
        return _fresh_phone(example or "555-0100")
    if param.type == "int":
        low, high = param.minimum if param.minimum is not None else 0, param.maximum
        value = int(example) + 1 if example.lstrip("-").isdigit() else low
        return value if high is None or value <= high else low
    if param.type == "choice":
        return next((c for c in param.choices or [] if c != example), example)
    if alternatives:
        return alternatives[index % len(alternatives)]
    return _fresh_text(example, index) if example else FRESH_WORDS[index % len(FRESH_WORDS)]


def fresh_args(shortcut: Shortcut, alternatives: dict[str, list[str]]) -> dict[str, Any]:
    """One value per parameter that differs from the recorded one (a list choice takes another row of the list
    the run saw, which a fresh phone also shows)."""
    return {p.name: fresh_value(p, i, alternatives.get(p.name, [])) for i, p in enumerate(shortcut.params)}


class Validator(Protocol):
    """Checks a mined shortcut before it is saved. `replays` is False when `check` cannot really try it; `where`
    says where it was tried, for the miner's report."""

    @property
    def replays(self) -> bool: ...

    @property
    def where(self) -> str: ...

    def check(self, shortcut: Shortcut, args: dict[str, Any]) -> tuple[bool, str]:
        """(worked, why not)."""
        ...

    def close(self) -> None: ...


def replay(device: Device, shortcut: Shortcut, args: dict[str, Any], where: str,
           settle_timeout: float = 1.0) -> tuple[bool, str]:
    """Run the shortcut on `device`, standing where it is meant to start: (worked, why not). A shortcut with a
    start page is started by opening its app."""
    try:
        if shortcut.preconditions:
            device.launch(shortcut.app)
        run = ShortcutExecutor(device, None, settle_timeout=settle_timeout, poll_interval=0.05).run(shortcut, args)
    except (DeviceError, LookupError) as exc:
        return False, f"cannot replay it on {where}: {exc}"
    except ArgumentError as exc:
        return False, f"the fresh arguments do not fit: {exc}"
    if run.ok:
        return True, ""
    failed = run.failed_step
    if failed is not None and failed.index == 0:
        return False, f"its start page is not what the app opens on {where} ({failed.reason})"
    return False, f"replay with fresh values failed: {run.summary()}"


class VirtualValidator:
    """Replays shortcuts on one fresh virtual phone (through the Device interface), loaded back to its freshly
    booted state before each replay."""

    replays = True
    where = "a fresh virtual phone"

    def __init__(self, settle_timeout: float = 1.0) -> None:
        self.settle_timeout = settle_timeout
        self._device: Device | None = None
        self._snapshots: DeviceSnapshots | None = None

    def _fresh(self) -> Device:
        if self._device is None or self._snapshots is None:
            self._device = open_device("virtual")
            self._snapshots = snapshots_of(self._device)
            assert self._snapshots is not None, "a virtual phone keeps snapshots"
            self._snapshots.save(SNAPSHOT)
        else:
            self._snapshots.load(SNAPSHOT)
        return self._device

    def check(self, shortcut: Shortcut, args: dict[str, Any]) -> tuple[bool, str]:
        return replay(self._fresh(), shortcut, args, self.where, self.settle_timeout)

    def close(self) -> None:
        if self._device is not None:
            self._device.close()  # a temporary phone: its storage goes with it
            self._device = self._snapshots = None


class SnapshotValidator:
    """Replays shortcuts on the run's own device, loaded from the snapshot `start` (taken before the agent acted)
    before each replay. The first replay saves the device as the run left it; `close` loads that back and
    deletes it, so the user's phone (and a benchmark's check of the episode) sees the state the run made."""

    replays = True

    def __init__(self, snapshots: DeviceSnapshots, start: str, settle_timeout: float = 1.0) -> None:
        self.snapshots, self.start = snapshots, start
        self.settle_timeout = settle_timeout
        self.where = f"the run's own device ({snapshots.kind} snapshot from before the run)"
        self._end: str | None = None

    def _at_start(self) -> Device:
        if self._end is None:
            end = f"{self.start}-end"
            self.snapshots.save(end)
            self._end = end
        self.snapshots.load(self.start)
        return self.snapshots.target

    def check(self, shortcut: Shortcut, args: dict[str, Any]) -> tuple[bool, str]:
        try:
            device = self._at_start()
        except (DeviceError, LookupError) as exc:
            return False, f"cannot restore the run's start on {self.snapshots.target.serial}: {exc}"
        return replay(device, shortcut, args, self.where, self.settle_timeout)

    def close(self) -> None:
        """Put the device back as the run left it; raises DeviceError when that fails (the caller says so)."""
        if self._end is None:
            return
        end, self._end = self._end, None
        self.snapshots.load(end)
        self.snapshots.delete(end)


class DeferredValidator:
    """No replay: the shortcut is kept unverified until a real use succeeds (see Shortcut.unverified)."""

    replays = False
    where = "nowhere"

    def check(self, shortcut: Shortcut, args: dict[str, Any]) -> tuple[bool, str]:
        return True, ("not replayed (no snapshot of this device kind to replay on): unverified until a later run "
                      "uses it successfully")

    def close(self) -> None:
        pass


def validator_for(device: Device, start_snapshot: str | None) -> Validator:
    """A replay on the run's device restored to `start_snapshot` when the device has that snapshot; otherwise
    (a physical phone, or no snapshot was taken) no replay, the shortcut saved unverified."""
    snapshots = snapshots_of(device)
    if snapshots is None or start_snapshot is None:
        return DeferredValidator()
    try:
        taken = start_snapshot in snapshots.names()
    except DeviceError as exc:
        log.warning("cannot list the snapshots of %s, mined shortcuts stay unverified: %s", device.serial, exc)
        return DeferredValidator()
    return SnapshotValidator(snapshots, start_snapshot) if taken else DeferredValidator()
