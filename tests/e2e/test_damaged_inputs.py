"""Damaged input gets its own line and exit 2, never the generic 'unexpected' handler: random bytes in a run's
run.json or checkpoint for --resume, a --resume id that is a path out of --out, random bytes in a bench's
results.jsonl for --resume, a bad regex in a crawl's --inputs, a shortcut file that is not UTF-8 or nested 100,000
deep, replay of an empty or damaged run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ["--model", "m", "--base-url", "http://127.0.0.1:9/v1"]


def droidpilot(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DROIDPILOT_"))}
    return subprocess.run([sys.executable, "-m", "droidpilot", *args], capture_output=True, text=True, cwd=cwd,
                          env={**env, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(cwd / "xdg")}, timeout=120)


def one_error(done: subprocess.CompletedProcess[str], expected: str) -> None:
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expected in errors[0], done.stderr
    assert "unexpected" not in done.stderr


@pytest.mark.parametrize("name", ["run.json", "checkpoint.sqlite"])
def test_resume_of_a_run_with_a_damaged_file(tmp_path: Path, name: str) -> None:
    run_dir = tmp_path / "runs" / "R1"
    run_dir.mkdir(parents=True)
    (run_dir / "run.json").write_text('{"run_id": "R1", "goal": "g", "device": "virtual"}')
    (run_dir / name).write_bytes(b"\xae\x00\xff garbage " * 600)
    one_error(droidpilot(tmp_path, "run", "--resume", "R1", "--device", "virtual", *MODEL),
              f"runs/R1/{name} is damaged")


def test_resume_takes_only_a_run_inside_out(tmp_path: Path) -> None:
    (tmp_path / "other" / "R2").mkdir(parents=True)
    (tmp_path / "runs").mkdir()
    one_error(droidpilot(tmp_path, "run", "--resume", "../other/R2", "--device", "virtual", *MODEL),
              "--resume takes the name of a run folder in runs, not a path")


def test_bench_resume_over_random_bytes(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "results.jsonl").write_bytes(b"\xdb\x17\x00 random\n" + b'{"a": 1}\n')
    one_error(droidpilot(tmp_path, "bench", "run", "--suite", "androidworld", "--agent", "noop", "--tasks",
                         "ContactsAddContact", "--out", "b", "--resume"), "b/results.jsonl is damaged at line 1")


def test_a_bad_regex_in_inputs_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text('{"(unclosed": "x"}')
    done = droidpilot(tmp_path, "crawl", "--app", "com.android.settings", "--out", "out", "--no-memory",
                      "--inputs", "in.json")
    one_error(done, "bad regex '(unclosed' in --inputs")
    assert not list((tmp_path / "out").rglob("journal.jsonl"))


@pytest.mark.parametrize(("content", "expected"), [(b"[" * 100_000, "its JSON is nested too deeply"),
                                                   (b"\xff\xfe[]", "is not a text file")])
def test_a_damaged_shortcut_file(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / "s.json").write_bytes(content)
    one_error(droidpilot(tmp_path, "shortcuts", "import", "s.json", "--shortcuts", "lib.sqlite"), expected)


def test_replay_of_a_damaged_or_empty_run(tmp_path: Path) -> None:
    run_dir = tmp_path / "runs" / "R3"
    run_dir.mkdir(parents=True)
    (run_dir / "trajectory.jsonl").write_text("")
    one_error(droidpilot(tmp_path, "replay", "runs/R3", "--device", "virtual"), "has no recorded steps to replay")
    (run_dir / "trajectory.jsonl").write_bytes(b'{"step": 1}\n\xae\xff random\n{"step": 3}\n')
    one_error(droidpilot(tmp_path, "replay", "runs/R3", "--device", "virtual"),
              "runs/R3/trajectory.jsonl is damaged at line 2")


def test_a_bench_run_cleans_the_temp_files_a_killed_writer_left(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".summary.json.4242-77.tmp").write_text('{"half')
    done = droidpilot(tmp_path, "bench", "run", "--suite", "androidworld", "--agent", "noop", "--tasks",
                      "ContactsAddContact", "--out", "b")
    assert done.returncode == 0, done.stderr
    assert not list((tmp_path / "b").glob(".*.tmp")) and (tmp_path / "b" / "summary.json").is_file()
