"""Running a shell command for an ADB client in real time.

The script runs with a realtime `Session`: `sleep` and streaming `logcat` really wait, with the phone's lock
released so other clients go on meanwhile, and what the script printed so far reaches the client before
each wait. A watcher thread notices when the client closes its end (Ctrl-C on `adb logcat`, a timeout in
adbutils) and cancels the session, which ends streaming commands and loops.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.sh_session import Session

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import PhoneSlot

STDOUT, STDERR, EXIT = 1, 2, 3
PACKET_MAX = 32 * 1024


def _packets(kind: int, data: bytes) -> bytes:
    return b"".join(struct.pack("<BI", kind, len(data[i : i + PACKET_MAX])) + data[i : i + PACKET_MAX]
                    for i in range(0, len(data), PACKET_MAX))


class _Link:
    """Sends a session's buffered output to the client in the service's framing."""

    def __init__(self, sock: socket.socket, v2: bool, session: Session) -> None:
        self.sock, self.v2, self.session = sock, v2, session

    def flush(self) -> None:
        out, err = bytes(self.session.out), bytes(self.session.err)
        del self.session.out[:]
        del self.session.err[:]
        # v1 has one stream: stderr first keeps a trailing `echo X4EXIT:$?` marker (adbutils) last
        data = _packets(STDOUT, out) + _packets(STDERR, err) if self.v2 else err + out
        if not data or self.session.cancelled.is_set():
            return
        try:
            self.sock.sendall(data)
        except OSError:
            self.session.cancelled.set()


def _watch(sock: socket.socket, session: Session, done: threading.Event) -> None:
    """Read (and drop) whatever the client still sends until it closes; then cancel the session."""
    while not done.is_set():
        try:
            if not sock.recv(4096):
                break
        except TimeoutError:
            continue
        except OSError:
            break
    session.cancelled.set()


def run_live(slot: PhoneSlot, sock: socket.socket, cmd: str, stdin: bytes, v2: bool) -> None:
    """Run `cmd` and send its output (and, for shell v2, its exit code) to `sock`."""
    session = Session(realtime=True, root=slot.root)
    link = _Link(sock, v2, session)
    session.flusher = link.flush
    session.waiter = lambda seconds: slot.wait_unlocked(seconds, session.cancelled)
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(sock, session, done), name="adb-shell-watch", daemon=True)
    watcher.start()
    try:
        with slot.lock:
            result = slot.phone.shell(cmd, stdin, session)
        link.flush()
        if v2 and not session.cancelled.is_set():
            with contextlib.suppress(OSError):
                sock.sendall(struct.pack("<BI", EXIT, 1) + bytes([result.exit_code & 0xFF]))
    finally:
        done.set()
