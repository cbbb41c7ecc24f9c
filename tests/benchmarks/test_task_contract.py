from __future__ import annotations

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.task import BASE_SNAPSHOT, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice


def test_instance_seeds_follow_androidworld() -> None:
    assert instance_seed(30, "SystemWifiTurnOff", 0) == instance_seed(30, "SystemWifiTurnOff", 0)
    assert instance_seed(30, "SystemWifiTurnOff", 0) != instance_seed(30, "SystemWifiTurnOff", 1)


def test_oracle_solves_and_noop_fails_the_example_task(phone: VirtualPhone) -> None:
    env = TaskEnv(VirtualDevice(phone))
    env.save_snapshot(BASE_SNAPSHOT)
    [cls] = [t for t in suite_tasks("androidworld") if t.name() == "SystemWifiTurnOff"]
    task = cls.create(instance_seed(30, cls.name(), 0))
    task.initialize(env)
    assert task.is_successful(env, None) == 0.0  # a no-op agent fails
    ui = UIDriver(env.device)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert ui.steps == 4
    task.teardown(env)
    assert env.setting("global", "wifi_on") == "1"
