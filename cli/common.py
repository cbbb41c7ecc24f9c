"""What every command shares: the --device option, opening the device, and turning errors into one line."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from droidpilot.emulator import Device, DeviceError, open_device

DEVICE_ENV = "DROIDPILOT_DEVICE"

DeviceOption = Annotated[
    str | None,
    typer.Option(
        "--device", "-d",
        help="virtual | virtual:PATH (keeps state between commands) | adb:SERIAL | adb://HOST:PORT/SERIAL. "
        f"Default: ${DEVICE_ENV}, else virtual.",
        show_default=False,
    ),
]


def fail(message: str, hint: str = "", code: int = 2) -> NoReturn:
    """Print one clear error line (and a hint) to stderr and exit non-zero; never a traceback."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    if hint:
        typer.echo(f"hint: {hint}", err=True)
    raise typer.Exit(code)


def adb_server_address() -> tuple[str, int]:
    """The ADB server adb itself would use: $ANDROID_ADB_SERVER_ADDRESS / _PORT, else 127.0.0.1:5037."""
    host = os.environ.get("ANDROID_ADB_SERVER_ADDRESS") or "127.0.0.1"
    port_text = os.environ.get("ANDROID_ADB_SERVER_PORT", "")
    return host, int(port_text) if port_text.isdigit() else 5037


RunDeviceOption = Annotated[
    str | None,
    typer.Option(
        "--device", "-d",
        help="virtual:PATH | virtual (a throwaway phone) | adb:SERIAL | adb://HOST:PORT/SERIAL. "
        f"Default: ${DEVICE_ENV}, else your own virtual phone, kept in ~/.local/share/droidpilot/phone "
        "between commands (so 'run --resume' finds it again).",
        show_default=False,
    ),
]


def device_uri(option: str | None, default: str = "virtual") -> str:
    return option or os.environ.get(DEVICE_ENV) or default


def persistent_phone_uri() -> str:
    """The user's own virtual phone: `$XDG_DATA_HOME/droidpilot/phone` (~/.local/share by default)."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"virtual:{Path(data_home) / 'droidpilot' / 'phone'}"


@contextmanager
def device_session(option: str | None) -> Iterator[Device]:
    """Open the device for one command and close it afterwards (virtual phones save their screen)."""
    uri = device_uri(option)
    with _phone_lock(uri):
        yield from _opened(uri)


@contextmanager
def _phone_lock(uri: str) -> Iterator[None]:
    """A virtual:PATH phone is driven by one process at a time (`run` and `device` share the default one)."""
    from droidpilot.cli.lock import locked
    from droidpilot.emulator.uri import parse_device_uri

    try:
        folder = parse_device_uri(uri).path
    except DeviceError:
        folder = None  # _opened reports the bad device string
    if folder is None:
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot open device '{uri}': {exc.strerror or exc}", "check the path and its permissions")
    with locked(folder, "the virtual phone"):
        yield


def _opened(uri: str) -> Iterator[Device]:
    try:
        device = open_device(uri)
    except DeviceError as exc:
        fail(str(exc), exc.hint or _open_hint(uri, str(exc)))
    except OSError as exc:
        fail(f"cannot open device '{uri}': {exc.strerror or exc}", "check the path and its permissions")
    try:
        yield device
    except DeviceError as exc:
        fail(str(exc), "is the device still connected? 'droidpilot devices' lists what is attached")
    finally:
        device.close()


def _open_hint(uri: str, message: str) -> str:
    if not uri.startswith("adb"):
        return "e.g. --device virtual, or --device virtual:~/phone to keep the phone between commands"
    if "no ADB server" in message:
        return ("start one: 'adb start-server' (phones, emulators) or 'droidpilot phone serve' (virtual phones); "
                f"'droidpilot doctor --device {uri}' checks the whole setup")
    return "'droidpilot devices' lists the attached devices and their serials"


def time_limit(flag: float | None, config: Path | None) -> float | None:
    """--timeout, else `[run] timeout` of droidpilot.toml (seconds, for each run and each bench episode), else
    None (no limit)."""
    from droidpilot.memory.config import MemoryConfigError, read_table

    if flag is not None:
        return flag
    try:
        value = read_table("run", config).get("timeout")
    except MemoryConfigError as exc:
        fail(str(exc), "fix droidpilot.toml, or pass --timeout SECONDS")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        fail(f"[run] timeout must be a positive number of seconds, not {value!r}", "fix droidpilot.toml")
    return float(value)


def setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
