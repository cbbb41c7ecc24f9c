"""JoplinApp: package declaration and seed API."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.joplin import store
from droidpilot.emulator.virtual.apps.joplin.note_list import NoteListActivity
from droidpilot.emulator.virtual.apps.joplin.note_screen import NoteActivity

DAY_MS = 86_400_000
# A fresh phone's notebooks and notes: (notebook, title, body, is_todo, done).
_SEED_NOTES = (("Personal", "Welcome to Joplin!", "Notes, to-dos, notebooks and tags live here.", False, False),
               ("Personal", "Book a haircut", "", True, False),
               ("Work", "Quarterly report outline", "1. Revenue\n2. Hiring\n3. Next quarter", False, False),
               ("Work", "Send slides to Priya", "", True, True))


class JoplinApp(App):
    PACKAGE: ClassVar[str] = "net.cozic.joplin"
    LABEL: ClassVar[str] = "Joplin"
    ICON: ClassVar[str] = "notes"
    COLOR: ClassVar[str] = "indigo"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (NoteListActivity, NoteActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = NoteListActivity
    DATABASE: ClassVar[str] = "joplin.sqlite"
    DEBUGGABLE: ClassVar[bool] = True  # the open-source app as a developer builds it: `run-as` reaches its data
    SCHEMA: ClassVar[str] = store.SCHEMA

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def add_folder(self, title: str) -> str:
        """A notebook (or the existing one of that title); returns its id."""
        with self.db() as conn:
            return store.folder_named(conn, title) or store.insert_folder(conn, title, self._yesterday())

    def add_note(self, folder: str, title: str, body: str = "", is_todo: bool = False,
                 todo_completed: bool = False, tags: list[str] | None = None) -> str:
        """A note (or a to-do) in the notebook titled `folder` (created if missing), last changed a day ago as
        AndroidWorld's rows are; a completed to-do's `todo_completed` is that time. Returns the note's id."""
        when = self._yesterday()
        with self.db() as conn:
            folder_id = store.folder_named(conn, folder) or store.insert_folder(conn, folder, when)
            done = when if is_todo and todo_completed else 0
            note_id = store.insert_note(conn, folder_id, title, body, is_todo, done, when)
            for tag in tags or []:
                store.tag_note(conn, note_id, tag, when)
            return note_id

    def add_notes(self, notes: list[dict[str, Any]]) -> list[str]:
        """Many `add_note`s at once (each a dict of its arguments), in order; returns their ids."""
        return [self.add_note(**n) for n in notes]

    def notes(self) -> list[dict[str, Any]]:
        """Every note not in the trash, with its notebook's title as `folder` and its `tags`."""
        with self.db() as conn:
            titles = {f["id"]: f["title"] for f in store.folders(conn)}
            return [{**n, "folder": titles.get(n["parent_id"], ""), "tags": store.tags_of(conn, n["id"])}
                    for n in store.notes(conn)]

    def folders(self) -> list[dict[str, Any]]:
        with self.db() as conn:
            return store.folders(conn)

    def clear(self) -> None:
        """Delete every notebook, note and tag."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        for folder, title, body, is_todo, done in _SEED_NOTES:
            self.add_note(folder, title, body, is_todo, done)

    def _yesterday(self) -> int:
        return self.host.clock.now_ms() - DAY_MS
