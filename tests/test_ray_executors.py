"""The Ray executors (issue 18) on one local Ray instance with 2 CPUs: a suite and a crawl give the thread
executor's results, even when actors are killed mid-run (their episodes and apps are retried on fresh actors)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.benchmarks.agents import OracleAgent
from droidpilot.benchmarks.ray_executor import ACTOR_PREFIX, RESOURCES_ENV, RayUnavailable, actor_resources
from droidpilot.benchmarks.runner import run_benchmark
from droidpilot.crawler.ray_executor import ACTOR_PREFIX as CRAWL_PREFIX
from droidpilot.emulator.virtual.adb.server import serial_for
from droidpilot.emulator.virtual.tempphones import PREFIX, RUN_PREFIX

from .benchmarks.test_executors import config, results
from .crawler.test_executors import APPS, crawl, found

ray = pytest.importorskip("ray")


def kill_first_actors(prefix: str, killed: list[str], phones: list[Path]) -> None:
    """Once: kill actors 0 and 1 (one is running a job, the other just finished one and gets the next), noting
    the actors' phone folders (under the driver's run root) first."""
    if killed:
        return
    phones += Path(tempfile.gettempdir()).glob(f"{RUN_PREFIX}*/{PREFIX}*")
    for index in range(2):
        name = f"{prefix}{os.getpid()}-{index}"
        ray.kill(ray.get_actor(name))
        killed.append(name)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The driver's temp dir, where the run root of the actors' phones goes."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_suite_on_ray_survives_killed_actors(local_ray: None, tmp_path: Path, temp: Path) -> None:
    killed: list[str] = []
    phones: list[Path] = []
    on_ray = run_benchmark(config(tmp_path / "ray", executor="ray"), OracleAgent(),
                           on_result=lambda _: kill_first_actors(ACTOR_PREFIX, killed, phones))
    assert len(phones) == 2 and list(temp.iterdir()) == []  # the killed actors' phones went with the run root
    run_benchmark(config(tmp_path / "threads", executor="thread"), OracleAgent())
    assert len(killed) == 2
    assert all(r.error is None and r.success == 1.0 for r in on_ray.records)
    assert results(tmp_path / "ray") == results(tmp_path / "threads")


def test_a_crawl_on_ray_survives_killed_actors(local_ray: None, tmp_path: Path, temp: Path) -> None:
    killed: list[str] = []
    phones: list[Path] = []
    on_ray = crawl(tmp_path / "ray", "ray", on_result=lambda _: kill_first_actors(CRAWL_PREFIX, killed, phones))
    assert len(phones) == 2 and list(temp.iterdir()) == []
    threads = crawl(tmp_path / "threads", "thread")
    assert len(killed) == 2 and [r.package for r in on_ray] == APPS
    assert all(not r.error and r.steps == 25 for r in on_ray)
    # the app whose actor died is rolled back and crawled again from where that actor started: what it finds is
    # exactly what an uninterrupted crawl finds, step for step
    assert found(on_ray) == found(threads)
    assert {r.device for r in on_ray} - {serial_for(0), serial_for(1)}, "no app was retried on a fresh actor"
    for package in APPS:
        journal = (tmp_path / "ray" / package / "journal.jsonl").read_text().splitlines()
        assert sum('"kind":"session"' in line for line in journal) == 1  # one session: nothing was resumed


def test_custom_resources_come_from_the_environment(monkeypatch: Any) -> None:
    monkeypatch.setenv(RESOURCES_ENV, '{"android_phone": 1}')
    assert actor_resources() == {"android_phone": 1.0}
    monkeypatch.setenv(RESOURCES_ENV, "phones")
    with pytest.raises(RayUnavailable, match=RESOURCES_ENV):
        actor_resources()
