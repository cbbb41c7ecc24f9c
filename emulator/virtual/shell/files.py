"""Toybox-like file commands for the virtual shell: ls, cat, rm, mkdir, rmdir, cp, mv, touch.
`FILE_COMMANDS` also gathers the metadata commands (file_meta.py), find (find.py) and the text tools.

All paths go through `common.resolve` (VirtualFS). The `shell` user may write only under /sdcard and
/data/local/tmp, as on a real device; elsewhere writes fail with `Read-only file system`/`Permission denied`.
Listings are sorted so output is deterministic.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual import sandbox
from droidpilot.emulator.virtual.shell.awk import awk
from droidpilot.emulator.virtual.shell.common import (
    Opts,
    children,
    emit,
    fail,
    inputs,
    is_mount_root,
    mtime_text,
    os_message,
    parse_opts,
    stamp,
    writable_error,
)
from droidpilot.emulator.virtual.shell.file_meta import (
    HASHES,
    NOENT,
    chmod,
    df,
    exists,
    host_or_report,
    mode_bits,
    owner,
    size_of,
    stat,
    toybox,
)
from droidpilot.emulator.virtual.shell.find import find
from droidpilot.emulator.virtual.shell.sed import sed
from droidpilot.emulator.virtual.shell.text_tools import TEXT_COMMANDS
from droidpilot.emulator.virtual.shell.toybox_text import TOYBOX_TEXT

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

# --- ls ----------------------------------------------------------------------------------------------------


def ls(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "1aAlRdrtSshnCxFZ")
    status, files, dirs = 0, [], []
    for path in paths or ["."]:
        host = host_or_report(inv, "ls", path)
        if host is None or not (exists(host) or inv.fs.normalize(path, inv.cwd) == "/"):
            status = 1 if host is None else fail(inv, f"ls: {path}: {NOENT}")
        elif host.is_dir() and "d" not in opts:
            dirs.append((path, host))
        else:
            files.append((path, host))
    blocks = [_entry_lines(inv, _sorted(files, opts), opts)] if files else []
    for path, host in _sorted(dirs, opts):
        _dir_blocks(inv, path, host, opts, len(paths) > 1 or "R" in opts, blocks)
    emit(inv, "\n".join("".join(line + "\n" for line in block) for block in blocks if block))
    return status


def _dir_blocks(
    inv: Invocation, label: str, host: Path, opts: Opts, header: bool, blocks: list[list[str]]
) -> None:
    device = inv.fs.normalize(label, inv.cwd)
    entries = children(inv.fs, device, host)
    if "a" not in opts and "A" not in opts:
        entries = [(n, h) for n, h in entries if not n.startswith(".")]
    shown = _sorted(entries, opts)
    if "a" in opts:
        shown = [(".", host), ("..", inv.fs.host_path(posixpath.dirname(device))), *shown]
    lines = [f"{label}:"] if header else []
    if "l" in opts:
        lines.append(f"total {sum((size_of(h) + 4095) // 4096 * 4 for _, h in shown)}")
    blocks.append(lines + _entry_lines(inv, shown, opts))
    if "R" in opts:
        for name, child in shown:
            if name not in (".", "..") and child.is_dir() and not child.is_symlink():
                _dir_blocks(inv, posixpath.join(label, name), child, opts, True, blocks)


def _sorted(entries: list[tuple[str, Path]], opts: Opts) -> list[tuple[str, Path]]:
    result = sorted(entries)
    if "t" in opts:
        result.sort(key=lambda e: -e[1].lstat().st_mtime)
    elif "S" in opts:
        result.sort(key=lambda e: -size_of(e[1]))
    return result[::-1] if "r" in opts else result


def _entry_lines(inv: Invocation, entries: list[tuple[str, Path]], opts: Opts) -> list[str]:
    if "l" not in opts and "n" not in opts:
        return [name for name, _ in entries]
    rows = []
    for name, host in entries:
        (uid, user), (gid, group) = owner(inv.fs, host)
        ids = (str(uid), str(gid)) if "n" in opts else (user, group)
        links = "2" if host.is_dir() else "1"
        rows.append((mode_bits(host)[1], links, *ids, str(size_of(host)), mtime_text(host), name))
    width = [max(len(row[i]) for row in rows) for i in range(5)]
    return [
        f"{mode} {links:>{width[1]}} {user:<{width[2]}} {group:<{width[3]}} {size:>{width[4]}} {when} {name}"
        for mode, links, user, group, size, when, name in rows
    ]


# --- reading and writing -----------------------------------------------------------------------------------


def cat(inv: Invocation) -> int:
    _, paths = parse_opts(inv.argv[1:], "uvtenAs")
    status = 0
    for _, data in inputs(inv, "cat", paths):
        if data is None:
            status = 1
        else:
            inv.out += data
    return status


def _write_check(inv: Invocation, name: str, path: str, host: Path, removing: bool = False) -> bool:
    """True if the shell user may change `host`; otherwise prints why."""
    denied = writable_error(inv.fs, host)
    if denied is None and removing and is_mount_root(inv.fs, host):
        denied = "Permission denied"
    if denied:
        fail(inv, f"{name}: {path}: {denied}")
    return denied is None


def rm(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "frRiv")
    force, recursive = "f" in opts, "r" in opts or "R" in opts
    if not paths:
        return 0 if force else fail(inv, "rm: Needs 1 argument")
    return max(_rm_one(inv, path, force, recursive) for path in paths)


def _rm_one(inv: Invocation, path: str, force: bool, recursive: bool) -> int:
    host = host_or_report(inv, "rm", path)
    if host is None:
        return 1
    if not exists(host):
        return 0 if force else fail(inv, f"rm: {path}: {NOENT}")
    if not _write_check(inv, "rm", path, host, removing=True):
        return 1
    if host.is_dir() and not host.is_symlink():
        if not recursive:
            return fail(inv, f"rm: {path}: Is a directory")
        shutil.rmtree(host)
    else:
        host.unlink()
    return 0


def mkdir(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "pv", "mZ")
    status = 0 if paths else fail(inv, "mkdir: Needs 1 argument")
    for path in paths:
        status |= _mkdir_one(inv, path, parents="p" in opts)
    return status


def _mkdir_one(inv: Invocation, path: str, parents: bool) -> int:
    host = host_or_report(inv, "mkdir", path)
    if host is None:
        return 1
    if host.is_dir() and parents:
        return 0
    if exists(host):
        return fail(inv, f"mkdir: {path}: File exists")
    if not _write_check(inv, "mkdir", path, host):
        return 1
    status = _os_call(inv, "mkdir", path, lambda: host.mkdir(parents=parents))
    stamp(inv.shell.clock, host)
    return status


def rmdir(inv: Invocation) -> int:
    _, paths = parse_opts(inv.argv[1:], "pv")
    status = 0 if paths else fail(inv, "rmdir: Needs 1 argument")
    for path in paths:
        host = host_or_report(inv, "rmdir", path)
        if host is None or not _write_check(inv, "rmdir", path, host, removing=True):
            status = 1
        else:
            status |= _os_call(inv, "rmdir", path, host.rmdir)
    return status


def _os_call(inv: Invocation, name: str, path: str, action: Callable[[], object]) -> int:
    try:
        action()
    except OSError as exc:
        return fail(inv, f"{name}: {path}: {os_message(exc)}")
    return 0


def touch(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "acmh", "dtr")
    status = 0 if paths else fail(inv, "touch: Needs 1 argument")
    for path in paths:
        status |= _touch_one(inv, path, create="c" not in opts)
    return status


def _touch_one(inv: Invocation, path: str, create: bool) -> int:
    host = host_or_report(inv, "touch", path)
    if host is None:
        return 1
    if not exists(host) and not create:
        return 0
    if not _write_check(inv, "touch", path, host) or _os_call(inv, "touch", path, host.touch):
        return 1
    if inv.shell.clock is None:
        os.utime(host)
    stamp(inv.shell.clock, host)
    return 0


# --- copy and move -----------------------------------------------------------------------------------------


def cp(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "rRpfaidlPsuvnLHFT")
    return _transfer(inv, "cp", paths, recursive=bool({"r", "R", "a"} & opts.keys()))


def mv(inv: Invocation) -> int:
    _, paths = parse_opts(inv.argv[1:], "fivnT")
    return _transfer(inv, "mv", paths, recursive=True)


def _transfer(inv: Invocation, name: str, paths: list[str], recursive: bool) -> int:
    if len(paths) < 2:
        return fail(inv, f"{name}: Needs 2 arguments")
    *sources, dest = paths
    dest_host = host_or_report(inv, name, dest)
    if dest_host is None:
        return 1
    into_dir = dest_host.is_dir()
    if len(sources) > 1 and not into_dir:
        return fail(inv, f"{name}: {dest}: Not a directory")
    status = 0
    for src in sources:
        src_host = host_or_report(inv, name, src)
        target = dest_host / src_host.name if src_host is not None and into_dir else dest_host
        status |= 1 if src_host is None else _transfer_one(inv, name, src, src_host, target, recursive)
    return status


def _transfer_one(inv: Invocation, name: str, src: str, src_host: Path, target: Path, recursive: bool) -> int:
    if not exists(src_host):
        return fail(inv, f"{name}: {src}: {NOENT}")
    device_target = inv.fs.device_path(target)
    if not _write_check(inv, name, device_target, target):
        return 1
    if name == "mv" and not _write_check(inv, name, src, src_host, removing=True):
        return 1
    if target == src_host:
        return fail(inv, f"{name}: '{src}' and '{device_target}' are the same file")
    if src_host.is_dir() and not recursive:
        return fail(inv, f"{name}: Skipped dir '{src}'")
    if src_host.is_dir() and target.is_relative_to(src_host):
        return fail(inv, f"{name}: {src}: can't {name} a directory into itself")
    if target.is_dir() and not src_host.is_dir():
        return fail(inv, f"{name}: {device_target}: Is a directory")
    return _os_call(inv, name, src, lambda: _do_transfer(inv, name, src_host, target))


def _do_transfer(inv: Invocation, name: str, src: Path, target: Path) -> None:
    if name == "mv":
        os.replace(src, target)
        return
    if src.is_dir():
        sandbox.copy_tree(src, target)  # links are copied as links, never followed or written through
    else:
        shutil.copyfile(src, target)
    stamp(inv.shell.clock, target)


FILE_COMMANDS: dict[str, CommandFn] = {
    "ls": ls, "cat": cat, "rm": rm, "mkdir": mkdir, "rmdir": rmdir, "cp": cp, "mv": mv, "touch": touch,
    "stat": stat, "chmod": chmod, "chown": chmod, "chgrp": chmod, "find": find, "df": df, "toybox": toybox,
    "sed": sed, "awk": awk,
    **HASHES,
    **TEXT_COMMANDS,
    **TOYBOX_TEXT,
}
