"""Torn files: the run's trajectory and calls files, a bench's results.jsonl and a crawl journal cut a torn last
line before appending (so the next line starts on its own); a damaged line in the middle stops with an error
naming the file and the line; small JSON files are written atomically and stale temp files are cleaned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from droidpilot.agent.calls import CallLog
from droidpilot.agent.state import StepRecord
from droidpilot.agent.trajectory import TrajectoryWriter, read_steps
from droidpilot.appendlog import DamagedLog, clean_temps, write_atomic
from droidpilot.benchmarks.runner import RESULTS_FILE, ResultsLog
from droidpilot.crawler.journal import Journal, SessionLine
from droidpilot.errors import DataError


def step_line(n: int) -> str:
    return StepRecord(step=n, verdict="success").model_dump_json() + "\n"


def test_a_torn_trajectory_tail_is_cut_and_the_step_written_again(tmp_path: Path) -> None:
    (tmp_path / "trajectory.jsonl").write_text(step_line(1) + step_line(2)[:40])
    (tmp_path / ".result.json.4242.tmp").write_text("{")  # what a writer killed mid-write leaves
    writer = TrajectoryWriter(tmp_path)
    assert writer.append(StepRecord(step=2, verdict="success"))
    writer.close()

    lines = (tmp_path / "trajectory.jsonl").read_text().splitlines()
    assert [json.loads(line)["step"] for line in lines] == [1, 2]
    assert not (tmp_path / ".result.json.4242.tmp").exists()


def test_a_damaged_trajectory_middle_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "trajectory.jsonl"
    path.write_text(step_line(1) + "{garbage\n" + step_line(3))
    with pytest.raises(DamagedLog, match=rf"{path} is damaged at line 2") as caught:
        TrajectoryWriter(tmp_path)
    assert isinstance(caught.value, DataError) and caught.value.exit_code == 2
    assert path.read_text().count("\n") == 3  # nothing was cut
    with pytest.raises(DamagedLog, match="line 2"):
        read_steps(tmp_path)  # readers (show, replay, mining) name the damage too


def test_calls_file_repairs_a_torn_tail_and_refuses_a_damaged_middle(tmp_path: Path) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_text('{"call": 1}\n{"call": 2, "mess')
    log = CallLog(tmp_path)
    log.close()
    assert path.read_text() == '{"call": 1}\n'

    path.write_bytes(b'{"call": 1}\n\xff\xfe random\n{"call": 3}\n')
    with pytest.raises(DamagedLog, match="line 2"):
        CallLog(tmp_path)


def test_bench_results_with_random_bytes_in_the_middle_are_refused(tmp_path: Path) -> None:
    path = tmp_path / RESULTS_FILE
    path.write_bytes(b"\x00\x17 not a record\n" + b'{"x": 1}\n')
    with pytest.raises(DamagedLog, match=rf"{path} is damaged at line 1"):
        ResultsLog(tmp_path)


def test_a_crawl_journal_keeps_every_line_or_names_the_damaged_one(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    good = SessionLine(started=1.0, policy="dfs").model_dump_json() + "\n"
    path.write_text(good + good[:10])
    assert len(Journal(path).load()) == 1 and path.read_text() == good  # a torn tail is cut

    path.write_text(good + '{"kind": "step"}\n' + good + good)
    with pytest.raises(DamagedLog, match=rf"{path} is damaged at line 2"):
        Journal(path).load()
    assert path.read_text().count("\n") == 4  # nothing after the damage was dropped


def test_write_atomic_leaves_no_temp_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "folder-that-is-not-there" / "result.json"
    with pytest.raises(OSError):
        write_atomic(target, "{}")
    write_atomic(tmp_path / "result.json", '{"ok": true}')
    assert json.loads((tmp_path / "result.json").read_text()) == {"ok": True}
    (tmp_path / ".meta.json.99.tmp").write_text("")
    assert clean_temps(tmp_path) == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_crawl_on_a_damaged_journal_stops_before_it_starts(tmp_path: Path) -> None:
    journal = tmp_path / "com.android.settings" / "journal.jsonl"
    journal.parent.mkdir()
    good = SessionLine(started=1.0, policy="dfs").model_dump_json() + "\n"
    journal.write_text(good + "{broken\n" + good)
    done = subprocess.run([sys.executable, "-m", "droidpilot", "crawl", "--app", "com.android.settings", "--out",
                           str(tmp_path), "--no-memory"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: {journal} is damaged at line 2")
    assert journal.read_text() == good + "{broken\n" + good



def test_a_step_is_on_record_only_with_its_screenshots_on_disk(tmp_path: Path) -> None:
    from PIL import Image

    writer = TrajectoryWriter(tmp_path)
    noisy = Image.frombytes("RGB", (1080, 2400), os.urandom(1080 * 2400 * 3))  # slow to encode
    writer.save_screens(1, noisy, noisy)
    assert writer.append(StepRecord(step=1, verdict="success"))
    # a kill -9 right now must not leave the step recorded without its screenshots
    assert (tmp_path / "screenshots" / "step_001.png").is_file()
    assert (tmp_path / "screenshots" / "step_001_som.png").is_file()
    writer.close()


def test_clean_temps_finds_the_crawlers_temps_in_subfolders(tmp_path: Path) -> None:
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / ".screen_3.png.tmp4242").write_bytes(b"half")
    (tmp_path / "states" / "screen_2.png").write_bytes(b"whole")
    (tmp_path / ".droidpilot.lock").write_text("1\n")
    assert clean_temps(tmp_path) == 0 and clean_temps(tmp_path, recursive=True) == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == [".droidpilot.lock", "screen_2.png", "states"]
