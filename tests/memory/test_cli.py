"""`droidpilot memory ...`: aligned text out, one-line errors with a hint, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from droidpilot.cli.memory import app
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.memory import MemoryStore
from tests.memory.runs import write_run
from tests.memory.walk import walk_settings

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def memory_file(tmp_path: Path, phone: VirtualPhone) -> Path:
    path = tmp_path / "memory.sqlite"
    ingest = write_run(tmp_path / "run-1", walk_settings(phone), dumps=True)
    code, out, _err = run("ingest", str(ingest), "--memory", str(path))
    assert code == 0 and out == "run-1: 6 steps, 6 page visits (5 new pages), 5 transitions\n"
    return path


def test_stats_of_a_new_memory_creates_it(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "m.sqlite"
    code, out, _err = run("stats", "--memory", str(path))
    assert code == 0 and path.exists()
    assert out.splitlines()[1] == "pages         0"
    assert "search        BM25 (SQLite FTS5)" in out


def test_the_default_memory_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DROIDPILOT_MEMORY", str(tmp_path / "env.sqlite"))
    assert run("stats")[0] == 0
    assert (tmp_path / "env.sqlite").exists()


def test_pages_search_and_path(memory_file: Path) -> None:
    code, out, _err = run("pages", "--memory", str(memory_file), "--package", "com.android.settings")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["ID", "VISITS", "PACKAGE", "ACTIVITY", "TITLE"]
    assert lines[1].split()[1:3] == ["2", "com.android.settings"] and lines[1].endswith("Settings")
    assert len(lines) == 5 and len({line.index("com.android") for line in lines[1:]}) == 1  # aligned

    code, out, _err = run("search", "dark theme", "-k", "2", "--memory", str(memory_file))
    assert code == 0 and out.splitlines()[1].split()[3] == "Display"

    code, out, _err = run("search", "wifi", "--memory", str(memory_file))  # the pages say "Wi-Fi"
    assert code == 0 and [line.split()[3] for line in out.splitlines()[1:]] == ["Internet"]
    code, out, _err = run("search", "wifi", "--all", "--memory", str(memory_file))
    assert code == 0 and [line.split()[3] for line in out.splitlines()[1:]] == ["Internet", "Settings"]

    code, out, _err = run("path", "Display", "Internet", "--memory", str(memory_file))
    assert code == 0
    assert out.splitlines()[:2] == ["from  Display (page 3, com.android.settings)",
                                    "to    Internet (page 5, com.android.settings)"]
    assert [line.split("  ")[1].strip() for line in out.splitlines()[3:]] == [
        "press back", 'tap text="Network & internet"', 'tap text="Internet"']


def test_no_path_and_unknown_pages_are_one_line_errors(memory_file: Path) -> None:
    code, out, err = run("path", "Internet", "Display", "--memory", str(memory_file))
    assert code == 2 and out == ""
    assert err.splitlines() == ["error: no recorded way from 'Internet' (page 5) to 'Display' (page 3)",
                                "hint: runs that go from one page to the other add the missing transitions"]
    code, _out, err = run("path", "999", "Display", "--memory", str(memory_file))
    assert code == 2 and err.startswith("error: no page with id 999\nhint:")


def test_ingesting_a_run_again_is_skipped(memory_file: Path, tmp_path: Path) -> None:
    code, out, _err = run("ingest", str(tmp_path / "run-1"), "--memory", str(memory_file))
    assert code == 0 and out == "run-1: already in memory, skipped\n"
    with MemoryStore(memory_file) as store:
        assert store.stats().trajectories == 1
    code, _out, err = run("ingest", str(tmp_path / "nope"), "--memory", str(memory_file))
    assert code == 2 and err.splitlines()[0] == f"error: '{tmp_path / 'nope'}' is not a directory"


def test_a_bad_memory_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("definitely not sqlite\n" * 100)
    for command in (["stats"], ["pages"], ["search", "x"], ["path", "a", "b"]):
        code, out, err = run(*command, "--memory", str(bad))
        assert code == 2 and out == ""
        assert err.splitlines() == [f"error: '{bad}' is not a droidpilot memory file (file is not a database)",
                                    "hint: pass another file with --memory, or move this one out of the way"]


def test_the_installed_command_has_the_memory_group(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 64)
    env = {**os.environ, "DROIDPILOT_MEMORY": str(bad)}
    proc = subprocess.run([sys.executable, "-m", "droidpilot", "memory", "stats"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"error: '{bad}' is not a droidpilot memory file")
    assert "Traceback" not in proc.stderr


def test_tips_list_add_edit_remove(tmp_path: Path) -> None:
    from droidpilot.cli.main import app as main_app

    path = str(tmp_path / "m.sqlite")

    def tips(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main_app, ["memory", "tips", *args, "--memory", path])
        return result.exit_code, result.stdout, result.stderr

    assert tips("list") == (0, "no tips\n", "")
    assert tips("add", "com.android.settings", "Wi-Fi is under  Network & internet > Internet.")[:2] == (
        0, "tip 1 for com.android.settings\n")
    assert tips("add", "com.android.contacts", "Save is at the top right of the editor")[1] == (
        "tip 2 for com.android.contacts\n")
    code, out, _err = tips("list", "--app", "com.android.settings")
    assert code == 0 and out.splitlines() == ["ID  USES  APP                   TIP",
                                              "1   0     com.android.settings  Wi-Fi is under Network & internet > "
                                              "Internet."]
    assert tips("edit", "1", "Wi-Fi: Network & internet > Internet")[1] == (
        "tip 1 for com.android.settings: Wi-Fi: Network & internet > Internet\n")
    assert tips("remove", "2")[1] == "removed tip 2\n"
    with MemoryStore(path) as store:
        assert [(t.app, t.text) for t in store.tips()] == [("com.android.settings",
                                                            "Wi-Fi: Network & internet > Internet")]
    code, out, err = tips("remove", "2")
    assert code == 2 and out == "" and err.splitlines() == [
        "error: no tip with id 2", "hint: 'droidpilot memory tips list' shows the tips and their ids"]
    code, _out, err = tips("edit", "1", "   ")
    assert code == 2 and err.startswith("error: a tip cannot be empty")
    code, _out, err = tips("add", "Settings", "x")
    assert code == 2 and err.startswith("error: 'Settings' is not a package name")
