"""results.jsonl and task_metadata.json load through AndroidWorld's own analysis.

`process_episodes` below is written here from AndroidWorld's documented behaviour (suite_utils.process_episodes
and _extract_task_metadata): group the episode dicts by `task_template`; count and average `is_successful` (an
errored episode's NaN is left out), average `episode_length`, sum `run_time`, count non-null `exception_info`;
read task_metadata.json with pandas, rename its `task_template` to `task_prompt` and `task_name` to
`task_template`, and left-join `difficulty`, `optimal_steps` and `tags` on `task_template`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from droidpilot.benchmarks.agents import OracleAgent
from droidpilot.benchmarks.metadata import METADATA_FILE, androidworld_families
from droidpilot.benchmarks.runner import RESULTS_FILE, RunConfig, run_benchmark
from droidpilot.benchmarks.suites import suite_tasks

pd = pytest.importorskip("pandas")

TASKS = ["SystemWifiTurnOff", "ContactsAddContact", "ContactsEmailQuestion", "SimpleSmsSend"]
"""Three of AndroidWorld's families and one of ours (ContactsEmailQuestion)."""


def process_episodes(episodes: list[dict[str, Any]], metadata_path: Path) -> Any:
    df = pd.DataFrame(episodes)
    df = df.assign(exception_info=df.get("exception_info", float("nan")))
    result = df.groupby("task_template", dropna=True).agg({
        "is_successful": ["count", "mean"], "episode_length": "mean", "run_time": "sum",
        "exception_info": [("none_count", lambda x: x.notnull().sum())]}).sort_index()
    result.columns = ["num_complete_trials", "mean_success_rate", "mean_episode_length", "total_runtime_s",
                      "num_fail_trials"]
    metadata = pd.read_json(metadata_path)
    metadata = metadata.rename(columns={"task_template": "task_prompt"}).rename(columns={"task_name": "task_template"})
    metadata = metadata.set_index("task_template")[["difficulty", "optimal_steps", "tags"]]
    return result.merge(metadata, on=["task_template"], how="left")


def test_androidworld_groups_our_results_one_row_per_family_with_metadata(tmp_path: Path) -> None:
    run_benchmark(RunConfig(suite="androidworld", tasks=TASKS, out=tmp_path, n_combinations=2), OracleAgent())
    episodes = [json.loads(line) for line in (tmp_path / RESULTS_FILE).read_text().splitlines()]
    assert all({"episode_data", "aux_data", "screen_config", "goal_template"} <= e.keys() for e in episodes)

    table = process_episodes(episodes, tmp_path / METADATA_FILE)
    assert sorted(table.index) == sorted(TASKS)  # one row per family, named by its class
    assert list(table["num_complete_trials"]) == [2] * len(TASKS)
    assert list(table["mean_success_rate"]) == [1.0] * len(TASKS)
    assert table["difficulty"].notnull().all() and table["tags"].notnull().all()
    aw = androidworld_families()
    for name in ("SystemWifiTurnOff", "ContactsAddContact", "SimpleSmsSend"):  # AndroidWorld's own values
        assert table.loc[name, "difficulty"] == aw[name].difficulty
        assert int(table.loc[name, "optimal_steps"]) == aw[name].optimal_steps
    ours = table.loc["ContactsEmailQuestion"]
    assert int(ours["optimal_steps"]) == int(table.loc["ContactsEmailQuestion", "mean_episode_length"])


def test_androidworld_families_keep_androidworld_difficulty_and_budget() -> None:
    aw = androidworld_families()
    named = [cls for cls in suite_tasks("androidworld") if cls.name() in aw]
    assert len(named) >= 47
    for cls in named:
        family = aw[cls.name()]
        assert (cls.difficulty, cls.complexity) == (family.difficulty, family.complexity), cls.name()
