"""What the AndroidWorld family tests share: one phone per module with the suite's base snapshot saved, and a task
instance started on it the way the runner starts one (AndroidWorld's default suite seed, 30)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def start_task(env: TaskEnv, cls: type[Task], index: int = 0) -> Task:
    task = cls.create(instance_seed(30, cls.name(), index))
    task.initialize(env)
    return task
