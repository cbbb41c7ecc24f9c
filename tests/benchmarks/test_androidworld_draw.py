"""SimpleDrawProCreateDrawing on the virtual phone: the oracle saves the named file in Pictures, doing nothing
fails, and the near misses a real agent makes (the extension typed into the name, the wrong folder) fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.simple_draw_pro import PICTURES, SimpleDrawProCreateDrawing
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def _start(env: TaskEnv, index: int = 0) -> Task:
    task = SimpleDrawProCreateDrawing.create(instance_seed(30, SimpleDrawProCreateDrawing.name(), index))
    task.initialize(env)
    return task


def test_noop_fails_and_the_oracle_succeeds_within_budget(env: TaskEnv) -> None:
    task = _start(env)
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(env.device)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert ui.steps <= task.step_budget == 18
    assert task.difficulty == "easy"
    task.teardown(env)


def test_parameters_follow_androidworld() -> None:
    names = {SimpleDrawProCreateDrawing.create(instance_seed(30, "SimpleDrawProCreateDrawing", i)).params
             .model_dump()["file_name"] for i in range(12)}
    assert len(names) == 12
    assert {name.rpartition(".")[2] for name in names} == {"png", "svg", "jpg"}
    assert all(name.split("_")[0] in ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
                                      "elit") for name in names)


def test_the_extension_typed_into_the_name_fails(env: TaskEnv) -> None:
    task = _start(env, 1)
    file_name = task.params.model_dump()["file_name"]
    ui = UIDriver(env.device)
    ui.open_app("Simple Draw Pro")
    ui.tap(desc="Save")
    ui.tap(rid="save_image_path")
    ui.tap(text="Pictures")
    ui.tap(text="OK")
    ui.long_press(rid="save_image_filename")
    ui.type(file_name)
    ui.tap(text=file_name.rpartition(".")[2].upper())
    ui.tap(text="OK")
    assert f"{file_name}.{file_name.rpartition('.')[2]}" in env.list_dir(PICTURES)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_saving_in_another_folder_fails(env: TaskEnv) -> None:
    task = _start(env, 2)
    stem, _, extension = task.params.model_dump()["file_name"].rpartition(".")
    ui = UIDriver(env.device)
    ui.open_app("Simple Draw Pro")
    ui.tap(desc="Save")
    ui.long_press(rid="save_image_filename")
    ui.type(stem)
    ui.tap(text=extension.upper())
    ui.tap(text="OK")
    assert f"{stem}.{extension}" in env.list_dir("/storage/emulated/0")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)
