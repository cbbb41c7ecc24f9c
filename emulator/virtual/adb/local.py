"""Local services: what a client asks of a device after a transport switch (adb_spec.md §1.2)."""

from __future__ import annotations

import re
import shlex
import socket
import struct
from contextlib import suppress
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.adb.framing import ClientGone, fail, hex4, okay, recv_exact
from droidpilot.emulator.virtual.adb.interactive import run_interactive
from droidpilot.emulator.virtual.adb.live import run_live
from droidpilot.emulator.virtual.adb.sync import serve_sync

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import AdbServer, PhoneSlot

STDOUT, STDERR, EXIT, STDIN, CLOSE_STDIN = 1, 2, 3, 0, 4
STDIN_FIRST_WAIT = 0.02
"""The CLI sends close-stdin (or stdin data) right after OKAY; adbutils sends nothing at all."""
STDIN_IDLE = 0.5
STREAM_TIMEOUT = 60.0
MAX_INSTALL = 1 << 30
INSTALL_CHUNK = 1 << 16
_INSTALL = re.compile(r"\b(cmd\s+package|pm)\s+install\b")
SOCKET_SERVICES = ("tcp", "localabstract", "localreserved", "localfilesystem", "local", "dev", "jdwp")
ROOT_REPLIES = {
    "root": "adbd cannot run as root in production builds\n",
    "unroot": "adbd not running as root\n",
    "remount": "Not running as root. Try \"adb root\" first.\n",
    "usb": "restarting in USB mode\n",
    "enable-verity": "verity cannot be enabled/disabled - USER build\n",
    "disable-verity": "verity cannot be enabled/disabled - USER build\n",
}


def run_local_service(server: AdbServer, slot: PhoneSlot, sock: socket.socket, request: str) -> None:
    """Serve one local service on `sock` until it ends; the caller closes the socket."""
    name, _, arg = request.partition(":")
    if name == "shell" or name.startswith("shell,"):
        _shell(slot, sock, name.split(",")[1:], arg)
    elif name == "exec":
        okay(sock)
        installing = _INSTALL.search(arg) is not None
        run_live(slot, sock, arg, _install_payload(sock, arg), v2=False, stdin_open=not installing)
    elif request == "sync:":
        okay(sock)
        serve_sync(sock, slot)
    elif name in SOCKET_SERVICES:
        _device_socket(slot, sock, request)
    elif request == "framebuffer:":
        _framebuffer(slot, sock)
    elif name == "reverse":
        _reverse(slot, sock, arg)
    elif name == "reboot":
        okay(sock)
        _reboot(slot)
    elif name in ("root", "unroot"):
        okay(sock)
        sock.sendall(_switch_root(slot, name == "root").encode())
    elif name in ROOT_REPLIES or name == "tcpip":
        okay(sock)
        text = f"restarting in TCP mode port: {arg}\n" if name == "tcpip" else ROOT_REPLIES.get(name, "")
        sock.sendall(text.encode())
    else:
        fail(sock, f"unknown service '{request}'")


# -- shell ------------------------------------------------------------------------------------------------
def _shell(slot: PhoneSlot, sock: socket.socket, args: list[str], cmd: str) -> None:
    v2 = "v2" in args
    okay(sock)
    if not cmd:
        run_interactive(slot, sock, v2, pty="raw" not in args)  # v1 `shell:` is always a PTY session
        return
    if v2:
        stdin, closed = _read_v2_stdin(sock)
        run_live(slot, sock, cmd, stdin, v2, stdin_open=not closed)
    else:
        run_live(slot, sock, cmd, _install_payload(sock, cmd), v2)


def _read_v2_stdin(sock: socket.socket) -> tuple[bytes, bool]:
    """Stdin packets already sent, and whether close-stdin came with them. What arrives later is handed to
    the command if it reads stdin (see live.py); a command that never reads it never waits."""
    data = bytearray()
    sock.settimeout(STDIN_FIRST_WAIT)
    try:
        while True:
            kind, size = struct.unpack("<BI", recv_exact(sock, 5))
            sock.settimeout(STDIN_IDLE)
            payload = recv_exact(sock, size)
            if kind == STDIN:
                data += payload
            elif kind == CLOSE_STDIN:
                return bytes(data), True
    except (TimeoutError, ClientGone):
        return bytes(data), False
    finally:
        sock.settimeout(STREAM_TIMEOUT)


def _install_payload(sock: socket.socket, cmd: str) -> bytes:
    """`cmd package install -S N` / `pm install -S N` stream N raw APK bytes after OKAY: read them, in chunks that
    are dropped at once (the phone cannot install an APK; holding N bytes per connection would let clients fill
    the memory), and give the command no stdin."""
    if _INSTALL.search(cmd) is None:
        return b""
    try:
        words = shlex.split(cmd)
    except ValueError:
        return b""
    size = next((words[i + 1] for i, w in enumerate(words[:-1]) if w == "-S"), "")
    if not size.isdigit() or int(size) > MAX_INSTALL:
        return b""
    remaining = int(size)
    with suppress(OSError):
        while remaining > 0 and (chunk := sock.recv(min(remaining, INSTALL_CHUNK))):
            remaining -= len(chunk)
    return b""


def _switch_root(slot: PhoneSlot, root: bool) -> str:
    """`adb root` / `adb unroot` as adbd answers on a userdebug build (a user build refuses)."""
    build = slot.shell("getprop ro.build.type").output.strip()
    if build not in ("userdebug", "eng"):
        return ROOT_REPLIES["root" if root else "unroot"]
    if slot.root == root:
        return "adbd is already running as root\n" if root else "adbd not running as root\n"
    slot.root = root
    return "restarting adbd as root\n" if root else "restarting adbd as non root\n"


def _reboot(slot: PhoneSlot) -> None:
    """`adb reboot`: apps stopped, home screen, a fresh log (logd restarts), screen on, as after a boot."""
    with slot.lock:
        slot.phone.shell("reboot")
        slot.phone.log.clear()
        slot.phone.set_screen(True)


# -- sockets, screen, reverse ----------------------------------------------------------------------------
def _device_socket(slot: PhoneSlot, sock: socket.socket, target: str) -> None:
    service = slot.open_socket(target)
    if service is None:
        fail(sock, f"connect failed: Connection refused ({target})")
        return
    okay(sock)
    service.serve(sock)


def _framebuffer(slot: PhoneSlot, sock: socket.socket) -> None:
    """Version-1 header (13 uint32: no colorSpace field, which adbutils reads reliably), then RGBA."""
    with slot.lock:
        image = slot.phone.screenshot().convert("RGBA")
    width, height = image.size
    header = struct.pack("<13I", 1, 32, width * height * 4, width, height, 0, 8, 16, 8, 8, 8, 24, 8)
    okay(sock)
    sock.sendall(header + image.tobytes())


def _reverse(slot: PhoneSlot, sock: socket.socket, arg: str) -> None:
    """Reverse forwards are recorded (nothing on a virtual phone ever connects out through them)."""
    if arg == "list-forward":
        okay(sock, "".join(f"(reverse) {r} {local}\n" for r, local in slot.reverses.items()).encode())
    elif arg == "killforward-all":
        slot.reverses.clear()
        sock.sendall(b"OKAYOKAY")
    elif arg.startswith("killforward:"):
        if slot.reverses.pop(arg.removeprefix("killforward:"), None) is None:
            fail(sock, f"listener '{arg.removeprefix('killforward:')}' not found")
            return
        sock.sendall(b"OKAYOKAY")
    elif arg.startswith("forward:"):
        spec = arg.removeprefix("forward:")
        norebind = spec.startswith("norebind:")
        remote, _, local = spec.removeprefix("norebind:").partition(";")
        if norebind and remote in slot.reverses:
            fail(sock, "cannot rebind existing socket")
            return
        slot.reverses[remote] = local
        sock.sendall(b"OKAYOKAY" + (hex4(remote.removeprefix("tcp:").encode()) if remote == "tcp:0" else b""))
    else:
        fail(sock, f"unknown reverse service '{arg}'")
