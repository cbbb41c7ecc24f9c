"""Notes tasks (AndroidWorld's Markor* families): create, edit, delete, move and merge notes, create folders.

Notes are plain files under /sdcard/Documents/Notes, so every check reads the files: the whole tree must be
what the task expects (the changed notes' text compared after trailing whitespace is normalised; every other
note and folder exactly as seeded).
"""

from __future__ import annotations

import random
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import note_text
from droidpilot.benchmarks.task import Params, Task

NOTES = "net.droidpilot.notes"
ROOT = "/sdcard/Documents/Notes"
NAMES = ("meeting_notes", "grocery_ideas", "travel_plans", "book_ideas", "workout_log", "recipe_ideas",
         "project_todo", "birthday_gifts", "garden_plan", "budget_2026", "weekly_goals", "conference_notes",
         "journal", "podcast_notes", "movie_watchlist", "home_repairs", "interview_prep", "study_notes")
SENTENCES = ("Call the plumber about the kitchen sink.", "Remember to bring the laptop charger.",
             "The quarterly report is due on Friday.", "Try the new ramen place downtown.",
             "Book the train tickets before prices go up.", "Ask Sarah about the design review.",
             "Finish chapter three of the novel.", "Water the tomatoes every morning.",
             "Renew the passport before March.", "Back up the photos to the external drive.",
             "Send the invoice to the client by Monday.", "Practice the presentation twice.",
             "Compare prices for a new bike helmet.", "Schedule the car for its annual service.",
             "Look into evening pottery classes.", "Cancel the unused magazine subscription.",
             "Pick up the dry cleaning on Saturday.", "Write a thank-you card for Grandma.")
FOLDERS = ("Work", "Personal", "Archive", "Recipes", "Travel", "Projects", "Finance", "School")
LISTS = {"shopping_list.md": ("Milk", "Eggs", "Bread", "Apples", "Coffee", "Rice", "Olive oil", "Cheese",
                              "Tomatoes", "Pasta"),
         "packing_list.md": ("Passport", "Phone charger", "Sunscreen", "Toothbrush", "Swimsuit", "Sunglasses",
                             "Headphones", "Rain jacket"),
         "reading_list.md": ("Dune", "The Hobbit", "Project Hail Mary", "Educated", "Atomic Habits",
                             "The Overstory", "Circe", "Sapiens")}
MERGED = ("merged_notes.md", "all_notes.md", "summary.md", "combined.md", "weekly_summary.md")


class Note(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    """Relative to the notes folder."""
    text: str


class NotesParams(Params):
    notes: tuple[Note, ...] = ()
    folders: tuple[str, ...] = ()
    name: str = ""
    """The note the task is about (a root note's file name)."""
    folder: str = ""
    text: str = ""
    mode: str = ""
    sources: tuple[str, ...] = ()


EDITOR = "document__fragment__edit__highlighting_editor"


def _text(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(1, 2)))


def _note_names(rng: random.Random, n: int, taken: tuple[str, ...] = ()) -> list[str]:
    stems = [s for s in NAMES if not any(t.startswith(s + ".") for t in taken)]
    return [f"{stem}{rng.choice(('.md', '.md', '.txt'))}" for stem in rng.sample(stems, n)]


def _seeded(rng: random.Random, names: list[str], folders: list[str]) -> list[Note]:
    """Root notes named `names`, plus a note or two in some of the folders (noise that must stay)."""
    notes = [Note(path=n, text=_text(rng)) for n in names]
    for folder in folders:
        if rng.random() < 0.6:
            notes.append(Note(path=f"{folder}/{_note_names(rng, 1, tuple(names))[0]}", text=_text(rng)))
    return notes


def _state(env: TaskEnv) -> tuple[dict[str, str], set[str]]:
    """Every note's text by relative path, and every folder's relative path."""
    def rel(lines: str) -> list[str]:
        return [line.removeprefix(ROOT + "/") for line in lines.splitlines() if line.startswith(ROOT + "/")]

    files = {path: (env.read_file(f"{ROOT}/{path}") or b"").decode(errors="replace")
             for path in rel(env.shell(f"find {ROOT} -type f"))}
    return files, set(rel(env.shell(f"find {ROOT} -type d")))


class _NotesTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (NOTES,)
    tags: ClassVar[tuple[str, ...]] = ("notes", "parameterized")
    category: ClassVar[str] = "data_edit"
    params: NotesParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(NOTES, "clear")
        for folder in self.params.folders:
            env.seed(NOTES, "make_folder", rel=folder)
        for note in self.params.notes:
            env.seed(NOTES, "write_note", rel=note.path, content=note.text)
        self.before["files"], self.before["folders"] = _state(env)

    def seeded(self, path: str) -> str:
        return next(n.text for n in self.params.notes if n.path == path)

    def tree_is(self, env: TaskEnv, changed: dict[str, str | None], new_folders: tuple[str, ...] = ()) -> float:
        """1.0 when the tree is the seeded one with `changed` applied (None deletes a note)."""
        want = {**self.before["files"], **changed}
        want = {path: text for path, text in want.items() if text is not None}
        files, folders = _state(env)
        ok = (folders == self.before["folders"] | set(new_folders) and files.keys() == want.keys()
              and all(note_text(files[p]) == note_text(want[p]) for p in want))
        return 1.0 if ok else 0.0


def _open_notes(ui: UIDriver) -> None:
    ui.open_app("Notes")


def new_note(ui: UIDriver, name: str, text: str | None = None) -> None:
    """From the note list: Create new > Note, named `name`; then `text` typed into the editor, if given."""
    ui.tap(desc="Create new")
    ui.tap(rid="create_new_note")
    ui.type_into(name, rid="new_file_dialog__name")
    ui.tap(rid="button1")
    if text is not None:
        ui.type_into(text, rid=EDITOR)


def _select(ui: UIDriver, *names: str) -> None:
    """Selection mode with `names` picked in that order."""
    ui.long_press(**_row(ui, names[0]))
    for name in names[1:]:
        ui.tap(**_row(ui, name))


def _row(ui: UIDriver, name: str) -> dict[str, str]:
    ui.scroll_to(rid="ui__filesystem_item__title", text=name)
    return {"rid": "ui__filesystem_item__title", "text": name}


class MarkorCreateNote(_NotesTask):
    template: ClassVar[str] = "In Notes, create a new note named {name} with the following text: {text}"
    complexity: ClassVar[float] = 2.0
    category: ClassVar[str] = "data_entry"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        name, *others = _note_names(rng, rng.randint(3, 5))
        folders = rng.sample(FOLDERS, rng.randint(0, 2))
        return NotesParams(seed=seed, notes=tuple(_seeded(rng, others, folders)), folders=tuple(folders),
                           name=name, text=_text(rng))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, {self.params.name: self.params.text})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        new_note(ui, self.params.name, self.params.text)
        return None


class MarkorEditNote(_NotesTask):
    template: ClassVar[str] = "In Notes, edit the note {name}: {instruction}"
    complexity: ClassVar[float] = 1.5

    @property
    def goal(self) -> str:
        p = self.params
        instruction = (f'replace its whole text with "{p.text}"' if p.mode == "replace"
                       else f'add a new line at the end with the text "{p.text}"')
        return self.template.format(name=p.name, instruction=instruction)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        names = _note_names(rng, rng.randint(3, 5))
        folders = rng.sample(FOLDERS, rng.randint(0, 2))
        notes = _seeded(rng, names, folders)
        text = rng.choice([s for s in SENTENCES if all(s not in n.text for n in notes)])
        return NotesParams(seed=seed, notes=tuple(notes), folders=tuple(folders), name=rng.choice(names), text=text,
                           mode=rng.choice(("replace", "append")))

    def expected_text(self) -> str:
        p = self.params
        return p.text if p.mode == "replace" else f"{note_text(self.seeded(p.name))}\n{p.text}"

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, {self.params.name: self.expected_text()})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        ui.tap(**_row(ui, self.params.name))
        editor = {"rid": "document__fragment__edit__highlighting_editor"}
        if self.params.mode == "replace":
            ui.long_press(**editor)  # selects the whole text, so typing replaces it
            ui.type(self.params.text)
        else:
            ui.type_into("\n" + self.params.text, **editor)
        return None


class MarkorAddToNote(_NotesTask):
    template: ClassVar[str] = 'In Notes, add "{text}" as a new item at the end of the list in {name}.'
    complexity: ClassVar[float] = 1.5

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        name = rng.choice(list(LISTS))
        *items, new = rng.sample(LISTS[name], rng.randint(3, 6))
        others = [n for n in _note_names(rng, rng.randint(2, 4)) if n not in LISTS]
        folders = rng.sample(FOLDERS, rng.randint(0, 2))
        notes = [Note(path=name, text="\n".join(f"- {item}" for item in items)), *_seeded(rng, others, folders)]
        return NotesParams(seed=seed, notes=tuple(notes), folders=tuple(folders), name=name, text=new)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        p = self.params
        return self.tree_is(env, {p.name: f"{note_text(self.seeded(p.name))}\n- {p.text}"})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        ui.tap(**_row(ui, self.params.name))
        ui.type_into(f"\n- {self.params.text}", rid=EDITOR)
        return None


class MarkorDeleteNote(_NotesTask):
    template: ClassVar[str] = "In Notes, delete the note {name}."
    complexity: ClassVar[float] = 1.0

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        names = _note_names(rng, rng.randint(3, 5))
        folders = rng.sample(FOLDERS, rng.randint(0, 2))
        return NotesParams(seed=seed, notes=tuple(_seeded(rng, names, folders)), folders=tuple(folders),
                           name=rng.choice(names))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, {self.params.name: None})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        _select(ui, self.params.name)
        ui.tap(desc="Delete")
        ui.tap(rid="button1")
        return None


class MarkorMoveNote(_NotesTask):
    template: ClassVar[str] = "In Notes, move the note {name} into the folder {folder}."
    complexity: ClassVar[float] = 1.5

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        names = _note_names(rng, rng.randint(3, 5))
        folders = rng.sample(FOLDERS, rng.randint(2, 3))
        return NotesParams(seed=seed, notes=tuple(_seeded(rng, names, folders)), folders=tuple(folders),
                           name=rng.choice(names), folder=rng.choice(folders))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        p = self.params
        return self.tree_is(env, {p.name: None, f"{p.folder}/{p.name}": self.seeded(p.name)})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        _select(ui, self.params.name)
        ui.tap(desc="Move")
        ui.tap(rid="folder_item", desc=self.params.folder)
        return None


class MarkorCreateFolder(_NotesTask):
    template: ClassVar[str] = "In Notes, create a new folder named {folder}."
    complexity: ClassVar[float] = 1.5
    category: ClassVar[str] = "data_entry"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        folder, *folders = rng.sample(FOLDERS, rng.randint(1, 3))
        names = _note_names(rng, rng.randint(2, 4))
        return NotesParams(seed=seed, notes=tuple(_seeded(rng, names, folders)), folders=tuple(folders),
                           folder=folder)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, {}, (self.params.folder,))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        ui.tap(desc="Create new")
        ui.tap(rid="create_new_folder")
        ui.type_into(self.params.folder, rid="new_file_dialog__name")
        ui.tap(rid="button1")
        return None


class MarkorMergeNotes(_NotesTask):
    """Notes has no merge (nor has Markor): the oracle reads each source note and types the merged text into a
    new note, which is AndroidWorld's budget for it (complexity 7.8)."""

    template: ClassVar[str] = ("In Notes, merge the notes {first}, {second} and {third}, in that order, into a new "
                               "note named {name}, with a blank line between the texts of the notes. Keep the "
                               "original notes.")
    category: ClassVar[str] = "data_entry"

    @property
    def goal(self) -> str:
        first, second, third = self.params.sources
        return self.template.format(first=first, second=second, third=third, name=self.params.name)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        names = _note_names(rng, rng.randint(4, 6))
        folders = rng.sample(FOLDERS, rng.randint(0, 2))
        return NotesParams(seed=seed, notes=tuple(_seeded(rng, names, folders)), folders=tuple(folders),
                           sources=tuple(rng.sample(names, 3)), name=rng.choice(MERGED))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        merged = "\n\n".join(note_text(self.seeded(s)) for s in self.params.sources)
        return self.tree_is(env, {self.params.name: merged})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        texts = []
        for source in self.params.sources:
            ui.tap(**_row(ui, source))
            texts.append(note_text(ui.need(rid=EDITOR).text))
            ui.tap(desc="Navigate up")
        new_note(ui, self.params.name, "\n\n".join(texts))
        return None


TASKS = (MarkorCreateNote, MarkorEditNote, MarkorAddToNote, MarkorDeleteNote, MarkorMoveNote, MarkorCreateFolder,
         MarkorMergeNotes)
