"""The Ray executor (issue 18) on a local Ray instance with 2 CPUs: the thread executor's results, even when
every actor is killed mid-run (their episodes are retried on fresh actors)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.benchmarks.agents import OracleAgent
from droidpilot.benchmarks.episode import EpisodeRecord
from droidpilot.benchmarks.ray_executor import ACTOR_PREFIX, RESOURCES_ENV, RayUnavailable, actor_resources
from droidpilot.benchmarks.runner import run_benchmark

from .test_executors import config, results

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_a_suite_on_ray_survives_killed_actors(local_ray: None, tmp_path: Path) -> None:
    killed: list[str] = []

    def kill_every_actor_once(record: EpisodeRecord) -> None:
        if killed:
            return
        for index in range(2):  # one is running an episode, the other is about to get one
            name = f"{ACTOR_PREFIX}{os.getpid()}-{index}"
            ray.kill(ray.get_actor(name))
            killed.append(name)

    on_ray = run_benchmark(config(tmp_path / "ray", executor="ray"), OracleAgent(), on_result=kill_every_actor_once)
    run_benchmark(config(tmp_path / "threads", executor="thread"), OracleAgent())
    assert len(killed) == 2
    assert all(r.error is None and r.success == 1.0 for r in on_ray.records)
    assert results(tmp_path / "ray") == results(tmp_path / "threads")


def test_custom_resources_come_from_the_environment(monkeypatch: Any) -> None:
    monkeypatch.setenv(RESOURCES_ENV, '{"android_phone": 1}')
    assert actor_resources() == {"android_phone": 1.0}
    monkeypatch.setenv(RESOURCES_ENV, "phones")
    with pytest.raises(RayUnavailable, match=RESOURCES_ENV):
        actor_resources()
