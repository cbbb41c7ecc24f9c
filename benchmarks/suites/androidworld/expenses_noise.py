"""AndroidWorld's expense families with noise: ExpenseDeleteMultiple2 and ExpenseDeleteDuplicates2, the same goals
as ExpenseDeleteMultiple and ExpenseDeleteDuplicates over a long list that needs scrolling (AndroidWorld seeds
dozens of noise rows; these seed 18 to 30)."""

from __future__ import annotations

import random

from droidpilot.benchmarks.suites.androidworld.expenses import (
    ExpenseDeleteDuplicates,
    ExpenseDeleteMultiple,
    ExpenseParams,
    _expenses,
)
from droidpilot.benchmarks.task import Params


class ExpenseDeleteMultiple2(ExpenseDeleteMultiple):
    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        rows = _expenses(rng, rng.randint(22, 30))
        return ExpenseParams(seed=seed, rows=tuple(rows), targets=tuple(rng.sample(range(len(rows)), 3)))


class ExpenseDeleteDuplicates2(ExpenseDeleteDuplicates):
    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        dup, *rows = _expenses(rng, rng.randint(18, 24))
        near = dup.model_copy(update={"cents": dup.cents + rng.randint(1, 9) * 100})  # same name: must stay
        rows[rng.randrange(len(rows))] = near
        at_ = rng.sample(range(len(rows) + 2), 2)
        for i in sorted(at_):
            rows.insert(i, dup)
        return ExpenseParams(seed=seed, rows=tuple(rows), targets=tuple(sorted(at_)))


TASKS = (ExpenseDeleteMultiple2, ExpenseDeleteDuplicates2)
