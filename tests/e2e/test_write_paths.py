"""Every command that writes, pointed at a place it cannot write: a read-only file system, a full disk, or a path
through a file. Each must stop with one error line naming the path, a hint, exit status 2, and leave nothing torn.

Read-only and full disks are small tmpfs mounts (root only: root ignores permission bits, so without mounts a
read-only folder falls back to chmod for other users, and the full-disk cases are skipped)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

COMMANDS = {
    "run": ["run", "turn Wi-Fi off", "--out", "{dir}/runs", "--model", "m", "--base-url", "http://127.0.0.1:9/v1",
            "--no-memory"],
    "crawl": ["crawl", "--app", "com.android.settings", "--out", "{dir}/crawl", "--no-memory", "--max-steps", "3"],
    "bench": ["bench", "run", "--suite", "androidworld", "--tasks", "SystemWifiTurnOff", "--out", "{dir}/bench"],
    "screenshot": ["device", "screenshot", "-o", "{dir}/shot.png"],
    "export": ["shortcuts", "export", "{dir}/shortcuts.json", "--all"],
    "memory": ["memory", "stats", "--memory", "{dir}/memory.sqlite"],
    "shortcuts": ["shortcuts", "list", "--shortcuts", "{dir}/library.sqlite"],
}


def droidpilot(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("droidpilot")
    cmd = [exe] if exe else [sys.executable, "-m", "droidpilot"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DROIDPILOT_", "OPENAI_"))}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120, env=env, cwd=home)


def mount_tmpfs(where: Path, size: str, read_only: bool = False) -> bool:
    where.mkdir()
    if os.geteuid() != 0:
        return False
    options = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


def unmount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "ro"
    if mount_tmpfs(where, "64k", read_only=True):
        yield where
        unmount(where)
        return
    if os.geteuid() == 0:
        pytest.skip("root ignores permission bits and tmpfs cannot be mounted here")
    where.chmod(0o555)
    yield where
    where.chmod(0o755)


@pytest.fixture
def full(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "full"
    if not mount_tmpfs(where, "64k"):
        pytest.skip("a small tmpfs cannot be mounted here (needs root)")
    try:
        with (where / "filler").open("wb") as filler:
            while True:
                filler.write(b"x" * 4096)
                filler.flush()
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    yield where
    unmount(where)


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "picture.png"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(path)
    return path


def assert_clean_failure(result: subprocess.CompletedProcess[str], path: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and path in errors[0], result.stderr
    assert "hint:" in result.stderr and "Traceback" not in result.stderr and "bug" not in result.stderr


def args_for(name: str, directory: Path) -> tuple[list[str], str]:
    args = [a.replace("{dir}", str(directory)) for a in COMMANDS[name]]
    target = next(a for a in args if a.startswith(str(directory)))
    return args, target


@pytest.mark.parametrize("name", list(COMMANDS))
def test_read_only_location(name: str, read_only: Path, tmp_path: Path) -> None:
    args, target = args_for(name, read_only)
    result = droidpilot(args, tmp_path)
    assert_clean_failure(result, target)
    assert "read-only" in result.stderr or "permission denied" in result.stderr


@pytest.mark.parametrize("name", list(COMMANDS))
def test_full_disk(name: str, full: Path, tmp_path: Path) -> None:
    args, target = args_for(name, full)
    result = droidpilot(args, tmp_path)
    assert_clean_failure(result, target)
    assert "full" in result.stderr or "KB free" in result.stderr
    assert sorted(p.name for p in full.iterdir()) == ["filler"]  # nothing half-written stays behind


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_file_in_the_way_of_a_folder(name: str, picture: Path, tmp_path: Path) -> None:
    args, target = args_for(name, picture)
    result = droidpilot(args, tmp_path)
    assert_clean_failure(result, target)
    assert "a file is in the way" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["shortcuts", "import", "{picture}"], "is not a text file"),
    (["shortcuts", "list", "--shortcuts", "{picture}"], "cannot open the shortcut library"),
    (["memory", "stats", "--memory", "{picture}"], "is not a droidpilot memory file"),
    (["device", "screenshot", "-o", "{folder}"], "is not a .png file"),
    (["shortcuts", "export", "{folder}"], "it is a directory"),
    (["memory", "stats", "--memory", "{folder}"], "it is a directory"),
])
def test_files_of_the_wrong_kind(args: list[str], message: str, picture: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    filled = [a.replace("{picture}", str(picture)).replace("{folder}", str(folder)) for a in args]
    result = droidpilot(filled, tmp_path)
    assert_clean_failure(result, str(picture) if "{picture}" in args[-1] else str(folder))
    assert message in result.stderr
    assert picture.read_bytes()[:4] == b"\x89PNG"  # the wrong file is left as it was


def test_a_write_no_command_expected_is_still_one_line(tmp_path: Path) -> None:
    """`bench report` rewrites summary.json and report.html; on a disk that turned read-only since the run, the
    failure is reported by the CLI's safety net for writes, not as a bug."""
    where = tmp_path / "bench"
    if not mount_tmpfs(where, "16m"):
        pytest.skip("a tmpfs cannot be mounted here (needs root)")
    try:
        ran = droidpilot(["bench", "run", "--suite", "androidworld", "--tasks", "SystemWifiTurnOff", "--out",
                          str(where / "out")], tmp_path)
        assert ran.returncode == 0, ran.stderr
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        result = droidpilot(["bench", "report", str(where / "out")], tmp_path)
        assert_clean_failure(result, str(where / "out"))
        assert "read-only file system" in result.stderr
    finally:
        unmount(where)
