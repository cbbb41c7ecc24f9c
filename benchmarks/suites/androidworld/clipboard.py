"""AndroidWorld's clipboard families: SystemCopyToClipboard, SimpleSmsSendClipboardContent and
MarkorCreateNoteFromClipboard. The clipboard is set and read through the Settings app's seed API (AndroidWorld
uses its Clipper app); in the apps, a long press on a text field selects its text and shows Cut/Copy/Paste.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.contacts import national, people, phone_number
from droidpilot.benchmarks.suites.androidworld.notes import (
    EDITOR,
    Note,
    NotesParams,
    _note_names,
    _NotesTask,
    _open_notes,
    new_note,
)
from droidpilot.benchmarks.suites.androidworld.sms import MESSAGES, SmsParams, _SmsTask, history_for, start_chat
from droidpilot.benchmarks.suites.androidworld.system import SETTINGS
from droidpilot.benchmarks.task import Params, Task

SNIPPETS = ("Gate code 4417#", "Order #A-20931 ships Tuesday", "WiFi password: maple-river-42",
            "Flight LH 2315 departs 07:45", "Locker 18, combination 3-9-27", "Invoice INV-7730 paid",
            "Meet at Pier 39, 6 PM", "Tracking 1Z 999 AA1 01 2345 6784", "Room 512, Building C")
PASTE = "Paste"


def clipboard(env: TaskEnv) -> str:
    return str(env.seed(SETTINGS, "get_clipboard"))


def paste_into(ui: UIDriver, **field: str) -> None:
    """A long press on the field shows the text toolbar; Paste puts the clipboard in."""
    ui.long_press(**field)
    ui.tap(text=PASTE)


class ClipParams(Params):
    clipboard_content: str
    start: str = ""
    """What the clipboard holds when the task starts."""


class SystemCopyToClipboard(Task):
    template: ClassVar[str] = "Copy the following text to the clipboard: {clipboard_content}"
    params_model: ClassVar[type[Params]] = ClipParams
    app_names: ClassVar[tuple[str, ...]] = (SETTINGS,)
    tags: ClassVar[tuple[str, ...]] = ("clipboard", "data_entry", "parameterized")
    category: ClassVar[str] = "data_entry"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        content, start = rng.sample(SNIPPETS, 2)
        return ClipParams(seed=seed, clipboard_content=content, start=start)

    def setup(self, env: TaskEnv) -> None:
        assert isinstance(self.params, ClipParams)
        env.seed(SETTINGS, "set_clipboard", text=self.params.start)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        assert isinstance(self.params, ClipParams)
        return 1.0 if clipboard(env) == self.params.clipboard_content else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        """Type it in a search field that saves nothing (Contacts' search), select it, Copy."""
        assert isinstance(self.params, ClipParams)
        ui.open_app("Contacts")
        ui.type_into(self.params.clipboard_content, desc="Search contacts")
        ui.long_press(cls="EditText")
        ui.tap(text="Copy")
        return None


class ClipSmsParams(SmsParams):
    clipboard_content: str


class SimpleSmsSendClipboardContent(_SmsTask):
    template: ClassVar[str] = "Send a message to {target} with the clipboard content in Messages."
    params_model: ClassVar[type[Params]] = ClipSmsParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        number = phone_number(rng, {national(b.phone) for b in book}).removeprefix("+1 ")
        content = rng.choice([*SNIPPETS, *MESSAGES])
        return ClipSmsParams(seed=seed, book=book, history=history_for(rng, book), target=number, message=content,
                             clipboard_content=content)

    def seed_more(self, env: TaskEnv) -> None:
        env.seed(SETTINGS, "set_clipboard", text=self.p.message)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        start_chat(ui, self.p.target, is_name=False)
        paste_into(ui, rid="compose_message_text")
        ui.tap(rid="send_message_button")
        return None


class MarkorCreateNoteFromClipboard(_NotesTask):
    template: ClassVar[str] = ("Create a note in Notes named {name}. Perform a paste operation in the note and save "
                               "the note.")
    category: ClassVar[str] = "data_entry"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        name, *others = _note_names(rng, rng.randint(3, 5))
        notes = tuple(Note(path=n, text=" ".join(rng.sample(MESSAGES, 2))) for n in others)
        return NotesParams(seed=seed, notes=notes, name=name, text=rng.choice(SNIPPETS))

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        env.seed(SETTINGS, "set_clipboard", text=self.params.text)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.tree_is(env, {self.params.name: self.params.text})

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_notes(ui)
        new_note(ui, self.params.name)
        paste_into(ui, rid=EDITOR)
        ui.tap(rid="action_save")
        return None


TASKS = (SystemCopyToClipboard, SimpleSmsSendClipboardContent, MarkorCreateNoteFromClipboard)
