"""Temporary phones (`VirtualPhone()` without a folder) live in `$TMPDIR/droidpilot-phone-*`; `close()` removes
them, but a process killed with -9 cannot. Each temporary phone holds a flock on its folder while it lives, and
every new one first reaps the folders older than a day that nobody holds.

Workers that may be killed (Ray actors) make their phones under a run root, `$TMPDIR/droidpilot-run-*/`, that the
driver removes when the run ends (`run_root`): a killed actor's folder goes then, not a day later. A root on
another node, where the driver cannot remove it, is reaped like a phone folder: a day old, nothing in it held.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PREFIX = "droidpilot-phone-"
RUN_PREFIX = "droidpilot-run-"
MAX_AGE_S = 24 * 3600
_parent: Path | None = None
"""Where this process makes its temporary phones (`place_under`); None: the temp dir."""


def hold(folder: Path) -> int:
    """Lock `folder` for this process (released when the fd is closed, or the process dies)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def create() -> tuple[Path, int]:
    """A fresh temporary phone folder and the fd that holds it; stale ones are reaped first."""
    reap()
    if _parent is not None:
        _parent.mkdir(parents=True, exist_ok=True)  # a run root made on the driver's node, or this node's copy
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=_parent))
    return folder, hold(folder)


def place_under(root: Path | None) -> None:
    """Make this process's next temporary phones in `root` (a run root), or in the temp dir again (None)."""
    global _parent
    _parent = root


@contextmanager
def run_root() -> Iterator[Path]:
    """A folder for one run's worker phones, removed with everything in it when the run ends."""
    root = Path(tempfile.mkdtemp(prefix=RUN_PREFIX))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def reap(max_age_s: float = MAX_AGE_S) -> int:
    """Remove temporary phone folders (also those in run roots) and empty run roots older than `max_age_s` that
    no living process holds; how many."""
    temp = Path(tempfile.gettempdir())
    removed = _reap(temp.glob(f"{PREFIX}*"), max_age_s) + _reap(temp.glob(f"{RUN_PREFIX}*/{PREFIX}*"), max_age_s)
    for root in temp.glob(f"{RUN_PREFIX}*"):
        with suppress(OSError):  # not empty (a phone lives there), or another process removed it first
            if root.stat().st_mtime < time.time() - max_age_s:
                root.rmdir()
    return removed


def _reap(folders: Iterator[Path], max_age_s: float) -> int:
    removed, cutoff = 0, time.time() - max_age_s
    for folder in folders:
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
