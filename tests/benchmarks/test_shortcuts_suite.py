"""The shortcuts suite: every MAS-Bench-style task fails under a no-op agent, succeeds under the GUI oracle and
under the shortcut oracle, and the shortcut oracle needs fewer steps; the runner turns its shortcut calls into
MSC, S2GR and SSR.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.benchmarks.agents import AGENTS, OracleAgent, ShortcutOracleAgent, make_agent
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import EpisodeSpec, run_episode
from droidpilot.benchmarks.runner import RunConfig, run_benchmark
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.suites.shortcuts.base import ShortcutTask
from droidpilot.benchmarks.suites.shortcuts.tasks import MasBrightnessSet
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS

TASKS: list[type[Task]] = suite_tasks("shortcuts")


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def spec(cls: type[Task], index: int = 0) -> EpisodeSpec:
    return EpisodeSpec(suite="shortcuts", task=cls.name(), instance=index, seed=instance_seed(30, cls.name(), index))


def test_the_suite_uses_only_built_in_shortcuts() -> None:
    assert len(TASKS) >= 30
    builtins = {s.name for s in BUILTIN_SHORTCUTS}
    used: set[str] = set()
    for cls in TASKS:
        assert issubclass(cls, ShortcutTask) and cls.suite == "shortcuts", cls.name()
        assert cls.shortcuts and set(cls.shortcuts) <= builtins, cls.name()
        used |= set(cls.shortcuts)
        if "multi_shortcut" in cls.tags:
            assert len(set(cls.shortcuts)) >= 2, cls.name()
    assert len(used) >= 18
    multi = [cls for cls in TASKS if "multi_shortcut" in cls.tags]
    cross_app = [cls for cls in multi if len(cls.app_names) >= 2]
    assert len(multi) >= 5 and len(cross_app) >= 4
    assert "shortcut-oracle" in AGENTS and isinstance(make_agent("shortcut-oracle"), ShortcutOracleAgent)


def test_parameters_are_deterministic_and_vary_with_the_seed() -> None:
    for cls in TASKS:
        seed = instance_seed(30, cls.name(), 0)
        assert cls.create(seed).params == cls.create(seed).params
        if "parameterized" in cls.tags:
            assert len({cls.create(instance_seed(30, cls.name(), i)).goal for i in range(6)}) > 1, cls.name()


@pytest.mark.parametrize("cls", TASKS, ids=lambda cls: cls.name())
def test_shortcuts_take_fewer_steps_than_the_gui(env: TaskEnv, cls: type[Task]) -> None:
    task = cls.create(spec(cls).seed)
    task.initialize(env)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)
    gui = run_episode(cls, spec(cls), env, OracleAgent(), None)
    hybrid = run_episode(cls, spec(cls), env, ShortcutOracleAgent(), None)
    assert gui.error is None and hybrid.error is None, gui.error or hybrid.error
    assert gui.success == 1.0 and hybrid.success == 1.0
    assert gui.shortcut_calls == 0 and hybrid.shortcut_calls >= 1
    assert hybrid.shortcut_successes == hybrid.shortcut_calls  # every call judged effective on the device
    assert issubclass(cls, ShortcutTask) and [c.name for c in hybrid.shortcut_results] == list(cls.shortcuts)
    assert 0 < hybrid.steps < gui.steps


def test_a_mixed_solution_counts_shortcut_and_gui_steps(env: TaskEnv) -> None:
    record = run_episode(MasBrightnessSet, spec(MasBrightnessSet), env, ShortcutOracleAgent(), None)
    assert record.success == 1.0 and (record.steps, record.shortcut_calls) == (2, 1)


def test_the_runner_reports_mas_bench_metrics(tmp_path: Path) -> None:
    names = ["MasSendSmsToContact", "MasBrightnessSet", "MasCreateEvent"]
    config = RunConfig(suite="shortcuts", tasks=names, agent="shortcut-oracle", out=tmp_path / "run")
    outcome = run_benchmark(config, ShortcutOracleAgent())
    overall = outcome.summary.overall
    assert overall.sr == 1.0
    assert overall.msc == round((2 + 1 + 1) / 3, 4)
    assert overall.s2gr == round((2 / 1 + 1 / 1 + 1 / 1) / 3, 4)  # per episode (the slider is the one GUI tap)
    assert overall.ssr == 1.0
    assert overall.msrs is not None and overall.msrs < 1.0
    assert all(r.oracle_steps and r.steps < r.oracle_steps for r in outcome.records)
