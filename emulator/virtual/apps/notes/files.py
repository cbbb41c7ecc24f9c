"""The notes store: plain files and folders under `/sdcard/Documents/Notes`, as Markor keeps them.

Every path the app handles is relative to the notes root in POSIX form (`""` is the root, `Work/todo.md` a
note in a sub-folder). `resolve` refuses anything that would leave the root, and `name_error` rejects names with
a separator or `..` before they reach the file system. Writes set modification times from the virtual clock (the
file's and its parent folder's, as the kernel would), so "newest first" is deterministic.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

NOTE_EXTENSIONS = (".md", ".txt")
BAD_CHARS = ("/", "\\", "\0")


@dataclass(frozen=True)
class Entry:
    """One row of the file browser."""

    rel: str
    name: str
    is_dir: bool
    mtime: float


def resolve(root: Path, rel: str) -> Path:
    """The host path of `rel` under `root`; ValueError if it is absolute or climbs out with `..`."""
    parts = PurePosixPath(rel).parts if rel else ()
    if rel.startswith("/") or any(p in ("..", ".") or "\\" in p or "\0" in p for p in parts):
        raise ValueError(f"bad notes path: {rel!r}")
    return root.joinpath(*parts)


def join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def parent(rel: str) -> str:
    return rel.rpartition("/")[0]


def base(rel: str) -> str:
    return rel.rpartition("/")[2]


def one_line(text: str) -> str:
    """What a single-line field keeps of pasted text: line breaks become spaces, as Android's do."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def name_error(name: str) -> str | None:
    """Why `name` cannot name a file or folder (Android refuses separators; `..` would escape), or None."""
    if not name.strip():
        return "Please enter a name"
    if any(c in name for c in BAD_CHARS) or ".." in name or name.strip() == ".":
        return "Invalid file name"
    if len(name.encode("utf-8")) > 255:
        return "File name too long"
    return None


def with_extension(name: str, ext: str) -> str:
    """`name` as typed when it already ends in .md/.txt, else with the chosen format's extension."""
    name = name.strip()
    return name if name.lower().endswith(NOTE_EXTENSIONS) else name + ext


def touch(path: Path, now_s: float) -> None:
    os.utime(path, (now_s, now_s))


def write(root: Path, rel: str, content: str, now_s: float) -> None:
    """Create or overwrite a note, creating missing folders; its folder's mtime moves too."""
    path = resolve(root, rel)
    new_dirs = [p for p in reversed(path.parents) if p.is_relative_to(root) and not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    path.write_text(content, encoding="utf-8")
    touch(path, now_s)
    for d in new_dirs:
        touch(d, now_s)
    if not existed:
        touch(path.parent, now_s)


def read(root: Path, rel: str) -> str:
    return resolve(root, rel).read_text(encoding="utf-8", errors="replace")


def make_folder(root: Path, rel: str, now_s: float) -> None:
    path = resolve(root, rel)
    if not path.parent.is_dir():
        make_folder(root, parent(rel), now_s)
    path.mkdir(exist_ok=True)
    touch(path, now_s)
    touch(path.parent, now_s)


def exists(root: Path, rel: str) -> bool:
    try:
        return resolve(root, rel).exists()
    except ValueError:
        return False


def is_dir(root: Path, rel: str) -> bool:
    try:
        return resolve(root, rel).is_dir()
    except ValueError:
        return False


def list_dir(root: Path, folder: str) -> list[Entry]:
    path = resolve(root, folder)
    if not path.is_dir():
        return []
    # lstat: a dangling symlink (made with `ln -s` in the shell) is listed, not a crash.
    return [Entry(join(folder, p.name), p.name, p.is_dir(), p.lstat().st_mtime) for p in path.iterdir()]


def sort_entries(entries: list[Entry], by: str) -> list[Entry]:
    """Folders first, then notes; by `name` (A-Z, case-insensitive) or `date` (newest first)."""
    if by == "date":
        key = lambda e: (not e.is_dir, -e.mtime, e.name.casefold())  # noqa: E731
    else:
        key = lambda e: (not e.is_dir, e.name.casefold(), e.name)  # noqa: E731
    return sorted(entries, key=key)


def matches(root: Path, entry: Entry, query: str) -> bool:
    """Search: a folder by its name, a note by its name or its text (case-insensitive)."""
    needle = query.strip().casefold()
    if not needle or needle in entry.name.casefold():
        return True
    if entry.is_dir:
        return False
    try:
        return needle in read(root, entry.rel).casefold()
    except OSError:  # a dangling symlink
        return False


def all_notes(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def all_folders(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def rename(root: Path, rel: str, new_name: str, now_s: float) -> str:
    """Rename in place (the file keeps its mtime, as rename(2) does); returns the new relative path."""
    target = join(parent(rel), new_name)
    resolve(root, rel).rename(resolve(root, target))
    touch(resolve(root, parent(rel)), now_s)
    return target


def move(root: Path, rel: str, folder: str, now_s: float) -> str:
    """Move a note or folder into `folder`; returns its new relative path."""
    target = join(folder, base(rel))
    shutil.move(resolve(root, rel), resolve(root, target))
    touch(resolve(root, parent(rel)), now_s)
    touch(resolve(root, folder), now_s)
    return target


def delete(root: Path, rel: str, now_s: float) -> None:
    path = resolve(root, rel)
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    touch(path.parent, now_s)


def clear(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)


def modified_label(mtime: float) -> str:
    """The row's date, in device time (UTC on the virtual phone): `Oct 15, 2026, 09:00`."""
    when = datetime.fromtimestamp(mtime, tz=UTC)
    return f"{when:%b} {when.day}, {when:%Y}, {when:%H:%M}"
