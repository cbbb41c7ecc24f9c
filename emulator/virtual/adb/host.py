"""Host services: what a client asks before (or instead of) switching to a device (adb_spec.md §1.1)."""

from __future__ import annotations

import select
import struct
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.adb.forward import ForwardError
from droidpilot.emulator.virtual.adb.framing import fail, hex4, okay
from droidpilot.emulator.virtual.adb.local import run_local_service

if TYPE_CHECKING:
    import socket

    from droidpilot.emulator.virtual.adb.server import AdbServer, PhoneSlot

SERVER_VERSION = 41
PREFIXES = ("host:", "host-serial:", "host-transport-id:", "host-usb:", "host-local:")
DEVICE_REQUESTS = ("features", "host-features", "get-state", "get-serialno", "get-devpath", "wait-for-",
                   "forward:", "killforward:", "killforward-all", "list-forward", "reconnect")
REACHED_STATES = ("device", "any")


def _split_serial(rest: str) -> tuple[str, str]:
    """`SERIAL:REQUEST` where SERIAL may itself hold colons (`10.0.0.2:5555`)."""
    cut = min((i for kw in DEVICE_REQUESTS if (i := rest.find(":" + kw)) >= 0), default=-1)
    if cut < 0:
        serial, _, request = rest.rpartition(":")
        return serial, request
    return rest[:cut], rest[cut + 1 :]


class HostConnection:
    """One client socket: host requests until a transport switch, then one local service."""

    def __init__(self, server: AdbServer, sock: socket.socket) -> None:
        self.server = server
        self.sock = sock
        self.slot: PhoneSlot | None = None

    def handle(self, request: str) -> bool:
        """Serve one request; True keeps the socket open for another request."""
        if request.startswith(PREFIXES):
            return self._host(request)
        if self.slot is None:
            fail(self.sock, f"unknown host service '{request}'")
            return False
        run_local_service(self.server, self.slot, self.sock, request)
        return False

    # -- routing ------------------------------------------------------------------------------------------
    def _host(self, request: str) -> bool:
        selector, req = self._parse(request)
        if req.startswith(("transport", "tport:")):
            return self._switch(req)
        if req in ("version", "devices", "devices-l", "track-devices", "kill", "host-features"):
            return self._global(req)
        if req.startswith(("connect:", "disconnect:")):
            return self._connect(req)
        if req == "list-forward":
            okay(self.sock, self.server.forwards.listing().encode())
            return False
        if req == "killforward-all":
            self.server.forwards.remove_all()
            self.sock.sendall(b"OKAYOKAY")
            return False
        if req.startswith("wait-for-"):
            self._wait_for(selector, req)
            return False
        slot = self._select(selector)
        if slot is not None:
            self._device_request(slot, req)
        return False

    def _parse(self, request: str) -> tuple[str, str]:
        """(selector, request): selector is `serial:S`, `id:N`, `any`, `usb`, `local` or `current`."""
        if request.startswith("host-serial:"):
            serial, req = _split_serial(request.removeprefix("host-serial:"))
            return f"serial:{serial}", req
        if request.startswith("host-transport-id:"):
            ident, _, req = request.removeprefix("host-transport-id:").partition(":")
            return f"id:{ident}", req
        if request.startswith(("host-usb:", "host-local:")):
            kind, _, req = request.partition(":")
            return kind.removeprefix("host-"), req
        return ("current" if self.slot is not None else "any"), request.removeprefix("host:")

    def _select(self, selector: str, report: bool = True) -> PhoneSlot | None:
        """The device `selector` names; on failure sends the real server's FAIL text (if `report`)."""
        slots = self.server.slots
        kind, _, value = selector.partition(":")
        found: PhoneSlot | None = None
        error = ""
        if kind == "current":
            found = self.slot
        elif kind == "serial":
            found = self.server.find(value)
            error = f"device '{value}' not found"
        elif kind == "id":
            found = self.server.find_id(int(value)) if value.isdigit() else None
            error = f"no device with transport id '{value}'"
        elif kind == "usb":
            error = "no devices found"
        elif len(slots) == 1:
            found = slots[0]
        elif kind == "local":
            error = "more than one emulator" if slots else "no emulators found"
        else:
            error = "more than one device/emulator" if slots else "no devices/emulators found"
        if found is None and report:
            fail(self.sock, error)
        return found

    # -- services -----------------------------------------------------------------------------------------
    def _switch(self, req: str) -> bool:
        """`transport*` (OKAY) and `tport:*` (OKAY + 8-byte id): the socket then carries a local service."""
        tport = req.startswith("tport:")
        what = req.removeprefix("tport:") if tport else req.removeprefix("transport")
        if what.startswith(("serial:", ":")):
            selector = "serial:" + what.split(":", 1)[1]
        elif what.startswith("-id:"):
            selector = "id:" + what.removeprefix("-id:")
        else:
            selector = what.lstrip("-") or "any"
        slot = self._select(selector)
        if slot is None:
            return False
        self.slot = slot
        self.sock.sendall(b"OKAY" + (struct.pack("<Q", slot.transport_id) if tport else b""))
        return True

    def _global(self, req: str) -> bool:
        if req == "version":
            okay(self.sock, f"{SERVER_VERSION:04x}".encode())
        elif req == "devices":
            okay(self.sock, self._device_lines(long=False).encode())
        elif req == "devices-l":
            okay(self.sock, self._device_lines(long=True).encode())
        elif req == "host-features":
            from droidpilot.emulator.virtual.adb.server import FEATURES

            okay(self.sock, FEATURES.encode())
        elif req == "track-devices":
            self.sock.sendall(b"OKAY" + hex4(self._device_lines(long=False).encode()))
            self._hold()
        elif req == "kill":
            self.sock.sendall(b"OKAY")
            self.server.kill()
        return False

    def _device_lines(self, long: bool) -> str:
        if self.server.stopped.is_set():
            return ""
        if not long:
            return "".join(f"{s.serial}\tdevice\n" for s in self.server.slots)
        lines = []
        for slot in self.server.slots:
            tags = " ".join(f"{key}:{value}" for key, value in slot.banner().items())
            lines.append(f"{slot.serial:<22} device {tags} transport_id:{slot.transport_id}\n")
        return "".join(lines)

    def _connect(self, req: str) -> bool:
        verb, _, address = req.partition(":")
        if verb == "connect":
            okay(self.sock, f"failed to connect to '{address}': Connection refused".encode())
        elif address:
            fail(self.sock, f"no such device '{address}'")
        else:
            okay(self.sock, b"disconnected everything")
        return False

    def _device_request(self, slot: PhoneSlot, req: str) -> None:
        from droidpilot.emulator.virtual.adb.server import FEATURES

        simple = {"features": FEATURES, "host-features": FEATURES, "get-state": "device",
                  "get-serialno": slot.serial, "get-devpath": f"emulator:{slot.serial}"}
        if req in simple:
            okay(self.sock, simple[req].encode())
        elif req.startswith(("forward:", "killforward:")):
            self._forward(slot, req)
        elif req == "reconnect":
            okay(self.sock, b"done")
        else:
            fail(self.sock, f"unknown host service '{req}'")

    def _forward(self, slot: PhoneSlot, req: str) -> None:
        table = self.server.forwards
        try:
            if req.startswith("killforward:"):
                table.remove(req.removeprefix("killforward:"))
                self.sock.sendall(b"OKAYOKAY")
                return
            spec = req.removeprefix("forward:")
            norebind = spec.startswith("norebind:")
            local, _, remote = spec.removeprefix("norebind:").partition(";")
            port = table.add(slot, local, remote, norebind)
        except ForwardError as exc:
            fail(self.sock, str(exc))
            return
        # First OKAY: transport found; second: listener installed; tcp:0 also gets the chosen port.
        reply = b"OKAYOKAY" + (hex4(str(port).encode()) if local == "tcp:0" else b"")
        self.sock.sendall(reply)

    def _wait_for(self, selector: str, req: str) -> None:
        """`wait-for-TRANSPORT-STATE`: OKAY now, a second OKAY once the state holds. Virtual phones are
        always `device`, so other states (recovery, bootloader...) block like adb does until the client
        gives up."""
        state = req.rpartition("-")[2]
        found = self._select(selector, report=False)
        self.sock.sendall(b"OKAY")
        if found is None and len(self.server.slots) > 1 and selector in ("any", "local"):
            fail(self.sock, "more than one device/emulator")
            return
        reached = (found is not None and state in REACHED_STATES) or (found is None and state == "disconnect")
        if reached:
            self.sock.sendall(b"OKAY")
            return
        self._hold()

    def _hold(self) -> None:
        """Keep the socket open until the client closes it or the server stops."""
        while not self.server.stopped.is_set():
            readable, _, _ = select.select([self.sock], [], [], 0.5)
            if readable and not self.sock.recv(4096):
                return
