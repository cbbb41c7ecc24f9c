"""AndroidWorld's Notes* families on Joplin: the oracle answers through the GUI, noop and near misses fail, the
seeded state honours AndroidWorld's exclusion rules, and changing the data asked about fails the question."""

from __future__ import annotations

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import joplin
from droidpilot.benchmarks.task import Task, instance_seed
from tests.benchmarks.conftest import start_task


@pytest.mark.parametrize("cls", joplin.TASKS, ids=lambda cls: cls.name())
@pytest.mark.parametrize("index", [0, 1])
def test_noop_fails_and_oracle_succeeds_within_budget(env: TaskEnv, cls: type[Task], index: int) -> None:
    task = start_task(env, cls, index)
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(env.device)
    answer = task.solve(ui, env)
    assert task.is_successful(env, answer) == 1.0, (task.goal, answer, task.truth)
    assert 0 < ui.steps <= task.step_budget
    task.teardown(env)


@pytest.mark.parametrize("cls", joplin.TASKS, ids=lambda cls: cls.name())
def test_instances_follow_androidworlds_exclusion_rules(cls: type[Task]) -> None:
    goals = set()
    for i in range(6):
        task = cls.create(instance_seed(30, cls.name(), i))
        params = task.params
        assert isinstance(params, joplin.JoplinParams)
        goals.add(task.goal)
        assert len(params.notes) == joplin.NOISE_NOTES + (int(params.answer) if cls is joplin.NotesTodoItemCount
                                                          else 1)
        if cls is joplin.NotesTodoItemCount:
            todos = [n for n in params.notes if n.folder == params.folder and n.is_todo]
            assert len(todos) == int(params.answer) and not any(n.todo_completed for n in todos)
        else:
            assert sum(params.title.lower() in n.title.lower() for n in params.notes) == 1
    assert len(goals) > 1


def test_wrong_answers_and_a_changed_note_fail(env: TaskEnv) -> None:
    task = start_task(env, joplin.NotesIsTodo)
    assert isinstance(task.params, joplin.JoplinParams)
    flipped = "False" if task.params.answer == "True" else "True"
    assert task.is_successful(env, flipped) == 0.0
    assert task.is_successful(env, task.params.answer.lower()) == 1.0  # case is not part of the answer
    ui = UIDriver(env.device)
    joplin.search(ui, task.params.title)
    ui.tap(rid="note_title", text=task.params.title)
    ui.tap(desc="More options")
    ui.tap(text="Convert to note" if task.params.answer == "True" else "Convert to to-do")
    assert task.is_successful(env, task.params.answer) == 0.0  # the asked note was changed
    task.teardown(env)

    task = start_task(env, joplin.NotesRecipeIngredientCount)
    assert isinstance(task.params, joplin.JoplinParams)
    assert task.is_successful(env, f"{task.params.answer} {task.params.ingredient}") == 0.0
    assert task.is_successful(env, task.params.answer) == 1.0
    task.teardown(env)
