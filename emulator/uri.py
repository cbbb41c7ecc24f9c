"""`open_device(uri)`: one string names any device droidpilot can drive.

- `virtual`: a fresh virtual phone in a temporary directory (gone when closed);
- `virtual:PATH`: a virtual phone whose storage and screen persist in PATH between runs;
- `adb:SERIAL` and `adb://HOST:PORT/SERIAL`: a device behind an ADB server (emulator or phone).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from droidpilot.emulator.device import Device, DeviceError


class DeviceURI(BaseModel):
    kind: str
    path: Path | None = None
    serial: str | None = None
    host: str = "127.0.0.1"
    port: int = 5037


class BadDeviceURI(DeviceError):
    """The device string is not one `open_device` understands."""


HINT = "use 'virtual', 'virtual:PATH', 'adb:SERIAL' or 'adb://HOST:PORT/SERIAL'"


def parse_device_uri(uri: str) -> DeviceURI:
    uri = uri.strip()
    if uri == "virtual":
        return DeviceURI(kind="virtual")
    if uri.startswith("virtual:"):
        path = uri.removeprefix("virtual:")
        if not path:
            raise BadDeviceURI(f"'{uri}' has no path; {HINT}")
        return DeviceURI(kind="virtual", path=Path(path).expanduser())
    if uri.startswith("adb://"):
        return _parse_adb_url(uri)
    if uri.startswith("adb:") and len(uri) > 4:
        return DeviceURI(kind="adb", serial=uri.removeprefix("adb:"))
    raise BadDeviceURI(f"unknown device '{uri}'; {HINT}")


def _parse_adb_url(uri: str) -> DeviceURI:
    rest = uri.removeprefix("adb://")
    address, _, serial = rest.partition("/")
    host, _, port_text = address.rpartition(":")
    if not host or not port_text.isdigit() or not serial:
        raise BadDeviceURI(f"bad adb address '{uri}'; {HINT}")
    return DeviceURI(kind="adb", serial=serial, host=host, port=int(port_text))


def open_device(uri: str) -> Device:
    """Open the device `uri` names. Close it with `close()` when done (virtual phones save their state)."""
    parsed = parse_device_uri(uri)
    if parsed.kind == "virtual":
        from droidpilot.emulator.virtual.device import VirtualDevice
        from droidpilot.emulator.virtual.phone import VirtualPhone

        if parsed.path is not None:
            _check_phone_folder(parsed.path)
        return VirtualDevice(VirtualPhone(parsed.path))
    return _open_adb(parsed, explicit_address=uri.strip().startswith("adb://"))


class NotAPhoneFolder(DeviceError):
    """`virtual:DIR` names a folder that holds other things than a virtual phone."""

    hint = "give an empty or new folder for a new phone, or the folder of an existing one"


PHONE_ENTRIES = {"sdcard", "data", "rootfs", ".snapshots", "system_state.json", "system_state.tmp", ".droidpilot.lock"}


def _check_phone_folder(path: Path) -> None:
    """A phone's folder is new, empty or a phone's: the phone must not add its folders among a user's files."""
    if not path.is_dir():
        return
    strangers = sorted(entry.name for entry in path.iterdir() if entry.name not in PHONE_ENTRIES)
    if strangers:
        raise NotAPhoneFolder(f"{path} is not a virtual phone's folder (it holds {strangers[0]!r}"
                              f"{f' and {len(strangers) - 1} more' if len(strangers) > 1 else ''})")


def _open_adb(parsed: DeviceURI, explicit_address: bool) -> Device:
    """`adb:SERIAL` talks to the server adb itself would use ($ANDROID_ADB_SERVER_ADDRESS / _PORT)."""
    import os

    from droidpilot.emulator.adb_device import AdbDevice

    host, port = parsed.host, parsed.port
    if not explicit_address:
        host = os.environ.get("ANDROID_ADB_SERVER_ADDRESS") or host
        port_text = os.environ.get("ANDROID_ADB_SERVER_PORT", "")
        port = int(port_text) if port_text.isdigit() else port
    assert parsed.serial is not None
    return AdbDevice(parsed.serial, host, port)
