"""The emulator console of virtual phones, driven by the adb CLI (`adb emu ...`), by our own EmulatorConsole
(the client avd.py uses for real emulators) and by a raw telnet-style socket."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.emulator.avd import EmulatorConsole, EmulatorError
from droidpilot.emulator.virtual.adb_server import AdbServer

ADB = shutil.which("adb")
needs_adb = pytest.mark.skipif(ADB is None, reason="the `adb` CLI is not installed (apt-get install adb)")
TOKEN = "s3cret-token"


def free_console_port() -> int:
    """An even port nobody listens on (consoles of two phones need PORT and PORT + 2)."""
    for _ in range(200):
        port = random.randrange(20000, 60000, 2)
        try:
            for candidate in (port, port + 2):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", candidate))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port pair")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / ".emulator_console_auth_token").write_text(TOKEN + "\n")
    return tmp_path


@pytest.fixture
def server(home: Path) -> Iterator[AdbServer]:
    first = free_console_port()
    srv = AdbServer.virtual(devices=2, port=0, console_token_file=home / ".emulator_console_auth_token",
                            first_console_port=first)
    with srv:
        yield srv


def serial(server: AdbServer, index: int = 0) -> str:
    return server.slots[index].serial


def port_of(server: AdbServer, index: int = 0) -> int:
    return int(serial(server, index).split("-")[1])


def emu(server: AdbServer, home: Path, *args: str, index: int = 0) -> subprocess.CompletedProcess[str]:
    """`adb emu ARGS` with the token in HOME; stdout keeps the console's CRLFs."""
    assert ADB is not None
    result = subprocess.run([ADB, "-P", str(server.port), "-s", serial(server, index), "emu", *args],
                            capture_output=True, timeout=10, stdin=subprocess.DEVNULL,
                            env={**os.environ, "HOME": str(home)})
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(),
                                       result.stderr.decode())


@needs_adb
def test_adb_emu_snapshot_save_and_load_round_trip_the_phone(server: AdbServer, home: Path) -> None:
    phone = server.slots[0].phone
    phone.shell("echo before > /sdcard/state.txt; am start -n com.android.settings/.Settings")
    assert emu(server, home, "avd", "snapshot", "save", "clean").stdout == "OK\r\n"
    phone.shell("echo after > /sdcard/state.txt; input keyevent HOME")
    assert emu(server, home, "avd", "snapshot", "load", "clean").stdout == "OK\r\n"
    assert phone.shell("cat /sdcard/state.txt").stdout == b"before\n"
    assert phone.current_focus()[0] == "com.android.settings"
    listing = emu(server, home, "avd", "snapshot", "list").stdout.split("\r\n")
    assert listing[0] == "List of snapshots present on all disks:" and listing[-2:] == ["OK", ""]
    assert any(line.startswith("--        clean ") for line in listing)
    assert emu(server, home, "avd", "snapshot", "delete", "clean").stdout == "OK\r\n"
    assert emu(server, home, "avd", "snapshot", "load", "clean").stdout.startswith("KO: snapshot 'clean'")


@needs_adb
def test_adb_emu_sms_geo_power_rotate(server: AdbServer, home: Path) -> None:
    phone = server.slots[1].phone
    assert emu(server, home, "sms", "send", "5551234", "hello from the console", index=1).stdout == "OK\r\n"
    rows = phone.shell("content query --uri content://sms/inbox --projection address:body").output
    assert "address=5551234, body=hello from the console" in rows
    assert emu(server, home, "geo", "fix", "-122.084", "37.422", index=1).stdout == "OK\r\n"
    assert "gps 37.422000,-122.084000" in phone.shell("dumpsys location").output
    assert emu(server, home, "power", "capacity", "42", index=1).stdout == "OK\r\n"
    assert emu(server, home, "power", "ac", "off", index=1).stdout == "OK\r\n"
    battery = phone.shell("dumpsys battery").output
    assert "  level: 42\n" in battery and "  AC powered: false\n" in battery
    assert emu(server, home, "rotate", index=1).stdout == "OK\r\n"
    assert phone.shell("settings get system user_rotation").output == "1\n"
    assert phone.screenshot().size == (2400, 1080)  # the screen is laid out in landscape
    assert emu(server, home, "geo", "fix", "north", index=1).stdout.startswith("KO: ")


@needs_adb
def test_adb_emu_kill_takes_the_phone_off_the_device_list(server: AdbServer, home: Path) -> None:
    assert ADB is not None
    gone = serial(server, 1)
    assert emu(server, home, "kill", index=1).stdout == "OK: killing emulator, bye bye\r\n"
    devices = subprocess.run([ADB, "-P", str(server.port), "devices"], capture_output=True, text=True,
                             timeout=10).stdout
    assert gone not in devices and serial(server, 0) in devices


def test_avd_console_client_speaks_to_the_virtual_console(server: AdbServer, home: Path) -> None:
    console = EmulatorConsole(port_of(server), timeout=5, token_file=home / ".emulator_console_auth_token")
    phone = server.slots[0].phone
    phone.shell("echo 1 > /sdcard/n.txt")
    console.command("avd snapshot save s1")
    phone.shell("echo 2 > /sdcard/n.txt")
    console.command("avd snapshot load s1")
    assert phone.shell("cat /sdcard/n.txt").stdout == b"1\n"
    assert console.command("avd name") == "droidpilot_virtual"
    with pytest.raises(EmulatorError, match="does not exist"):
        console.command("avd snapshot load never-saved")
    wrong = EmulatorConsole(port_of(server), timeout=5, token_file=home / "missing-token-file")
    with pytest.raises(EmulatorError, match=r"asks for a token and .*missing-token-file does not exist"):
        wrong.command("avd name")


def test_auth_handshake_over_a_raw_socket(server: AdbServer) -> None:
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=5) as sock:
        reader = sock.makefile("rb")
        banner = [reader.readline() for _ in range(5)]
        assert banner[0] == b"Android Console: Authentication required\r\n" and banner[-1] == b"OK\r\n"
        sock.sendall(b"auth wrong\r\n")
        assert reader.readline().startswith(b"KO: authentication token does not match")
        sock.sendall(f"auth {TOKEN}\r\n".encode())
        assert reader.readline() == b"Android Console: type 'help' for a list of commands\r\n"
        assert reader.readline() == b"OK\r\n"
        sock.sendall(b"bogus\r\nquit\r\n")
        assert reader.readline() == b"KO: unknown command, try 'help'\r\n"
        assert reader.readline() == b""


def test_console_ports_bind_loopback_only_and_clash_loudly(server: AdbServer, home: Path) -> None:
    port = port_of(server)
    listener = server.consoles[serial(server)]._listener
    assert listener is not None and listener.getsockname()[0] == "127.0.0.1"
    clash = AdbServer.virtual(devices=1, port=0, console_token_file=home / ".emulator_console_auth_token",
                              first_console_port=port)
    with pytest.raises(OSError, match=f"emulator console port {port}"):
        clash.start()
    clash.close()
