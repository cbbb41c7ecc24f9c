"""More of AndroidWorld's Markor families on Notes: MarkorAddNoteHeader, MarkorChangeNoteContent,
MarkorDeleteAllNotes and MarkorDeleteNewestNote, with AndroidWorld's goals and checks (the whole notes tree is
compared with the seeded one).
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.notes import (
    NOTES,
    Note,
    NotesParams,
    _note_names,
    _NotesTask,
    _open_notes,
    _row,
    _select,
    _state,
    _text,
)
from droidpilot.benchmarks.task import DEVICE_TIME, Params

NOW_MS = int(DEVICE_TIME.timestamp() * 1000)
HEADERS = ("# Summary", "## Action items", "# Draft", "## Notes from Monday", "# Important", "## To review")
EDITOR = {"rid": "document__fragment__edit__highlighting_editor"}


class MarkorAddNoteHeader(_NotesTask):
    template: ClassVar[str] = ('Update the Notes note {name} by adding the following text, along with a new blank '
                               'line before the existing content: "{text}", and rename it to {folder}.')
    category: ClassVar[str] = "data_edit"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        name, new_name, *others = _note_names(rng, rng.randint(4, 6))
        notes = [Note(path=name, text=_text(rng)), *(Note(path=n, text=_text(rng)) for n in others)]
        return NotesParams(seed=seed, notes=tuple(notes), name=name, folder=new_name, text=rng.choice(HEADERS))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        p = self.params
        return self.tree_is(env, {p.name: None, p.folder: self.new_text()})

    def new_text(self) -> str:
        return f"{self.params.text}\n\n{self.seeded(self.params.name)}"

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        p = self.params
        _open_notes(ui)
        ui.tap(**_row(ui, p.name))
        ui.long_press(**EDITOR)  # selects the whole text: typing replaces it
        ui.type(self.new_text())
        ui.tap(desc="Navigate up")  # saved as typed (auto-save)
        _select(ui, p.name)
        ui.tap(rid="action_rename_selected_item")
        ui.long_press(rid="new_file_dialog__name")
        ui.type(p.folder)
        ui.tap(rid="button1")
        return None


class MarkorChangeNoteContent(MarkorAddNoteHeader):
    template: ClassVar[str] = 'Update the content of {name} to "{text}" in Notes and change its name to {folder}.'

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        params = super().generate_params(rng, seed)
        assert isinstance(params, NotesParams)
        return params.model_copy(update={"text": _text(rng)})

    def new_text(self) -> str:
        return self.params.text


class MarkorDeleteAllNotes(_NotesTask):
    template: ClassVar[str] = "Delete all my notes in Notes."

    @property
    def goal(self) -> str:
        return self.template

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        names = _note_names(rng, rng.randint(3, 7))
        return NotesParams(seed=seed, notes=tuple(Note(path=n, text=_text(rng)) for n in names))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, dict.fromkeys(self.before["files"]))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        _select(ui, self.params.notes[0].path)
        ui.tap(desc="More options")
        ui.tap(text="Select all")
        ui.tap(rid="action_delete_selected_items")
        ui.tap(rid="button1")
        return None


class MarkorDeleteNewestNote(_NotesTask):
    """The newest note by modification time; the list shows each note's date, newest first when sorted by date."""

    template: ClassVar[str] = "Delete the newest note in Notes."

    @property
    def goal(self) -> str:
        return self.template

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        names = _note_names(rng, rng.randint(3, 6))
        return NotesParams(seed=seed, notes=tuple(Note(path=n, text=_text(rng)) for n in names),
                           name=rng.choice(names))

    def setup(self, env: TaskEnv) -> None:
        env.seed(NOTES, "clear")
        others = [n for n in self.params.notes if n.path != self.params.name]
        for i, note in enumerate(others):  # days apart, the newest one an hour ago
            env.seed(NOTES, "write_note", rel=note.path, content=note.text,
                     mtime_ms=NOW_MS - (i + 2) * 86_400_000 - 3_600_000 * (i % 5))
        newest = next(n for n in self.params.notes if n.path == self.params.name)
        env.seed(NOTES, "write_note", rel=newest.path, content=newest.text, mtime_ms=NOW_MS - 3_600_000)
        self.before["files"], self.before["folders"] = _state(env)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, {self.params.name: None})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        ui.tap(rid="action_sort")
        ui.tap(rid="action_sort_by_date")
        newest = ui.need(rid="ui__filesystem_item__title")  # newest first
        _select(ui, newest.text)
        ui.tap(rid="action_delete_selected_items")
        ui.tap(rid="button1")
        return None


TASKS = (MarkorAddNoteHeader, MarkorChangeNoteContent, MarkorDeleteAllNotes, MarkorDeleteNewestNote)
