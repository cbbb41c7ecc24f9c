"""The `sync:` file protocol: STAT / STA2 / LST2 / LIST / LIS2 / RECV / SEND (adb_spec.md §1.3).

Every reply is written with one `sendall`, because adbutils reads fixed-size bodies with a single recv.
Device paths go through `VirtualFS.host_path` and must resolve inside the phone's data directory; like a
real non-root adbd, only /sdcard and /data/local/tmp are writable.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.adb.framing import ClientGone, quickack, recv_exact, u32
from droidpilot.emulator.virtual.shell.common import canonical, shell_may_open

if TYPE_CHECKING:
    import socket

    from droidpilot.emulator.virtual.adb.server import PhoneSlot

CHUNK = 64 * 1024
MAX_PATH = 1024
MAX_DATA = 1 << 20
SYNC_TIMEOUT = 60.0
_V2 = struct.Struct("<4sIQQIIIIQqqq")
"""id, error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime: 72 bytes."""
SHELL_UID = 2000


class SyncFailure(Exception):
    """Ends the request with `FAIL` + message (the client prints it)."""


def _resolve(slot: PhoneSlot, path: str) -> Path | None:
    """The host path of a device path, or None if it would leave the data directory or (unless adbd runs
    as root) reach a part of /data the shell user may not open."""
    fs = slot.phone.fs
    try:
        host = fs.host_path(path)
        inside = host.resolve().is_relative_to(fs.root.resolve())
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        return None
    device = canonical(fs, host)
    if not slot.root and device is not None and not shell_may_open(device):
        return None
    return host if inside else None


def _lstat(host: Path | None, follow: bool = False) -> os.stat_result | None:
    if host is None:
        return None
    try:
        return host.stat() if follow else host.lstat()
    except OSError:
        return None


def _v2(ident: bytes, st: os.stat_result | None) -> bytes:
    if st is None:
        return _V2.pack(ident, errno.ENOENT, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    return _V2.pack(ident, 0, 0, st.st_ino, st.st_mode, st.st_nlink, SHELL_UID, SHELL_UID, st.st_size,
                    int(st.st_atime), int(st.st_mtime), int(st.st_ctime))


def _fail(sock: socket.socket, message: str) -> None:
    data = message.encode()
    sock.sendall(b"FAIL" + u32(len(data)) + data)


def serve_sync(sock: socket.socket, slot: PhoneSlot) -> None:
    """Requests until QUIT or EOF (adbutils never sends QUIT; it just closes)."""
    sock.settimeout(SYNC_TIMEOUT)
    while True:
        quickack(sock)
        try:
            header = recv_exact(sock, 8)
        except ClientGone:
            return
        ident, size = header[:4], struct.unpack("<I", header[4:])[0]
        if ident == b"QUIT":
            return
        if size > MAX_PATH:
            _fail(sock, "path too long")
            return
        path = recv_exact(sock, size).decode("utf-8", "surrogateescape")
        handler = _HANDLERS.get(ident)
        if handler is None:
            _fail(sock, f"unknown sync request {ident!r}")
            return
        try:
            handler(sock, slot, path)
        except SyncFailure as exc:
            _fail(sock, str(exc))


def _stat(sock: socket.socket, slot: PhoneSlot, path: str) -> None:
    st = _lstat(_resolve(slot, path))
    body = struct.pack("<III", st.st_mode, st.st_size & 0xFFFFFFFF, int(st.st_mtime)) if st else bytes(12)
    sock.sendall(b"STAT" + body)


def _sta2(sock: socket.socket, slot: PhoneSlot, path: str) -> None:
    sock.sendall(_v2(b"STA2", _lstat(_resolve(slot, path), follow=True)))


def _lst2(sock: socket.socket, slot: PhoneSlot, path: str) -> None:
    sock.sendall(_v2(b"LST2", _lstat(_resolve(slot, path))))


def _entries(slot: PhoneSlot, path: str) -> list[tuple[str, os.stat_result]]:
    host = _resolve(slot, path)
    if host is None or not host.is_dir():
        return []
    entries = [(name, st) for name in (".", "..") if (st := _lstat(host / name, follow=True))]
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(host), key=lambda e: e.name):
            with contextlib.suppress(OSError):
                entries.append((entry.name, entry.stat(follow_symlinks=False)))
    return entries


def _list(sock: socket.socket, slot: PhoneSlot, path: str) -> None:
    out = bytearray()
    for name, st in _entries(slot, path):
        raw = name.encode("utf-8", "surrogateescape")
        out += b"DENT" + struct.pack("<IIII", st.st_mode, st.st_size & 0xFFFFFFFF, int(st.st_mtime), len(raw))
        out += raw
    sock.sendall(bytes(out) + b"DONE" + bytes(16))


def _lis2(sock: socket.socket, slot: PhoneSlot, path: str) -> None:
    out = bytearray()
    for name, st in _entries(slot, path):
        raw = name.encode("utf-8", "surrogateescape")
        out += _v2(b"DNT2", st) + u32(len(raw)) + raw
    sock.sendall(bytes(out) + b"DONE" + bytes(72))


def _recv(sock: socket.socket, slot: PhoneSlot, path: str) -> None:
    host = _resolve(slot, path)
    try:
        if host is None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        with slot.lock:
            data = host.read_bytes()
    except OSError as exc:
        raise SyncFailure(os.strerror(exc.errno) if exc.errno else str(exc)) from None
    for start in range(0, len(data), CHUNK):
        piece = data[start : start + CHUNK]
        sock.sendall(b"DATA" + u32(len(piece)) + piece)
    sock.sendall(b"DONE" + bytes(4))


def _writable(slot: PhoneSlot, host: Path | None) -> str | None:
    """Why the shell user may not create `host`, or None."""
    fs = slot.phone.fs
    if host is None:
        return os.strerror(errno.EACCES)
    roots = [fs.sdcard.resolve(), fs.host_path("/data/local/tmp").resolve()]
    if slot.root:
        roots.append(fs.data.resolve())
    target = host.resolve()
    if any(target.is_relative_to(root) and target != root for root in roots):
        return "Is a directory" if host.is_dir() else None
    return os.strerror(errno.EACCES if target.is_relative_to(fs.data.resolve()) else errno.EROFS)


def _send(sock: socket.socket, slot: PhoneSlot, spec: str) -> None:
    """Receive DATA chunks up to DONE+mtime into a temp file, then move it into place atomically."""
    path, comma, mode_text = spec.rpartition(",")
    path, mode = (path, int(mode_text)) if comma and mode_text.isdigit() else (spec, 0o100644)
    host = _resolve(slot, path)
    error = "symlinks are not supported" if stat.S_ISLNK(mode) else _writable(slot, host)
    tmp: Path | None = None
    if error is None and host is not None:
        try:
            host.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{host.name}.", suffix=".adbpush", dir=host.parent)
            os.close(fd)
            tmp = host.with_name(os.path.basename(name))  # a path of the phone, as `host` is
        except OSError as exc:
            error = os.strerror(exc.errno) if exc.errno else str(exc)
    try:
        mtime = _receive_data(sock, tmp)
        if error is not None or tmp is None or host is None:
            raise SyncFailure(f"couldn't create file: {error}")
        _install(slot, tmp, host, mode, mtime)
        tmp = None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    sock.sendall(b"OKAY" + bytes(4))


def _receive_data(sock: socket.socket, tmp: Path | None) -> int:
    """Copy the client's DATA chunks into `tmp` (or discard them); returns the DONE mtime."""
    with open(tmp, "wb") if tmp is not None else open(os.devnull, "wb") as out:
        while True:
            quickack(sock)
            header = recv_exact(sock, 8)
            ident, size = header[:4], struct.unpack("<I", header[4:])[0]
            if ident == b"DONE":
                return size
            if ident != b"DATA" or size > MAX_DATA:
                raise ClientGone(f"bad sync data header {ident!r}")
            out.write(recv_exact(sock, size))


def _install(slot: PhoneSlot, tmp: Path, host: Path, mode: int, mtime: int) -> None:
    with slot.lock:
        os.chmod(tmp, (mode & 0o777) | 0o600)
        os.replace(tmp, host)
        if mtime:
            os.utime(host, (mtime, mtime))
        slot.phone.invalidate()


_HANDLERS = {b"STAT": _stat, b"STA2": _sta2, b"LST2": _lst2, b"LIST": _list, b"LIS2": _lis2,
             b"RECV": _recv, b"SEND": _send}
