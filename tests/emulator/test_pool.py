"""DevicePool: exclusive leases to parallel workers, health checks, replacing or reporting dead devices."""

from __future__ import annotations

import threading
import time

import pytest

from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.device import Device, DeviceError, DeviceLost, ShellResult
from droidpilot.emulator.pool import DevicePool
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone


class Unpluggable(VirtualDevice):
    """A virtual phone whose cable can be pulled: every call then fails as a lost adb device would."""

    def __init__(self, phone: VirtualPhone) -> None:
        super().__init__(phone)
        self.unplugged = False

    def shell(self, cmd: str) -> ShellResult:
        if self.unplugged:
            raise DeviceLost(f"device '{self.serial}' not found")
        return super().shell(cmd)


def test_parallel_workers_get_exclusive_devices() -> None:
    holders: dict[str, int] = {}
    overlaps: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(5):
            with pool.leased(timeout=10) as device:
                with lock:
                    holders[device.serial] = holders.get(device.serial, 0) + 1
                    if holders[device.serial] > 1:
                        overlaps.append(device.serial)
                device.shell("echo work")
                with lock:
                    holders[device.serial] -= 1

    with DevicePool.virtual(2) as pool:
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert not overlaps and set(holders) == {"emulator-5554", "emulator-5556"}
        assert pool.size == 2 and pool.events == []


def test_lease_times_out_when_every_device_is_busy() -> None:
    with DevicePool.virtual(1) as pool:
        held = pool.lease()
        started = time.monotonic()
        with pytest.raises(DeviceError, match="no device became free"):
            pool.lease(timeout=0.3)
        assert time.monotonic() - started < 2
        pool.release(held)
        assert pool.lease(timeout=1) is held


def test_a_dead_device_is_replaced_on_lease() -> None:
    made: list[Unpluggable] = []

    def factory() -> Device:
        made.append(Unpluggable(VirtualPhone()))
        return made[-1]

    with DevicePool([factory]) as pool:
        first = pool.lease()
        pool.release(first)
        made[0].unplugged = True
        second = pool.lease()
        assert second is made[1] and second is not first
        assert [e.kind for e in pool.events] == ["replaced"] and "not found" in pool.events[0].error


def test_a_device_that_cannot_be_replaced_is_reported_and_skipped() -> None:
    def broken() -> Device:
        raise DeviceLost("device 'emulator-5556' is not attached")

    with DevicePool([lambda: VirtualDevice(VirtualPhone()), broken]) as pool:
        leased = [pool.lease(timeout=1)]
        with pytest.raises(DeviceError, match="no device became free"):
            leased.append(pool.lease(timeout=0.5))
        assert pool.size == 1
        assert [(e.slot, e.kind) for e in pool.events] == [(1, "dead")]


def test_every_device_dead_is_a_clear_error() -> None:
    def broken() -> Device:
        raise DeviceLost("gone")

    with DevicePool([broken, broken]) as pool, pytest.raises(DeviceError, match="every device in the pool"):
        pool.lease(timeout=1)


def test_virtual_phones_behind_one_adb_server() -> None:
    with DevicePool.virtual_adb(2) as pool:
        first, second = pool.lease(timeout=5), pool.lease(timeout=5)
        assert isinstance(first, AdbDevice)
        assert {first.serial, second.serial} == {"emulator-5554", "emulator-5556"}
        assert first.port == second.port == pool.server.port  # type: ignore[union-attr]
        assert second.shell("echo ok").output == "ok\n"
        pool.release(first)
        pool.release(second, broken=True)
        again = pool.lease(timeout=5)
        assert again is first


def test_real_serials_missing_from_the_server_are_reported() -> None:
    with DevicePool.virtual_adb(1) as backing:
        port = backing.server.port  # type: ignore[union-attr]
        with DevicePool.adb(["emulator-5554", "emulator-5560"], port=port, uiautomator2=False) as pool:
            device = pool.lease(timeout=5)
            assert device.serial == "emulator-5554"
            with pytest.raises(DeviceError):
                pool.lease(timeout=0.5)
            assert pool.events[0].kind == "dead" and "emulator-5560" in pool.events[0].error
