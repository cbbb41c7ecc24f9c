"""Helpers shared by the shell and its commands: safe VFS access, option parsing, output and escapes.

Every file a command touches is resolved by `resolve`, which goes through `VirtualFS.host_path` and then
refuses anything whose real path (after symlinks) is outside the data directory.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import posixpath
import re
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.fs import APP_DATA_ALIASES, SDCARD_ALIASES, VirtualFS
from droidpilot.emulator.virtual.sandbox import OutsidePhone

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.clock import VirtualClock
    from droidpilot.emulator.virtual.shell.sh import Invocation

ENC = "utf-8"
ERRORS = "surrogateescape"
"""Shell text is str; bytes that are not UTF-8 survive the round trip as surrogates."""

Opts = dict[str, list[str]]
"""Parsed options: flag -> the values given (`[""]` per use of a boolean flag)."""

NULL_DEVICES = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")


class VfsError(Exception):
    """A file operation failed; the message is the strerror text (`No such file or directory`)."""


class UsageError(Exception):
    """Bad command-line options; the message is printed after `NAME: `."""


def encode(text: str) -> bytes:
    return text.encode(ENC, ERRORS)


def decode(data: bytes) -> str:
    return data.decode(ENC, ERRORS)


def emit(inv: Invocation, text: str) -> None:
    inv.out += encode(text)


def fail(inv: Invocation, message: str, code: int = 1) -> int:
    inv.err += encode(message.rstrip("\n") + "\n")
    return code


def os_message(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else str(exc)


# --- paths -------------------------------------------------------------------------------------------------


AS_ROOT: ContextVar[bool] = ContextVar("AS_ROOT", default=False)
"""Whether the running script is root (`adb root` on a userdebug build); otherwise it is the `shell` user."""


@contextlib.contextmanager
def running_as(root: bool) -> Iterator[None]:
    token = AS_ROOT.set(root)
    try:
        yield
    finally:
        AS_ROOT.reset(token)


RUN_AS: ContextVar[str | None] = ContextVar("RUN_AS", default=None)
"""The package whose uid the running command has (`run-as PKG`): its private directory opens too."""


@contextlib.contextmanager
def running_as_app(package: str) -> Iterator[None]:
    token = RUN_AS.set(package)
    try:
        yield
    finally:
        RUN_AS.reset(token)


def _own_app_dir(device_path: str) -> bool:
    package = RUN_AS.get()
    return package is not None and _under(device_path, f"/data/data/{package}")


def shell_may_open(device_path: str) -> bool:
    """What the `shell` user may open or list under /data on Android 14: only /data/local/tmp (apps' private
    directories, `/data` and `/data/local` themselves say Permission denied); under `run-as PKG`, PKG's too."""
    if not _under(device_path, "/data"):
        return True
    return _under(device_path, "/data/local/tmp") or _own_app_dir(device_path)


def resolve(fs: VirtualFS, path: str, cwd: str) -> Path:
    """The host path for a device path, refusing symlinks that lead out of the data directory, and (for the
    shell user) the private parts of /data."""
    host = fs.host_path(path, cwd)
    try:
        host.resolve()  # the phone's path layer refuses a path that leads out of the data directory
    except OutsidePhone:
        raise VfsError(os.strerror(errno.EACCES)) from None
    if not AS_ROOT.get():
        device = canonical(fs, host)
        if device is not None and not shell_may_open(device):
            raise VfsError(os.strerror(errno.EACCES))
    return host


WRITABLE_ROOTS = ("/sdcard", "/data/local/tmp")
"""Where the `shell` user may write on a real device."""
PROTECTED = frozenset({"/", "/sdcard", "/data", "/data/data", "/data/local", "/data/local/tmp"})
"""Directories that survive `rm -rf` and `mv` whatever the caller asks."""


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def canonical(fs: VirtualFS, host: Path) -> str | None:
    """The canonical device path of a host path (`/sdcard/...`), or None if it is outside the data dir."""
    try:
        return fs.device_path(host)
    except ValueError:
        return None


def writable_error(fs: VirtualFS, host: Path) -> str | None:
    """Why the `shell` user may not write `host`, or None. Only /sdcard and /data/local/tmp are writable;
    root may write /data too (the system partitions stay read-only without `remount`)."""
    path = canonical(fs, host)
    if AS_ROOT.get() and path is not None and _under(path, "/data"):
        return None
    if path is not None and _own_app_dir(path):
        return None
    if path is not None and any(_under(path, root) for root in WRITABLE_ROOTS):
        return None
    return os.strerror(errno.EROFS if path and not _under(path, "/data") else errno.EACCES)


def is_mount_root(fs: VirtualFS, host: Path) -> bool:
    return canonical(fs, host) in PROTECTED or host in (fs.root, fs.sdcard, fs.data, fs.rootfs)


def list_dir(fs: VirtualFS, device_path: str, host: Path) -> list[str]:
    """Sorted entry names, plus mount points (`/sdcard`, `/data/data`) that live elsewhere on the host."""
    names = {p.name for p in host.iterdir()}
    for alias in (*SDCARD_ALIASES, *APP_DATA_ALIASES):
        if posixpath.dirname(alias) == device_path:
            names.add(posixpath.basename(alias))
    return sorted(names)


def children(fs: VirtualFS, device_path: str, host: Path) -> list[tuple[str, Path]]:
    """(name, host path) of a directory's entries, mapped via device paths so `/sdcard` under `/` works."""
    names = list_dir(fs, device_path, host)
    return [(name, fs.host_path(posixpath.join(device_path, name))) for name in names]


def read_path(fs: VirtualFS, path: str, cwd: str) -> bytes:
    """The bytes of a device file. Raises VfsError with the strerror text."""
    if fs.normalize(path, cwd) in NULL_DEVICES:
        return b""
    host = resolve(fs, path, cwd)
    try:
        return host.read_bytes()
    except OSError as exc:
        raise VfsError(os_message(exc)) from exc


def inputs(inv: Invocation, name: str, paths: list[str]) -> Iterator[tuple[str, bytes | None]]:
    """(label, data) for each input; `-` or no paths is stdin. Errors are printed and yield data None."""
    for path in paths or ["-"]:
        if path == "-":
            yield "-", inv.stdin
            continue
        try:
            yield path, read_path(inv.fs, path, inv.cwd)
        except VfsError as exc:
            fail(inv, f"{name}: {path}: {exc}")
            yield path, None


def split_lines(data: bytes) -> list[bytes]:
    """Lines without their `\\n`; a missing final newline still ends a line."""
    lines = data.split(b"\n")
    return lines[:-1] if lines and lines[-1] == b"" else lines


def stamp(clock: VirtualClock | None, host: Path) -> None:
    """Set a written file's mtime from the virtual clock (if there is one) so listings are reproducible."""
    if clock is not None and host.exists():
        seconds = clock.now_ms() / 1000
        os.utime(host, (seconds, seconds))


def mtime_text(host: Path) -> str:
    return datetime.fromtimestamp(host.lstat().st_mtime, tz=UTC).strftime("%Y-%m-%d %H:%M")


# --- globbing ----------------------------------------------------------------------------------------------

_ESCAPED = re.compile(r"\[([*?\[])\]")


def escape_glob(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _has_magic(component: str) -> bool:
    return bool(re.search(r"[*?\[]", _ESCAPED.sub("", component)))


def _join(base: str, name: str) -> str:
    return name if not base else base + name if base.endswith("/") else f"{base}/{name}"


def expand_glob(fs: VirtualFS, pattern: str, cwd: str) -> list[str]:
    """Paths matching an fnmatch pattern (quoted metacharacters arrive escaped as `[*]`), or [] if none."""
    found = ["/" if pattern.startswith("/") else ""]
    for component in (c for c in pattern.split("/") if c):
        if not _has_magic(component):
            found = [_join(base, _ESCAPED.sub(r"\1", component)) for base in found]
            continue
        matches: list[str] = []
        for base in found:
            matches += [_join(base, n) for n in _glob_dir(fs, base or ".", cwd, component)]
        found = matches
    if pattern.endswith("/"):  # `*/` matches directories only and keeps the slash
        return sorted(p + "/" for p in found if p and _is_dir(fs, p, cwd))
    return sorted(p for p in found if p and _exists(fs, p, cwd))


def _glob_dir(fs: VirtualFS, base: str, cwd: str, component: str) -> list[str]:
    try:
        host = resolve(fs, base, cwd)
        names = list_dir(fs, fs.normalize(base, cwd), host) if host.is_dir() else []
    except (OSError, VfsError):
        return []
    hidden_ok = component.startswith(".")
    return [n for n in names if (hidden_ok or not n.startswith(".")) and fnmatch.fnmatchcase(n, component)]


def _is_dir(fs: VirtualFS, path: str, cwd: str) -> bool:
    return _exists(fs, path, cwd) and resolve(fs, path, cwd).is_dir()


def _exists(fs: VirtualFS, path: str, cwd: str) -> bool:
    try:
        return resolve(fs, path, cwd).exists()
    except VfsError:
        return False


# --- options and escapes -----------------------------------------------------------------------------------


def parse_opts(
    argv: list[str], flags: str, valued: str = "", permute: bool = True
) -> tuple[dict[str, list[str]], list[str]]:
    """Toybox-style short options: combined (`-rf`), valued (`-n 5`, `-n5`), `--` ends options.

    Returns ({flag: [values...]}, operands); a boolean flag maps to [""] once per use. With `permute`
    options may follow operands, as toybox allows. Raises UsageError for unknown flags or a missing value.
    """
    opts: dict[str, list[str]] = {}
    operands: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            return opts, operands + argv[i:]
        if not arg.startswith("-") or arg == "-":
            operands.append(arg)
            if not permute:
                return opts, operands + argv[i:]
            continue
        i = _parse_cluster(arg, argv, i, flags, valued, opts)
    return opts, operands


def _parse_cluster(arg: str, argv: list[str], i: int, flags: str, valued: str, opts: Opts) -> int:
    for pos, flag in enumerate(arg[1:], start=1):
        if flag in valued:
            value = arg[pos + 1 :]
            if not value:
                if i >= len(argv):
                    raise UsageError(f"Missing argument to -{flag}")
                value, i = argv[i], i + 1
            opts.setdefault(flag, []).append(value)
            return i
        if flag not in flags:
            raise UsageError(f"Unknown option '{flag}'")
        opts.setdefault(flag, []).append("")
    return i


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "e": 27, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def unescape(text: str) -> tuple[bytes, bool]:
    """Process echo -e / printf %b escapes. Returns (bytes, stop) where stop means `\\c` was seen."""
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch != "\\" or not nxt:
            out += encode(ch)
            i += 1
        elif nxt == "c":
            return bytes(out), True
        elif nxt in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[nxt])
            i += 2
        elif nxt in ("0", "x"):
            value, used = _numeric_escape(text, i + 2, nxt)
            out += value
            i += 2 + used
        else:
            out += encode(ch + nxt)
            i += 2
    return bytes(out), False


def _numeric_escape(text: str, start: int, kind: str) -> tuple[bytes, int]:
    """`\\0NNN` (octal) or `\\xHH` (hex) starting at `start`; returns (bytes, digits used)."""
    match = re.compile(r"[0-7]{0,3}" if kind == "0" else r"[0-9a-fA-F]{1,2}").match(text, start)
    digits = match.group() if match else ""
    if kind == "x" and not digits:
        return b"\\x", 0
    return bytes([int(digits or "0", 8 if kind == "0" else 16) & 0xFF]), len(digits)
