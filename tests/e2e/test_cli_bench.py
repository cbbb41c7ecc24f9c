"""`droidpilot bench ...` as a person runs it: a real process on virtual phones, outputs on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TASKS = "SystemWifiTurnOff,ContactsEmailQuestion"


def droidpilot(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script (or the module), with no model configured from the environment."""
    exe = shutil.which("droidpilot")
    cmd = [exe] if exe else [sys.executable, "-m", "droidpilot"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DROIDPILOT_", "OPENAI_"))}
    if cwd is not None:
        env["HOME"] = env["XDG_CONFIG_HOME"] = str(cwd)  # no droidpilot.toml from the user's config dir
        env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[2]), env.get("PYTHONPATH", "")])
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(("error:", "hint:"))]
    assert [line.split(":")[0] for line in lines] == ["error", "hint"], result.stderr
    return lines


def test_list_shows_each_tasks_difficulty_budget_and_template() -> None:
    result = droidpilot("bench", "list", "--suite", "androidworld")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.split()[:1] == ["SystemWifiTurnOff"])
    assert line.split()[1:3] == ["easy", "10"] and line.endswith("Turn off Wi-Fi.")


def test_oracle_succeeds_noop_fails_resume_and_report(tmp_path: Path) -> None:
    oracle = droidpilot("bench", "run", "--suite", "androidworld", "--tasks", TASKS, "--agent", "oracle",
                        "--devices", "2", "--out", str(tmp_path / "oracle"))
    assert oracle.returncode == 0, oracle.stderr
    assert oracle.stdout.startswith("SR 1.000 · 2/2 succeeded · 0 errors"), oracle.stdout
    assert "on 2 devices" in oracle.stdout and "2/2" in oracle.stderr  # the progress bar's count
    for name in ("results.jsonl", "summary.json", "report.html"):
        assert (tmp_path / "oracle" / name).is_file()

    noop = droidpilot("bench", "run", "--suite", "androidworld", "--tasks", TASKS, "--agent", "noop",
                      "--out", str(tmp_path / "noop"))
    assert noop.returncode == 0, noop.stderr
    assert noop.stdout.startswith("SR 0.000 · 0/2 succeeded · 0 errors"), noop.stdout

    again = droidpilot("bench", "run", "--suite", "androidworld", "--tasks", TASKS, "--out", str(tmp_path / "oracle"))
    assert "already holds results" in error_lines(again)[0]
    resumed = droidpilot("bench", "run", "--suite", "androidworld", "--tasks", TASKS, "--resume",
                         "--out", str(tmp_path / "oracle"))
    assert resumed.returncode == 0 and "2 resumed" in resumed.stdout, resumed.stderr

    (tmp_path / "oracle" / "report.html").unlink()
    report = droidpilot("bench", "report", str(tmp_path / "oracle"))
    assert report.returncode == 0 and report.stdout.startswith("SR 1.000"), report.stderr
    assert (tmp_path / "oracle" / "report.html").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (("run", "--suite", "nosuch"), "unknown suite 'nosuch'"),
    (("run", "--suite", "androidworld", "--tasks", "SystemWifiTurnOf"), "did you mean 'SystemWifiTurnOff'"),
    (("run", "--suite", "androidworld", "--agent", "genius"), "unknown agent 'genius'"),
    (("run", "--suite", "androidworld", "--agent", "hierarchical"), "no model configured"),
    (("report", "."), "no results.jsonl in ."),
])
def test_user_errors_are_one_line_and_a_hint(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    lines = error_lines(droidpilot("bench", *args, cwd=tmp_path))
    assert message in lines[0], lines
