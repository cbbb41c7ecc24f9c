"""AndroidWorld's families that carry data from a Markor note into another app, and one with a constraint:
ExpenseAddMultipleFromMarkor, RecipeAddMultipleRecipesFromMarkor, RecipeAddMultipleRecipesFromMarkor2 and
RecipeDeleteMultipleRecipesWithConstraint.

The note is seeded in Notes and must stay as it was; the rows are checked with AndroidWorld's addition and removal
integrity (exactly the asked rows added or removed, nothing else touched). The oracles read the note on screen.
"""

from __future__ import annotations

import random
import re
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY
from droidpilot.benchmarks.suites.androidworld.expenses import (
    Expense,
    ExpenseAddMultiple,
    ExpenseParams,
    _add,
    _expenses,
)
from droidpilot.benchmarks.suites.androidworld.notes import NOTES, ROOT
from droidpilot.benchmarks.suites.androidworld.recipes import (
    POOL,
    Recipe,
    RecipeAddMultipleRecipes,
    RecipeDeleteMultipleRecipes,
    RecipeParams,
    _recipes,
)
from droidpilot.benchmarks.task import Params
from droidpilot.emulator.device import Key

EDITOR = {"rid": "document__fragment__edit__highlighting_editor"}
EXPENSE_NOTE, RECIPE_NOTE = "my_expenses.txt", "recipes.txt"


def seed_note(env: TaskEnv, name: str, text: str) -> str:
    env.seed(NOTES, "clear")
    env.seed(NOTES, "write_note", rel=name, content=text)
    return text


def note_unchanged(env: TaskEnv, name: str, text: str) -> bool:
    return (env.read_file(f"{ROOT}/{name}") or b"").decode(errors="replace") == text


def read_note(ui: UIDriver, name: str) -> str:
    """The note's text as its editor shows it, then back out of Notes."""
    ui.open_app("Notes")
    ui.tap(rid="ui__filesystem_item__title", text=name)
    text = ui.need(**EDITOR).text
    ui.press(Key.HOME)
    return text


# -- expenses -------------------------------------------------------------------------------------------------
class NoteExpenseParams(ExpenseParams):
    others: tuple[Expense, ...] = ()
    """Transactions in the note that are not reimbursable."""


def _transaction(e: Expense, reimbursable: bool) -> str:
    return f"{e.listing()}, reimbursable: {'yes' if reimbursable else 'no'}"


class ExpenseAddMultipleFromMarkor(ExpenseAddMultiple):
    template: ClassVar[str] = ("Go through the transactions in my_expenses.txt in Notes. Log the reimbursable "
                               "transactions in Expenses.")
    params_model: ClassVar[type[Params]] = NoteExpenseParams
    app_names: ClassVar[tuple[str, ...]] = (*ExpenseAddMultiple.app_names, NOTES)
    tags: ClassVar[tuple[str, ...]] = ("expense", "notes", "multi_app", "transcription", "parameterized")

    @property
    def goal(self) -> str:
        return self.template

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        n, others = rng.randint(2, 3), rng.randint(1, 3)
        made = _expenses(rng, n + others + rng.randint(3, 5))
        new = tuple(e.model_copy(update={"day": TODAY}) for e in made[:n])
        return NoteExpenseParams(seed=seed, rows=tuple(made[n + others:]), new=new, others=tuple(made[n:n + others]))

    def note(self) -> str:
        assert isinstance(self.params, NoteExpenseParams)
        lines = [(e, True) for e in self.params.new] + [(e, False) for e in self.params.others]
        random.Random(self.params.seed).shuffle(lines)
        return "\n".join(_transaction(e, ok) for e, ok in lines)

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        seed_note(env, EXPENSE_NOTE, self.note())

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return super().is_successful(env, answer) if note_unchanged(env, EXPENSE_NOTE, self.note()) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        rows = [line for line in read_note(ui, EXPENSE_NOTE).splitlines() if line.endswith("reimbursable: yes")]
        ui.open_app("Expenses")
        for line in rows:
            _add(ui, _parse_expense(line))
        return None


def _parse_expense(line: str) -> Expense:
    fields = dict(part.split(": ", 1) for part in line.split(", ") if ": " in part)
    cents = round(float(fields["amount"].lstrip("$").replace(",", "")) * 100)
    return Expense(name=fields["name"], cents=cents, category=fields["category"], note=fields["note"], day=TODAY)


# -- recipes --------------------------------------------------------------------------------------------------
class NoteRecipeParams(RecipeParams):
    others: tuple[Recipe, ...] = ()
    """Recipes in the note that the task does not ask for."""
    prep_time: str = ""
    ingredient: str = ""


def _parse_recipes(text: str) -> list[Recipe]:
    recipes = []
    for block in re.split(r"\n\s*\n", text.strip()):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        recipes.append(Recipe(title=fields["Title"], servings=fields["Servings"], prep=fields["Preparation time"],
                              ingredients=fields["Ingredients"], directions=fields["Directions"]))
    return recipes


class RecipeAddMultipleRecipesFromMarkor(RecipeAddMultipleRecipes):
    template: ClassVar[str] = "Add the recipes from recipes.txt in Notes to the Recipes app."
    params_model: ClassVar[type[Params]] = NoteRecipeParams
    app_names: ClassVar[tuple[str, ...]] = (*RecipeAddMultipleRecipes.app_names, NOTES)
    tags: ClassVar[tuple[str, ...]] = ("recipes", "notes", "multi_app", "transcription", "parameterized")

    @property
    def goal(self) -> str:
        assert isinstance(self.params, NoteRecipeParams)
        return self.template.format(prep_time=self.params.prep_time)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        n = rng.randint(2, 3)
        made = _recipes(rng, n + rng.randint(2, 4))
        new = tuple(r.model_copy(update={"description": ""}) for r in made[:n])
        return NoteRecipeParams(seed=seed, rows=tuple(made[n:]), new=new)

    def note(self) -> str:
        assert isinstance(self.params, NoteRecipeParams)
        listed = [*self.params.new, *self.params.others]
        random.Random(self.params.seed).shuffle(listed)
        return "\n\n".join(r.listing() for r in listed)

    def wanted(self, recipes: list[Recipe]) -> list[Recipe]:
        return recipes

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        seed_note(env, RECIPE_NOTE, self.note())

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return super().is_successful(env, answer) if note_unchanged(env, RECIPE_NOTE, self.note()) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        recipes = self.wanted(_parse_recipes(read_note(ui, RECIPE_NOTE)))
        wanted = type(self)(self.params.model_copy(update={"new": tuple(recipes)}))
        return RecipeAddMultipleRecipes.solve(wanted, ui, env)


class RecipeAddMultipleRecipesFromMarkor2(RecipeAddMultipleRecipesFromMarkor):
    template: ClassVar[str] = ("Add the recipes from recipes.txt in Notes that take {prep_time} to prepare into the "
                               "Recipes app.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        for _ in range(50):  # a preparation time shared by some of the note's recipes, not all
            made = _recipes(rng, rng.randint(5, 7))
            prep = rng.choice(made).prep
            new = [r.model_copy(update={"description": ""}) for r in made[:4] if r.prep == prep]
            others = [r.model_copy(update={"description": ""}) for r in made[:4] if r.prep != prep]
            if new and others:
                return NoteRecipeParams(seed=seed, rows=tuple(made[4:]), new=tuple(new), others=tuple(others),
                                        prep_time=prep)
        raise ValueError("no preparation time splits the recipes")

    def wanted(self, recipes: list[Recipe]) -> list[Recipe]:
        assert isinstance(self.params, NoteRecipeParams)
        return [r for r in recipes if r.prep == self.params.prep_time]


class RecipeDeleteMultipleRecipesWithConstraint(RecipeDeleteMultipleRecipes):
    template: ClassVar[str] = "Delete the recipes from Recipes that use {ingredient} in the directions."
    params_model: ClassVar[type[Params]] = NoteRecipeParams

    @property
    def goal(self) -> str:
        assert isinstance(self.params, NoteRecipeParams)
        return self.template.format(ingredient=self.params.ingredient)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        words = sorted({w.strip() for _, _, _, ingredients, _ in POOL for w in ingredients.split(",")})
        for _ in range(200):
            rows = _recipes(rng, rng.randint(5, 8))
            word = rng.choice(words)
            hits = tuple(i for i, r in enumerate(rows) if re.search(rf"\b{re.escape(word)}\b", r.directions, re.I))
            if 2 <= len(hits) < len(rows):
                return NoteRecipeParams(seed=seed, rows=tuple(rows), targets=hits, ingredient=word)
        raise ValueError("no ingredient picks two or more recipes")


TASKS = (ExpenseAddMultipleFromMarkor, RecipeAddMultipleRecipesFromMarkor, RecipeAddMultipleRecipesFromMarkor2,
         RecipeDeleteMultipleRecipesWithConstraint)
