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
import time
from collections import deque
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.adb.framing import ClientGone, recv_exact
from droidpilot.emulator.virtual.shell.sh_session import Session

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import PhoneSlot

STDIN, STDOUT, STDERR, EXIT, CLOSE_STDIN = 0, 1, 2, 3, 4
PACKET_MAX = 32 * 1024
STDIN_TIMEOUT = 600.0
"""A command reading stdin gives up (end of input) after this long without the client closing it."""
POLL = 0.05


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


class _LateInput:
    """Stdin the client is still sending: the watcher pushes chunks, the running command pulls them (with
    the phone released while it waits)."""

    def __init__(self, slot: PhoneSlot, session: Session) -> None:
        self.slot, self.session = slot, session
        self.chunks: deque[bytes] = deque()
        self.closed = False
        self.ready = threading.Condition()

    def push(self, data: bytes) -> None:
        with self.ready:
            self.chunks.append(data)
            self.ready.notify_all()

    def close(self) -> None:
        with self.ready:
            self.closed = True
            self.ready.notify_all()

    def pull(self) -> bytes | None:
        self.session.flush()
        deadline = time.monotonic() + STDIN_TIMEOUT
        while True:
            with self.ready:
                if self.chunks:
                    return self.chunks.popleft()
                if self.closed or time.monotonic() > deadline:
                    return None
            self.slot.wait_unlocked(POLL, self.session.cancelled)


def _watch(sock: socket.socket, v2: bool, session: Session, late: _LateInput | None,
           done: threading.Event) -> None:
    """Read what the client still sends until it closes: late stdin goes to `late` (v2 packets or raw
    exec-in bytes), the rest is dropped; the close cancels the session."""
    while not done.is_set():
        try:
            if v2:
                kind, size = struct.unpack("<BI", recv_exact(sock, 5))
                payload = recv_exact(sock, size)
                if late is not None and kind == STDIN:
                    late.push(payload)
                elif late is not None and kind == CLOSE_STDIN:
                    late.close()
                continue
            data = sock.recv(4096)
            if not data:
                break
            if late is not None:
                late.push(data)
        except TimeoutError:
            continue
        except (OSError, ClientGone):
            break
    if late is not None:
        late.close()
    session.cancelled.set()


def run_live(slot: PhoneSlot, sock: socket.socket, cmd: str, stdin: bytes, v2: bool,
             stdin_open: bool = False) -> None:
    """Run `cmd` and send its output (and, for shell v2, its exit code) to `sock`. With `stdin_open`, input
    that arrives while the command runs reaches a command that reads it."""
    session = Session(realtime=True, root=slot.root)
    link = _Link(sock, v2, session)
    session.flusher = link.flush
    session.waiter = lambda seconds: slot.wait_unlocked(seconds, session.cancelled)
    late = _LateInput(slot, session) if stdin_open else None
    session.feeder = late.pull if late is not None else None
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(sock, v2, session, late, done), name="adb-shell-watch",
                               daemon=True)
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
