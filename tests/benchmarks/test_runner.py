"""The benchmark runner on real virtual phones: agents, the done gate, parallelism, determinism and resume."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, ClassVar

import pytest

from droidpilot.benchmarks.agents import HierarchicalAgent, NoopAgent, OracleAgent, RandomAgent
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import TIMING_FIELDS, EpisodeSpec, run_episode
from droidpilot.benchmarks.oracle import OracleError, UIDriver
from droidpilot.benchmarks.runner import (
    ORACLE_FILE,
    RESULTS_FILE,
    RunConfig,
    RunnerError,
    RunOutcome,
    load_results,
    run_benchmark,
    select_tasks,
)
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.suites.androidworld.system import SystemWifiTurnOff
from droidpilot.benchmarks.task import BASE_SNAPSHOT, instance_seed
from droidpilot.emulator.pool import DevicePool
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

AVAILABLE = {cls.name() for cls in suite_tasks("androidworld")}
# the example task, plus an information-retrieval task and another app when those families exist
SUBSET = ["SystemWifiTurnOff", *(n for n in ("ContactsEmailQuestion", "OpenAppTaskEval") if n in AVAILABLE)]


def config(out: Path, **overrides: Any) -> RunConfig:
    return RunConfig(**{"suite": "androidworld", "tasks": SUBSET, "out": out, **overrides})


def without_timings(path: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    return [{k: v for k, v in line.items() if k not in TIMING_FIELDS} for line in lines]


@pytest.fixture(scope="module")
def oracle_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunOutcome]:
    """The oracle over the subset, two instances each, on two phones (shared: runs are the slow part)."""
    out = tmp_path_factory.mktemp("bench") / "oracle"
    return out, run_benchmark(config(out, devices=2, n_combinations=2), OracleAgent())


def test_oracle_succeeds_everywhere_and_noop_nowhere(oracle_run: tuple[Path, RunOutcome], tmp_path: Path) -> None:
    out, oracle = oracle_run
    assert len(oracle.records) == 2 * len(SUBSET) and oracle.ran == len(oracle.records)
    for r in oracle.records:
        assert (r.success, r.declared_done, r.error) == (1.0, True, None), r.episode_id
        assert r.oracle_steps == r.steps == r.episode_length > 0
        assert r.seed == instance_seed(30, r.task, r.instance)
        run_dir = out / r.run_dir
        assert (run_dir / "start.jpg").is_file()
        assert len((run_dir / "actions.jsonl").read_text().splitlines()) == r.steps
    ids = [json.loads(line)["episode_id"] for line in (out / RESULTS_FILE).read_text().splitlines()]
    assert ids == sorted(ids, key=lambda i: (i.rsplit("/", 1)[0], int(i.rsplit("/", 1)[1])))
    optimum = json.loads((out / ORACLE_FILE).read_text())
    assert len(optimum) == len(ids)

    noop = run_benchmark(config(tmp_path / "noop", devices=2, n_combinations=2), NoopAgent())
    for r, o in zip(noop.records, oracle.records, strict=True):
        assert (r.success, r.steps, r.declared_done, r.error) == (0.0, 0, True, None), r.episode_id
        assert r.oracle_steps == o.steps  # the oracle ran first on each instance, for MSRS


def test_one_and_two_devices_give_identical_results_for_the_same_seed(oracle_run: tuple[Path, RunOutcome],
                                                                     tmp_path: Path) -> None:
    run_benchmark(config(tmp_path / "one", devices=1, n_combinations=2), OracleAgent())
    assert without_timings(tmp_path / "one" / RESULTS_FILE) == without_timings(oracle_run[0] / RESULTS_FILE)
    other = run_benchmark(config(tmp_path / "seed", tasks=["SystemWifiTurnOff"], seed=31), OracleAgent())
    assert other.records[0].seed == instance_seed(31, "SystemWifiTurnOff", 0)


def test_random_agent_is_reproducible(tmp_path: Path) -> None:
    runs = [run_benchmark(config(tmp_path / name, tasks=SUBSET[:2]), RandomAgent(steps=4)) for name in "ab"]
    assert without_timings(tmp_path / "a" / RESULTS_FILE) == without_timings(tmp_path / "b" / RESULTS_FILE)
    for record in runs[0].records:
        assert record.steps == 4 and record.declared_done
        trajectories = [(tmp_path / d / record.run_dir / "actions.jsonl").read_text() for d in "ab"]
        assert trajectories[0] == trajectories[1]


def test_resume_skips_finished_episodes_and_drops_a_torn_line(oracle_run: tuple[Path, RunOutcome],
                                                             tmp_path: Path) -> None:
    out, full = tmp_path / "run", oracle_run[1]
    shutil.copytree(oracle_run[0], out)
    lines = (out / RESULTS_FILE).read_text().splitlines(keepends=True)
    (out / RESULTS_FILE).write_text("".join(lines[:2]) + lines[2][:40])  # killed while writing the third line

    with pytest.raises(RunnerError, match="already holds results"):
        run_benchmark(config(out, n_combinations=2), OracleAgent())
    with pytest.raises(RunnerError, match="different agent"):
        run_benchmark(config(out, n_combinations=2, agent="noop", resume=True), NoopAgent())

    resumed = run_benchmark(config(out, n_combinations=2, resume=True), OracleAgent())
    assert (resumed.skipped, resumed.ran) == (2, len(lines) - 2)
    assert [r.episode_id for r in load_results(out)] == [r.episode_id for r in full.records]
    assert without_timings(out / RESULTS_FILE) == [
        {k: v for k, v in r.model_dump(mode="json").items() if k not in TIMING_FIELDS} for r in full.records]


def test_unknown_task_names_fail_with_the_closest_match() -> None:
    with pytest.raises(RunnerError, match="did you mean 'SystemWifiTurnOff'"):
        select_tasks("androidworld", ["SystemWifiTurnOf"])


def test_a_run_without_usable_devices_stops_with_the_reason(tmp_path: Path) -> None:
    dead = DevicePool.adb(["emulator-5554"], port=1)  # no ADB server listens on port 1
    with pytest.raises(RunnerError, match=r"1 episodes did not run: no usable device left .*Connection refused"):
        run_benchmark(config(tmp_path, tasks=["SystemWifiTurnOff"]), OracleAgent(), pool=dead)
    assert load_results(tmp_path) == []


class WifiOracleBreaks(SystemWifiTurnOff):
    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Settings")
        raise OracleError("the Internet row moved")


class WifiTightBudget(SystemWifiTurnOff):
    complexity: ClassVar[float] = 0.2  # a budget of 2 steps; the oracle needs 4


def test_episode_errors_are_recorded_and_the_done_gate_holds(phone: VirtualPhone) -> None:
    env = TaskEnv(VirtualDevice(phone))
    env.save_snapshot(BASE_SNAPSHOT)

    broken = run_episode(WifiOracleBreaks, EpisodeSpec(suite="t", task="WifiOracleBreaks", instance=0, seed=1),
                         env, OracleAgent(), None)
    assert broken.error == "OracleError: the Internet row moved" and broken.is_successful is None
    assert broken.success == 0.0 and "Traceback" in (broken.exception_info or "")
    assert env.setting("global", "wifi_on") == "1"  # torn down all the same

    tight = run_episode(WifiTightBudget, EpisodeSpec(suite="t", task="WifiTightBudget", instance=0, seed=1),
                        env, OracleAgent(), None)
    # the harness stops the oracle at its budget: 2 of its 4 steps happened, the rest was refused
    assert (tight.declared_done, tight.success, tight.steps, tight.budget_exhausted) == (False, 0.0, 2, True)
    assert tight.agent_steps is None and tight.error is None


def test_hierarchical_agent_runs_the_llm_agent_on_a_task(tmp_path: Path) -> None:
    pytest.importorskip("droidpilot.agent.runner", reason="the LLM agent (agent/runner.py) is not in this checkout")
    from droidpilot.agent.llm.scripted import ScriptedModel
    from tests.agent.policies import WIFI_PLAN, by_role, scripted, wifi_completion, wifi_operator

    reply = scripted(by_role(manager=WIFI_PLAN, operator=wifi_operator, completion=wifi_completion,
                             reflector={"outcome": "success"}, notetaker={"notes": []}))
    model = ScriptedModel(replies=[reply] * 100)
    agent = HierarchicalAgent({role: model for role in ("manager", "operator", "reflector", "notetaker")})
    outcome = run_benchmark(config(tmp_path, tasks=["SystemWifiTurnOff"], agent="hierarchical"), agent)
    [record] = outcome.records
    assert (record.success, record.declared_done, record.error) == (1.0, True, None)
    assert record.oracle_steps == 4 and record.steps >= 4
    assert record.model_calls == len(model.requests) > 0
    assert record.tokens.prompt == 100 * record.model_calls  # the scripted model's usage per call
    assert (tmp_path / record.run_dir / "result.json").is_file()
