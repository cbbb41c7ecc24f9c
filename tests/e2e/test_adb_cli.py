"""`droidpilot phone serve` checked from outside with the real clients: the Debian `adb` CLI, adbutils and
uiautomator2 (each in its own process, as a user would run them). Every command must return within 5 s."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ADB = shutil.which("adb")
needs_adb = pytest.mark.skipif(ADB is None, reason="the `adb` CLI is not installed (apt-get install adb)")
LIMIT = 5.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "droidpilot", "phone", "serve", *args], cwd=ROOT, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def wait_listening(port: int, process: subprocess.Popen[str], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not start listening")


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    chosen = free_port()
    process = serve("--port", str(chosen), "--devices", "2", "--data-dir",
                    str(tmp_path_factory.mktemp("phones")))
    try:
        wait_listening(chosen, process)
        yield chosen
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
        assert process.returncode == 0 and "stopped" in err and "Traceback" not in err


def adb(port: int, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert ADB is not None
    started = time.monotonic()
    result = subprocess.run([ADB, "-P", str(port), *args], capture_output=True, timeout=LIMIT,
                            stdin=subprocess.DEVNULL)
    assert time.monotonic() - started < LIMIT
    return result


@needs_adb
def test_adb_devices_lists_both_phones(port: int) -> None:
    out = adb(port, "devices").stdout.decode()
    assert "emulator-5554\tdevice" in out and "emulator-5556\tdevice" in out
    assert adb(port, "-s", "emulator-5556", "wait-for-device").returncode == 0
    ambiguous = adb(port, "wait-for-device")
    assert ambiguous.returncode != 0 and b"more than one device" in ambiguous.stderr


@needs_adb
def test_adb_shell_output_and_exit_codes(port: int) -> None:
    result = adb(port, "-s", "emulator-5556", "shell", "wm", "size")
    assert result.stdout == b"Physical size: 1080x2400\n"
    assert adb(port, "-s", "emulator-5554", "shell", "false").returncode == 1
    assert adb(port, "-s", "emulator-5554", "shell", "true").returncode == 0


@needs_adb
def test_adb_exec_out_screencap_is_a_png(port: int) -> None:
    result = adb(port, "-s", "emulator-5554", "exec-out", "screencap", "-p")
    assert Image.open(io.BytesIO(result.stdout)).size == (1080, 2400)


@needs_adb
def test_uiautomator_dump_then_pull(port: int, tmp_path: Path) -> None:
    assert b"window_dump.xml" in adb(port, "-s", "emulator-5554", "shell", "uiautomator", "dump").stdout
    assert adb(port, "-s", "emulator-5554", "pull", "/sdcard/window_dump.xml", str(tmp_path)).returncode == 0
    assert (tmp_path / "window_dump.xml").read_text().startswith("<?xml")


@needs_adb
def test_push_pull_5mb_byte_exact(port: int, tmp_path: Path) -> None:
    data = os.urandom(5 * 1024 * 1024)
    (tmp_path / "big.bin").write_bytes(data)
    pushed = adb(port, "-s", "emulator-5556", "push", str(tmp_path / "big.bin"), "/sdcard/Download/")
    assert pushed.returncode == 0
    assert adb(port, "-s", "emulator-5556", "pull", "/sdcard/Download/big.bin", str(tmp_path / "back.bin")
               ).returncode == 0
    assert (tmp_path / "back.bin").read_bytes() == data


@needs_adb
def test_forward_reaches_the_uiautomator2_server(port: int) -> None:
    local = free_port()
    assert adb(port, "-s", "emulator-5554", "forward", f"tcp:{local}", "tcp:9008").returncode == 0
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{local}/ping", timeout=LIMIT) as response:
            assert response.read() == b"pong"
        assert f"emulator-5554 tcp:{local} tcp:9008" in adb(port, "forward", "--list").stdout.decode()
    finally:
        adb(port, "-s", "emulator-5554", "forward", "--remove", f"tcp:{local}")


ADBUTILS_SCRIPT = """
import json, re, sys, adbutils
client = adbutils.AdbClient(host="127.0.0.1", port=int(sys.argv[1]))
d = client.device("emulator-5554")
out = {"serials": [x.serial for x in client.device_list()], "size": list(d.window_size())}
d.keyevent("HOME")
xml = d.dump_hierarchy()
out["dump"] = xml[:5]
found = re.search(r'text="Settings"[^>]*bounds="\\[(\\d+),(\\d+)\\]\\[(\\d+),(\\d+)\\]"', xml)
l, t, r, b = map(int, found.groups())
d.click((l + r) // 2, (t + b) // 2)
out["after_click"] = d.app_current().package
d.keyevent("HOME")
d.app_start("com.android.contacts")
out["after_start"] = d.app_current().package
out["screenshot"] = list(d.screenshot().size)
d.sync.push(b"abc" * 1000, "/sdcard/x.txt")
out["pull"] = d.sync.read_bytes("/sdcard/x.txt") == b"abc" * 1000
print(json.dumps(out))
"""

U2_SCRIPT = """
import json
import uiautomator2 as u2
d = u2.connect("emulator-5554")
d.press("home")
out = {"dump": d.dump_hierarchy()[:5]}
d(text="Settings").click()
out["app"] = d.app_current()["package"]
d.press("home")
d(text="Search apps").click()
d.send_keys("Zoë 北京")
out["typed"] = d(className="android.widget.EditText").get_text()
out["screenshot"] = list(d.screenshot().size)
print(json.dumps(out, ensure_ascii=False))
"""


def run_client(script: str, port: int, tmp_path: Path) -> dict[str, object]:
    stub = tmp_path / "adb-stub"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    env = {**os.environ, "ANDROID_ADB_SERVER_PORT": str(port), "ADBUTILS_ADB_PATH": str(stub)}
    result = subprocess.run([sys.executable, "-c", script, str(port)], capture_output=True, text=True,
                            timeout=30, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_adbutils_against_the_server(port: int, tmp_path: Path) -> None:
    out = run_client(ADBUTILS_SCRIPT, port, tmp_path)
    assert out["serials"] == ["emulator-5554", "emulator-5556"] and out["size"] == [1080, 2400]
    assert out["after_click"] == "com.android.settings" and out["after_start"] == "com.android.contacts"
    assert out["screenshot"] == [1080, 2400] and out["dump"] == "<?xml" and out["pull"] is True


def test_uiautomator2_against_the_server(port: int, tmp_path: Path) -> None:
    out = run_client(U2_SCRIPT, port, tmp_path)
    assert out == {"dump": "<?xml", "app": "com.android.settings", "typed": "Zoë 北京",
                   "screenshot": [1080, 2400]}


def test_port_in_use_is_one_clear_error(port: int) -> None:
    process = serve("--port", str(port))
    _, err = process.communicate(timeout=20)
    assert process.returncode != 0
    assert err.splitlines()[0] == f"error: port {port} on 127.0.0.1 is already in use"
    assert "Traceback" not in err and err.splitlines()[1].startswith("hint:")


def test_non_loopback_host_warns(port: int) -> None:
    _, err = serve("--host", "0.0.0.0", "--port", str(port)).communicate(timeout=20)
    assert "warning: listening on 0.0.0.0" in err
