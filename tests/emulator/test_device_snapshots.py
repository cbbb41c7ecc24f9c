"""One snapshot interface for every device kind: a virtual phone's own snapshots, an emulator's console
(`avd snapshot save|load|delete|list` after the auth handshake, spoken over TCP to the virtual phone's console
exactly as to a real emulator's), and None for a phone droidpilot cannot snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.benchmarks.harness import RecordingDevice
from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.avd import ConsoleAuthError, EmulatorConsole, console_port_of
from droidpilot.emulator.device_snapshots import ConsoleSnapshots, PhoneSnapshots, snapshots_of
from droidpilot.emulator.snapshots import SnapshotError
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.emulator.test_console import free_console_port

TOKEN = "t0ken-for-tests"


@pytest.fixture(scope="module")
def token_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("home") / ".emulator_console_auth_token"
    path.write_text(TOKEN + "\n")
    return path


@pytest.fixture(scope="module")
def server(token_file: Path) -> Iterator[AdbServer]:
    """One emulator-N phone with a console, and one with a USB-style serial (a "physical" phone)."""
    port = free_console_port()
    phones = [VirtualPhone(serial=f"emulator-{port}"), VirtualPhone(serial="R58M41ABCDE")]
    with AdbServer(phones, port=0, console_token_file=token_file) as srv:
        yield srv


def test_each_device_kind_gets_its_snapshots_or_none(server: AdbServer, token_file: Path) -> None:
    emulator_serial, usb_serial = (slot.serial for slot in server.slots)
    emulator = AdbDevice(emulator_serial, port=server.port, uiautomator2=False)
    usb = AdbDevice(usb_serial, port=server.port, uiautomator2=False)
    console = snapshots_of(emulator, token_file=token_file)
    assert isinstance(console, ConsoleSnapshots) and console.target is emulator
    assert console.console.port == console_port_of(emulator_serial) and console.kind == "emulator console"
    assert snapshots_of(usb) is None  # a physical phone: nothing to snapshot
    device = VirtualDevice(server.slots[1].phone)  # the same phone in this process
    wrapped = snapshots_of(RecordingDevice(device, None))  # the bench harness's step counter
    assert isinstance(wrapped, PhoneSnapshots) and wrapped.target is device  # replays are not counted steps


def test_console_snapshots_round_trip_an_emulator_over_tcp(server: AdbServer, token_file: Path) -> None:
    slot = server.slots[0]
    snapshots = snapshots_of(AdbDevice(slot.serial, port=server.port, uiautomator2=False), token_file=token_file)
    assert snapshots is not None
    slot.phone.shell("echo before > /sdcard/state.txt")
    snapshots.save("run-start")
    slot.phone.shell("echo after > /sdcard/state.txt")
    assert "run-start" in snapshots.names() and "run-start" in slot.phone.snapshots()
    snapshots.load("run-start")
    assert slot.phone.shell("cat /sdcard/state.txt").stdout == b"before\n"
    snapshots.delete("run-start")
    assert "run-start" not in snapshots.names()
    with pytest.raises(SnapshotError, match="no snapshot named 'run-start'"):
        snapshots.load("run-start")
    with pytest.raises(SnapshotError, match="invalid snapshot name"):
        snapshots.save("a b; kill")


def test_the_console_client_says_when_its_token_is_missing_or_wrong(server: AdbServer, tmp_path: Path) -> None:
    port = console_port_of(server.slots[0].serial)
    assert port is not None
    with pytest.raises(ConsoleAuthError, match="does not exist"):
        EmulatorConsole(port, timeout=5, token_file=tmp_path / "missing").command("avd name")
    (tmp_path / "wrong").write_text("not-the-token\n")
    with pytest.raises(ConsoleAuthError, match="refused the token") as refused:
        EmulatorConsole(port, timeout=5, token_file=tmp_path / "wrong").command("avd name")
    assert "not-the-token" not in str(refused.value)  # the token is never in a message


def test_phone_snapshots_name_a_missing_snapshot(server: AdbServer) -> None:
    snapshots = PhoneSnapshots(VirtualDevice(server.slots[1].phone))
    snapshots.save("s1")
    assert snapshots.names() == ["s1"]
    snapshots.delete("s1")
    with pytest.raises(SnapshotError, match="no snapshot named 's1'"):
        snapshots.load("s1")
