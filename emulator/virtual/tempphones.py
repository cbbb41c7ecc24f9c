"""Temporary phones (`VirtualPhone()` without a folder) live in `$TMPDIR/droidpilot-phone-*`; `close()` removes
them, but a process killed with -9 cannot. Each temporary phone holds a flock on its folder while it lives, and
every new one first reaps the folders older than a day that nobody holds."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from contextlib import suppress
from pathlib import Path

PREFIX = "droidpilot-phone-"
MAX_AGE_S = 24 * 3600


def hold(folder: Path) -> int:
    """Lock `folder` for this process (released when the fd is closed, or the process dies)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def create() -> tuple[Path, int]:
    """A fresh temporary phone folder and the fd that holds it; stale ones are reaped first."""
    reap()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    return folder, hold(folder)


def reap(max_age_s: float = MAX_AGE_S) -> int:
    """Remove temporary phone folders older than `max_age_s` that no living process holds; how many."""
    removed, cutoff = 0, time.time() - max_age_s
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        with suppress(OSError):
            if folder.is_symlink() or not folder.is_dir() or folder.stat().st_mtime > cutoff:
                continue
            fd = hold(folder)  # BlockingIOError (an OSError) when its phone is alive
            try:
                shutil.rmtree(folder)
                removed += 1
            finally:
                os.close(fd)
    return removed
