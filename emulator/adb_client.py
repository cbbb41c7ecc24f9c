"""The ADB host protocol from the client side: connections that never spawn a server, `adb devices -l`,
and shell-v2 replies. `AdbDevice` (emulator/adb_device.py) builds on these."""

from __future__ import annotations

import socket
import struct

import adbutils
from pydantic import BaseModel

from droidpilot.emulator.device import DeviceLost, ShellResult


class DeviceInfo(BaseModel):
    """One line of `adb devices -l`."""

    serial: str
    state: str
    model: str = ""
    product: str = ""
    transport_id: int | None = None


class _Connection(adbutils.AdbConnection):
    """An adbutils connection that never starts an adb server behind the caller's back (adbutils would
    run `adb start-server` on the default port, whatever port was asked for)."""

    def _safe_connect(self) -> socket.socket:
        sock = self._create_socket()
        # uiautomator2 writes HTTP headers and body separately; Nagle would hold the body for an ACK.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock


class AdbClient(adbutils.AdbClient):
    """adbutils' client, minus the silent server spawn."""

    def make_connection(self, timeout: float | None = None) -> adbutils.AdbConnection:
        conn = _Connection(self.host, self.port)
        if timeout:
            conn.conn.settimeout(timeout)
        return conn


def list_devices(host: str = "127.0.0.1", port: int = 5037, timeout: float = 5.0) -> list[DeviceInfo]:
    """`adb devices -l` over the wire; raises `DeviceLost` when no server answers on host:port."""
    try:
        with AdbClient(host, port).make_connection(timeout) as conn:
            conn.send_command("host:devices-l")
            conn.check_okay()
            text = conn.read_string_block()
    except (adbutils.AdbError, OSError) as exc:
        raise DeviceLost(f"no ADB server answers on {host}:{port} ({exc})") from None
    return [_device_info(line) for line in text.splitlines() if line.strip()]


def _device_info(line: str) -> DeviceInfo:
    serial, state, *rest = line.split()
    tags = dict(tag.split(":", 1) for tag in rest if ":" in tag)
    ident = tags.get("transport_id", "")
    return DeviceInfo(serial=serial, state=state, model=tags.get("model", ""),
                      product=tags.get("product", ""), transport_id=int(ident) if ident.isdigit() else None)


def read_v2(conn: adbutils.AdbConnection) -> ShellResult:
    """Shell-v2 packets (1 stdout, 2 stderr, 3 exit) until the exit packet."""
    out, err = bytearray(), bytearray()
    while True:
        kind, size = struct.unpack("<BI", conn.read_exact(5))
        payload = conn.read_exact(size) if size else b""
        if kind == 1:
            out += payload
        elif kind == 2:
            err += payload
        elif kind == 3:
            return ShellResult(stdout=bytes(out), stderr=bytes(err), exit_code=payload[0] if payload else 255)
