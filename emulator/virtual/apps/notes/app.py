"""NotesApp: package declaration, the sort preference, and the seed API over the notes folder."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.notes import files
from droidpilot.emulator.virtual.apps.notes.browser import MainActivity
from droidpilot.emulator.virtual.apps.notes.editor import DocumentActivity, ShareIntoActivity

NOTES_DIR = "/sdcard/Documents/Notes"
SORT_KEY = "pref_key__file_browser__sort_by"
SORT_ORDERS = ("name", "date")

# A fresh phone's few notes: (relative path, content).
_SEED_NOTES = (
    ("Shopping list.md", "# Shopping list\n\n- Milk\n- Eggs\n- Bread\n- Coffee beans\n"),
    ("Ideas.txt", "Weekend trip to the coast\nLearn to make sourdough\n"),
    ("Work/Meeting notes.md", "# Weekly sync\n\n- Review the roadmap\n- Plan the release\n"),
    ("Books to read.md", "- Project Hail Mary\n- The Overstory\n- Piranesi\n"),
)


class NotesApp(App):
    PACKAGE: ClassVar[str] = "net.droidpilot.notes"
    LABEL: ClassVar[str] = "Notes"
    ICON: ClassVar[str] = "edit"
    COLOR: ClassVar[str] = "teal"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, DocumentActivity, ShareIntoActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    SHARE_TARGETS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (("text/*", ShareIntoActivity),)

    @property
    def notes_dir(self) -> Path:
        """The host path of `/sdcard/Documents/Notes`."""
        return self.host.fs.host_path(NOTES_DIR)

    def now_s(self) -> float:
        return self.host.clock.now_ms() / 1000

    def install(self) -> None:
        self.notes_dir.mkdir(parents=True, exist_ok=True)

    # -- preferences (SharedPreferences XML, as Android keeps them) ----------------------------------------
    @property
    def prefs_path(self) -> Path:
        return self.data_dir / "shared_prefs" / f"{self.PACKAGE}_preferences.xml"

    def sort_order(self) -> str:
        """`name` (A-Z, the default) or `date` (newest first); folders always come first."""
        try:
            node = ET.parse(self.prefs_path).getroot().find(f"string[@name='{SORT_KEY}']")
        except (OSError, ET.ParseError):  # no preferences yet, or a file someone broke with adb
            return "name"
        value = node.text if node is not None else None
        return value if value in SORT_ORDERS else "name"

    def set_sort_order(self, order: str) -> None:
        root = ET.Element("map")
        ET.SubElement(root, "string", name=SORT_KEY).text = order
        self.prefs_path.parent.mkdir(parents=True, exist_ok=True)
        body = ET.tostring(root, encoding="unicode")
        self.prefs_path.write_text(f"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n{body}\n")

    def unused_name(self, folder: str, stem: str, ext: str) -> str:
        """`folder/stem.ext`, or `stem (2).ext`, `stem (3).ext` ... when that is taken."""
        rel, n = files.join(folder, stem + ext), 1
        while files.exists(self.notes_dir, rel):
            n += 1
            rel = files.join(folder, f"{stem} ({n}){ext}")
        return rel

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def write_note(self, rel: str, content: str = "", mtime_ms: int | None = None) -> None:
        """Create or overwrite the note at `rel` (e.g. `Work/todo.md`), creating its folders. Its mtime is
        the virtual clock's now, or `mtime_ms`. ValueError for a path that leaves the notes folder."""
        files.write(self.notes_dir, rel, content, self.now_s() if mtime_ms is None else mtime_ms / 1000)

    def make_folder(self, rel: str) -> None:
        """Create the folder `rel` (and its parents) under the notes folder."""
        files.make_folder(self.notes_dir, rel, self.now_s())

    def read_note(self, rel: str) -> str:
        """The text of the note at `rel`; FileNotFoundError if there is none."""
        return files.read(self.notes_dir, rel)

    def list_notes(self) -> list[str]:
        """Every file under the notes folder, recursively, as sorted relative POSIX paths."""
        return files.all_notes(self.notes_dir)

    def list_folders(self) -> list[str]:
        """Every sub-folder of the notes folder, recursively, as sorted relative POSIX paths."""
        return files.all_folders(self.notes_dir)

    def clear(self) -> None:
        """Delete every note and folder (the notes folder itself stays)."""
        files.clear(self.notes_dir)

    def seed_defaults(self, rng: random.Random) -> None:
        start = self.host.clock.now_ms() - 3 * 86_400_000
        for i, (rel, content) in enumerate(rng.sample(_SEED_NOTES, 3)):
            self.write_note(rel, content, mtime_ms=start + i * 86_400_000 + rng.randrange(3_600_000))
