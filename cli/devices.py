"""`droidpilot devices`: the devices an ADB server has attached, with their state and model."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from droidpilot.cli.common import adb_server_address, fail
from droidpilot.emulator.adb_client import list_devices
from droidpilot.emulator.device import DeviceLost


def devices(
    host: Annotated[str | None, typer.Option(help="ADB server host [default: $ANDROID_ADB_SERVER_ADDRESS "
                                             "or 127.0.0.1]", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="ADB server port [default: $ANDROID_ADB_SERVER_PORT "
                                             "or 5037]",
                                             show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list of {serial, state, model, ...}")]
    = False,
) -> None:
    """List the devices attached to the ADB server: serial, state and model."""
    default_host, default_port = adb_server_address()
    host, port = host or default_host, port or default_port
    try:
        infos = list_devices(host, port)
    except DeviceLost:
        fail(f"no ADB server answers on {host}:{port}",
             "start one with 'adb start-server' (phones, emulators) or 'droidpilot phone serve' "
             "(virtual phones); --port picks another port")
    if as_json:
        typer.echo(json.dumps([info.model_dump() for info in infos], indent=2))
        return
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
