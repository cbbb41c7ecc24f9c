"""The shared storage as Files sees it: safe path mapping, listings, formatting, and file operations.

Every device path is resolved and checked to stay inside `/sdcard` before anything touches the host, and every
changed file or folder gets its mtime from the virtual clock, so listings sorted by date are reproducible.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from droidpilot.emulator.virtual import sandbox
from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.system.mimetypes import mime_of

SDCARD = "/sdcard"
DIR_MIME = "vnd.android.document/directory"
STANDARD_DIRS = ("Alarms", "Audiobooks", "DCIM", "Documents", "Download", "Movies", "Music", "Notifications",
                 "Pictures", "Podcasts", "Recordings", "Ringtones")
_KINDS = (("image/", "image"), ("video/", "video"), ("audio/", "audio"), ("text/", "text"),
          ("application/json", "text"), ("application/pdf", "pdf"), ("application/zip", "archive"),
          ("application/rar", "archive"), ("application/x-7z", "archive"), ("application/vnd.android", "apk"),
          ("application/msword", "doc"), ("application/vnd.openxmlformats-officedocument.word", "doc"),
          ("application/vnd.ms-excel", "sheet"), ("application/vnd.openxmlformats-officedocument.spread", "sheet"),
          ("application/vnd.ms-powerpoint", "slides"),
          ("application/vnd.openxmlformats-officedocument.pres", "slides"))


class StorageError(ValueError):
    """A path outside the shared storage, or an operation the storage refuses."""


@dataclass(frozen=True)
class Entry:
    """One listed file or folder."""

    name: str
    path: str
    is_dir: bool
    size: int
    mtime: float
    mime: str

    @property
    def kind(self) -> str:
        return "folder" if self.is_dir else kind_of(self.mime)


def kind_of(mime: str) -> str:
    """The icon family of a mime type (image, text, pdf, ...), `generic` when unknown."""
    return next((kind for prefix, kind in _KINDS if mime.startswith(prefix)), "generic")


def is_text(mime: str) -> bool:
    return mime.startswith("text/") or mime == "application/json"


# -- paths ----------------------------------------------------------------------------------------------------
def host_path(fs: VirtualFS, device_path: str) -> Path:
    """The host path of a device path, refusing anything that resolves outside `/sdcard` (symlinks too)."""
    host = fs.host_path(device_path)
    root = fs.sdcard.resolve()
    try:
        resolved = host.resolve()
    except sandbox.OutsidePhone:
        raise StorageError(f"{device_path} leads outside the phone") from None
    if resolved != root and root not in resolved.parents:
        raise StorageError(f"{device_path} is not on the shared storage")
    return host


def device_path(fs: VirtualFS, host: Path) -> str:
    return fs.device_path(host)


def canonical(fs: VirtualFS, path: str) -> str:
    """`/storage/emulated/0/x` and `/sdcard/x/../x` both become `/sdcard/x`."""
    return device_path(fs, host_path(fs, path))


def valid_name(name: str) -> bool:
    """Names a user may give: no separators, no `..`, no NUL, at most 255 bytes."""
    stripped = name.strip()
    return bool(stripped) and "/" not in stripped and ".." not in stripped and "\0" not in stripped and \
        len(stripped.encode("utf-8")) <= 255


def conflict(directory: Path, name: str, ignore: Path | None = None) -> bool:
    """Whether `name` is taken in `directory`; shared storage is case-insensitive, as on Android."""
    folded = name.casefold()
    try:
        return any(child.name.casefold() == folded and child != ignore for child in directory.iterdir())
    except OSError:
        return False


def unique_child(directory: Path, name: str) -> Path:
    """`name`, or `name (1).ext`, `name (2).ext`... as FileUtils.buildUniqueFile picks on a clash."""
    if not conflict(directory, name):
        return directory / name
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    n = 1
    while conflict(directory, f"{stem} ({n}){dot}{ext}"):
        n += 1
    return directory / f"{stem} ({n}){dot}{ext}"


# -- listing --------------------------------------------------------------------------------------------------
def entry(fs: VirtualFS, host: Path) -> Entry | None:
    try:
        st = host.stat()
    except OSError:
        return None
    is_dir = host.is_dir()
    return Entry(name=host.name, path=device_path(fs, host), is_dir=is_dir, size=0 if is_dir else st.st_size,
                 mtime=st.st_mtime, mime=DIR_MIME if is_dir else mime_of(host.name))


def list_dir(fs: VirtualFS, path: str) -> list[Entry]:
    """A folder's visible children (hidden dot-files are left out, as Files does by default)."""
    try:
        host = host_path(fs, path)
        children = [c for c in host.iterdir() if not c.name.startswith(".")]
    except (OSError, StorageError):
        return []
    return [e for e in (entry(fs, c) for c in children) if e is not None]


def walk_files(fs: VirtualFS) -> Iterator[Entry]:
    """Every visible file on the shared storage, outside `Android/` (app-private) and hidden folders."""
    for top, dirs, files in os.walk(fs.sdcard):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(top) == fs.sdcard and d == "Android"))
        for name in sorted(files):
            if not name.startswith("."):
                found = entry(fs, fs.path(top) / name)
                if found is not None:
                    yield found


def used_bytes(fs: VirtualFS) -> int:
    return sum(e.size for e in walk_files(fs))


SORTS = {
    "name_asc": "Name (A to Z)", "name_desc": "Name (Z to A)", "type_asc": "Type (A to Z)",
    "type_desc": "Type (Z to A)", "size_asc": "Size (smallest first)", "size_desc": "Size (largest first)",
    "date_asc": "Modified (oldest first)", "date_desc": "Modified (newest first)",
}
SORT_LABELS = {"name": "Name", "type": "Type", "size": "Size", "date": "Modified"}


def sort_entries(entries: list[Entry], sort: str, now_s: float) -> list[Entry]:
    """Folders first, then files, each ordered by `sort` (`name_asc`, `date_desc`, ...); ties by name."""
    dimension, _, direction = sort.partition("_")
    by_name = sorted(entries, key=lambda e: (e.name.casefold(), e.name))
    keys = {"name": lambda e: 0, "type": lambda e: e.mime, "size": lambda e: e.size,
            "date": lambda e: shown_mtime(e, now_s)}
    key = keys.get(dimension, keys["name"])
    ordered = sorted(by_name, key=key, reverse=direction == "desc")
    if dimension == "name" and direction == "desc":
        ordered = list(reversed(by_name))
    return [e for e in ordered if e.is_dir] + [e for e in ordered if not e.is_dir]


# -- formatting -----------------------------------------------------------------------------------------------
def format_size(size: int) -> str:
    """android.text.format.Formatter.formatFileSize: SI units, e.g. `512 B`, `1.23 kB`, `123 MB`."""
    value, suffix, mult = float(size), "B", 1
    for unit in ("kB", "MB", "GB", "TB", "PB"):
        if value > 900:
            value, suffix, mult = value / 1000, unit, mult * 1000
    text = f"{value:.0f}" if mult == 1 or value >= 100 else f"{value:.2f}"
    return f"{text} {suffix}"


def shown_mtime(e: Entry, now_s: float) -> float:
    """Never later than the device clock: folders other code touched carry host time, which is not device time."""
    return min(e.mtime, now_s)


def format_time(when_s: float, now_s: float, use_24h: bool) -> str:
    """Shared.formatTime: the time for today, `Oct 15` for this year, `Oct 15, 2025` before."""
    then = datetime.fromtimestamp(when_s, tz=UTC)
    now = datetime.fromtimestamp(now_s, tz=UTC)
    if then.year != now.year:
        return f"{then:%b} {then.day}, {then.year}"
    if then.date() != now.date():
        return f"{then:%b} {then.day}"
    if use_24h:
        return f"{then:%H:%M}"
    return f"{then.hour % 12 or 12}:{then:%M} {'AM' if then.hour < 12 else 'PM'}"


# -- operations -----------------------------------------------------------------------------------------------
def stamp(host: Path, now_s: float) -> None:
    if host.exists():
        os.utime(host, (now_s, now_s))


def stamp_tree(host: Path, now_s: float) -> None:
    for path in host.rglob("*"):  # paths made from `host` resolve through its phone, as strings would not
        stamp(path, now_s)
    stamp(host, now_s)


def make_dir(parent: Path, name: str, now_s: float) -> Path:
    if not valid_name(name):
        raise StorageError(f"invalid name: {name!r}")
    if conflict(parent, name.strip()):
        raise FileExistsError(name)
    target = parent / name.strip()
    target.mkdir()
    stamp(target, now_s)
    stamp(parent, now_s)
    return target


def rename(host: Path, name: str, now_s: float) -> Path:
    name = name.strip()
    if not valid_name(name):
        raise StorageError(f"invalid name: {name!r}")
    if conflict(host.parent, name, ignore=host):
        raise FileExistsError(name)
    target = host.with_name(name)
    host.rename(target)
    stamp(host.parent, now_s)
    return target


def delete(host: Path, now_s: float) -> None:
    if host.is_dir() and not host.is_symlink():
        shutil.rmtree(host)
    else:
        host.unlink()
    stamp(host.parent, now_s)


def can_transfer(src: Path, dest_dir: Path) -> bool:
    """A folder cannot go into itself or one of its own subfolders."""
    return src != dest_dir and src not in dest_dir.parents


def copy(src: Path, dest_dir: Path, now_s: float) -> Path:
    """Copy a file or folder into `dest_dir` under a unique name; the copies are new files (mtime now)."""
    if not can_transfer(src, dest_dir):
        raise StorageError("cannot copy a folder into itself")
    target = unique_child(dest_dir, src.name)
    if src.is_dir():
        sandbox.copy_tree(src, target)  # links are copied as links, never followed
        stamp_tree(target, now_s)
    else:
        shutil.copyfile(src, target)
        stamp(target, now_s)
    stamp(dest_dir, now_s)
    return target


def move(src: Path, dest_dir: Path, now_s: float) -> Path:
    """Move into `dest_dir` under a unique name; like a rename, the moved file keeps its mtime."""
    if not can_transfer(src, dest_dir) or src.parent == dest_dir:
        raise StorageError("cannot move there")
    target = unique_child(dest_dir, src.name)
    parent = src.parent
    src.rename(target)
    stamp(parent, now_s)
    stamp(dest_dir, now_s)
    return target
