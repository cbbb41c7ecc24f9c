"""`python3 -m droidpilot.benchmarks.suites.uinexus.steps`: every UI-NEXUS template's optimal step count (the
harness-counted actions of its GUI oracle on instance 0 at the default suite seed, on a benchmark phone), the
mean per category and overall. UI-NEXUS reports 14.05 steps on average (research/benchmarks.md section 2).
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import RecordingDevice
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.task import BASE_SNAPSHOT, DEFAULT_SEED, Task, instance_seed
from droidpilot.errors import TaskError


class OracleFailed(TaskError, RuntimeError):
    """A template's oracle did not reach its goal, so it gives no optimal step count."""


def oracle_steps(env: TaskEnv, cls: type[Task], index: int = 0) -> int:
    """The actions the oracle of instance `index` takes (counted by the harness), on a phone holding the base
    snapshot; raises when the oracle does not succeed."""
    task = cls.create(instance_seed(DEFAULT_SEED, cls.name(), index))
    task.initialize(env)
    device = RecordingDevice(env.device, None)
    try:
        task.solve(UIDriver(device), env)
        if task.is_successful(env, None) != 1.0:
            raise OracleFailed(f"the oracle of {cls.name()} does not reach its goal")
    finally:
        task.teardown(env)
    return device.steps


def main() -> None:
    from droidpilot.benchmarks.executors import virtual_device  # a phone only when run, not when the suite loads

    device = virtual_device(0)
    env = TaskEnv(device)
    try:
        env.save_snapshot(BASE_SNAPSHOT)
        by_category: dict[str, list[int]] = defaultdict(list)
        for cls in suite_tasks("uinexus"):
            steps = oracle_steps(env, cls)
            by_category[cls.category].append(steps)
            print(f"{cls.name():<36} {cls.category:<22} {steps:>3}")
    finally:
        device.close()
    every = [n for counts in by_category.values() for n in counts]
    for category, counts in sorted(by_category.items()):
        print(f"{category}: {len(counts)} templates, mean optimal steps {statistics.mean(counts):.2f}")
    print(f"all: {len(every)} templates, mean optimal steps {statistics.mean(every):.2f}")


if __name__ == "__main__":
    main()
