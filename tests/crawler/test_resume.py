"""Crash safety: a crawl killed with SIGKILL continues with the same command, with no duplicate or torn record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from droidpilot.crawler.journal import Journal, SessionLine
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.crawler.helpers import assert_consistent, crawl, steps

SETTINGS = "com.android.settings"
ROOT = Path(__file__).resolve().parents[2]


def test_a_finished_crawl_resumes_with_a_larger_budget(device: VirtualDevice, out: Path) -> None:
    first = crawl(device, out, SETTINGS, max_steps=30, shard_rows=4)
    second = crawl(device, out, SETTINGS, max_steps=60, shard_rows=4)
    assert not first.resumed and second.resumed
    assert (first.steps, second.steps, second.session_steps) == (30, 60, 30)
    assert second.states >= first.states
    assert_consistent(out / SETTINGS)


def test_a_torn_journal_line_is_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    path.write_text('{"kind": "session", "started": 1.0, "policy": "dfs"}\n{"kind": "step", "st')
    assert len(Journal(path).load()) == 1
    assert path.read_text().endswith("}\n")


def _command(out: Path) -> list[str]:
    return [sys.executable, "-m", "droidpilot", "crawl", "--app", SETTINGS, "--max-steps", "140", "--out", str(out),
            "--no-memory", "--shard-rows", "6"]


def test_kill_9_then_the_same_command_continues(out: Path) -> None:
    journal = out / SETTINGS / "journal.jsonl"
    process = subprocess.Popen(_command(out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= 45:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the crawl ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = len(steps(out / SETTINGS))
    assert 40 <= killed_at < 140
    done = subprocess.run(_command(out), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "(resumed): 140 steps" in done.stdout
    assert_consistent(out / SETTINGS)
    import datasets  # the dev extra; `load_dataset` must read the shards as written

    rows = datasets.load_dataset("parquet", data_files=str(out / SETTINGS / "dataset" / "train-*.parquet"),
                                 split="train", cache_dir=str(out / ".hf-cache"))
    records = [line["record"]["tag"] for line in steps(out / SETTINGS) if (line.get("record") or {}).get("dataset")]
    assert rows["step"] == records and len(set(rows["step"])) == len(records)
    assert rows[0]["image"].size == (1080, 2400) and rows[0]["state"] == steps(out / SETTINGS)[0]["target"]
    moves = datasets.load_dataset("parquet", split="train", cache_dir=str(out / ".hf-cache"),
                                  data_files=str(out / SETTINGS / "dataset" / "transitions-*.parquet"))
    assert moves["step"] == list(range(140)) and moves[0]["action"]["kind"] == "restart"


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from droidpilot.crawler.journal import Journal, SessionLine
journal = Journal(Path(sys.argv[1]), sync_every=25)
for i in range(10):
    journal.append(SessionLine(started=i, policy="dfs"))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_journal_lines_are_fsynced_in_batches_and_survive_kill_9(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 ) -> None:
    path = tmp_path / "killed.jsonl"  # ten lines, no fsync yet, then SIGKILL: every line is there
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                   timeout=60, check=False)
    assert [line.started for line in Journal(path).load()] == list(range(10))  # type: ignore[union-attr]
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    journal = Journal(tmp_path / "batched.jsonl", sync_every=25)
    for i in range(60):
        journal.append(SessionLine(started=i, policy="dfs"))
    assert len(synced) == 2  # after lines 25 and 50, not once a line
    journal.close()
    assert len(synced) == 3 and len(Journal(tmp_path / "batched.jsonl").load()) == 60  # the rest on close
