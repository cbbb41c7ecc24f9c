"""`droidpilot devices`: the devices an ADB server has attached, with their state and model."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from droidpilot.cli.common import fail
from droidpilot.emulator.adb_client import list_devices
from droidpilot.emulator.device import DeviceLost


def devices(
    host: Annotated[str | None, typer.Option(help="ADB server host [default: $ANDROID_ADB_SERVER_ADDRESS "
                                             "or 127.0.0.1]", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="ADB server port [default: $ANDROID_ADB_SERVER_PORT "
                                             "or 5037]",
                                             show_default=False)] = None,
) -> None:
    """List the devices attached to the ADB server: serial, state and model."""
    host = host or os.environ.get("ANDROID_ADB_SERVER_ADDRESS") or "127.0.0.1"
    env_port = os.environ.get("ANDROID_ADB_SERVER_PORT", "")
    port = port or (int(env_port) if env_port.isdigit() else 5037)
    try:
        infos = list_devices(host, port)
    except DeviceLost:
        fail(f"no ADB server answers on {host}:{port}",
             "start one with 'adb start-server' (phones, emulators) or 'droidpilot phone serve' "
             "(virtual phones); --port picks another port")
    if not infos:
        typer.echo("no devices attached", err=True)
        return
    width = max(len(i.serial) for i in infos)
    typer.echo(f"{'SERIAL':<{width}}  {'STATE':<12}  MODEL")
    for info in infos:
        typer.echo(f"{info.serial:<{width}}  {info.state:<12}  {info.model or '-'}")
    for info in infos:
        if info.state == "unauthorized":
            typer.echo(f"hint: accept the USB debugging prompt on {info.serial}", err=True)
