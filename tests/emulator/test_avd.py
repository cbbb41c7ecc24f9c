"""Emulator lifecycle with a stand-in `emulator` executable (no SDK here): SDK discovery, AVD listing,
headless start on a console port, boot wait through the virtual phone's ADB server, snapshots, stop."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from droidpilot.emulator.avd import (
    AndroidSdk,
    EmulatorError,
    SdkNotFound,
    find_sdk,
    list_avds,
    start_avd,
)
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.phone import VirtualPhone

STAND_IN = f"""#!{sys.executable}
import os, sys, time
with open(os.environ["EMULATOR_ARGS_LOG"], "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
if sys.argv[1:] == ["-list-avds"]:
    print("INFO    | Storing crashdata in: /tmp/android/emu-crash.db")
    print("Pixel_7_API_34")
    print("Small_API_30")
    sys.exit(0)
if "exit-now" in sys.argv:
    print("FATAL | broken AVD")
    sys.exit(3)
time.sleep(30)
"""


@pytest.fixture
def sdk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AndroidSdk:
    """A stand-in `emulator` on PATH that records its arguments in $EMULATOR_ARGS_LOG."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "emulator"
    script.write_text(STAND_IN)
    script.chmod(0o755)
    monkeypatch.setenv("EMULATOR_ARGS_LOG", str(tmp_path / "args.log"))
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    return find_sdk(env)


def recorded(tmp_path: Path, timeout: float = 5.0) -> list[list[str]]:
    """The stand-in's recorded argument lists (it may still be starting when the boot wait returns)."""
    log = tmp_path / "args.log"
    deadline = time.monotonic() + timeout
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return [line.split() for line in log.read_text().splitlines()]


def free_console_port() -> int:
    """An even port in the emulator's console range whose odd neighbour is free too."""
    for port in range(5600, 5683, 2):
        try:
            with socket.create_server(("127.0.0.1", port)), socket.create_server(("127.0.0.1", port + 1)):
                return port
        except OSError:
            continue
    pytest.skip("no free emulator console port in 5600-5682")


class FakeConsole:
    """The emulator console protocol: banner, then `OK` / `KO: ...` after each command."""

    def __init__(self, port: int) -> None:
        self.listener = socket.create_server(("127.0.0.1", port))
        self.commands: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            with sock, sock.makefile("rb") as reader:
                sock.sendall(b"Android Console: type 'help' for a list of commands\r\nOK\r\n")
                for raw in reader:
                    line = raw.decode().strip()
                    self.commands.append(line)
                    if line == "quit" or line == "kill":
                        break
                    ok = not line.endswith("missing")
                    sock.sendall(b"OK\r\n" if ok else b"KO: snapshot 'missing' not found\r\n")

    def close(self) -> None:
        self.listener.close()


def test_find_sdk_prefers_android_home_then_sdk_root(tmp_path: Path) -> None:
    for name in ("home_sdk", "root_sdk"):
        binary = tmp_path / name / "emulator" / "emulator"
        binary.parent.mkdir(parents=True)
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
    env = {"ANDROID_HOME": str(tmp_path / "home_sdk"), "ANDROID_SDK_ROOT": str(tmp_path / "root_sdk"),
           "PATH": "", "HOME": str(tmp_path)}
    assert find_sdk(env).root == tmp_path / "home_sdk"
    env["ANDROID_HOME"] = str(tmp_path / "nothing")
    assert find_sdk(env).emulator == tmp_path / "root_sdk" / "emulator" / "emulator"


def test_no_sdk_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SdkNotFound, match="set ANDROID_HOME"):
        find_sdk({"PATH": str(tmp_path), "HOME": str(tmp_path)})


def test_list_avds_skips_log_lines(sdk: AndroidSdk, tmp_path: Path) -> None:
    assert list_avds(sdk) == ["Pixel_7_API_34", "Small_API_30"]
    assert recorded(tmp_path) == [["-list-avds"]]


def test_start_waits_for_boot_then_snapshots_and_stops(sdk: AndroidSdk, tmp_path: Path) -> None:
    port = free_console_port()
    console = FakeConsole(port)
    with AdbServer([VirtualPhone(serial=f"emulator-{port}")], port=0) as server:
        emulator = start_avd(sdk, "Pixel_7_API_34", port, snapshot="clean", adb_port=server.port,
                             boot_timeout=10, poll=0.1)
        try:
            assert emulator.serial == f"emulator-{port}" and emulator.process.poll() is None
            args = recorded(tmp_path)[-1]
            assert args[:4] == ["-avd", "Pixel_7_API_34", "-port", str(port)]
            assert {"-no-window", "-no-audio", "-no-snapshot-save"} <= set(args)
            assert args[args.index("-snapshot") + 1] == "clean"
            assert emulator.device(uiautomator2=False).shell("getprop sys.boot_completed").output == "1\n"
            emulator.save_snapshot("task-1")
            emulator.load_snapshot("task-1")
            with pytest.raises(EmulatorError, match="not found"):
                emulator.load_snapshot("missing")
            with pytest.raises(ValueError):
                emulator.save_snapshot("bad name; kill")
        finally:
            emulator.stop(timeout=1)
        assert emulator.process.poll() is not None
    console.close()
    assert "avd snapshot save task-1" in console.commands and "kill" in console.commands


def test_boot_timeout_stops_the_emulator(sdk: AndroidSdk) -> None:
    port = free_console_port()
    with AdbServer.virtual(devices=1, port=0) as server, pytest.raises(EmulatorError, match="did not finish"):
        start_avd(sdk, "Small_API_30", port, adb_port=server.port, boot_timeout=0.5, poll=0.1)


def test_an_emulator_that_exits_reports_its_log(sdk: AndroidSdk) -> None:
    port = free_console_port()
    with AdbServer.virtual(devices=1, port=0) as server, pytest.raises(EmulatorError, match="broken AVD"):
        start_avd(sdk, "Small_API_30", port, extra_args=["exit-now"], adb_port=server.port, boot_timeout=5,
                  poll=0.1)


def test_console_ports_must_be_even_and_in_range(sdk: AndroidSdk) -> None:
    with pytest.raises(ValueError, match="must be even"):
        start_avd(sdk, "Pixel_7_API_34", 5555, wait=False)
