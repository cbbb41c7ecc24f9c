"""`droidpilot phone serve`: virtual phones behind an ADB server, for adb, adbutils and uiautomator2."""

from __future__ import annotations

import errno
import ipaddress
import signal
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Annotated

import typer

from droidpilot.cli.common import fail
from droidpilot.cli.lock import locked
from droidpilot.emulator.virtual.adb.server import AdbServer, serial_for
from droidpilot.emulator.virtual.console import default_token_file

app = typer.Typer(help="The virtual phone as a device for adb, adbutils and uiautomator2.",
                  no_args_is_help=True)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on; anything but loopback exposes the phones")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="ADB server port (adb's default: 5037)")] = 5037,
    devices: Annotated[int, typer.Option(min=1, max=64, help="number of virtual phones")] = 1,
    data_dir: Annotated[Path | None, typer.Option(
        help="keep each phone's state in DIR/SERIAL between runs (default: temporary, deleted on exit)"),
    ] = None,
    console: Annotated[bool, typer.Option(
        help="also open each phone's emulator console on 127.0.0.1:N for emulator-N (adb emu, telnet); "
             "auth token in ~/.emulator_console_auth_token")] = False,
    first_console_port: Annotated[int, typer.Option(
        min=1024, max=65534, help="console port (and serial number) of the first phone")] = 5554,
) -> None:
    """Serve N virtual phones (emulator-5554, emulator-5556, ...) over the ADB protocol until Ctrl-C."""
    if not is_loopback(host):
        typer.secho(f"warning: listening on {host}: anyone who can reach {host}:{port} can control these "
                    "phones and read their files", fg=typer.colors.YELLOW, err=True)
    token = default_token_file() if console else None
    folder = data_dir.expanduser() if data_dir else None
    phone_dirs = [folder / serial_for(i, first_console_port) for i in range(devices)] if folder else []
    with ExitStack() as held:
        for phone_dir in phone_dirs:
            held.enter_context(_phone_locked(phone_dir))
        server = AdbServer.virtual(devices, host, port, folder, console_token_file=token,
                                   first_console_port=first_console_port)
        _serve(server, host, port)


def _phone_locked(folder: Path) -> AbstractContextManager[None]:
    """The same lock `--device virtual:PATH` takes: one process drives a phone folder at a time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create the phone folder {folder}: {exc.strerror or exc}", "check --data-dir and its permissions")
    return locked(folder, "the virtual phone")


def _serve(server: AdbServer, host: str, port: int) -> None:
    try:
        server.start()
    except OSError as exc:
        server.close()
        if "emulator console port" in str(exc):
            fail(f"cannot open the {exc.strerror}", "an emulator may be running: pick --first-console-port")
        if exc.errno == errno.EADDRINUSE:
            fail(f"port {port} on {host} is already in use",
                 "another ADB server is probably running there: stop it with 'adb kill-server', "
                 "or pick another port with --port")
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", "check --host and --port")
    _announce(server)
    # Explicit handlers: a server started in the background by a script inherits SIGINT as "ignored".
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: server.stop())
    try:
        while not server.wait(0.5):
            pass
    finally:
        typer.echo("stopping", err=True)
        server.close()
    typer.echo("stopped", err=True)


def _announce(server: AdbServer) -> None:
    info = server.info()
    where = f"in {info.data_dir}" if info.data_dir else "temporary (use --data-dir DIR to keep them)"
    typer.echo(f"serving {len(info.serials)} virtual phone(s) on {info.host}:{info.port}: "
               f"{', '.join(info.serials)}")
    typer.echo(f"phone data: {where}")
    typer.echo(f"try: adb -P {info.port} devices   (or export ANDROID_ADB_SERVER_PORT={info.port})")
    typer.echo("Ctrl-C stops the server")
