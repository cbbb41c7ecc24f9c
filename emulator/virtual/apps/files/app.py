"""FilesApp: the package declaration and the seed API. The shared storage itself is the app's state."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.files import intents, storage
from droidpilot.emulator.virtual.apps.files.directory import FilesActivity
from droidpilot.emulator.virtual.apps.files.picker import PickActivity
from droidpilot.emulator.virtual.apps.files.preview import TextPreviewActivity

FIRST_RUN_MARKER = "shared_prefs/first_run.xml"
# A fresh phone's few downloads: (folder, name, content).
_SEED_FILES = (
    ("Download", "Packing list.txt", "Passport\nCharger\nSunscreen\nRain jacket\n"),
    ("Download", "recipe_pancakes.md", "# Pancakes\n\n- 2 cups flour\n- 2 eggs\n- 1.5 cups milk\n"),
    ("Documents", "Meeting notes.txt", "Q4 planning\n- Budget review on Monday\n- Send slides to Sam\n"),
    ("Documents", "todo.md", "- Renew library card\n- Call the plumber\n"),
)


class FilesApp(App):
    PACKAGE: ClassVar[str] = "com.android.documentsui"
    LABEL: ClassVar[str] = "Files"
    ICON: ClassVar[str] = "folder"
    COLOR: ClassVar[str] = "blue"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (FilesActivity, PickActivity, TextPreviewActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = FilesActivity
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        (intents.ACTION_VIEW_DOWNLOADS, FilesActivity), (intents.ACTION_BROWSE, FilesActivity))
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        (intents.EXTERNAL_AUTHORITY, FilesActivity), (intents.DOWNLOADS_URI, FilesActivity))

    def install(self) -> None:
        """On the first boot, date the standard folders by the device clock (they were made in host time)."""
        super().install()
        marker = self.data_dir / FIRST_RUN_MARKER
        if marker.exists():
            return
        for name in storage.STANDARD_DIRS:
            storage.stamp(self.host.fs.sdcard / name, self._now_s())
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("<map />\n", encoding="utf-8")

    def _now_s(self) -> float:
        return self.host.clock.now_ms() / 1000

    def _host(self, device_path: str) -> Path:
        return storage.host_path(self.host.fs, device_path)

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def write_file(self, device_path: str, data: bytes, mtime: float | None = None) -> str:
        """Create or overwrite a file under `/sdcard` (parents made as needed) with `mtime` in epoch seconds
        (default: the device clock now). Returns the canonical device path. Raises ValueError outside `/sdcard`."""
        host = self._host(device_path)
        if host == self.host.fs.sdcard:
            raise storage.StorageError("cannot write the storage root")
        self._make_parents(host.parent)
        host.write_bytes(data)
        when = self._now_s() if mtime is None else mtime
        os.utime(host, (when, when))
        storage.stamp(host.parent, self._now_s())
        return storage.device_path(self.host.fs, host)

    def make_dir(self, device_path: str) -> str:
        """Create a folder (and its parents) under `/sdcard`; returns its canonical device path."""
        host = self._host(device_path)
        self._make_parents(host)
        return storage.device_path(self.host.fs, host)

    def _make_parents(self, host: Path) -> None:
        missing = [p for p in (host, *host.parents) if not p.exists()]
        host.mkdir(parents=True, exist_ok=True)
        for folder in missing:
            storage.stamp(folder, self._now_s())
        if missing:
            storage.stamp(missing[-1].parent, self._now_s())

    def listdir(self, device_path: str) -> list[str]:
        """The names in a folder, hidden ones included, sorted; [] when it does not exist."""
        host = self._host(device_path)
        return sorted(p.name for p in host.iterdir()) if host.is_dir() else []

    def read_file(self, device_path: str) -> bytes:
        return self._host(device_path).read_bytes()

    def exists(self, device_path: str) -> bool:
        return self._host(device_path).exists()

    def clear_user_files(self) -> None:
        """Empty the standard folders (Download, Documents, DCIM, Pictures, Music, Movies, ...), keeping them."""
        for name in storage.STANDARD_DIRS:
            folder = self.host.fs.sdcard / name
            if not folder.is_dir():
                continue
            for child in folder.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            storage.stamp(folder, self._now_s())

    def seed_defaults(self, rng: random.Random) -> None:
        now = self._now_s()
        for folder, name, text in rng.sample(_SEED_FILES, 2):
            self.write_file(f"/sdcard/{folder}/{name}", text.encode(), mtime=now - rng.randrange(3600, 20 * 86400))
