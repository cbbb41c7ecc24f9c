"""AndroidWorld's families that transcribe a picture: ExpenseAddMultipleFromGallery,
RecipeAddMultipleRecipesFromImage and MarkorTranscribeReceipt.

The picture is a real image in Pictures with the data written on it (the Gallery seed API draws the text), so an
agent has to read it off the screen; the goal never spells the data out. Checks are the other families' row and
file checks; the oracles look at the picture in Gallery, then enter what they know it shows.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY
from droidpilot.benchmarks.suites.androidworld.expenses import ExpenseAddMultiple
from droidpilot.benchmarks.suites.androidworld.notes import (
    Note,
    NotesParams,
    _note_names,
    _NotesTask,
    _state,
    _text,
    new_note,
)
from droidpilot.benchmarks.suites.androidworld.recipes import RecipeAddMultipleRecipes
from droidpilot.benchmarks.task import Params
from droidpilot.emulator.device import Key

GALLERY = "com.android.gallery3d"
CHAR_PX = 15


def add_picture(env: TaskEnv, name: str, text: str) -> None:
    lines = text.splitlines() or [""]
    width = max(640, CHAR_PX * max(len(line) for line in lines) + 48)
    env.seed(GALLERY, "add_image", device_path=f"/sdcard/Pictures/{name}", width=width,
             height=max(480, 38 * len(lines) + 48), color="#FFFFFF", text=text)


def look_at(ui: UIDriver, name: str) -> None:
    """Open the picture in Gallery (what an agent reads it from), then go home."""
    ui.open_app("Gallery")
    ui.scroll_to(rid="thumbnail", desc=name)
    ui.tap(rid="thumbnail", desc=name)
    ui.press(Key.HOME)


class ExpenseAddMultipleFromGallery(ExpenseAddMultiple):
    template: ClassVar[str] = "Add the expenses from expenses.jpg in Gallery to Expenses."
    app_names: ClassVar[tuple[str, ...]] = (*ExpenseAddMultiple.app_names, GALLERY)
    tags: ClassVar[tuple[str, ...]] = ("expense", "gallery", "multi_app", "transcription", "parameterized")

    @property
    def goal(self) -> str:
        return self.template

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        add_picture(env, "expenses.jpg", "\n".join(e.listing() for e in self.params.new))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        look_at(ui, "expenses.jpg")
        return super().solve(ui, env)


class RecipeAddMultipleRecipesFromImage(RecipeAddMultipleRecipes):
    template: ClassVar[str] = "Add the recipes from recipes.jpg in Gallery to the Recipes app."
    app_names: ClassVar[tuple[str, ...]] = (*RecipeAddMultipleRecipes.app_names, GALLERY)
    tags: ClassVar[tuple[str, ...]] = ("recipes", "gallery", "multi_app", "transcription", "parameterized")

    @property
    def goal(self) -> str:
        return self.template

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        add_picture(env, "recipes.jpg", "\n\n".join(r.listing() for r in self.params.new))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        look_at(ui, "recipes.jpg")
        return super().solve(ui, env)


ITEMS = (("Coffee", 450), ("Bagel", 325), ("Notebook", 799), ("Batteries", 1249), ("Sandwich", 895),
         ("Orange juice", 399), ("Umbrella", 1500), ("Phone charger", 1999), ("Shampoo", 649), ("Apples", 380))
HEADER = "Date, Item, Amount"


def csv_rows(text: str) -> list[str]:
    """The non-empty lines, each with case and the spacing around commas normalised."""
    return [", ".join(part.strip().casefold() for part in line.split(",")) for line in text.splitlines()
            if line.strip()]


class MarkorTranscribeReceipt(_NotesTask):
    template: ClassVar[str] = ("Create a file in Notes, called receipt.md with the transactions from the receipt.png. "
                               "Use Gallery to view the receipt. Please enter transactions in csv format including the "
                               'header "Date, Item, Amount".')
    app_names: ClassVar[tuple[str, ...]] = (*_NotesTask.app_names, GALLERY)
    tags: ClassVar[tuple[str, ...]] = ("notes", "gallery", "multi_app", "transcription", "parameterized")
    category: ClassVar[str] = "data_entry"

    @property
    def goal(self) -> str:
        return self.template

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        lines = [HEADER] + [f"{TODAY - timedelta(days=rng.randint(0, 9)):%Y-%m-%d}, {item}, {cents / 100:.2f}"
                            for item, cents in rng.sample(ITEMS, rng.randint(3, 5))]
        others = _note_names(rng, rng.randint(1, 3), ("receipt.md",))
        return NotesParams(seed=seed, notes=tuple(Note(path=n, text=_text(rng)) for n in others), name="receipt.md",
                           text="\n".join(lines))

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        add_picture(env, "receipt.png", self.params.text)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        files, folders = _state(env)
        others = {p: t for p, t in files.items() if p != self.params.name}
        unchanged = others == self.before["files"] and folders == self.before["folders"]
        written = files.get(self.params.name)
        return 1.0 if unchanged and written is not None and csv_rows(written) == csv_rows(self.params.text) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        look_at(ui, "receipt.png")
        ui.open_app("Notes")
        new_note(ui, re.sub(r"\.md$", "", self.params.name), self.params.text)
        return None


TASKS = (ExpenseAddMultipleFromGallery, RecipeAddMultipleRecipesFromImage, MarkorTranscribeReceipt)
