"""`AdbServer`: the ADB host protocol on a TCP port, serving N virtual phones (adb_spec.md).

A thread per client connection. Each phone has a lock, because a `VirtualPhone` is not thread-safe;
every service takes it for the shortest time that keeps one operation atomic.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pydantic import BaseModel

from droidpilot.emulator.device import ShellResult
from droidpilot.emulator.virtual.adb.forward import ForwardTable
from droidpilot.emulator.virtual.adb.framing import ClientGone, close_gracefully, fail, read_request
from droidpilot.emulator.virtual.console import ConsoleServer, console_port
from droidpilot.emulator.virtual.phone import VirtualPhone
from droidpilot.emulator.virtual.shell.sh_session import Session
from droidpilot.emulator.virtual.u2_server import U2Service

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 60.0
"""Seconds a client may sit idle between requests before its connection is dropped."""
U2_PORT = 9008
FEATURES = "shell_v2,cmd,stat_v2,ls_v2,fixed_push_mkdir,apex,fixed_push_symlink_timestamp"
"""Device features: no abb/abb_exec (clients then fall back to `exec:cmd`), no sendrecv_v2, no compression."""
PRODUCT = "sdk_gphone64_x86_64"
MODEL = "sdk_gphone64_x86_64"
DEVICE = "emu64xa"
FIRST_CONSOLE_PORT = 5554


class ServerInfo(BaseModel):
    """What a running server reports about itself (printed by `droidpilot phone serve`)."""

    host: str
    port: int
    serials: list[str]
    data_dir: Path | None


@dataclass
class PhoneSlot:
    """One phone on the server: its transport id, lock, and the device-side services it runs."""

    phone: VirtualPhone
    transport_id: int
    lock: threading.RLock = field(default_factory=threading.RLock)
    reverses: dict[str, str] = field(default_factory=dict)
    root: bool = False
    """adbd runs as root (`adb root`; the virtual phone is a userdebug build)."""
    u2: U2Service = field(init=False)
    _banner: dict[str, str] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.u2 = U2Service(self.phone, self.lock)

    @property
    def serial(self) -> str:
        return self.phone.serial

    def shell(self, cmd: str, stdin: bytes = b"") -> ShellResult:
        with self.lock:
            return self.phone.shell(cmd, stdin, Session(root=self.root))

    def wait_unlocked(self, seconds: float, cancelled: threading.Event) -> None:
        """Wait in real time with the phone released (a `sleep` on one connection must not stall the
        others); the caller holds the lock exactly once."""
        self.lock.release()
        try:
            cancelled.wait(seconds)
        finally:
            self.lock.acquire()

    def banner(self) -> dict[str, str]:
        """product / model / device for `devices -l`, from the phone's build properties, sanitised as
        the adb server does (anything but letters, digits, `.`, `-` becomes `_`)."""
        if self._banner is None:
            names = {"product": "ro.product.name", "model": "ro.product.model", "device": "ro.product.device"}
            lines = self.shell("; ".join(f"getprop {prop}" for prop in names.values())).output.splitlines()
            values = dict(zip(names, [*lines, "", "", ""], strict=False))
            defaults = {"product": PRODUCT, "model": MODEL, "device": DEVICE}
            self._banner = {key: re.sub(r"[^\w.-]", "_", values[key].strip()) or defaults[key]
                            for key in names}
        return self._banner

    def open_socket(self, target: str) -> U2Service | None:
        """The device-side listener a `tcp:` / forward target reaches, or None (connection refused)."""
        kind, _, rest = target.partition(":")
        port = rest.split(":", 1)[0]
        if kind == "tcp" and port.isdigit() and int(port) == U2_PORT:
            return self.u2
        return None


def serial_for(index: int, first_port: int = FIRST_CONSOLE_PORT) -> str:
    """`emulator-5554`, `emulator-5556`, ...: the serials real emulators get on consecutive console ports."""
    return f"emulator-{first_port + 2 * index}"


def make_phones(count: int, data_dir: Path | None, seed: int = 0,
                first_port: int = FIRST_CONSOLE_PORT) -> list[VirtualPhone]:
    """`count` phones, each with its own persistent directory `data_dir/SERIAL` (temporary if None)."""
    phones = []
    for index in range(count):
        serial = serial_for(index, first_port)
        path = data_dir / serial if data_dir is not None else None
        phones.append(VirtualPhone(path, seed=seed + index, serial=serial))
    return phones


class AdbServer:
    """Serves `phones` over the ADB smart-socket protocol on `host:port` (port 0 picks a free one)."""

    def __init__(self, phones: list[VirtualPhone], host: str = "127.0.0.1", port: int = 5037,
                 data_dir: Path | None = None, console_token_file: Path | None = None) -> None:
        """With `console_token_file`, each phone also gets an emulator console on 127.0.0.1:N for its
        serial `emulator-N` (`adb emu`, telnet); the file holds the auth token (created when missing,
        empty to turn auth off)."""
        self.slots = [PhoneSlot(phone, index + 1) for index, phone in enumerate(phones)]
        self.console_token_file = console_token_file
        self.consoles: dict[str, ConsoleServer] = {}
        self.host = host
        self.requested_port = port
        self.data_dir = data_dir
        self.forwards = ForwardTable(self)
        self.stopped = threading.Event()
        self.changed = threading.Condition()
        self._listener: socket.socket | None = None
        self._bound_port: int | None = None
        self._clients: set[socket.socket] = set()
        self._clients_lock = threading.Lock()

    @classmethod
    def virtual(cls, devices: int = 1, host: str = "127.0.0.1", port: int = 5037,
                data_dir: Path | None = None, seed: int = 0, console_token_file: Path | None = None,
                first_console_port: int = FIRST_CONSOLE_PORT) -> AdbServer:
        phones = make_phones(devices, data_dir, seed, first_console_port)
        return cls(phones, host, port, data_dir, console_token_file)

    # -- lifecycle ----------------------------------------------------------------------------------------
    def start(self) -> AdbServer:
        """Bind and listen; raises OSError (EADDRINUSE...) before any thread starts."""
        listener = socket.create_server((self.host, self.requested_port), backlog=128, reuse_port=False)
        self._listener = listener
        self._bound_port = int(listener.getsockname()[1])
        try:
            self._start_consoles()
        except OSError:
            self.stop()
            raise
        threading.Thread(target=self._accept_loop, name=f"adb-server:{self.port}", daemon=True).start()
        return self

    def _start_consoles(self) -> None:
        if self.console_token_file is None:
            return
        for slot in self.slots:
            port = console_port(slot.serial)
            if port is None:
                continue
            try:
                console = ConsoleServer(slot, port, self.console_token_file, partial(self.kill_phone, slot.serial))
                self.consoles[slot.serial] = console.start()
            except OSError as exc:
                raise OSError(exc.errno, f"emulator console port {port} for {slot.serial}: {exc.strerror}") from exc

    def kill_phone(self, serial: str) -> None:
        """`adb emu kill`: the phone is saved and leaves the device list, as an emulator process exits."""
        slot = self.find(serial)
        console = self.consoles.pop(serial, None)
        if console is not None:
            console.stop()
        if slot is None:
            return
        with slot.lock:
            slot.phone.close()
        self.slots = [s for s in self.slots if s is not slot]
        with self.changed:
            self.changed.notify_all()

    @property
    def port(self) -> int:
        """The port clients connect to (the chosen one when started with port 0)."""
        return self._bound_port if self._bound_port is not None else self.requested_port

    def info(self) -> ServerInfo:
        return ServerInfo(host=self.host, port=self.port, serials=[s.serial for s in self.slots],
                          data_dir=self.data_dir)

    def stop(self) -> None:
        """Stop accepting and drop every client; phones stay open (see `close`)."""
        if self.stopped.is_set():
            return
        self.stopped.set()
        with self.changed:
            self.changed.notify_all()
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            with contextlib.suppress(OSError):
                self._listener.close()
        self.forwards.remove_all()
        for console in self.consoles.values():
            console.stop()
        with self._clients_lock:
            clients = list(self._clients)
        for sock in clients:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        """Stop, then save and close every phone."""
        self.stop()
        for slot in self.slots:
            with slot.lock:
                slot.phone.close()

    def wait(self, timeout: float | None = None) -> bool:
        return self.stopped.wait(timeout)

    def __enter__(self) -> AdbServer:
        return self.start() if self._listener is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connections --------------------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self.stopped.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(sock,), name="adb-client", daemon=True).start()

    @contextlib.contextmanager
    def tracked(self, sock: socket.socket) -> Iterator[None]:
        """Remember a live socket so `stop()` can interrupt whatever thread is blocked on it."""
        with self._clients_lock:
            self._clients.add(sock)
        try:
            yield
        finally:
            with self._clients_lock:
                self._clients.discard(sock)

    def _serve(self, sock: socket.socket) -> None:
        from droidpilot.emulator.virtual.adb.host import HostConnection

        with self.tracked(sock):
            conn = HostConnection(self, sock)
            try:
                sock.settimeout(REQUEST_TIMEOUT)
                keep_open = True
                while keep_open and not self.stopped.is_set():
                    keep_open = conn.handle(read_request(sock))
            except (ClientGone, OSError):
                pass
            except Exception as exc:  # a bug in one service must not kill the server
                log.exception("adb service failed")
                fail(sock, f"internal error: {exc}")
            finally:
                close_gracefully(sock, 0.5)

    # -- devices ------------------------------------------------------------------------------------------
    def find(self, serial: str) -> PhoneSlot | None:
        return next((s for s in self.slots if s.serial == serial), None)

    def find_id(self, transport_id: int) -> PhoneSlot | None:
        return next((s for s in self.slots if s.transport_id == transport_id), None)

    def kill(self) -> None:
        """`host:kill`: stop in the background so the OKAY reaches the client first."""
        threading.Thread(target=self.stop, name="adb-kill", daemon=True).start()
