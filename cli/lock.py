"""One writer per output: an advisory lock on a folder (a run, a bench or crawl output, a virtual phone).

The lock is `fcntl.flock` on the folder itself, so nothing in the folder (a phone's reset wiping its files, a
snapshot restore) can swap the locked object away. The kernel drops a flock when its process dies, so a lock left
by a killed process is simply taken over. `FOLDER/.droidpilot.lock` holds the owner's pid, only to name the owner
in the one line a second writer gets.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from droidpilot.errors import UsageError

PID_FILE = ".droidpilot.lock"


class FolderInUse(UsageError):
    """Another process writes to the folder (a second `crawl --out X`, `run --resume ID`, ...)."""

    hint = "wait for it to finish, or pick another folder"

    def __init__(self, what: str, folder: Path, pid: int | None) -> None:
        owner = f"pid {pid}" if pid else "another process"
        super().__init__(f"{what} {folder} is in use by {owner}")
        self.folder, self.pid = folder, pid


def _owner(folder: Path) -> int | None:
    with suppress(OSError, ValueError):
        return int((folder / PID_FILE).read_text(encoding="ascii").strip() or "0") or None
    return None


def acquire(folder: Path, what: str = "folder") -> int:
    """Lock `folder` (which must exist) for this process; FolderInUse names the pid that holds it."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FolderInUse(what, folder, _owner(folder)) from None
    try:
        (folder / PID_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
    except BaseException:
        os.close(fd)
        raise
    return fd


def release(folder: Path, fd: int) -> None:
    with suppress(OSError):
        (folder / PID_FILE).unlink()
    os.close(fd)


@contextmanager
def locked(folder: Path, what: str = "folder") -> Iterator[None]:
    """Hold the lock on `folder` for the block."""
    fd = acquire(folder, what)
    try:
        yield
    finally:
        release(folder, fd)
