"""Shortcuts mined after a run are checked on the run's own device kind (issue 17): the device is snapshotted
before the agent acts, each mined shortcut is replayed on that snapshot with fresh values, and the device is put
back as the run left it. A virtual phone uses its own snapshots; an emulator (serial emulator-N) its console,
here the virtual phone's console over TCP with the auth handshake; a phone without snapshots (a USB serial) gets
the shortcut unverified, verified once a later run uses it successfully.

The scripted operator turns Wi-Fi off by hand; on its first call a file "arrives" on the phone (as an SMS or a
download would while the agent works), which the start snapshot does not have: finding it after the mining shows
the phone ended as the run left it, not as the replay left it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.learning import learn_shortcuts, snapshot_run_start, start_snapshot_name
from droidpilot.agent.runner import run_task
from droidpilot.agent.state import AgentContext, AgentSettings
from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.device import Device
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.shortcuts.library import ShortcutLibrary
from tests.agent.policies import WIFI_PLAN, by_role, policy_model, wifi_completion, wifi_operator
from tests.benchmarks.test_learning import learning_operator
from tests.emulator.test_console import free_console_port

ARRIVED = "/sdcard/Download/arrived-during-run.txt"
USB_SERIAL = "R58M41ABCDE"


def wifi_model(phone: VirtualPhone, operator: Callable[[str], dict[str, Any]] = wifi_operator) -> Any:
    def operator_while_a_file_arrives(text: str) -> dict[str, Any]:
        phone.shell(f"[ -f {ARRIVED} ] || echo arrived > {ARRIVED}")
        return operator(text)

    return policy_model(by_role(manager=WIFI_PLAN, operator=operator_while_a_file_arrives, completion=wifi_completion,
                                reflector={"outcome": "success", "reason": "ok"}, notetaker={"notes": [], "tips": []}))


def learn_wifi(device: Device, phone: VirtualPhone, library: ShortcutLibrary, out: Path,
               caplog: pytest.LogCaptureFixture) -> str:
    """Run "Turn Wi-Fi off" with learning on; the miner's log line about the shortcut."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="droidpilot.agent.learning"):
        result = run_task("Turn Wi-Fi off", device, {"default": wifi_model(phone)}, out_dir=out, shortcuts=library,
                          settings=AgentSettings(learn=True))
    assert result.status == "complete", result.message
    assert phone.settings.get("global", "wifi_on") == "0"
    assert phone.shell(f"cat {ARRIVED}").stdout == b"arrived\n"  # as the run left it, not the replay
    assert phone.snapshots() == []  # the start snapshot and the replay's are gone
    return next(r.getMessage() for r in caplog.records if r.getMessage().startswith("learned: "))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AdbServer]:
    """An emulator-N phone with a console (auth token in a home of its own) and a USB-serial phone."""
    home = tmp_path_factory.mktemp("home")
    (home / ".emulator_console_auth_token").write_text("console-token\n")
    phones = [VirtualPhone(serial=f"emulator-{free_console_port()}"), VirtualPhone(serial=USB_SERIAL)]
    with AdbServer(phones, port=0, console_token_file=home / ".emulator_console_auth_token") as srv:
        yield srv


def test_on_a_virtual_phone_shortcuts_replay_on_a_snapshot_of_the_run_start(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    with VirtualPhone() as phone:
        line = learn_wifi(VirtualDevice(phone), phone, library, tmp_path / "runs", caplog)
    assert line.startswith("learned: saved turn_off_wifi()")
    assert "replayed on the run's own device (virtual phone snapshot from before the run)" in line
    learned = library.get("turn_off_wifi")
    assert learned is not None and (learned.usage_count, learned.success_count) == (1, 1) and not learned.unverified


def test_on_an_emulator_shortcuts_replay_on_a_console_snapshot(
        server: AdbServer, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    slot = server.slots[0]
    monkeypatch.setenv("HOME", str(server.console_token_file.parent))  # where the console client finds the token
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    device = AdbDevice(slot.serial, port=server.port, uiautomator2=False)
    line = learn_wifi(device, slot.phone, library, tmp_path / "runs", caplog)
    assert "replayed on the run's own device (emulator console snapshot from before the run)" in line
    learned = library.get("turn_off_wifi")
    assert learned is not None and learned.success_count == 1 and not learned.unverified


def test_on_a_phone_without_snapshots_the_shortcut_is_unverified_until_a_later_run_uses_it(
        server: AdbServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    slot = server.slots[1]
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    line = learn_wifi(AdbDevice(USB_SERIAL, port=server.port, uiautomator2=False), slot.phone, library,
                      tmp_path / "runs", caplog)
    assert "not replayed" in line
    mined = library.get("turn_off_wifi")
    assert mined is not None and mined.unverified and mined.usage_count == 0
    with VirtualPhone() as later:  # a later run, Wi-Fi on again: the operator calls the listed shortcut
        result = run_task("Turn Wi-Fi off", VirtualDevice(later), {"default": wifi_model(later, learning_operator)},
                          out_dir=tmp_path / "runs", shortcuts=library, settings=AgentSettings(learn=False))
        assert result.status == "complete" and later.settings.get("global", "wifi_on") == "0"
    used = library.get("turn_off_wifi")
    assert used is not None and (used.usage_count, used.success_count) == (1, 1) and not used.unverified


def test_the_start_snapshot_stays_for_a_resumable_run_and_goes_when_the_run_ends(tmp_path: Path) -> None:
    with VirtualPhone() as phone:
        ctx = AgentContext(device=VirtualDevice(phone), models={}, executor=None, writer=None,  # type: ignore[arg-type]
                           settings=AgentSettings(learn=True), shortcuts=ShortcutLibrary(tmp_path / "lib.sqlite"))
        name = snapshot_run_start(ctx, "20261207-200000-abc123")
        assert name == start_snapshot_name("20261207-200000-abc123") and phone.snapshots() == [name]
        run_dir = tmp_path / "20261207-200000-abc123"
        assert learn_shortcuts(ctx, run_dir, "needs_user") is None and phone.snapshots() == [name]  # for --resume
        assert learn_shortcuts(ctx, run_dir, "failed") is None and phone.snapshots() == []
        ctx.settings = AgentSettings(learn=False)
        assert snapshot_run_start(ctx, "20261207-200001-def456") is None and phone.snapshots() == []
