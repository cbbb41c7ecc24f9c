"""The Browser families on the virtual phone: each oracle (through Files and Chrome, reading the page off the
screen) reaches "Success!", doing nothing fails, and near misses fail: a wrong product, a drawing missing one
colour, a maze walked short of the goal, and "Success!" left behind in another app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import browser
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.chrome import pages
from droidpilot.emulator.virtual.device import VirtualDevice


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def _start(env: TaskEnv, cls: type[Task], index: int = 0) -> Task:
    task = cls.create(instance_seed(30, cls.name(), index))
    task.initialize(env)
    return task


@pytest.mark.parametrize("cls", browser.TASKS, ids=lambda cls: cls.name())
def test_noop_fails_and_the_oracle_succeeds_within_budget(env: TaskEnv, cls: type[Task]) -> None:
    task = _start(env, cls)
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
    task = _start(env, browser.BrowserMultiply, 1)
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
    task = _start(env, browser.BrowserDraw, 1)
    ui = UIDriver(env.device)
    task.open_page(ui)
    canvas = ui.need(rid="canvas").bounds
    ui.swipe(canvas.left + 40, canvas.center[1], canvas.right - 40, canvas.center[1])  # the default black only
    ui.tap(text="Submit")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_success_must_be_on_chromes_screen(env: TaskEnv) -> None:
    task = _start(env, browser.BrowserMaze, 1)
    ui = UIDriver(env.device)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    ui.press("HOME")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)
