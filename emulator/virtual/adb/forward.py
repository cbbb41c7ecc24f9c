"""`adb forward`: real listening sockets on 127.0.0.1 whose connections reach a device-side socket."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.adb.framing import close_gracefully

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import AdbServer, PhoneSlot

_LOCAL = re.compile(r"tcp:(\d{1,5})")
_REMOTE = re.compile(r"(tcp:\d{1,5}|localabstract:.+|localreserved:.+|localfilesystem:.+|dev:.+|jdwp:\d+)")


class ForwardError(Exception):
    """The forward could not be installed or removed; the message is the real server's FAIL text."""


@dataclass
class Forward:
    slot: PhoneSlot
    local: str
    remote: str
    listener: socket.socket


class ForwardTable:
    """Every forward the server holds, keyed by the local spec (`tcp:PORT`)."""

    def __init__(self, server: AdbServer) -> None:
        self.server = server
        self._entries: dict[str, Forward] = {}
        self._lock = threading.Lock()

    def add(self, slot: PhoneSlot, local: str, remote: str, norebind: bool) -> int:
        """Install `local -> remote` for `slot`; returns the local port (useful for `tcp:0`)."""
        match = _LOCAL.fullmatch(local)
        if match is None:
            raise ForwardError(f"cannot bind listener: unsupported local socket '{local}' (use tcp:PORT)")
        if _REMOTE.fullmatch(remote) is None:
            raise ForwardError(f"malformed forward spec '{local};{remote}'")
        port = int(match.group(1))
        with self._lock:
            existing = self._entries.get(local) if port else None
            if existing is not None:
                if norebind:
                    raise ForwardError("cannot rebind existing socket")
                existing.slot, existing.remote = slot, remote
                return port
            try:
                listener = socket.create_server(("127.0.0.1", port), backlog=64)
            except OSError as exc:
                raise ForwardError(f"cannot bind listener: {exc.strerror or exc}") from None
            port = int(listener.getsockname()[1])
            entry = Forward(slot, f"tcp:{port}", remote, listener)
            self._entries[entry.local] = entry
        threading.Thread(target=self._accept, args=(entry,), name=f"adb-forward:{port}", daemon=True).start()
        return port

    def remove(self, local: str) -> None:
        with self._lock:
            entry = self._entries.pop(local, None)
        if entry is None:
            raise ForwardError(f"listener '{local}' not found")
        _close_listener(entry.listener)

    def remove_all(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), {}
        for entry in entries:
            _close_listener(entry.listener)

    def listing(self) -> str:
        with self._lock:
            return "".join(f"{e.slot.serial} {e.local} {e.remote}\n" for e in self._entries.values())

    def _accept(self, entry: Forward) -> None:
        while True:
            try:
                sock, _ = entry.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._bridge, args=(entry, sock), name="adb-forward-conn",
                             daemon=True).start()

    def _bridge(self, entry: Forward, sock: socket.socket) -> None:
        """Hand the connection to the device-side listener; nothing listening means an immediate close."""
        with self.server.tracked(sock):
            service = entry.slot.open_socket(entry.remote)
            try:
                if service is not None:
                    service.serve(sock)
            finally:
                close_gracefully(sock, 0.5)


def _close_listener(listener: socket.socket) -> None:
    """shutdown() first: on Linux a bare close() leaves a thread blocked in accept() still accepting."""
    with contextlib.suppress(OSError):
        listener.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        listener.close()
