"""What real scripts do over ADB against the virtual phone: mksh control flow through the adb CLI, logcat
(dump, clear, streaming until the client closes), real-time `sleep` that adbutils' timeout observes."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator

import adbutils
import pytest

from droidpilot.emulator.virtual.adb_server import AdbServer

ADB = shutil.which("adb")
needs_adb = pytest.mark.skipif(ADB is None, reason="the `adb` CLI is not installed (apt-get install adb)")
LIMIT = 10.0


@pytest.fixture(scope="module")
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=1, port=0) as srv:
        yield srv


@pytest.fixture(scope="module")
def device(server: AdbServer) -> adbutils.AdbDevice:
    client = adbutils.AdbClient(host="127.0.0.1", port=server.port)
    return client.device(serial="emulator-5554")


def adb(server: AdbServer, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert ADB is not None
    return subprocess.run([ADB, "-P", str(server.port), "-s", "emulator-5554", *args], capture_output=True,
                          timeout=LIMIT, stdin=subprocess.DEVNULL)


@needs_adb
def test_adb_shell_runs_a_for_loop(server: AdbServer) -> None:
    result = adb(server, "shell", "for i in 1 2 3; do echo $i; done")
    assert (result.stdout, result.returncode) == (b"1\n2\n3\n", 0)
    script = adb(server, "shell", "f() { return $(($1 * 2)); }; f 21; echo $?; set -e; false; echo never")
    assert (script.stdout, script.returncode) == (b"42\n", 1)


@needs_adb
def test_adb_logcat_dump_clear_and_filters(server: AdbServer) -> None:
    assert adb(server, "shell", "log -t LiveTest -p w 'from the shell'").returncode == 0
    dumped = adb(server, "logcat", "-d", "-v", "brief", "LiveTest:W", "*:S")
    assert dumped.returncode == 0
    assert b"W/LiveTest(" in dumped.stdout and b"): from the shell" in dumped.stdout
    assert b"ActivityTaskManager" not in dumped.stdout
    assert adb(server, "shell", "set -e; logcat -c; echo still-running").stdout == b"still-running\n"
    assert adb(server, "logcat", "-c").returncode == 0
    assert b"LiveTest" not in adb(server, "logcat", "-d").stdout


@needs_adb
def test_adb_logcat_streams_until_the_client_closes(server: AdbServer) -> None:
    assert ADB is not None
    process = subprocess.Popen([ADB, "-P", str(server.port), "-s", "emulator-5554", "logcat", "-s", "Streamed"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        assert process.poll() is None, "logcat returned instead of streaming"
        adb(server, "shell", "log -t Streamed first; log -t Other ignored; log -t Streamed second")
        lines = [process.stdout.readline() for _ in range(3)] if process.stdout else []
        assert lines[0] == b"--------- beginning of main\n"
        assert lines[1].rstrip().endswith(b"I Streamed: first") and lines[2].rstrip().endswith(b"Streamed: second")
    finally:
        process.terminate()
        process.wait(timeout=LIMIT)
    # the server noticed the client going away: the phone is free for the next command at once
    started = time.monotonic()
    assert adb(server, "shell", "echo free").stdout == b"free\n"
    assert time.monotonic() - started < 2.0


def test_sleep_takes_real_time_on_the_adb_path(device: adbutils.AdbDevice) -> None:
    started = time.monotonic()
    assert device.shell("sleep 0.4; echo done") == "done"
    assert time.monotonic() - started >= 0.4
    with pytest.raises(adbutils.AdbTimeout):
        device.shell("sleep 5", timeout=0.5)


def test_a_sleeping_client_does_not_stall_the_others(device: adbutils.AdbDevice) -> None:
    sleeper = threading.Thread(target=device.shell, args=("sleep 1.5",))
    sleeper.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert device.shell("echo quick") == "quick"
    assert time.monotonic() - started < 1.0
    sleeper.join(timeout=LIMIT)


def test_output_before_a_sleep_arrives_before_it_ends(device: adbutils.AdbDevice) -> None:
    stream = device.shell("echo first; sleep 1; echo second", stream=True)
    started = time.monotonic()
    first = stream.conn.recv(100)
    assert first == b"first\n" and time.monotonic() - started < 0.8
    stream.close()


def test_power_keys_turn_the_screen_off_and_on(device: adbutils.AdbDevice) -> None:
    device.keyevent("KEYCODE_POWER")
    assert device.is_screen_on() is False
    assert "mScreenState=OFF" in device.shell("dumpsys display")
    assert device.screenshot().convert("RGB").getextrema() == ((0, 0), (0, 0), (0, 0))
    device.keyevent("KEYCODE_WAKEUP")
    assert device.is_screen_on() is True and "mWakefulness=Awake" in device.shell("dumpsys power")
    assert device.screenshot().convert("L").getextrema()[1] > 0


@needs_adb
def test_reverse_list_prints_reverse_entries(server: AdbServer) -> None:
    assert adb(server, "reverse", "tcp:8000", "tcp:9000").returncode == 0
    assert adb(server, "reverse", "--list").stdout.splitlines()[0] == b"(reverse) tcp:8000 tcp:9000"
    assert adb(server, "reverse", "--remove-all").returncode == 0


@needs_adb
def test_adb_reboot_restarts_apps_and_the_log(server: AdbServer) -> None:
    phone = server.slots[0].phone
    adb(server, "shell", "am start -n com.android.settings/.Settings; log -t BeforeReboot x")
    assert adb(server, "reboot").returncode == 0
    assert adb(server, "wait-for-device").returncode == 0
    assert phone.current_focus()[0] == "com.android.launcher3" and not phone.host.recent_tasks()
    assert b"BeforeReboot" not in adb(server, "logcat", "-d").stdout


@needs_adb
def test_stdin_that_arrives_late_still_reaches_the_command(server: AdbServer) -> None:
    assert ADB is not None
    late = subprocess.run(f"(sleep 0.5; echo late-line) | {ADB} -P {server.port} -s emulator-5554 shell cat",
                          shell=True, capture_output=True, timeout=LIMIT)
    assert late.stdout == b"late-line\n"
    exec_in = subprocess.run([ADB, "-P", str(server.port), "-s", "emulator-5554", "exec-in",
                              "sh", "-c", "cat > /data/local/tmp/exec_in.txt"],
                             input=b"via exec-in\n", capture_output=True, timeout=LIMIT)
    assert exec_in.returncode == 0
    assert adb(server, "shell", "cat /data/local/tmp/exec_in.txt").stdout == b"via exec-in\n"
    started = time.monotonic()
    assert adb(server, "exec-out", "echo no-stdin-needed").stdout == b"no-stdin-needed\n"
    assert time.monotonic() - started < 2.0
