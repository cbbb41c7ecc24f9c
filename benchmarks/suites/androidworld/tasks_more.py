"""AndroidWorld's TasksHighPriorityTasksDueOnDate on Tasks: high priority and due that day, both."""

from __future__ import annotations

import random
from datetime import date
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import day_text
from droidpilot.benchmarks.suites.androidworld.tasks import (
    SOON,
    TasksParams,
    _header,
    _listing,
    _noise,
    _open_filter,
    _TasksQuestion,
    _titles,
    _todo,
)
from droidpilot.benchmarks.task import Params


class TasksHighPriorityTasksDueOnDate(_TasksQuestion):
    template: ClassVar[str] = ("Which tasks with high priority are due {date_text} in the Tasks app? Answer with the "
                               "title only. If there are multiple titles, format your answer as a comma separated "
                               "list.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = rng.choice(SOON[:14])
        mine, others = _titles(rng, rng.randint(1, 3), (5, 8))
        same_day, high_elsewhere, rest = others[:2], others[2:4], others[4:]
        elsewhere: list[date | None] = [d for d in SOON if d != day] + [None]
        todos = [*(_todo(rng, t, [day], [1]) for t in mine),
                 *(_todo(rng, t, [day], [2, 3, None]) for t in same_day),  # due that day, not high priority
                 *(_todo(rng, t, elsewhere, [1]) for t in high_elsewhere),  # high priority, another day
                 *_noise(rng, rest, elsewhere)]
        return TasksParams(seed=seed, todos=tuple(todos), targets=tuple(mine), date_text=day_text(day))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        day = next(t.due for t in self.params.todos if t.title == self.params.targets[0])
        assert day is not None
        _open_filter(ui, "High priority")
        return ", ".join(title for header, title in _listing(ui) if header == _header(day))


TASKS = (TasksHighPriorityTasksDueOnDate,)
