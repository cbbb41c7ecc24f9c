"""`droidpilot device` beyond taps: swipe, type, key, launch, open, snapshots and reset, as a person runs them
against a virtual phone that persists between commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from droidpilot.emulator.uitree import parse_hierarchy

HOSTILE = "a'b\"c $(id) `x` ; | & 100% ü"


def droidpilot(*args: str, device: str | None = None,
               input: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("droidpilot")
    cmd = [exe] if exe else [sys.executable, "-m", "droidpilot"]
    env = {k: v for k, v in os.environ.items() if k != "DROIDPILOT_DEVICE"}
    extra = ["--device", device] if device else []
    return subprocess.run([*cmd, *args, *extra], capture_output=True, text=True, timeout=60, env=env, input=input)


@pytest.fixture
def phone(tmp_path: Path) -> str:
    return f"virtual:{tmp_path / 'phone'}"


def focus(phone: str) -> str:
    return droidpilot("device", "shell", "dumpsys window | grep mCurrentFocus", device=phone).stdout


def texts(phone: str) -> list[str]:
    return [e.text for e in parse_hierarchy(droidpilot("device", "dump", device=phone).stdout) if e.text]


def test_launch_by_label_type_key_and_open(phone: str) -> None:
    launched = droidpilot("device", "launch", "settings", device=phone)
    assert launched.returncode == 0, launched.stderr
    assert "launched Settings (com.android.settings)" in launched.stdout
    assert "com.android.settings/" in focus(phone)
    assert droidpilot("device", "key", "back", device=phone).returncode == 0
    assert "launcher3" in focus(phone)

    assert droidpilot("device", "launch", "Notes", device=phone).returncode == 0
    dump = parse_hierarchy(droidpilot("device", "dump", device=phone).stdout)
    search = next(e for e in dump if e.content_desc == "Search")
    x, y = search.bounds.center
    assert droidpilot("device", "tap", str(x), str(y), device=phone).returncode == 0
    typed = droidpilot("device", "type", HOSTILE, device=phone)
    assert typed.returncode == 0, typed.stderr
    assert HOSTILE in texts(phone)

    opened = droidpilot("device", "open", "smsto:5550100", device=phone)
    assert opened.returncode == 0 and "com.android.messaging" in opened.stdout


def test_swipe_scrolls_a_list(phone: str) -> None:
    droidpilot("device", "launch", "com.android.settings", device=phone)
    before = texts(phone)
    assert droidpilot("device", "swipe", "up", device=phone).returncode == 0
    after = texts(phone)
    assert after != before and any(t not in before for t in after)
    assert droidpilot("device", "swipe", "540", "600", "540", "1800", "--ms", "200", device=phone).returncode == 0


def test_snapshots_save_restore_list_and_reset(phone: str) -> None:
    droidpilot("device", "shell", "settings put global wifi_on 0", device=phone)
    assert droidpilot("device", "snapshot", "save", "wifi-off", device=phone).returncode == 0
    droidpilot("device", "shell", "settings put global wifi_on 1", device=phone)
    listed = droidpilot("device", "snapshot", "list", "--json", device=phone)
    assert json.loads(listed.stdout) == ["wifi-off"]
    assert droidpilot("device", "snapshot", "list", device=phone).stdout.splitlines() == ["SNAPSHOT", "wifi-off"]
    assert droidpilot("device", "snapshot", "restore", "wifi-off", device=phone).returncode == 0
    assert droidpilot("device", "shell", "settings get global wifi_on", device=phone).stdout.strip() == "0"

    refused = droidpilot("device", "reset", device=phone, input="n\n")
    assert refused.returncode == 1
    assert droidpilot("device", "reset", "--yes", device=phone).returncode == 0
    assert droidpilot("device", "shell", "settings get global wifi_on", device=phone).stdout.strip() == "1"
    assert json.loads(droidpilot("device", "snapshot", "list", "--json", device=phone).stdout) == ["wifi-off"]


@pytest.mark.parametrize(("args", "message"), [
    (["swipe", "sideways"], "neither a direction nor four pixel coordinates"),
    (["swipe", "1", "2", "3", "99999"], "outside the 1080x2400 screen"),
    (["key", "teleport"], "unknown key 'teleport'"),
    (["launch", "Photoshop"], "no app named 'Photoshop'"),
    (["open", "nosuchscheme:x"], "no app handles nosuchscheme:x"),
    (["snapshot", "restore", "never-saved"], "no snapshot named 'never-saved'"),
    (["snapshot", "save", "../escape"], "invalid snapshot name"),
])
def test_mistakes_are_one_line_and_exit_2(phone: str, args: list[str], message: str) -> None:
    result = droidpilot("device", *args, device=phone)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "hint:" in result.stderr and "Traceback" not in result.stderr


def test_snapshots_on_a_temporary_phone_are_refused() -> None:
    result = droidpilot("device", "snapshot", "save", "x", device="virtual")
    assert result.returncode == 2 and "--device virtual:PATH" in result.stderr


def test_apps_over_adb_carry_the_launcher_labels() -> None:
    from droidpilot.emulator.virtual.adb.server import AdbServer

    with AdbServer.virtual(devices=1, port=0) as server:
        env_port = {"ANDROID_ADB_SERVER_PORT": str(server.port)}
        exe = [shutil.which("droidpilot") or ""] if shutil.which("droidpilot") else [sys.executable, "-m", "droidpilot"]
        result = subprocess.run([*exe, "device", "apps", "--json", "--device", "adb:emulator-5554"],
                                capture_output=True, text=True, timeout=60, env={**os.environ, **env_port})
        table = subprocess.run([*exe, "device", "apps", "--device", "adb:emulator-5554"],
                               capture_output=True, text=True, timeout=60, env={**os.environ, **env_port})
    assert result.returncode == 0, result.stderr
    labels = {a["package"]: a["label"] for a in json.loads(result.stdout)}
    assert labels["com.android.deskclock"] == "Clock" and labels["com.android.documentsui"] == "Files"
    assert labels["com.android.camera2"] == "Camera" and labels["com.android.settings"] == "Settings"
    assert table.stdout.splitlines()[0].split() == ["LABEL", "PACKAGE", "ACTIVITY"]


def test_adb_device_errors_name_the_real_fix(tmp_path: Path) -> None:
    import socket

    from droidpilot.emulator.virtual.adb.server import AdbServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    exe = [shutil.which("droidpilot") or ""] if shutil.which("droidpilot") else [sys.executable, "-m", "droidpilot"]
    no_server = subprocess.run([*exe, "device", "apps", "--device", "adb:nosuch"], capture_output=True, text=True,
                               timeout=60, env={**os.environ, "ANDROID_ADB_SERVER_PORT": str(free)})
    assert no_server.returncode == 2 and "adb start-server" in no_server.stderr
    assert "droidpilot doctor --device adb:nosuch" in no_server.stderr and "device --help" not in no_server.stderr
    with AdbServer.virtual(devices=1, port=0) as server:
        wrong = subprocess.run([*exe, "device", "apps", "--device", "adb:nosuch"], capture_output=True, text=True,
                               timeout=60, env={**os.environ, "ANDROID_ADB_SERVER_PORT": str(server.port)})
    assert wrong.returncode == 2 and "not attached" in wrong.stderr
    assert "'droidpilot devices' lists the attached devices" in wrong.stderr


def test_without_device_commands_share_the_users_own_phone(tmp_path: Path) -> None:
    exe = [shutil.which("droidpilot") or ""] if shutil.which("droidpilot") else [sys.executable, "-m", "droidpilot"]
    env = {k: v for k, v in os.environ.items() if k != "DROIDPILOT_DEVICE"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*exe, "device", *args], capture_output=True, text=True, timeout=60, env=env)

    assert run("launch", "Settings").returncode == 0
    assert "com.android.settings/" in run("shell", "dumpsys window | grep mCurrentFocus").stdout
    assert run("snapshot", "save", "settings-open").returncode == 0
    assert (tmp_path / "data" / "droidpilot" / "phone").is_dir()
    assert json.loads(run("snapshot", "list", "--json").stdout) == ["settings-open"]
