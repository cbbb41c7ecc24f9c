"""The Browser families on the virtual phone: each oracle (through Files and Chrome, reading the page off the
screen) reaches "Success!", doing nothing fails, and near misses fail: a wrong product, a drawing missing one
colour, a maze walked short of the goal, and "Success!" left behind in another app."""

from __future__ import annotations

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import browser
from droidpilot.benchmarks.task import Task
from droidpilot.emulator.virtual.apps.chrome import pages
from tests.benchmarks.conftest import start_task


@pytest.mark.parametrize("cls", browser.TASKS, ids=lambda cls: cls.name())
def test_noop_fails_and_the_oracle_succeeds_within_budget(env: TaskEnv, cls: type[Task]) -> None:
    task = start_task(env, cls)
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(env.device)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert ui.steps <= task.step_budget
    task.teardown(env)


def test_budgets_and_difficulty_follow_androidworld() -> None:
    assert (browser.BrowserMaze.complexity, browser.BrowserMultiply.complexity, browser.BrowserDraw.complexity) == \
        (2.0, 2.2, 2.0)
    assert browser.BrowserMultiply.difficulty == "hard" and browser.BrowserMaze.difficulty == "easy"


def test_a_wrong_product_fails(env: TaskEnv) -> None:
    task = start_task(env, browser.BrowserMultiply, 1)
    ui = UIDriver(env.device)
    task.open_page(ui)
    for _ in range(5):
        ui.tap(text="Click Me")
    product = 1
    for n in pages.multiply_numbers(task.params.model_dump()["browser_task_seed"]):
        product *= n
    ui.tap(cls="android.widget.EditText")
    ui.type(str(product + 1))
    ui.tap(text="Submit")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_a_drawing_without_every_colour_fails(env: TaskEnv) -> None:
    task = start_task(env, browser.BrowserDraw, 1)
    ui = UIDriver(env.device)
    task.open_page(ui)
    canvas = ui.need(rid="canvas").bounds
    ui.swipe(canvas.left + 40, canvas.center[1], canvas.right - 40, canvas.center[1])  # the default black only
    ui.tap(text="Submit")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_success_must_be_on_chromes_screen(env: TaskEnv) -> None:
    task = start_task(env, browser.BrowserMaze, 1)
    ui = UIDriver(env.device)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    ui.press("HOME")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)
