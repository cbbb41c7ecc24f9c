"""AndroidWorld's SportsTracker* families on OpenTracks: the oracle answers through the GUI within budget, noop
and wrong answers fail, the seeded tracks honour AndroidWorld's exclusion rules and end before the pinned moment,
and deleting a track asked about fails the question."""

from __future__ import annotations

from datetime import timedelta

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import sports_tracker as st
from droidpilot.benchmarks.task import DEVICE_TIME, Task, instance_seed
from tests.benchmarks.conftest import start_task


@pytest.mark.parametrize("cls", st.TASKS, ids=lambda cls: cls.name())
@pytest.mark.parametrize("index", [0, 1])
def test_noop_fails_and_oracle_succeeds_within_budget(env: TaskEnv, cls: type[Task], index: int) -> None:
    task = start_task(env, cls, index)
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(env.device)
    answer = task.solve(ui, env)
    assert task.is_successful(env, answer) == 1.0, (task.goal, answer, task.truth)
    assert 0 < ui.steps <= task.step_budget
    task.teardown(env)


@pytest.mark.parametrize("cls", st.TASKS, ids=lambda cls: cls.name())
def test_instances_keep_the_exclusion_rules_and_end_before_now(cls: type[Task]) -> None:
    goals = set()
    for i in range(8):
        task = cls.create(instance_seed(30, cls.name(), i))
        params = task.params
        assert isinstance(params, st.SportsParams)
        goals.add(task.goal)
        assert sum(not t.asked for t in params.tracks) == st.NOISE_TRACKS
        assert all(t.start + timedelta(minutes=t.minutes) <= DEVICE_TIME for t in params.tracks)
        noise = [t for t in params.tracks if not t.asked]
        week = [t for t in noise if st.WEEK_START <= t.day <= DEVICE_TIME.date()]
        if cls is st.SportsTrackerActivitiesOnDate:
            assert not any(st.date_text(t.day) == params.date for t in noise)
        if cls in (st.SportsTrackerActivitiesCountForWeek, st.SportsTrackerTotalDurationForCategoryThisWeek):
            assert not any(params.category in t.category for t in week)
        if cls is st.SportsTrackerLongestDistanceActivity:
            assert not any(params.category in t.category and t.metres >= int(params.answer) for t in week)
    assert len(goals) > 1


def test_answers_are_graded_as_androidworld_does(env: TaskEnv) -> None:
    task = start_task(env, st.SportsTrackerTotalDistanceForCategoryOverInterval)
    assert isinstance(task.params, st.SportsParams)
    truth = int(task.params.answer)
    assert task.is_successful(env, str(truth + 10)) == 1.0  # AndroidWorld's 10 m for distances read in km
    assert task.is_successful(env, str(truth - 11)) == 0.0
    assert task.is_successful(env, f"{truth / 1000:.2f} km") == 0.0  # the question asks for metres
    task.teardown(env)

    task = start_task(env, st.SportsTrackerActivitiesOnDate)
    assert isinstance(task.params, st.SportsParams)
    first, second = task.params.categories
    assert task.is_successful(env, f"{second}, {first}") == 1.0  # any order
    assert task.is_successful(env, first) == 0.0
    task.teardown(env)


def test_deleting_an_asked_track_fails_the_question(env: TaskEnv) -> None:
    task = start_task(env, st.SportsTrackerLongestDistanceActivity)
    assert isinstance(task.params, st.SportsParams)
    deletion = st.DeleteAskedTrack(task.params)
    deletion.solve(UIDriver(env.device), env)
    assert deletion.is_successful(env, None) == 1.0
    assert task.is_successful(env, task.params.answer) == 0.0
    task.teardown(env)
