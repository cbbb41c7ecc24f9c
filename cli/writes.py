"""Where commands write (run folders, crawls, benchmark results, screenshots, exports, memory and shortcut files):
check the place before the work starts, and turn a failed write into one line naming the path, with a hint.

Root ignores permission bits, so the checks write a probe file instead of reading modes; a disk with less than
`MIN_FREE_BYTES` left is refused before a long job rather than failing half-way through it.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NoReturn

from droidpilot.cli.common import fail

MIN_FREE_BYTES = 10 * 1024 * 1024
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def explain(exc: OSError, path: Path) -> tuple[str, str]:
    """(message, hint) for an OSError met while writing `path`."""
    code = exc.errno
    if code == errno.EROFS:
        return f"cannot write {path}: it is on a read-only file system", "pick a location on a writable disk"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot write {path}: permission denied", "pick a location you own, or fix its permissions"
    if code in FULL:
        reason = "the file is larger than allowed" if code == errno.EFBIG else "the disk is full"
        return f"cannot write {path}: {reason}", "free some space, or pick a location on another disk"
    if code in (errno.ENOTDIR, errno.EEXIST):
        return f"cannot write {path}: a file is in the way of a folder on that path", "pick another location"
    if code == errno.EISDIR:
        return f"cannot write {path}: it is a directory", "give a file name, not a folder"
    if code == errno.ENOENT:
        return f"cannot write {path}: a folder on that path does not exist", "create it, or pick another location"
    return f"cannot write {path}: {exc.strerror or exc}", "check the path, its permissions and the free space"


def fail_write(exc: OSError, path: Path) -> NoReturn:
    message, hint = explain(exc, path)
    fail(message, hint)


def _probe(directory: Path) -> None:
    probe = directory / f".droidpilot-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"ok")
    finally:
        probe.unlink(missing_ok=True)


def _missing_folders(path: Path) -> list[Path]:
    """The folders on `path` that do not exist yet, deepest first."""
    missing = []
    for folder in [path, *path.parents]:
        if folder.exists() or folder.is_symlink():
            break
        missing.append(folder)
    return missing


def prepare_dir(path: Path, min_free: int = MIN_FREE_BYTES) -> Path:
    """Create `path` if needed and make sure files can be written in it (and that there is room for a job).
    On failure the folders it made are removed again."""
    made = _missing_folders(path)
    try:
        try:
            if path.exists() and not path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(path))
            path.mkdir(parents=True, exist_ok=True)
            _probe(path)
            free = shutil.disk_usage(path).free
        except OSError as exc:
            fail_write(exc, path)
        if free < min_free:
            fail(f"cannot write {path}: only {free // 1024} KB free on its disk",
                 f"free some space (at least {min_free // (1024 * 1024)} MB), or pick a location on another disk")
    except BaseException:
        for folder in made:
            with suppress(OSError):
                folder.rmdir()
        raise
    return path


def prepare_file(path: Path) -> Path:
    """Make sure `path` can be created or replaced: its folder exists (or can be made) and takes files."""
    if path.is_dir():
        fail(f"cannot write {path}: it is a directory", "give a file name, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _probe(path.parent)
    except OSError as exc:
        fail_write(exc, path)
    return path


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Failed writes inside the block become one line naming `path`."""
    try:
        yield
    except OSError as exc:
        fail_write(exc, path)


def store_problem(path: Path) -> tuple[str, str] | None:
    """Why a database file at `path` cannot be created or written, when the reason is the place it is in."""
    folder = path.parent
    try:
        if path.is_dir():
            return f"cannot use {path}: it is a directory", "give a file name, not a folder"
        folder.mkdir(parents=True, exist_ok=True)
        _probe(folder)
        if shutil.disk_usage(folder).free < 64 * 1024:
            return explain(OSError(errno.ENOSPC, "No space left on device"), path)
    except OSError as exc:
        return explain(exc, path)
    return None


def discard_new_store(path: Path, existed: bool) -> None:
    """Remove what a failed first open of an SQLite file left behind, so that nothing torn stays on disk."""
    if existed:
        return
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                     path.with_name(path.name + "-journal")):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def uncaught_write_failure(exc: BaseException) -> tuple[str, str] | None:
    """(message, hint) for an OSError no command turned into a message, when it is a failed write (read-only
    file system, no permission, full disk); None for anything else."""
    if not isinstance(exc, OSError) or exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM, *FULL):
        return None
    where = exc.filename or exc.filename2
    if where is None:
        message, hint = explain(exc, Path("."))
        return message.replace("cannot write .: ", "cannot write: "), hint
    return explain(exc, Path(str(where)))
