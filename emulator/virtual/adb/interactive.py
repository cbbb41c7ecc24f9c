"""`adb shell` with no command: a line-at-a-time session.

With a PTY (a terminal on the client) the device side echoes what the user types, prints a prompt, handles
backspace, Ctrl-C and Ctrl-D, and turns `\\n` into `\\r\\n`. Without one (`raw`, input piped in) it
only runs each line, like `sh` reading a script from stdin.
"""

from __future__ import annotations

import select
import socket
import struct
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.adb.framing import ClientGone, recv_exact

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import PhoneSlot

PROMPT = b"emu64xa:/ $ "
IDLE_LIMIT = 3600.0


class _Terminal:
    def __init__(self, slot: PhoneSlot, sock: socket.socket, v2: bool, pty: bool) -> None:
        self.slot, self.sock, self.v2, self.pty = slot, sock, v2, pty
        self.line = bytearray()
        self.status = 0

    def write(self, data: bytes, echo: bool = False, stream: int = 1) -> None:
        """Send output (stream 1 stdout, 2 stderr); `echo` output exists only on a PTY."""
        if not self.pty and echo:
            return
        if self.pty:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        if data:
            self.sock.sendall(struct.pack("<BI", stream, len(data)) + data if self.v2 else data)

    def read(self) -> bytes | None:
        """The next chunk the user typed; None at end of input."""
        readable, _, _ = select.select([self.sock], [], [], IDLE_LIMIT)
        if not readable:
            return None
        if not self.v2:
            return self.sock.recv(4096) or None
        kind, size = struct.unpack("<BI", recv_exact(self.sock, 5))
        payload = recv_exact(self.sock, size)
        if kind == 4:
            return None
        return payload if kind == 0 else b""

    def feed(self, data: bytes) -> bool:
        """Handle typed bytes; False once the session should end."""
        for byte in data:
            char = bytes([byte])
            if char in (b"\r", b"\n"):
                self.write(b"\n", echo=True)
                if not self.run_line():
                    return False
            elif self.pty and char in (b"\x7f", b"\x08"):
                if self.line:
                    self.line.pop()
                    self.write(b"\b \b", echo=True)
            elif self.pty and char == b"\x03":
                self.line.clear()
                self.write(b"^C\n" + PROMPT, echo=True)
            elif self.pty and char == b"\x04" and not self.line:
                return False
            elif byte >= 0x20 or char == b"\t" or not self.pty:
                self.line += char
                self.write(char, echo=True)
        return True

    def run_line(self) -> bool:
        command = self.line.decode("utf-8", "replace").strip()
        self.line.clear()
        if command in ("exit", "logout") or command.startswith("exit "):
            tail = command.removeprefix("exit").strip()
            self.status = int(tail) if tail.isdigit() else self.status
            return False
        if command:
            result = self.slot.shell(command)
            self.status = result.exit_code
            self.write(result.stdout)
            self.write(result.stderr, stream=1 if self.pty else 2)  # a PTY has one output stream
        self.write(PROMPT, echo=True)
        return True


def run_interactive(slot: PhoneSlot, sock: socket.socket, v2: bool, pty: bool = True) -> None:
    terminal = _Terminal(slot, sock, v2, pty)
    terminal.write(PROMPT, echo=True)
    try:
        while (data := terminal.read()) is not None:
            if not terminal.feed(data):
                break
        else:
            if terminal.line:  # input ended without a newline: run what is there, as sh does
                terminal.run_line()
    except (ClientGone, OSError):
        return
    if v2:
        sock.sendall(struct.pack("<BI", 3, 1) + bytes([terminal.status & 0xFF]))
