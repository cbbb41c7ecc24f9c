"""`droidpilot device ...`: use a phone by hand (list apps, screenshot, dump, shell, tap)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from droidpilot.cli.common import DeviceOption, device_session, fail
from droidpilot.emulator.png import encode_png

app = typer.Typer(help="Use a device by hand: apps, screenshots, hierarchy dumps, shell, taps.",
                  no_args_is_help=True)


@app.command("apps")
def apps(device: DeviceOption = None) -> None:
    """List the apps with a launcher icon: label, package and launch activity."""
    with device_session(device) as dev:
        infos = dev.installed_apps()
    width = max((len(i.label) for i in infos), default=5)
    for info in infos:
        typer.echo(f"{info.label:<{width}}  {info.package}  {info.launch_activity or '-'}")


@app.command("screenshot")
def screenshot(
    output: Annotated[Path, typer.Option("--output", "-o", help="PNG file to write")],
    device: DeviceOption = None,
) -> None:
    """Save the current screen as a PNG."""
    if output.suffix.lower() != ".png":
        fail(f"'{output}' is not a .png file", "pass a path ending in .png, e.g. -o screen.png")
    with device_session(device) as dev:
        observation = dev.observe()
    if observation.screenshot is None:
        fail("the device returned no screenshot", "retry; the screen may be secure or the device busy")
    _write_atomically(output, encode_png(observation.screenshot))
    typer.echo(f"{output} ({observation.screenshot.width}x{observation.screenshot.height})")


@app.command("dump")
def dump(device: DeviceOption = None) -> None:
    """Print the view hierarchy of the active window in uiautomator XML."""
    with device_session(device) as dev:
        typer.echo(dev.observe().xml)


@app.command("shell", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def shell(
    command: Annotated[list[str], typer.Argument(help="the command line, as for 'adb shell'")],
    device: DeviceOption = None,
) -> None:
    """Run a command in the device's shell; its output and exit code pass through."""
    with device_session(device) as dev:
        result = dev.shell(" ".join(command))
    sys.stdout.buffer.write(result.stdout)
    sys.stdout.buffer.flush()
    sys.stderr.buffer.write(result.stderr)
    raise typer.Exit(result.exit_code)


@app.command("tap")
def tap(
    x: Annotated[int, typer.Argument(min=0)],
    y: Annotated[int, typer.Argument(min=0)],
    device: DeviceOption = None,
) -> None:
    """Tap the screen at pixel (X, Y)."""
    with device_session(device) as dev:
        width, height = dev.screen_size()
        if x >= width or y >= height:
            fail(f"({x}, {y}) is outside the {width}x{height} screen", "coordinates are pixels from the top left")
        dev.tap(x, y)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
