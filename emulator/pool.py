"""`DevicePool`: lease devices to parallel workers, check each on lease, replace or report dead ones.

    with DevicePool.virtual(4) as pool:            # or .virtual_adb(4), .adb(["emulator-5554", ...])
        with pool.leased() as device:
            device.observe()
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from droidpilot.emulator.device import Device, DeviceError

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import AdbServer

log = logging.getLogger(__name__)

DeviceFactory = Callable[[], Device]
HEALTH_MARK = "droidpilot-ok"


class PoolEvent(BaseModel):
    """Something the pool did to a device slot: `replaced` (it failed its check and a new one took its
    place) or `dead` (it failed and could not be replaced); `error` says why."""

    slot: int
    kind: str
    error: str
    at: float


@dataclass
class _Slot:
    index: int
    factory: DeviceFactory
    device: Device | None = None
    busy: bool = False
    dead: bool = False
    events: list[PoolEvent] = field(default_factory=list)


def check_health(device: Device, timeout: float = 10.0) -> str | None:
    """None if the device answers `echo` within `timeout`, else why not. Runs in a helper thread so a
    wedged device cannot block the caller."""
    outcome: list[str | None] = []

    def probe() -> None:
        try:
            result = device.shell(f"echo {HEALTH_MARK}")
            ok = HEALTH_MARK in result.output
            outcome.append(None if ok else f"unexpected echo: {result.output[:80]!r}")
        except Exception as exc:
            outcome.append(f"{type(exc).__name__}: {exc}")

    worker = threading.Thread(target=probe, name="pool-health", daemon=True)
    worker.start()
    worker.join(timeout)
    return outcome[0] if outcome else f"no answer within {timeout:.0f} s"


class DevicePool:
    """A fixed set of device slots. Each slot makes its device with a factory, so a dead device can be
    replaced by a fresh one (a new connection, or a new virtual phone on the same data dir)."""

    def __init__(self, factories: Sequence[DeviceFactory], *, health_timeout: float = 10.0,
                 replace_dead: bool = True, on_close: Callable[[], None] | None = None) -> None:
        if not factories:
            raise ValueError("a device pool needs at least one device")
        self._slots = [_Slot(i, f) for i, f in enumerate(factories)]
        self.health_timeout = health_timeout
        self.replace_dead = replace_dead
        self._on_close = on_close
        self._cond = threading.Condition()
        self._closed = False
        self.server: AdbServer | None = None
        """The in-process ADB server behind the devices (`virtual_adb` pools only)."""

    # -- constructors -------------------------------------------------------------------------------------
    @classmethod
    def virtual(cls, count: int, data_root: Path | None = None, seed: int = 0, same_seed: bool = False) -> DevicePool:
        """`count` in-process virtual phones (persistent under `data_root/SERIAL` if given), seeded `seed + i`,
        or all `seed` with `same_seed` (identical phones, so which phone runs a job does not change its result)."""
        from droidpilot.emulator.virtual.adb.server import serial_for
        from droidpilot.emulator.virtual.device import VirtualDevice
        from droidpilot.emulator.virtual.phone import VirtualPhone

        def factory(index: int) -> DeviceFactory:
            serial = serial_for(index)
            path = data_root / serial if data_root is not None else None
            phone_seed = seed if same_seed else seed + index
            return lambda: VirtualDevice(VirtualPhone(path, seed=phone_seed, serial=serial))

        return cls([factory(i) for i in range(count)])

    @classmethod
    def virtual_adb(cls, count: int, data_root: Path | None = None, seed: int = 0,
                    uiautomator2: bool = False) -> DevicePool:
        """`count` virtual phones behind one in-process ADB server on a free port, driven as AdbDevices."""
        from droidpilot.emulator.adb_device import AdbDevice
        from droidpilot.emulator.virtual.adb.server import AdbServer

        server = AdbServer.virtual(count, port=0, data_dir=data_root, seed=seed).start()
        factories: list[DeviceFactory] = [
            partial(AdbDevice, slot.serial, "127.0.0.1", server.port, uiautomator2=uiautomator2)
            for slot in server.slots]
        pool = cls(factories, on_close=server.close)
        pool.server = server
        return pool

    @classmethod
    def adb(cls, serials: Sequence[str], host: str = "127.0.0.1", port: int = 5037,
            uiautomator2: bool | None = None) -> DevicePool:
        """Real devices or emulators already attached to an ADB server."""
        from droidpilot.emulator.adb_device import AdbDevice

        return cls([partial(AdbDevice, s, host, port, uiautomator2=uiautomator2) for s in serials])

    # -- leasing ------------------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return sum(1 for s in self._slots if not s.dead)

    @property
    def events(self) -> list[PoolEvent]:
        return sorted((e for s in self._slots for e in s.events), key=lambda e: e.at)

    def lease(self, timeout: float | None = None) -> Device:
        """A healthy device for the caller alone until `release`. Waits up to `timeout` seconds for one
        to be free; raises DeviceError when every device is dead or none frees up in time."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            slot = self._take(deadline)
            device = self._ready(slot)
            if device is not None:
                return device
            with self._cond:
                slot.busy = False
                self._cond.notify_all()

    def _take(self, deadline: float | None) -> _Slot:
        with self._cond:
            while True:
                if self._closed:
                    raise DeviceError("the device pool is closed")
                alive = [s for s in self._slots if not s.dead]
                if not alive:
                    reasons = "; ".join(f"#{e.slot}: {e.error}" for e in self.events if e.kind == "dead")
                    raise DeviceError(f"every device in the pool is dead ({reasons})")
                free = next((s for s in alive if not s.busy), None)
                if free is not None:
                    free.busy = True
                    return free
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise DeviceError(f"no device became free within the lease timeout ({len(alive)} busy)")
                self._cond.wait(remaining)

    def _ready(self, slot: _Slot) -> Device | None:
        """The slot's device after a health check; replaced once if it fails; None if the slot is dead."""
        error = None
        if slot.device is not None:
            error = check_health(slot.device, self.health_timeout)
            if error is None:
                return slot.device
            self._discard(slot)
            if not self.replace_dead:
                self._bury(slot, error)
                return None
        try:
            slot.device = slot.factory()
        except Exception as exc:
            self._bury(slot, f"{type(exc).__name__}: {exc}")
            return None
        fresh_error = check_health(slot.device, self.health_timeout)
        if fresh_error is not None:
            self._discard(slot)
            self._bury(slot, fresh_error)
            return None
        if error is not None:
            slot.events.append(PoolEvent(slot=slot.index, kind="replaced", error=error, at=time.time()))
            log.warning("device slot %d failed its health check (%s); replaced it", slot.index, error)
        return slot.device

    def _bury(self, slot: _Slot, error: str) -> None:
        slot.dead = True
        slot.events.append(PoolEvent(slot=slot.index, kind="dead", error=error, at=time.time()))
        log.warning("device slot %d is dead: %s", slot.index, error)

    @staticmethod
    def _discard(slot: _Slot) -> None:
        device, slot.device = slot.device, None
        if device is not None:
            with contextlib.suppress(Exception):
                device.close()

    def release(self, device: Device, broken: bool = False) -> None:
        """Give `device` back; `broken=True` drops it so the next lease makes a fresh one."""
        with self._cond:
            slot = next((s for s in self._slots if s.device is device), None)
            if slot is None:
                raise ValueError("this device was not leased from this pool")
            if broken:
                self._discard(slot)
            slot.busy = False
            self._cond.notify_all()

    @contextlib.contextmanager
    def leased(self, timeout: float | None = None) -> Iterator[Device]:
        device = self.lease(timeout)
        broken = False
        try:
            yield device
        except DeviceError:
            broken = True
            raise
        finally:
            self.release(device, broken=broken)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for slot in self._slots:
            self._discard(slot)
        if self._on_close is not None:
            self._on_close()

    def __enter__(self) -> DevicePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
