"""Joplin questions (AndroidWorld's Notes* information-retrieval families): is a note a to-do, how many attended a
meeting, how much of an ingredient a recipe needs, how many to-dos a notebook holds.

Each task clears Joplin and seeds the notes the question is about among 100 noise notes spread over twelve
notebooks (30% of them in the question's notebook, about half of them to-dos), as AndroidWorld's set-up does.
AndroidWorld's exclusion conditions are kept, so no noise note could also answer the question: no other note has
the asked title (or, for meetings and recipes, a title containing it) and no noise to-do sits in the notebook
whose to-dos are counted. One change from AndroidWorld: NotesTodoItemCount seeds two to four to-dos where
AndroidWorld always seeds three, which a constant answer would pass.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import Row, inside, number_matches
from droidpilot.benchmarks.suites.androidworld.joplin_data import (
    FOLDERS,
    INGREDIENTS,
    MEETING_BODIES,
    MEETING_TITLES,
    NOISE,
    QUANTITIES,
    RECIPE_BODIES,
    RECIPE_TITLES,
    SHORT_BODIES,
    TODO_FOLDERS,
    TODO_TITLES,
    TOPIC_TITLES,
)
from droidpilot.benchmarks.task import AnswerType, Params, Question, Task
from droidpilot.emulator.device import UIElement

JOPLIN = "net.cozic.joplin"
DATABASE = "joplin.sqlite"
NOISE_NOTES = 100


class JoplinNote(BaseModel):
    model_config = ConfigDict(frozen=True)

    folder: str
    title: str
    body: str = ""
    is_todo: bool = False
    todo_completed: bool = False


class JoplinParams(Params):
    notes: tuple[JoplinNote, ...] = ()
    """Every note seeded, the asked ones included."""
    title: str = ""
    folder: str = ""
    ingredient: str = ""
    answer: str = ""
    """The answer as seeded (the count, True/False, the quantity)."""


def _noise(rng: random.Random, relevant_folders: list[str], excluded: Callable[[JoplinNote], bool]) -> list[JoplinNote]:
    """AndroidWorld's random notes: 30% in a notebook the question is about, half of them to-dos (some done);
    a note the exclusion rule rejects is drawn again."""
    notes: list[JoplinNote] = []
    while len(notes) < NOISE_NOTES:
        folder = rng.choice(relevant_folders) if rng.random() < 0.3 else rng.choice(FOLDERS)
        title, body = rng.choice(NOISE[folder])
        todo = rng.random() < 0.5
        note = JoplinNote(folder=folder, title=title, body=body, is_todo=todo,
                          todo_completed=todo and rng.random() < 0.5)
        if not excluded(note):
            notes.append(note)
    return notes


def _shuffled(rng: random.Random, notes: list[JoplinNote]) -> tuple[JoplinNote, ...]:
    rng.shuffle(notes)
    return tuple(notes)


def seed_notes(env: TaskEnv, params: JoplinParams) -> None:
    """Clear Joplin and add the instance's notes."""
    env.seed(JOPLIN, "clear")
    env.seed(JOPLIN, "add_notes", notes=[n.model_dump() for n in params.notes])


def _rows(env: TaskEnv) -> list[Row]:
    return env.query(JOPLIN, DATABASE, "SELECT id, parent_id, title, body, is_todo, todo_completed, deleted_time "
                                       "FROM notes ORDER BY id")


# -- oracle steps ----------------------------------------------------------------------------------------------
def search(ui: UIDriver, title: str) -> UIElement:
    """Open Joplin, search for the title and return its row's title in the results."""
    ui.open_app("Joplin")
    ui.tap(desc="Search")
    ui.type(title)
    return ui.need(rid="note_title", text=title)


def open_note(ui: UIDriver, title: str) -> str:
    """The body of the note titled `title`, opened from a search."""
    ui.tap_at(*search(ui, title).bounds.center)
    return ui.need(rid="body").text


def todo_titles(ui: UIDriver) -> list[str]:
    """Titles of the to-dos in the list shown, scrolling until a screen adds none (they are listed first)."""
    seen: list[str] = []
    for _ in range(12):
        elements = ui.elements()
        rows = [e for e in elements if e.resource_id.endswith("/note_row")]
        todos = [t.text for r in rows if any(inside(r, b) for b in elements if b.resource_id.endswith("/todo_checkbox"))
                 for t in elements if t.resource_id.endswith("/note_title") and inside(r, t)]
        new = [t for t in todos if t not in seen]
        seen += new
        if not new or len(todos) < len(rows):  # a plain note is showing: the to-dos are over
            break
        ui.swipe(540, 1700, 540, 800)
    return seen


class _JoplinQuestion(Question):
    app_names: ClassVar[tuple[str, ...]] = (JOPLIN,)
    tags: ClassVar[tuple[str, ...]] = ("joplin", "information_retrieval", "parameterized")
    category: ClassVar[str] = "information_retrieval"
    answer_type: ClassVar[AnswerType | None] = "string"
    params: JoplinParams

    def setup(self, env: TaskEnv) -> None:
        seed_notes(env, self.params)

    def expected_answer(self, env: TaskEnv) -> str | None:
        return self.params.answer

    def asked_state(self, env: TaskEnv) -> Any:
        return _rows(env)


class NotesIsTodo(_JoplinQuestion):
    template: ClassVar[str] = ("Is the note titled '{title}' in the Joplin app marked as a todo item? Respond with "
                               "either 'True' if it is a todo or 'False' if not.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, folder, todo = rng.choice(TOPIC_TITLES), rng.choice(TODO_FOLDERS), rng.choice((True, False))
        mine = JoplinNote(folder=folder, title=title, body=rng.choice(SHORT_BODIES), is_todo=todo)
        noise = _noise(rng, [folder], lambda n: n.title == title)
        return JoplinParams(seed=seed, notes=_shuffled(rng, [mine, *noise]), title=title, folder=folder,
                            answer=str(todo))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        title = search(ui, self.params.title)
        row = next(e for e in ui.elements() if e.resource_id.endswith("/note_row") and inside(e, title))
        return str(any(e.resource_id.endswith("/todo_checkbox") and inside(row, e) for e in ui.elements()))


class NotesMeetingAttendeeCount(_JoplinQuestion):
    template: ClassVar[str] = ("How many attendees were present in the meeting titled '{title}' in the Joplin app? "
                               "Express your answer as just a single number.")
    answer_type: ClassVar[AnswerType | None] = "number"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, count = rng.choice(MEETING_TITLES), rng.randrange(5, 101, 5)
        mine = JoplinNote(folder="Meeting Notes", title=title, body=rng.choice(MEETING_BODIES).format(count=count))
        noise = _noise(rng, ["Meeting Notes"], lambda n: title.lower() in n.title.lower())
        return JoplinParams(seed=seed, notes=_shuffled(rng, [mine, *noise]), title=title, folder="Meeting Notes",
                            answer=str(count))

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return number_matches(answer, truth)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        body = open_note(ui, self.params.title)
        [count] = re.findall(r"\d+", body)
        return count


class NotesRecipeIngredientCount(_JoplinQuestion):
    template: ClassVar[str] = ("What quantity of {ingredient} do I need for the recipe '{title}' in the Joplin "
                               "app? Express your answer in the format <amount> <unit> where both the amount and "
                               "unit exactly match the format in the recipe.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, quantity, ingredient = rng.choice(RECIPE_TITLES), rng.choice(QUANTITIES), rng.choice(INGREDIENTS)
        body = rng.choice(RECIPE_BODIES).format(item=f"{quantity} {ingredient}")
        mine = JoplinNote(folder="Recipes", title=title, body=body)
        noise = _noise(rng, ["Recipes"], lambda n: title.lower() in n.title.lower())
        return JoplinParams(seed=seed, notes=_shuffled(rng, [mine, *noise]), title=title, folder="Recipes",
                            ingredient=ingredient, answer=quantity)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        body = open_note(ui, self.params.title)
        line = next(x for x in body.splitlines() if x.endswith(f" {self.params.ingredient}"))
        return line.removeprefix("- ").removesuffix(f" {self.params.ingredient}")


class NotesTodoItemCount(_JoplinQuestion):
    template: ClassVar[str] = ("How many to-dos do I have in the '{folder}' folder in the Joplin app? Express "
                               "your answer as just a single number.")
    answer_type: ClassVar[AnswerType | None] = "number"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        folder, count = rng.choice(TODO_FOLDERS), rng.randint(2, 4)
        mine = [JoplinNote(folder=folder, title=t, body=rng.choice(SHORT_BODIES), is_todo=True)
                for t in rng.sample(TODO_TITLES, count)]
        noise = _noise(rng, [folder], lambda n: n.is_todo and n.folder == folder)
        return JoplinParams(seed=seed, notes=_shuffled(rng, [*mine, *noise]), folder=folder, answer=str(count))

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return number_matches(answer, truth)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Joplin")
        ui.tap(desc="Open side menu")
        ui.tap(rid="folder_title", text=self.params.folder)
        return str(len(todo_titles(ui)))


class DeleteAskedNote(Task):
    """Not an AndroidWorld family (not in TASKS): delete a note a question asks about (the titled one, else a
    to-do of the asked notebook), through the GUI. The answer-from-mutated-state probe runs it on a question's
    parameters before answering."""

    template: ClassVar[str] = "Delete the note '{title}' in the Joplin app."
    app_names: ClassVar[tuple[str, ...]] = (JOPLIN,)
    params: JoplinParams

    @property
    def target(self) -> str:
        if self.params.title:
            return self.params.title
        return next(n.title for n in self.params.notes if n.is_todo and n.folder == self.params.folder)

    @property
    def goal(self) -> str:
        return self.template.format(title=self.target)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return NotesIsTodo.generate_params(rng, seed)

    def setup(self, env: TaskEnv) -> None:
        seed_notes(env, self.params)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        live = [r["title"] for r in _rows(env) if not r["deleted_time"]]
        return 1.0 if len(live) == len(self.params.notes) - 1 and self.target not in live else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.tap_at(*search(ui, self.target).bounds.center)
        ui.tap(desc="More options")
        ui.tap(text="Delete")
        ui.tap(text="Delete")
        return None


TASKS = (NotesIsTodo, NotesMeetingAttendeeCount, NotesRecipeIngredientCount, NotesTodoItemCount)
