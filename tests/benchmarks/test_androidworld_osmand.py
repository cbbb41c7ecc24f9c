"""The OsmAnd families on the virtual phone: oracles succeed within budget, doing nothing fails, and near misses
fail (the neighbouring village, the waypoints out of order or one short, a favourite kept only as a marker)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import osmand
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def _start(env: TaskEnv, task: Task) -> Task:
    task.initialize(env)
    return task


@pytest.mark.parametrize("cls", osmand.TASKS, ids=lambda cls: cls.name())
def test_noop_fails_and_the_oracle_succeeds_within_budget(env: TaskEnv, cls: type[Task]) -> None:
    task = _start(env, cls.create(instance_seed(30, cls.name(), 0)))
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(env.device)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert ui.steps <= task.step_budget
    task.teardown(env)


def test_parameters_and_budgets_follow_androidworld() -> None:
    locations = {osmand.OsmAndFavorite.create(instance_seed(30, "OsmAndFavorite", i)).goal for i in range(20)}
    assert any("Liechtenstein" in g for g in locations) and any("Liechtenstein" not in g for g in locations)
    assert (osmand.OsmAndFavorite.difficulty, osmand.OsmAndMarker.difficulty, osmand.OsmAndTrack.difficulty) == (
        "medium", "hard", "hard")
    assert (osmand.OsmAndFavorite.complexity, osmand.OsmAndMarker.complexity) == (1.3, 2.0)
    track = osmand.OsmAndTrack.create(instance_seed(30, "OsmAndTrack", 3))
    assert track.step_budget == 120 and 2 <= len(track.params.model_dump()["waypoints"]) <= 4


def test_the_neighbouring_village_fails(env: TaskEnv) -> None:
    for cls in (osmand.OsmAndFavorite, osmand.OsmAndMarker):
        right = osmand.LocationParams(seed=1, location="Planken, Liechtenstein")
        task = _start(env, cls(right))
        wrong = cls(osmand.LocationParams(seed=1, location="Oberplanken, Liechtenstein"))
        wrong.solve(UIDriver(env.device), env)
        assert task.is_successful(env, None) == 0.0
        task.teardown(env)


def test_a_marker_is_not_a_favourite(env: TaskEnv) -> None:
    params = osmand.LocationParams(seed=1, location="47.1858882, 9.5452201")
    task = _start(env, osmand.OsmAndFavorite(params))
    osmand.OsmAndMarker(params).solve(UIDriver(env.device), env)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_a_track_out_of_order_or_short_fails(env: TaskEnv) -> None:
    waypoints = ("Ruggell, Liechtenstein", "Schaan, Liechtenstein", "Balzers, Liechtenstein")
    task = _start(env, osmand.OsmAndTrack(osmand.TrackParams(seed=1, waypoints=waypoints, track_name="a to b")))
    for wrong in ((waypoints[1], waypoints[0], waypoints[2]), waypoints[:2]):
        osmand.OsmAndTrack(osmand.TrackParams(seed=1, waypoints=wrong, track_name="x")).solve(
            UIDriver(env.device), env)
        assert task.is_successful(env, None) == 0.0
    task.teardown(env)
