"""The emulator console of a virtual phone: the telnet port `emulator-N` is named after (127.0.0.1:N).

What the Android emulator's console does for the commands scripts and `adb emu` use: the banner and `auth`
handshake against `~/.emulator_console_auth_token` (an empty token file turns auth off, as in the
emulator), `avd snapshot save|load|list|delete|` (the phone's snapshots), `avd name|status`, `sms send`,
`geo fix`, `power capacity|ac|status`, `rotate`, `kill`, `help`, `quit`. Replies end in `OK` or
`KO: reason`, lines in CRLF.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import shlex
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.console_cmds import ConsoleCommands, ConsoleError

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import PhoneSlot

log = logging.getLogger(__name__)

TOKEN_FILE = ".emulator_console_auth_token"
IDLE_TIMEOUT = 600.0
HELP_LINE = "Android Console: type 'help' for a list of commands"


def default_token_file() -> Path:
    return Path.home() / TOKEN_FILE


def read_or_create_token(path: Path) -> str:
    """The console's token; like the emulator, create a random one when the file is missing. An empty
    file means no authentication."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


class ConsoleServer:
    """One phone's console on 127.0.0.1:`port`; `on_kill` is called after `kill` has answered."""

    def __init__(self, slot: PhoneSlot, port: int, token_file: Path, on_kill: Callable[[], None],
                 avd_name: str = "droidpilot_virtual") -> None:
        self.slot = slot
        self.port = port
        self.token_file = token_file
        self.token = read_or_create_token(token_file)
        self.commands = ConsoleCommands(slot, avd_name)
        self._on_kill = on_kill
        self._listener: socket.socket | None = None
        self._stopped = threading.Event()

    def start(self) -> ConsoleServer:
        """Bind now (raises OSError if the port is taken), then serve in the background."""
        self._listener = socket.create_server(("127.0.0.1", self.port), backlog=16)
        threading.Thread(target=self._accept_loop, name=f"console:{self.port}", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                self._listener.close()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopped.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(sock,), name="console-client", daemon=True).start()

    def _session(self, sock: socket.socket) -> None:
        sock.settimeout(IDLE_TIMEOUT)
        session = _Session(self, sock)
        try:
            session.run()
        except (OSError, UnicodeDecodeError):
            pass
        except Exception:  # one bad command must not take the console down
            log.exception("console command failed")
        finally:
            if session.killed:  # gone before the client sees the socket close, as a process exit
                self._on_kill()
            with contextlib.suppress(OSError):
                sock.close()


class _Session:
    def __init__(self, server: ConsoleServer, sock: socket.socket) -> None:
        self.server, self.sock = server, sock
        self.authed = not server.token
        self.killed = False

    def send(self, *lines: str) -> None:
        self.sock.sendall("".join(line + "\r\n" for line in lines).encode())

    def run(self) -> None:
        if self.authed:
            self.send(HELP_LINE, "OK")
        else:
            self.send("Android Console: Authentication required",
                      "Android Console: type 'auth <auth_token>' to authenticate",
                      "Android Console: you can find your <auth_token> in ", f"'{self.server.token_file}'", "OK")
        reader = self.sock.makefile("rb")
        for raw in reader:
            line = raw.decode("utf-8").strip()
            if not line:
                continue
            if not self.handle(line):
                return

    def handle(self, line: str) -> bool:
        """Answer one command line; False when the session ends (`quit`, `exit`, `kill`)."""
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        name = words[0].lower() if words else ""
        if name in ("quit", "exit"):
            return False
        if name == "auth":
            self._auth(words[1:])
            return True
        if not self.authed and name != "help":
            self.send("KO: unknown command, try 'help'")
            return True
        if name == "kill":
            self.send("OK: killing emulator, bye bye")
            self.killed = True
            return False
        try:
            output = self.server.commands.run(words, line)
        except ConsoleError as exc:
            self.send(f"KO: {exc}")
            return True
        self.send(*output, "OK")
        return True

    def _auth(self, args: list[str]) -> None:
        if not self.server.token:
            self.send(HELP_LINE, "OK")
        elif args and secrets.compare_digest(args[0], self.server.token):
            self.authed = True
            self.send(HELP_LINE, "OK")
        else:
            self.send(f"KO: authentication token does not match {self.server.token_file}")


def console_port(serial: str) -> int | None:
    match = re.fullmatch(r"emulator-(\d+)", serial)
    return int(match.group(1)) if match else None
