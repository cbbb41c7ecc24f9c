"""Validating mined shortcuts: replay each on a fresh virtual phone (restored from a snapshot taken right after
boot, in milliseconds) with argument values the recorded run never used, so a shortcut that only works for the
values it was recorded with never reaches the library.

A run on a device that cannot be restored to a known state here (a physical phone, or an emulator this process
does not manage) is mined without a replay: the shortcut is saved unverified (no successful use on record) and
becomes verified when a later run uses it successfully (`validator_for`)."""

from __future__ import annotations

import logging
import re
from typing import Any

from droidpilot.emulator.device import Device, DeviceError
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
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


class VirtualValidator:
    """Replays shortcuts on one virtual phone, restored to its freshly booted state before each replay."""

    replays = True

    def __init__(self, settle_timeout: float = 1.0) -> None:
        self.settle_timeout = settle_timeout
        self._phone: VirtualPhone | None = None

    def _fresh(self) -> VirtualDevice:
        if self._phone is None:
            self._phone = VirtualPhone()
            self._phone.snapshot(SNAPSHOT)
        else:
            self._phone.restore(SNAPSHOT)
        return VirtualDevice(self._phone)

    def check(self, shortcut: Shortcut, args: dict[str, Any]) -> tuple[bool, str]:
        """(worked, why not). A shortcut with a start page is started by opening its app."""
        device = self._fresh()
        try:
            if shortcut.preconditions:
                device.launch(shortcut.app)
            run = ShortcutExecutor(device, None, settle_timeout=self.settle_timeout, poll_interval=0.05).run(
                shortcut, args)
        except (DeviceError, LookupError) as exc:
            return False, f"cannot replay it on a virtual phone: {exc}"
        except ArgumentError as exc:
            return False, f"the fresh arguments do not fit: {exc}"
        if run.ok:
            return True, ""
        failed = run.failed_step
        if failed is not None and failed.index == 0:
            return False, f"its start page is not what the app opens on a fresh phone ({failed.reason})"
        return False, f"replay with fresh values failed: {run.summary()}"

    def close(self) -> None:
        if self._phone is not None:
            self._phone.close()
            self._phone = None


class DeferredValidator:
    """No replay: the shortcut is kept unverified until a real use succeeds (see Shortcut.unverified)."""

    replays = False

    def check(self, shortcut: Shortcut, args: dict[str, Any]) -> tuple[bool, str]:
        return True, ("not replayed (no snapshot of this device kind to replay on): unverified until a later run "
                      "uses it successfully")

    def close(self) -> None:
        pass


def validator_for(device: Device) -> VirtualValidator | DeferredValidator:
    """A replay on a fresh virtual phone for runs on a virtual phone; a deferred check for other devices."""
    return VirtualValidator() if isinstance(device, VirtualDevice) else DeferredValidator()
