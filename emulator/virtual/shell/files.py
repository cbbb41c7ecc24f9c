"""Toybox-like file commands for the virtual shell: ls, cat, rm, mkdir, rmdir, cp, mv, touch, the *sum hashes,
stat, chmod/chown/chgrp (accepted, no effect), find, df and the `toybox` dispatcher.

All paths go through `common.resolve` (VirtualFS). The `shell` user may write only under /sdcard and
/data/local/tmp, as on a real device; elsewhere writes fail with `Read-only file system`/`Permission denied`.
Listings are sorted so output is deterministic. `FILE_COMMANDS` also includes the text tools.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from emulator.virtual.fs import VirtualFS
from emulator.virtual.shell.common import (
    VfsError,
    children,
    emit,
    fail,
    inputs,
    is_mount_root,
    mtime_text,
    os_message,
    parse_opts,
    resolve,
    stamp,
    writable_error,
)
from emulator.virtual.shell.find import find
from emulator.virtual.shell.text_tools import TEXT_COMMANDS

if TYPE_CHECKING:
    from emulator.virtual.shell.sh import CommandFn, Invocation

NOENT = "No such file or directory"
Opts = dict[str, list[str]]


def _host(inv: Invocation, name: str, path: str) -> Path | None:
    """The host path, or None after printing `name: path: Permission denied` for an escaping path."""
    try:
        return resolve(inv.fs, path, inv.cwd)
    except VfsError as exc:
        fail(inv, f"{name}: {path}: {exc}")
        return None


def _exists(host: Path) -> bool:
    return host.exists() or host.is_symlink()


def owner(fs: VirtualFS, host: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    """((uid, user), (gid, group)) as Android shows them for that storage area."""
    if host.is_relative_to(fs.sdcard):
        return (0, "root"), (1015, "sdcard_rw")
    if host.is_relative_to(fs.data / "local" / "tmp"):
        return (2000, "shell"), (2000, "shell")
    return (0, "root"), (0, "root")


def mode_bits(host: Path) -> tuple[int, str]:
    """(octal permissions, ls string): the fixed modes Android storage shows, not the host's."""
    if host.is_dir():
        return 0o771, "drwxrwx--x"
    return (0o770, "-rwxrwx---") if host.stat().st_mode & 0o100 else (0o660, "-rw-rw----")


def _size(host: Path) -> int:
    return 4096 if host.is_dir() else host.stat().st_size


# --- ls ----------------------------------------------------------------------------------------------------


def ls(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "1aAlRdrtSshnCxFZ")
    status, files, dirs = 0, [], []
    for path in paths or ["."]:
        host = _host(inv, "ls", path)
        if host is None or not (_exists(host) or inv.fs.normalize(path, inv.cwd) == "/"):
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
        lines.append(f"total {sum((_size(h) + 4095) // 4096 * 4 for _, h in shown)}")
    blocks.append(lines + _entry_lines(inv, shown, opts))
    if "R" in opts:
        for name, child in shown:
            if name not in (".", "..") and child.is_dir() and not child.is_symlink():
                _dir_blocks(inv, posixpath.join(label, name), child, opts, True, blocks)


def _sorted(entries: list[tuple[str, Path]], opts: Opts) -> list[tuple[str, Path]]:
    result = sorted(entries)
    if "t" in opts:
        result.sort(key=lambda e: -e[1].stat().st_mtime)
    elif "S" in opts:
        result.sort(key=lambda e: -_size(e[1]))
    return result[::-1] if "r" in opts else result


def _entry_lines(inv: Invocation, entries: list[tuple[str, Path]], opts: Opts) -> list[str]:
    if "l" not in opts and "n" not in opts:
        return [name for name, _ in entries]
    rows = []
    for name, host in entries:
        (uid, user), (gid, group) = owner(inv.fs, host)
        ids = (str(uid), str(gid)) if "n" in opts else (user, group)
        links = "2" if host.is_dir() else "1"
        rows.append((mode_bits(host)[1], links, *ids, str(_size(host)), mtime_text(host), name))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return [
        f"{r[0]} {r[1]:>{widths[1]}} {r[2]:<{widths[2]}} {r[3]:<{widths[3]}} {r[4]:>{widths[4]}} {r[5]} {r[6]}"
        for r in rows
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
    host = _host(inv, "rm", path)
    if host is None:
        return 1
    if not _exists(host):
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
    host = _host(inv, "mkdir", path)
    if host is None:
        return 1
    if host.is_dir() and parents:
        return 0
    if _exists(host):
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
        host = _host(inv, "rmdir", path)
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
    host = _host(inv, "touch", path)
    if host is None:
        return 1
    if not _exists(host) and not create:
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
    dest_host = _host(inv, name, dest)
    if dest_host is None:
        return 1
    into_dir = dest_host.is_dir()
    if len(sources) > 1 and not into_dir:
        return fail(inv, f"{name}: {dest}: Not a directory")
    status = 0
    for src in sources:
        src_host = _host(inv, name, src)
        target = dest_host / src_host.name if src_host is not None and into_dir else dest_host
        status |= 1 if src_host is None else _transfer_one(inv, name, src, src_host, target, recursive)
    return status


def _transfer_one(inv: Invocation, name: str, src: str, src_host: Path, target: Path, recursive: bool) -> int:
    if not _exists(src_host):
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
        shutil.copytree(src, target, symlinks=True, dirs_exist_ok=True)  # symlinks are copied, never followed
    else:
        shutil.copyfile(src, target)
    stamp(inv.shell.clock, target)


# --- metadata ----------------------------------------------------------------------------------------------


def _hasher(algorithm: str) -> CommandFn:
    def run(inv: Invocation) -> int:
        opts, paths = parse_opts(inv.argv[1:], "b")
        status = 0
        for label, data in inputs(inv, posixpath.basename(inv.argv[0]), paths):
            if data is None:
                status = 1
                continue
            digest = hashlib.new(algorithm, data).hexdigest()
            emit(inv, f"{digest}\n" if "b" in opts else f"{digest}  {label}\n")
        return status

    return run


def _time_text(seconds: float, nanos: int) -> str:
    when = datetime.fromtimestamp(int(seconds), tz=UTC)
    return f"{when:%Y-%m-%d %H:%M:%S}.{nanos % 1_000_000_000:09d} +0000"


def _stat_fields(inv: Invocation, path: str, host: Path) -> dict[str, str]:
    st = host.stat()
    (uid, user), (gid, group) = owner(inv.fs, host)
    octal, text = mode_bits(host)
    size = _size(host)
    kind = "directory" if host.is_dir() else "regular file" if size else "regular empty file"
    when = _time_text(st.st_mtime, st.st_mtime_ns)
    return {
        "s": str(size), "n": path, "N": f"'{path}'", "F": kind, "a": f"{octal:o}", "A": text,
        "b": str((size + 511) // 512), "B": "512", "o": "4096", "u": str(uid), "U": user, "g": str(gid),
        "G": group, "h": "2" if host.is_dir() else "1", "i": str(st.st_ino), "d": "64768", "D": "fd00",
        "x": when, "y": when, "z": when, "X": str(int(st.st_mtime)), "Y": str(int(st.st_mtime)),
        "Z": str(int(st.st_mtime)), "%": "%",
    }


_STAT_DEFAULT = (
    "  File: %N\n  Size: %s\t Blocks: %b\t IO Blocks: %o\t%F\nDevice: %Dh/%dd\t Inode: %i\t Links: %h\n"
    "Access: (%a/%A)\tUid: (%u/%U)\tGid: (%g/%G)\nAccess: %x\nModify: %y\nChange: %z"
)


def stat(inv: Invocation) -> int:
    opts, paths = parse_opts(inv.argv[1:], "fLt", "c")
    template = opts["c"][-1] if "c" in opts else _STAT_DEFAULT
    status = 0 if paths else fail(inv, "stat: Needs 1 argument")
    for path in paths:
        host = _host(inv, "stat", path)
        if host is None or not _exists(host):
            status = 1 if host is None else fail(inv, f"stat: {path}: {NOENT}")
            continue
        fields = _stat_fields(inv, path, host)
        out, i = [], 0
        while i < len(template):
            spec = template[i + 1 : i + 2] if template[i] == "%" else ""
            out.append(fields.get(spec, "%" + spec) if spec else template[i])
            i += 2 if spec else 1
        emit(inv, "".join(out) + "\n")
    return status


def _attr_noop(inv: Invocation) -> int:
    """chmod/chown/chgrp: the virtual phone has fixed modes; succeed if the files exist."""
    name, args = posixpath.basename(inv.argv[0]), inv.argv[1:]
    while args and args[0].startswith("-") and set(args[0][1:]) <= set("RfvhHLP"):
        args = args[1:]
    if len(args) < 2:
        return fail(inv, f"{name}: Needs 2 arguments")
    status = 0
    for path in args[1:]:
        host = _host(inv, name, path)
        if host is None or not _exists(host):
            status = 1 if host is None else fail(inv, f"{name}: {path}: {NOENT}")
    return status


_DF_TABLE = (
    ("/dev/block/dm-0", 6201856, 6189448, "/"), ("tmpfs", 2005856, 1084, "/dev"),
    ("tmpfs", 2005856, 0, "/mnt"), ("/dev/block/vde1", 232868, 232100, "/vendor"),
    ("/dev/block/dm-37", 6045216, 1412280, "/data"), ("/dev/fuse", 6045216, 1412280, "/storage/emulated"),
)


def df(inv: Invocation) -> int:
    opts, _ = parse_opts(inv.argv[1:], "hHkPait", "t")
    human = "h" in opts
    lines = [f"Filesystem       {'Size' if human else '1K-blocks':>9} {'Used':>8} {'Available':>9} Use% Mounted on"]
    for name, size, used, mount in _DF_TABLE:
        free = size - used
        nums = [_human(n) if human else str(n) for n in (size, used, free)]
        lines.append(f"{name:<16} {nums[0]:>9} {nums[1]:>8} {nums[2]:>9} {-(-used * 100 // size):>3}% {mount}")
    emit(inv, "\n".join(lines) + "\n")
    return 0


def _human(kib: int) -> str:
    value, units = float(kib), ["K", "M", "G"]
    while value >= 1024 and len(units) > 1:
        value /= 1024
        units.pop(0)
    return f"{value:.1f}{units[0]}" if value < 10 and units[0] != "K" else f"{int(value)}{units[0]}"


# --- toybox ------------------------------------------------------------------------------------------------

TOYBOX_APPLETS = frozenset(
    ["basename", "cat", "chgrp", "chmod", "chown", "cp", "date", "df", "dirname", "du", "echo", "env", "false", "find", "grep", "head", "id", "ls", "md5sum", "mkdir", "mv", "pidof", "printf", "ps", "pwd", "rm", "rmdir", "sed", "seq", "sha1sum", "sha256sum", "sleep", "sort", "stat", "tail", "tee", "test", "touch", "true", "uname", "uniq", "wc", "which", "whoami", "xargs", "getprop", "setprop", "uptime", "kill"]
)


def toybox(inv: Invocation) -> int:
    args = inv.argv[1:]
    if not args:
        names = sorted(n for n in TOYBOX_APPLETS if inv.shell.lookup(n) is not None)
        emit(inv, " ".join(names) + "\n")
        return 0
    if args[0] == "--version":
        emit(inv, "toybox 0.8.9-android\n")
        return 0
    if args[0] not in TOYBOX_APPLETS or inv.shell.lookup(args[0]) is None:
        return fail(inv, f"toybox: Unknown command {args[0]}")
    return inv.shell.call(inv, args)


FILE_COMMANDS: dict[str, CommandFn] = {
    "ls": ls, "cat": cat, "rm": rm, "mkdir": mkdir, "rmdir": rmdir, "cp": cp, "mv": mv, "touch": touch,
    "md5sum": _hasher("md5"), "sha1sum": _hasher("sha1"), "sha256sum": _hasher("sha256"), "stat": stat,
    "chmod": _attr_noop, "chown": _attr_noop, "chgrp": _attr_noop, "find": find, "df": df, "toybox": toybox,
    **TEXT_COMMANDS,
}
