"""AndroidWorld's recipe families with noise: RecipeDeleteSingleWithRecipeWithNoise,
RecipeDeleteMultipleRecipesWithNoise, RecipeDeleteDuplicateRecipes2 and RecipeDeleteDuplicateRecipes3.

AndroidWorld seeds 10 to 30 noise rows; so do these, drawn from the recipe pool with other descriptions and
servings (the pool has fewer titles than that, so noise repeats titles, never a target's). The list then needs
scrolling, which is the point of these variants.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.suites.androidworld.recipes import (
    DESCRIPTIONS,
    POOL,
    Recipe,
    RecipeDeleteDuplicateRecipes,
    RecipeDeleteMultipleRecipes,
    RecipeParams,
    _recipes,
)
from droidpilot.benchmarks.task import Params


def _noise(rng: random.Random, n: int, avoid: set[str]) -> list[Recipe]:
    """`n` distinct recipes (no two exact duplicates), none titled as one in `avoid`."""
    pool = [row for row in POOL if row[0] not in avoid]
    rows: list[Recipe] = []
    while len(rows) < n:
        t, s, p, i, d = rng.choice(pool)
        row = Recipe(title=t, servings=str(int(s) + rng.randint(0, 4)), prep=p, ingredients=i, directions=d,
                     description=rng.choice(DESCRIPTIONS))
        if row not in rows:
            rows.append(row)
    return rows


def _with_noise(rng: random.Random, seed: int, targets: int, noise: int) -> RecipeParams:
    chosen = _recipes(rng, targets)
    rows = [*chosen, *_noise(rng, noise, {r.title for r in chosen})]
    rng.shuffle(rows)
    return RecipeParams(seed=seed, rows=tuple(rows), targets=tuple(rows.index(r) for r in chosen))


class RecipeDeleteSingleWithRecipeWithNoise(RecipeDeleteMultipleRecipes):
    template: ClassVar[str] = "In Recipes, delete the following recipes: {titles}."

    @property
    def goal(self) -> str:
        return self.template.format(titles=", ".join(r.title for r in self.targets()))

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return _with_noise(rng, seed, 1, rng.randint(20, 29))


class RecipeDeleteMultipleRecipesWithNoise(RecipeDeleteMultipleRecipes):
    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return _with_noise(rng, seed, 3, rng.randint(20, 29))


class RecipeDeleteDuplicateRecipes2(RecipeDeleteDuplicateRecipes):
    NOISE: ClassVar[tuple[int, int]] = (10, 10)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        dup = _recipes(rng, 1)[0]
        rows = _noise(rng, rng.randint(*cls.NOISE), {dup.title})
        at_ = sorted(rng.sample(range(len(rows) + 2), 2))
        for i in at_:
            rows.insert(i, dup)
        return RecipeParams(seed=seed, rows=tuple(rows), targets=tuple(at_))


class RecipeDeleteDuplicateRecipes3(RecipeDeleteDuplicateRecipes2):
    NOISE: ClassVar[tuple[int, int]] = (25, 30)


TASKS = (RecipeDeleteSingleWithRecipeWithNoise, RecipeDeleteMultipleRecipesWithNoise, RecipeDeleteDuplicateRecipes2,
         RecipeDeleteDuplicateRecipes3)
