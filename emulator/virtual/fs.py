"""Android paths mapped onto the virtual phone's data directory.

`/sdcard`, `/storage/emulated/0` and `/storage/self/primary` are `DATA_DIR/sdcard`; app data dirs
`/data/data/PKG` (alias `/data/user/0/PKG`) are `DATA_DIR/data/PKG`; any other absolute path (`/data/local/tmp`
among them) lives under `DATA_DIR/rootfs`. Paths are normalised before mapping, so `..` can never
leave the data directory. Every host path handed out is a `PhonePath` of the phone's one `PhoneRoot`: a symlink
that leads out of the data directory is refused when anything uses it (sandbox.py).
"""

from __future__ import annotations

import posixpath
import sqlite3
from pathlib import Path
from typing import Any

from droidpilot.emulator.virtual.sandbox import PhoneRoot

SDCARD_ALIASES = ("/sdcard", "/storage/emulated/0", "/storage/self/primary", "/mnt/sdcard", "/data/media/0")
APP_DATA_ALIASES = ("/data/data", "/data/user/0")


class VirtualFS:
    """Resolves device paths to host paths inside one data directory."""

    def __init__(self, root: Path) -> None:
        self.guard = PhoneRoot(root)
        self.root: Path = self.guard.path(self.guard.root)
        self.sdcard = self.root / "sdcard"
        self.data = self.root / "data"
        self.rootfs = self.root / "rootfs"

    def path(self, host: str | Path) -> Path:
        """A host path string inside the data dir (from `os.walk`, a widget, a temp file) as a guarded path."""
        return self.guard.path(host)

    def connect(self, database: Path, **kwargs: Any) -> sqlite3.Connection:
        """Open an SQLite database of the phone (its journal and WAL files are checked too)."""
        return self.guard.connect(self.guard.path(database), **kwargs)

    def copy_tree(self, source: Path, target: Path, skip: frozenset[str] = frozenset()) -> None:
        """Copy a folder of the phone into another (merging), links as links: see `PhoneRoot.copy_tree`."""
        self.guard.copy_tree(self.guard.path(source), self.guard.path(target), skip)

    def mirror(self, source: Path, target: Path, skip: frozenset[str] = frozenset()) -> None:
        """Make a folder of the phone hold exactly what another holds: see `PhoneRoot.mirror`."""
        self.guard.mirror(self.guard.path(source), self.guard.path(target), skip)

    def normalize(self, path: str, cwd: str = "/") -> str:
        """An absolute, normalised device path (`..` clamps at `/`)."""
        joined = posixpath.join(cwd, path) if not path.startswith("/") else path
        norm = posixpath.normpath(joined)
        return "/" + norm.lstrip("/") if norm != "/" else "/"

    def host_path(self, path: str, cwd: str = "/") -> Path:
        device_path = self.normalize(path, cwd)
        for alias in SDCARD_ALIASES:
            if device_path == alias or device_path.startswith(alias + "/"):
                return self.sdcard / device_path[len(alias) :].lstrip("/")
        for alias in APP_DATA_ALIASES:
            if device_path == alias or device_path.startswith(alias + "/"):
                return self.data / device_path[len(alias) :].lstrip("/")
        return self.rootfs / device_path.lstrip("/")

    def device_path(self, host: Path) -> str:
        """The canonical device path of a host path inside the data dir (sdcard paths as `/sdcard/...`)."""
        for base, prefix in ((self.sdcard, "/sdcard"), (self.data, "/data/data"), (self.rootfs, "")):
            try:
                rel = host.relative_to(base)
            except ValueError:
                continue
            rel_text = rel.as_posix()
            return (prefix + "/" + rel_text).rstrip("/") if rel_text != "." else (prefix or "/")
        raise ValueError(f"{host} is not inside the device data directory")

    def ensure_layout(self) -> None:
        """Create the standard directories a fresh Android image has."""
        for sub in ("Download", "Documents", "DCIM", "Pictures", "Music", "Movies", "Alarms", "Ringtones"):
            (self.sdcard / sub).mkdir(parents=True, exist_ok=True)
        self.data.mkdir(parents=True, exist_ok=True)
        for sub in ("data/local/tmp", "system/bin", "system/app", "vendor", "proc", "dev"):
            (self.rootfs / sub).mkdir(parents=True, exist_ok=True)
