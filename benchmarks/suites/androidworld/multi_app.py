"""AndroidWorld's MarkorCreateNoteAndSms: a new note, then its whole text texted to a number. Both parts must be
done (the note exactly as asked, one text with exactly its content) and nothing else may change in either app.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.contacts import national, people, phone_number
from droidpilot.benchmarks.suites.androidworld.notes import (
    MarkorCreateNote,
    NotesParams,
)
from droidpilot.benchmarks.suites.androidworld.sms import (
    MESSAGING,
    SimpleSmsSend,
    SmsParams,
    history_for,
    norm_text,
    one_sent,
    send,
    start_chat,
)
from droidpilot.benchmarks.task import Params, Task


class NoteSmsParams(Params):
    note: NotesParams
    sms: SmsParams


class MarkorCreateNoteAndSms(Task):
    template: ClassVar[str] = ("Create a new note in Notes named {name} with the following text: {text}. Share the "
                               "entire content of the note with the phone number {number} via SMS using Messages.")
    params_model: ClassVar[type[Params]] = NoteSmsParams
    app_names: ClassVar[tuple[str, ...]] = (MarkorCreateNote.app_names[0], MESSAGING)
    tags: ClassVar[tuple[str, ...]] = ("notes", "sms", "multi_app", "data_entry", "parameterized")
    category: ClassVar[str] = "data_entry"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        note = MarkorCreateNote.generate_params(rng, seed)
        assert isinstance(note, NotesParams)
        book = people(rng, 4)
        number = phone_number(rng, {national(b.phone) for b in book}).removeprefix("+1 ")
        sms = SmsParams(seed=seed, book=book, history=history_for(rng, book), target=number, message=note.text)
        return NoteSmsParams(seed=seed, note=note, sms=sms)

    @property
    def p(self) -> NoteSmsParams:
        assert isinstance(self.params, NoteSmsParams)
        return self.params

    @property
    def goal(self) -> str:
        return self.template.format(name=self.p.note.name, text=self.p.note.text, number=self.p.sms.target)

    def parts(self) -> tuple[MarkorCreateNote, SimpleSmsSend]:
        return MarkorCreateNote(self.p.note), SimpleSmsSend(self.p.sms)

    def setup(self, env: TaskEnv) -> None:
        note, text = self.parts()
        note.setup(env)
        text.setup(env)
        self.before = {"note": note.before, "sms": text.before}

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        note, _ = self.parts()
        note.before = self.before["note"]
        row = one_sent(env, self.before["sms"], self.p.sms.target)
        texted = row is not None and norm_text(row["body"]) == norm_text(self.p.note.text)
        return 1.0 if texted and note.is_successful(env, None) == 1.0 else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        note, _ = self.parts()
        note.solve(ui, env)
        start_chat(ui, self.p.sms.target, is_name=False)
        send(ui, self.p.note.text)
        return None


TASKS = (MarkorCreateNoteAndSms,)
