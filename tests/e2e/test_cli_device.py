"""`droidpilot device ...` as a person runs it: a real process, a persistent virtual phone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from droidpilot.emulator.uitree import parse_hierarchy


def droidpilot(*args: str, env_device: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the installed console script (or the module, in a checkout that is not installed)."""
    exe = shutil.which("droidpilot")
    cmd = [exe] if exe else [sys.executable, "-m", "droidpilot"]
    env = {k: v for k, v in os.environ.items() if k != "DROIDPILOT_DEVICE"}
    if env_device:
        env["DROIDPILOT_DEVICE"] = env_device
    return subprocess.run([*cmd, *args], capture_output=True, timeout=60, env=env)


def test_apps_lists_the_builtin_apps_with_packages_and_activities() -> None:
    result = droidpilot("device", "apps", "--device", "virtual")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert any(line.split()[:3] == ["Settings", "com.android.settings", "com.android.settings.Settings"]
               for line in lines)
    for package in ("com.android.contacts", "com.android.messaging", "com.android.deskclock"):
        assert package in result.stdout.decode()


def test_persistent_phone_keeps_the_screen_between_commands(tmp_path: Path) -> None:
    device = f"virtual:{tmp_path / 'phone'}"
    dump = droidpilot("device", "dump", env_device=device).stdout.decode()
    settings = next(e for e in parse_hierarchy(dump) if e.text == "Settings")
    x, y = settings.bounds.center
    assert droidpilot("device", "tap", str(x), str(y), env_device=device).returncode == 0
    focus = droidpilot("device", "shell", "dumpsys window | grep mCurrentFocus", env_device=device)
    assert b"com.android.settings/" in focus.stdout
    shot = tmp_path / "shot.png"
    assert droidpilot("device", "screenshot", "-o", str(shot), env_device=device).returncode == 0
    with Image.open(shot) as image:
        assert image.size == (1080, 2400)


def test_shell_passes_output_and_exit_code_through() -> None:
    ok = droidpilot("device", "shell", "echo", "hello")
    assert ok.returncode == 0 and ok.stdout == b"hello\n"
    missing = droidpilot("device", "shell", "frobnicate")
    assert missing.returncode == 127
    assert b"frobnicate: inaccessible or not found" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("device", "apps", "--device", "bogus"), b"unknown device 'bogus'"),
        (("device", "tap", "5000", "10"), b"outside the 1080x2400 screen"),
        (("device", "screenshot", "-o", "shot.jpg"), b"is not a .png file"),
        (("device", "apps", "--device", "virtual:"), b"has no path"),
    ],
)
def test_bad_input_gives_one_error_line_and_a_hint(args: tuple[str, ...], message: bytes) -> None:
    result = droidpilot(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    assert b"hint:" in result.stderr
