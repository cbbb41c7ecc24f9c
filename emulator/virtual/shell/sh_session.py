"""Run-time pieces of the virtual sh shared by the interpreter, builtins and commands: the stdin stream,
the session a script runs in (real time and cancellation on the ADB path), and the jumps of control flow.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

Feeder = Callable[[], bytes | None]
"""Blocks for the next chunk of a client's late input; None at its end."""


class InStream:
    """A command's standard input: `read` consumes it line by line, other commands see what is left.

    With a feeder (input still arriving from an ADB client), reading waits for more, up to its end, as a
    command reading a pipe does; commands that never read stdin never wait."""

    def __init__(self, data: bytes = b"", feeder: Feeder | None = None) -> None:
        self.data = data
        self.pos = 0
        self.feeder = feeder

    def _fill(self, want_line: bool) -> None:
        while self.feeder is not None:
            if want_line and b"\n" in self.data[self.pos :]:
                return
            chunk = self.feeder()
            if chunk is None:
                self.feeder = None
                return
            self.data += chunk

    def rest(self) -> bytes:
        self._fill(want_line=False)
        return self.data[self.pos :]

    def readline(self) -> bytes | None:
        """The next line with its newline (the last may lack one); None at end of input."""
        self._fill(want_line=True)
        if self.pos >= len(self.data):
            return None
        end = self.data.find(b"\n", self.pos)
        end = len(self.data) if end < 0 else end + 1
        line = self.data[self.pos : end]
        self.pos = end
        return line

    def drain(self) -> None:
        self.pos = len(self.data)


@dataclass(eq=False)
class Session:
    """How a script meets the outside world.

    In-process (the default) time is virtual: `sleep` only advances the phone's clock and `logcat` returns
    once it has printed the buffer. On the ADB path `realtime` is set: `pause` really waits (releasing the
    phone while it does), output written so far is flushed to the client first, and `cancelled` is set when
    the client goes away, which ends streaming commands.
    """

    realtime: bool = False
    root: bool = False
    """The script runs as root (`adb root`), not as the `shell` user."""
    cancelled: threading.Event = field(default_factory=threading.Event)
    waiter: Callable[[float], None] | None = None
    flusher: Callable[[], None] | None = None
    out: bytearray = field(default_factory=bytearray)
    err: bytearray = field(default_factory=bytearray)
    """The script's own stdout / stderr; `flusher` sends and empties them."""
    feeder: Feeder | None = None
    """Where the rest of the client's stdin comes from while it is still open."""

    def flush(self) -> None:
        if self.flusher is not None:
            self.flusher()

    def pause(self, seconds: float) -> bool:
        """Wait `seconds` of real time when realtime; False once the client has gone."""
        if not self.realtime:
            return not self.cancelled.is_set()
        self.flush()
        if self.waiter is not None:
            self.waiter(seconds)
        else:
            self.cancelled.wait(seconds)
        return not self.cancelled.is_set()


VIRTUAL = Session()
"""The session of in-process runs: virtual time, never cancelled."""


class ExitScript(BaseException):
    """`exit N` (and `set -e`): unwinds to the enclosing (sub)shell; BaseException so command guards don't
    catch it."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class LoopJump(BaseException):
    """`break N` / `continue N`."""

    def __init__(self, kind: str, levels: int) -> None:
        super().__init__(kind, levels)
        self.kind = kind
        self.levels = levels


class ReturnJump(BaseException):
    """`return N` from a function or a sourced script."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class ShellAbort(Exception):
    """An expansion error (`$((1/0))`, `${x:?}`, `set -u`): a non-interactive shell prints it and exits."""
