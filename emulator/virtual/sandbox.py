"""The sandbox of virtual phones: no file access under a phone's folder may lead outside it.

A phone folder copied from elsewhere, or a `--data-dir` pointing at one, may hold symlinks to host files. Every
client of the phone (the shell, the sync service, the apps, their content providers and share targets, snapshots)
reaches files through Python's file functions, so the guard sits where all of them meet: a `sys.addaudithook` hook
that sees every open, sqlite3 connect, listing, rename, removal, copy and link in the process. A path that is
under a registered phone root as written but whose real path (symlinks resolved) is not under that root's real
path is refused with `OutsidePhone` (a PermissionError, EACCES, so the clients' usual error paths apply: the shell
prints "Permission denied", sync answers FAIL, an app shows its failure). Paths outside every phone cost one
string comparison.

Access by directory file descriptor (`dir_fd=`, as `shutil.rmtree` does) is not seen by path here; rmtree never
follows links, and nothing else in the phone uses it.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path
from typing import Any

from droidpilot.errors import DataError

_ROOTS: dict[str, tuple[str, int]] = {}  # root as written (absolute, with a trailing /) -> (real root, phones)
_LOCK = threading.Lock()
_INSTALLED = False

# audit event -> positions of its path arguments
_PATH_ARGS: dict[str, tuple[int, ...]] = {
    "open": (0,), "os.listdir": (0,), "os.scandir": (0,), "os.rename": (0, 1), "os.remove": (0,),
    "os.rmdir": (0,), "os.mkdir": (0,), "os.truncate": (0,), "os.link": (0, 1), "os.symlink": (1,),
    "os.chmod": (0,), "os.chown": (0,), "os.utime": (0,), "shutil.copyfile": (0, 1), "shutil.copytree": (0, 1),
    "shutil.move": (0, 1), "shutil.rmtree": (0,), "sqlite3.connect": (0,),
}
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


class OutsidePhone(DataError, PermissionError):
    """A path inside a virtual phone's folder leads outside it (through a symlink)."""

    hint = "remove the symlinks from the phone's folder (find DIR -type l), or use a fresh phone"

    def __init__(self, path: str) -> None:
        super().__init__(errno.EACCES, "Permission denied (the path leads outside the virtual phone)", path)


def register(root: Path) -> None:
    """Guard `root` from now on (until as many `unregister` calls)."""
    key = os.path.join(os.path.abspath(root), "")
    real = os.path.join(os.path.realpath(root), "")
    with _LOCK:
        _install()
        _ROOTS[key] = (real, _ROOTS.get(key, (real, 0))[1] + 1)


def unregister(root: Path) -> None:
    key = os.path.join(os.path.abspath(root), "")
    with _LOCK:
        real, count = _ROOTS.get(key, ("", 0))
        if count <= 1:
            _ROOTS.pop(key, None)
        else:
            _ROOTS[key] = (real, count - 1)


def check(path: str | os.PathLike[str]) -> None:
    """Raise OutsidePhone when `path` is under a phone root but really lives outside it."""
    if not _ROOTS:
        return
    written = os.path.abspath(os.fsdecode(path))
    for key, (real_root, _) in list(_ROOTS.items()):
        if written.startswith(key) or written + "/" == key:
            real = os.path.realpath(written)
            if not (real + "/").startswith(real_root):
                raise OutsidePhone(written)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    positions = _PATH_ARGS.get(event)
    if positions is None or not _ROOTS:
        return
    for i in positions:
        if i < len(args) and isinstance(args[i], str | bytes | os.PathLike):
            check(args[i])
            if event == "sqlite3.connect":
                for suffix in _SQLITE_SIDE_FILES:
                    check(os.fsdecode(args[i]) + suffix)


def _install() -> None:
    global _INSTALLED
    if not _INSTALLED:
        sys.addaudithook(_hook)
        _INSTALLED = True
