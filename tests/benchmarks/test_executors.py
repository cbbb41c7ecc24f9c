"""Executors (issue 18): worker processes give the thread executor's results; the driver alone writes them."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from droidpilot.benchmarks.agents import OracleAgent, RandomAgent
from droidpilot.benchmarks.episode import TIMING_FIELDS
from droidpilot.benchmarks.executors import choose, picklable
from droidpilot.benchmarks.runner import RESULTS_FILE, RunConfig, RunnerError, run_benchmark
from droidpilot.cli.main import app as cli

TASKS = ["SystemWifiTurnOff", "ClockStopWatchRunning", "OpenAppTaskEval"]


def config(out: Path, **overrides: Any) -> RunConfig:
    return RunConfig(**{"suite": "androidworld", "tasks": TASKS, "out": out, "devices": 2, **overrides})


def results(out: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in (out / RESULTS_FILE).read_text().splitlines()]
    return [{k: v for k, v in line.items() if k not in TIMING_FIELDS} for line in lines]


def test_processes_give_the_threads_results_and_resume_works(tmp_path: Path) -> None:
    threads = run_benchmark(config(tmp_path / "t", executor="thread"), OracleAgent())
    processes = run_benchmark(config(tmp_path / "p", executor="process"), OracleAgent())
    assert processes.ran == threads.ran == len(TASKS)
    assert all(r.success == 1.0 and r.error is None for r in processes.records)
    assert results(tmp_path / "p") == results(tmp_path / "t")
    assert (tmp_path / "p" / "oracle_steps.json").read_text() == (tmp_path / "t" / "oracle_steps.json").read_text()
    again = run_benchmark(config(tmp_path / "p", executor="process", resume=True), OracleAgent())
    assert (again.ran, again.skipped) == (0, len(TASKS))


def test_auto_picks_processes_for_several_devices_only(tmp_path: Path) -> None:
    agent = RandomAgent(seed=1)
    assert picklable(agent)
    assert choose(config(tmp_path), agent, jobs=3) == "process"
    assert choose(config(tmp_path, devices=1), agent, jobs=3) == "thread"
    assert choose(config(tmp_path), agent, jobs=1) == "thread"


def test_an_agent_that_cannot_travel_is_refused_by_processes_and_kept_on_threads(tmp_path: Path) -> None:
    agent = RandomAgent(seed=1)
    agent.lock = threading.Lock()  # type: ignore[attr-defined]  # a live resource, like a memory store
    assert choose(config(tmp_path), agent, jobs=3) == "thread"
    with pytest.raises(RunnerError, match="cannot send the 'random' agent") as refused:
        choose(config(tmp_path, executor="process"), agent, jobs=3)
    assert refused.value.hint == "use --executor thread"


def test_an_unknown_executor_fails_before_the_output_folder_is_made(tmp_path: Path) -> None:
    out = tmp_path / "never"
    result = CliRunner().invoke(cli, ["bench", "run", "--suite", "androidworld", "--agent", "oracle",
                                      "--executor", "nope", "--out", str(out)])
    assert result.exit_code == 2 and "unknown --executor 'nope'" in result.output
    assert not out.exists()
