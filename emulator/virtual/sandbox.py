"""The sandbox of a virtual phone: one path-resolution layer per phone folder, through which every file access goes.

A phone folder copied from elsewhere, or a `--data-dir` pointing at one, may hold symlinks to host files. Every
client of the phone (the shell, the sync service, the apps, their content providers and share targets, snapshots)
reaches its files through paths made from `VirtualFS`'s roots, and those are `PhonePath`s: a `pathlib.Path` bound
to its phone's `PhoneRoot`. Whatever consumes one (`open`, `os.*`, `sqlite3`, Pillow, `shutil`) asks for its file
system path through `__fspath__`, and that answer is given only after the symlinks on the path are resolved and
found inside the phone's real root; otherwise `OutsidePhone` is raised (a PermissionError, EACCES, so the clients'
usual error paths apply: the shell prints "Permission denied", sync answers FAIL, an app shows its failure).
Operations on a link itself (lstat, unlink, rename, readlink) resolve only the folder it sits in. Snapshots are
saved through `copy_tree` and restored through `mirror`; both copy links as links and never read through one.

Derived paths (`/`, `.parent`, `iterdir`, `glob`) keep the binding; a plain string or `Path(...)` made from one
does not, so code in the phone turns host strings back into paths with `PhoneRoot.path`.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from pathlib import PosixPath
from typing import Any, ClassVar

from droidpilot.errors import DataError

_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
StrOrBytesPath = str | bytes | os.PathLike[str] | os.PathLike[bytes]


class OutsidePhone(DataError, PermissionError):
    """A path inside a virtual phone's folder leads outside it (through a symlink)."""

    hint = "remove the symlinks from the phone's folder (find DIR -type l), or use a fresh phone"

    def __init__(self, path: str) -> None:
        super().__init__(errno.EACCES, "Permission denied (the path leads outside the virtual phone)", path)


class PhoneRoot:
    """The folder of one phone and the only way its paths become file system paths."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.path.abspath(os.fspath(root) if not isinstance(root, PhonePath) else str(root))
        self.real = os.path.realpath(self.root)
        self._prefix = os.path.join(self.root, "")
        self._real_prefix = os.path.join(self.real, "")
        self._path_class: type[PhonePath] = type("PhonePath", (PhonePath,), {"phone_root": self})

    def __reduce__(self) -> tuple[Any, ...]:
        return PhoneRoot, (self.root,)

    def path(self, *parts: str | os.PathLike[str]) -> PhonePath:
        """A path bound to this phone (host strings from `os.walk`, widgets, temp files become paths again)."""
        return self._path_class(*(str(p) if isinstance(p, PhonePath) else p for p in parts))

    def resolve(self, path: str, follow: bool = True) -> str:
        """`path` (absolute) when it stays inside the phone with symlinks resolved (all of them, or all but the
        last component when `follow` is false); OutsidePhone otherwise."""
        absolute = path if path.startswith("/") else os.path.join(os.getcwd(), path)
        if self._plain_below_root(absolute, follow):
            return absolute
        if follow:
            real = os.path.realpath(absolute)
        else:
            head, tail = os.path.split(absolute.rstrip("/") or "/")
            real = os.path.join(os.path.realpath(head), tail) if tail not in ("", ".", "..") else os.path.realpath(
                absolute)
        if real != self.real and not real.startswith(self._real_prefix):
            raise OutsidePhone(path)
        return absolute

    def _plain_below_root(self, absolute: str, follow: bool) -> bool:
        """True when `absolute` is under the root as written and no component below the root is a link (the
        common case: a few lstat calls instead of a full realpath)."""
        if not absolute.startswith(self._prefix) or "/../" in absolute + "/" or "/./" in absolute + "/":
            return absolute == self.root
        parts = absolute[len(self._prefix):].rstrip("/").split("/")
        current = self.root
        for part in parts if follow else parts[:-1]:
            current += "/" + part
            try:
                mode = os.lstat(current).st_mode
            except (FileNotFoundError, NotADirectoryError):
                return True  # nothing further exists, so nothing further can lead out
            if stat.S_ISLNK(mode):
                return False
        return True

    def connect(self, database: PhonePath, **kwargs: Any) -> sqlite3.Connection:
        """`sqlite3.connect` that also refuses the side files SQLite opens by name (journal, WAL) as links out."""
        for suffix in _SQLITE_SIDE_FILES:
            self.resolve(str(database) + suffix)
        return sqlite3.connect(os.fspath(database), **kwargs)

    def copy_tree(self, source: PhonePath, target: PhonePath, skip: frozenset[str] = frozenset()) -> None:
        """Copy the folder `source` into `target` (merging): links are copied as links, never followed, and
        nothing is written through a link already in `target`; top-level names in `skip` are left out."""
        target.mkdir(parents=True, exist_ok=True)
        for child in source.iterdir():
            if child.name in skip:
                continue
            into = target / child.name
            mode = child.lstat().st_mode
            if stat.S_ISDIR(mode) and not os.path.lexists(into._link_itself()):
                self._copy_new_folder(child, into)
                continue
            if stat.S_ISLNK(mode):
                if into.is_symlink() or into.exists():
                    _remove(into)
                into.symlink_to(os.readlink(child._link_itself()))  # the link's own text, relative or not
            elif stat.S_ISDIR(mode):
                if into.is_symlink():
                    into.unlink()
                self.copy_tree(child, into)
            elif stat.S_ISREG(mode):
                if into.is_symlink():
                    into.unlink()
                shutil.copyfile(child, into)  # both paths resolve through this root
                shutil.copystat(child, into)


    def _copy_new_folder(self, source: PhonePath, target: PhonePath) -> None:
        """A whole folder into a name that does not exist yet, on the checked real paths (see `_copy_folder`)."""
        _copy_folder(source._link_itself(), target._link_itself())


    def mirror(self, source: PhonePath, target: PhonePath, skip: frozenset[str] = frozenset()) -> None:
        """Make the folder `target` hold exactly what `source` holds (a snapshot restore). An entry that differs
        in kind, size, modification time or link text is replaced, links as links; what `source` lacks goes;
        unchanged files are left alone, so a restore after an episode rewrites only what the episode touched.
        Nothing is followed: only real folders are descended into and only names that do not exist are
        written. Top-level names in `skip` are left alone on both sides."""
        _mirror(os.fspath(source), os.fspath(target), skip)


def _mirror(source: str, target: str, skip: frozenset[str]) -> None:
    wanted = {entry.name: entry for entry in os.scandir(source) if entry.name not in skip}
    for entry in os.scandir(target):
        want = wanted.get(entry.name)
        if entry.name in skip or (want is not None and _same(want, entry)):
            continue
        if entry.is_dir(follow_symlinks=False) and not entry.is_symlink():
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    for name, want in wanted.items():
        into = os.path.join(target, name)
        exists = os.path.lexists(into)
        if want.is_symlink():
            if not exists:
                os.symlink(os.readlink(want.path), into)
        elif want.is_dir(follow_symlinks=False):
            if exists:
                _mirror(want.path, into, frozenset())
            else:
                _copy_folder(want.path, into)
        elif want.is_file(follow_symlinks=False) and not exists:
            shutil.copy2(want.path, into, follow_symlinks=False)


def _copy_folder(source: str, target: str) -> None:
    """Copy a real folder to a name that does not exist yet. Links are made as links (their own times are not
    copied: that call would name the link's target to an observer) and never descended into; the new tree holds
    no link before it is written, so nothing is written through one; pipes, sockets and devices are left out."""
    os.mkdir(target)
    for entry in os.scandir(source):
        into = os.path.join(target, entry.name)
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), into)
        elif entry.is_dir(follow_symlinks=False):
            _copy_folder(entry.path, into)
        elif entry.is_file(follow_symlinks=False):
            shutil.copy2(entry.path, into, follow_symlinks=False)
    shutil.copystat(source, target)


def _same(want: os.DirEntry[str], have: os.DirEntry[str]) -> bool:
    """Whether `have` may stay as it is: both real folders (compared entry by entry), both links with the same
    text, or both regular files with the same size, modification time and bytes. The bytes are read because a
    write within the file system's timestamp tick leaves the time as it was; reading is far cheaper than
    writing a copy."""
    if want.is_symlink() or have.is_symlink():
        return want.is_symlink() and have.is_symlink() and os.readlink(want.path) == os.readlink(have.path)
    if want.is_dir(follow_symlinks=False) or have.is_dir(follow_symlinks=False):
        return want.is_dir(follow_symlinks=False) and have.is_dir(follow_symlinks=False)
    a, b = want.stat(follow_symlinks=False), have.stat(follow_symlinks=False)
    if not (stat.S_ISREG(a.st_mode) and stat.S_ISREG(b.st_mode)):
        return False
    return (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns) and _same_bytes(want.path, have.path)


def _same_bytes(first: str, second: str, chunk: int = 1 << 20) -> bool:
    with open(first, "rb") as a, open(second, "rb") as b:
        while True:
            block = a.read(chunk)
            if block != b.read(chunk):
                return False
            if not block:
                return True


def connect(database: os.PathLike[str], **kwargs: Any) -> sqlite3.Connection:
    """Open an SQLite file through its phone's root when it is a phone's path (see `PhoneRoot.connect`)."""
    if isinstance(database, PhonePath):
        return database.phone_root.connect(database, **kwargs)
    return sqlite3.connect(database, **kwargs)


def copy_tree(source: os.PathLike[str], target: os.PathLike[str]) -> None:
    """`PhoneRoot.copy_tree` through the phone root of `source` (or, for plain paths, of the folder both are in)."""
    if isinstance(source, PhonePath):
        root = source.phone_root
    else:
        root = PhoneRoot(os.path.commonpath([os.path.abspath(source), os.path.abspath(target)]))
    root.copy_tree(root.path(source), root.path(target))


def _remove(path: PhonePath) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


class PhonePath(PosixPath):
    """A host path inside a phone folder: it becomes a file system path only through its `PhoneRoot`."""

    phone_root: ClassVar[PhoneRoot]

    def __fspath__(self) -> str:
        return self.phone_root.resolve(str(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return self.phone_root.path, (str(self),)

    def _link_itself(self) -> str:
        """The path of this name when the operation acts on a link itself, not on what it names."""
        return self.phone_root.resolve(str(self), follow=False)

    def _other(self, target: str | os.PathLike[str]) -> str:
        return self.phone_root.resolve(str(target) if isinstance(target, PhonePath) else os.fspath(target),
                                       follow=False)

    # -- operations on the name itself -----------------------------------------------------------------------
    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        if follow_symlinks:
            return os.stat(self)
        return os.stat(self._link_itself(), follow_symlinks=False)

    def unlink(self, missing_ok: bool = False) -> None:
        try:
            os.unlink(self._link_itself())
        except FileNotFoundError:
            if not missing_ok:
                raise

    def readlink(self) -> PhonePath:
        return self.phone_root.path(os.readlink(self._link_itself()))

    def symlink_to(self, target: StrOrBytesPath, target_is_directory: bool = False) -> None:
        """A link may name anything (as on a phone); following it is what the root refuses."""
        os.symlink(str(target) if isinstance(target, PhonePath) else target, self._link_itself(),
                   target_is_directory)

    def hardlink_to(self, target: StrOrBytesPath) -> None:
        """A hard link to a file outside would be that file itself: the target must resolve inside."""
        os.link(self.phone_root.resolve(os.fsdecode(target)), self._link_itself())

    def rename(self, target: str | os.PathLike[str]) -> PhonePath:
        os.rename(self._link_itself(), self._other(target))
        return self.phone_root.path(target)

    def replace(self, target: str | os.PathLike[str]) -> PhonePath:
        os.replace(self._link_itself(), self._other(target))
        return self.phone_root.path(target)

    # -- a link that leads out of the phone looks like a dangling one to these questions ------------------------
    def exists(self) -> bool:
        try:
            return super().exists()
        except OutsidePhone:
            return False

    def is_dir(self) -> bool:
        try:
            return super().is_dir()
        except OutsidePhone:
            return False

    def is_file(self) -> bool:
        try:
            return super().is_file()
        except OutsidePhone:
            return False
