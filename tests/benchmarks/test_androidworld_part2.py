"""The data-app families of the androidworld suite (calendar, notes, expenses, recipes, tasks) on one phone."""

from __future__ import annotations

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import (
    calendar,
    calendar_questions,
    calendar_relative,
    expenses,
    expenses_noise,
    from_images,
    from_notes,
    multi_app,
    notes,
    notes_more,
    recipes,
    recipes_noise,
    tasks,
    tasks_more,
)
from droidpilot.benchmarks.suites.androidworld.datakit import matches_unordered, number_matches
from droidpilot.benchmarks.task import Task, instance_seed
from tests.benchmarks.conftest import start_task

MODULES = (calendar, calendar_questions, calendar_relative, from_images, from_notes, multi_app, notes, notes_more,
           expenses, expenses_noise, recipes, recipes_noise, tasks, tasks_more)
ALL: list[type[Task]] = [cls for module in MODULES for cls in module.TASKS]
FIXED_GOALS = {"ExpenseDeleteDuplicates", "RecipeDeleteDuplicateRecipes", "SimpleCalendarEventsThisWeek",
               "TasksHighPriorityTasks", "TasksDueNextWeek", "SimpleCalendarNextEvent",
               "MarkorDeleteAllNotes", "MarkorDeleteNewestNote", "SimpleCalendarEventsInNextWeek",
               "ExpenseAddMultipleFromMarkor", "RecipeAddMultipleRecipesFromMarkor", "RecipeDeleteDuplicateRecipes2",
               "RecipeDeleteDuplicateRecipes3", "ExpenseDeleteDuplicates2", "ExpenseAddMultipleFromGallery",
               "RecipeAddMultipleRecipesFromImage", "MarkorTranscribeReceipt"}
"""Families whose question is fixed: only their seeded rows vary with the seed."""


def _solved(env: TaskEnv, cls: type[Task]) -> tuple[Task, UIDriver, str | None]:
    task = start_task(env, cls)
    ui = UIDriver(env.device)
    return task, ui, task.solve(ui, env)


def test_the_part_has_enough_families() -> None:
    assert len(ALL) >= 26 and len({cls.name() for cls in ALL}) == len(ALL)
    assert sum(1 for cls in ALL if cls.answer_type is not None) >= 8


@pytest.mark.parametrize("cls", ALL, ids=lambda cls: cls.name())
def test_noop_fails_and_oracle_succeeds(env: TaskEnv, cls: type[Task]) -> None:
    task = start_task(env, cls)
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(env.device)
    answer = task.solve(ui, env)
    assert (answer is not None) == (cls.answer_type is not None)
    assert task.is_successful(env, answer) == 1.0, (task.goal, answer, task.expected_answer(env))
    assert 0 < ui.steps <= task.step_budget
    task.teardown(env)


@pytest.mark.parametrize("cls", ALL, ids=lambda cls: cls.name())
def test_seeds_vary_the_instance(cls: type[Task]) -> None:
    a, b = (cls.create(instance_seed(30, cls.name(), i)) for i in (0, 1))
    assert a.goal == cls.create(instance_seed(30, cls.name(), 0)).goal  # deterministic
    assert a.params != b.params
    if cls.name() not in FIXED_GOALS:  # two seeds may draw the same target; four never all do
        assert len({cls.create(instance_seed(30, cls.name(), i)).goal for i in range(4)}) > 1


def test_unordered_answers() -> None:
    assert matches_unordered("b, A", ["a", "B"])
    assert not matches_unordered("a", ["a", "b"])
    assert not matches_unordered("a, b, c", ["a", "b"])
    assert not matches_unordered("a, a", ["a", "b"])
    assert number_matches("$1,250.00", "1250.00", 0.01) and not number_matches("1,250", "125")


# -- side effects and wrong answers fail --------------------------------------------------------------------
def test_an_extra_row_fails_an_addition(env: TaskEnv) -> None:
    task, _, _ = _solved(env, calendar.SimpleCalendarAddOneEvent)
    assert task.is_successful(env, None) == 1.0
    env.seed(calendar.CALENDAR, "insert_event", title="Extra", start=1792500000, end=1792503600)
    assert task.is_successful(env, None) == 0.0

    task, _, _ = _solved(env, recipes.RecipeAddSingleRecipe)
    env.seed(recipes.RECIPES, "insert_recipe", title="Extra")
    assert task.is_successful(env, None) == 0.0


def test_wrong_parameters_fail_an_addition(env: TaskEnv) -> None:
    task = start_task(env, expenses.ExpenseAddSingle)
    other = expenses.ExpenseAddSingle.create(instance_seed(30, "ExpenseAddSingle", 1))
    other.solve(UIDriver(env.device), env)  # another instance's expense
    assert task.is_successful(env, None) == 0.0


def test_deleting_an_extra_row_fails_a_deletion(env: TaskEnv) -> None:
    task, ui, _ = _solved(env, expenses.ExpenseDeleteSingle)
    assert task.is_successful(env, None) == 1.0
    ui.tap(rid="tv_name")  # back in Expense Logs: another expense
    ui.tap(desc="Delete")
    ui.tap(rid="button1")
    assert task.is_successful(env, None) == 0.0


def test_deleting_every_copy_fails_a_duplicates_task(env: TaskEnv) -> None:
    task, ui, _ = _solved(env, recipes.RecipeDeleteDuplicateRecipes)
    assert task.is_successful(env, None) == 1.0
    task.solve(ui, env)  # the oracle again: the last copy goes too
    assert task.is_successful(env, None) == 0.0


def test_touching_another_note_fails(env: TaskEnv) -> None:
    task, _, _ = _solved(env, notes.MarkorMoveNote)
    assert task.is_successful(env, None) == 1.0
    params = task.params
    assert isinstance(params, notes.NotesParams)
    other = next(n for n in params.notes if n.path != params.name)
    env.seed(notes.NOTES, "write_note", rel=other.path, content=other.text + "\nedited")
    assert task.is_successful(env, None) == 0.0


def test_completing_another_task_fails(env: TaskEnv) -> None:
    task, ui, _ = _solved(env, tasks.TasksCompleteTask)
    assert task.is_successful(env, None) == 1.0
    ui.tap(rid="completeBox")  # the first task left in the list
    assert task.is_successful(env, None) == 0.0


def test_wrong_answers_fail(env: TaskEnv) -> None:
    task, _, answer = _solved(env, tasks.TasksDueNextWeek)
    titles = [t.strip() for t in (answer or "").split(",")]
    assert len(titles) >= 2
    assert task.is_successful(env, ", ".join(reversed(titles))) == 1.0  # order does not matter
    assert task.is_successful(env, ", ".join(titles[1:])) == 0.0
    assert task.is_successful(env, f"{answer}, Walk the dog") == 0.0

    task, _, answer = _solved(env, expenses.ExpenseCategoryTotal)
    expected = float(task.expected_answer(env) or "0")
    assert task.is_successful(env, f"{expected:.2f}") == 1.0
    assert task.is_successful(env, f"{expected + 1:.2f}") == 0.0

    task, _, answer = _solved(env, calendar.SimpleCalendarEventTime)
    assert task.is_successful(env, answer) == 1.0
    assert task.is_successful(env, "11:59 PM") == 0.0
    task.teardown(env)
