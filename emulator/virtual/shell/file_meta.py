"""File metadata commands for the virtual shell: md5sum/sha1sum/sha256sum, stat, chmod/chown/chgrp (accepted,
no effect: the virtual phone shows fixed Android modes), df (a fixed, plausible table) and `toybox NAME ...`.
Also the path helpers `files.py` shares: ownership, modes and sizes as Android shows them.
"""

from __future__ import annotations

import hashlib
import posixpath
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell.common import VfsError, canonical, emit, fail, inputs, parse_opts, resolve

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

NOENT = "No such file or directory"


def host_or_report(inv: Invocation, name: str, path: str) -> Path | None:
    """The host path, or None after printing `name: path: Permission denied` for an escaping path."""
    try:
        return resolve(inv.fs, path, inv.cwd)
    except VfsError as exc:
        fail(inv, f"{name}: {path}: {exc}")
        return None


def exists(host: Path) -> bool:
    return host.exists() or host.is_symlink()


def owner(fs: VirtualFS, host: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    """((uid, user), (gid, group)) as Android shows them for that storage area."""
    path = canonical(fs, host) or "/"
    if path == "/sdcard" or path.startswith("/sdcard/"):
        return (0, "root"), (1015, "sdcard_rw")
    if path == "/data/local/tmp" or path.startswith("/data/local/tmp/"):
        return (2000, "shell"), (2000, "shell")
    if path.startswith("/data/data/"):
        return (10000, "u0_a0"), (10000, "u0_a0")
    return (0, "root"), (0, "root")


def mode_bits(host: Path) -> tuple[int, str]:
    """(octal permissions, ls string): the fixed modes Android storage shows, not the host's."""
    if host.is_symlink():
        return 0o777, "lrwxrwxrwx"
    if host.is_dir():
        return 0o771, "drwxrwx--x"
    return (0o770, "-rwxrwx---") if host.stat().st_mode & 0o100 else (0o660, "-rw-rw----")


def size_of(host: Path) -> int:
    """Directories show 4096 as on ext4; a symlink is never followed (lstat)."""
    return 4096 if host.is_dir() and not host.is_symlink() else host.lstat().st_size


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
    st = host.lstat()
    (uid, user), (gid, group) = owner(inv.fs, host)
    octal, text = mode_bits(host)
    size = size_of(host)
    kind = "directory" if host.is_dir() else "regular file" if size else "regular empty file"
    when = _time_text(st.st_mtime, st.st_mtime_ns)
    return {
        "s": str(size), "n": path, "N": f"'{path}'", "F": kind, "a": f"{octal:o}", "A": text,
        "b": str((size + 4095) // 4096 * 8), "B": "512", "o": "4096", "u": str(uid), "U": user, "g": str(gid),
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
        host = host_or_report(inv, "stat", path)
        if host is None or not exists(host):
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


def chmod(inv: Invocation) -> int:
    """chmod/chown/chgrp: the virtual phone has fixed modes; succeed if the files exist."""
    name, args = posixpath.basename(inv.argv[0]), inv.argv[1:]
    while args and args[0].startswith("-") and set(args[0][1:]) <= set("RfvhHLP"):
        args = args[1:]
    if len(args) < 2:
        return fail(inv, f"{name}: Needs 2 arguments")
    status = 0
    for path in args[1:]:
        host = host_or_report(inv, name, path)
        if host is None or not exists(host):
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
    size_title = "Size" if human else "1K-blocks"
    lines = [f"Filesystem       {size_title:>9} {'Used':>8} {'Available':>9} Use% Mounted on"]
    for name, size, used, mount in _DF_TABLE:
        free = size - used
        nums = [_human(n) if human else str(n) for n in (size, used, free)]
        percent = -(-used * 100 // size)  # df rounds up
        lines.append(f"{name:<16} {nums[0]:>9} {nums[1]:>8} {nums[2]:>9} {percent:>3}% {mount}")
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
    {
        "basename", "cat", "chgrp", "chmod", "chown", "cp", "date", "df", "dirname", "du", "echo",
        "env", "false", "find", "grep", "head", "id", "ls", "md5sum", "mkdir", "mv", "pidof", "printf",
        "ps", "pwd", "rm", "rmdir", "sed", "seq", "sha1sum", "sha256sum", "sleep", "sort", "stat",
        "tail", "tee", "test", "touch", "true", "uname", "uniq", "wc", "which", "whoami", "xargs",
        "getprop", "setprop", "uptime", "kill", "awk", "base64", "cut", "tr", "readlink", "realpath", "tty",
        "ifconfig", "log", "egrep", "fgrep",
    }
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


HASHES: dict[str, CommandFn] = {
    "md5sum": _hasher("md5"), "sha1sum": _hasher("sha1"), "sha256sum": _hasher("sha256"),
}
