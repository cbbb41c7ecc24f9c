"""`droidpilot device ...`: use a phone by hand: apps, screenshots, dumps, shell, touches, keys, text, apps and
links, snapshots and reset."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated

import typer

from droidpilot.cli.common import RunDeviceOption, device_session, device_uri, fail, persistent_phone_uri
from droidpilot.cli.writes import prepare_file, writing
from droidpilot.emulator import Device, Key
from droidpilot.emulator.device import KEYCODES
from droidpilot.emulator.png import encode_png
from droidpilot.emulator.snapshots import (
    SnapshotError,
    SnapshotsUnsupported,
    list_snapshots,
    reset_device,
    restore_snapshot,
    save_snapshot,
)


def _uri(device: str | None) -> str:
    """The device a command means: --device, else $DROIDPILOT_DEVICE, else the user's own virtual phone."""
    return device_uri(device, default=persistent_phone_uri())


def _session(device: str | None) -> AbstractContextManager[Device]:
    return device_session(_uri(device))


app = typer.Typer(help="Use a device by hand: apps, screenshots, hierarchy dumps, shell, taps, swipes, text, keys, "
                  "launching apps and links, snapshots and reset.", no_args_is_help=True)
snapshot_app = typer.Typer(help="Whole-device snapshots (virtual phones): save, restore, list.", no_args_is_help=True)
app.add_typer(snapshot_app, name="snapshot")
DIRECTIONS = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}


@app.command("apps")
def apps(
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list of {package, label, launch_activity}")]
    = False,
    device: RunDeviceOption = None,
) -> None:
    """List the apps with a launcher icon: label (as the launcher shows it), package and launch activity."""
    with _session(device) as dev:
        infos = dev.installed_apps()
    if as_json:
        typer.echo(json.dumps([i.model_dump() for i in infos], indent=2))
        return
    width = max((len(i.label) for i in infos), default=5)
    package_width = max((len(i.package) for i in infos), default=7)
    typer.echo(f"{'LABEL':<{width}}  {'PACKAGE':<{package_width}}  ACTIVITY")
    for info in infos:
        typer.echo(f"{info.label:<{width}}  {info.package:<{package_width}}  {info.launch_activity or '-'}")


@app.command("screenshot")
def screenshot(
    output: Annotated[Path, typer.Option("--output", "-o", help="PNG file to write")],
    device: RunDeviceOption = None,
) -> None:
    """Save the current screen as a PNG."""
    if output.suffix.lower() != ".png":
        fail(f"'{output}' is not a .png file", "pass a path ending in .png, e.g. -o screen.png")
    prepare_file(output)
    with _session(device) as dev:
        observation = dev.observe()
    if observation.screenshot is None:
        fail("the device returned no screenshot", "retry; the screen may be secure or the device busy")
    with writing(output):
        _write_atomically(output, encode_png(observation.screenshot))
    typer.echo(f"{output} ({observation.screenshot.width}x{observation.screenshot.height})")


@app.command("dump")
def dump(device: RunDeviceOption = None) -> None:
    """Print the view hierarchy of the active window in uiautomator XML."""
    with _session(device) as dev:
        typer.echo(dev.observe().xml)


@app.command("shell", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def shell(
    command: Annotated[list[str], typer.Argument(help="the command line, as for 'adb shell'")],
    device: RunDeviceOption = None,
) -> None:
    """Run a command in the device's shell; its output and exit code pass through."""
    with _session(device) as dev:
        result = dev.shell(" ".join(command))
    sys.stdout.buffer.write(result.stdout)
    sys.stdout.buffer.flush()
    sys.stderr.buffer.write(result.stderr)
    raise typer.Exit(result.exit_code)


@app.command("tap")
def tap(
    x: Annotated[int, typer.Argument(min=0)],
    y: Annotated[int, typer.Argument(min=0)],
    device: RunDeviceOption = None,
) -> None:
    """Tap the screen at pixel (X, Y)."""
    with _session(device) as dev:
        width, height = dev.screen_size()
        if x >= width or y >= height:
            fail(f"({x}, {y}) is outside the {width}x{height} screen", "coordinates are pixels from the top left")
        dev.tap(x, y)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file and rename it: a full disk leaves neither a torn PNG nor the temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _check_point(dev: Device, x: int, y: int) -> None:
    width, height = dev.screen_size()
    if x >= width or y >= height:
        fail(f"({x}, {y}) is outside the {width}x{height} screen", "coordinates are pixels from the top left")


@app.command("swipe")
def swipe(
    where: Annotated[list[str], typer.Argument(metavar="up|down|left|right | X1 Y1 X2 Y2",
                                               help="a direction (from the screen's centre), or two points")],
    ms: Annotated[int, typer.Option(min=1, max=60000, help="how long the finger moves")] = 300,
    device: RunDeviceOption = None,
) -> None:
    """Move a finger across the screen: 'swipe up' scrolls a list down; 'swipe 540 1800 540 600' is explicit."""
    if len(where) == 1 and where[0].lower() in DIRECTIONS:
        points = None
    elif len(where) == 4 and all(p.isdigit() for p in where):
        points = [int(p) for p in where]
    else:
        fail(f"'{' '.join(where)}' is neither a direction nor four pixel coordinates",
             "droidpilot device swipe up, or droidpilot device swipe 540 1800 540 600")
    with _session(device) as dev:
        width, height = dev.screen_size()
        if points is None:
            dx, dy = DIRECTIONS[where[0].lower()]
            points = [width // 2, height // 2, width // 2 + int(dx * 0.4 * width), height // 2 + int(dy * 0.4 * height)]
        for x, y in (points[:2], points[2:]):
            _check_point(dev, x, y)
        x1, y1, x2, y2 = points
        dev.swipe(x1, y1, x2, y2, ms=ms)


@app.command("type")
def type_text(
    text: Annotated[str, typer.Argument(help="the text, typed exactly as given into the focused field")],
    enter: Annotated[bool, typer.Option("--enter", help="press Enter afterwards")] = False,
    device: RunDeviceOption = None,
) -> None:
    """Type TEXT into the focused field (tap the field first)."""
    with _session(device) as dev:
        dev.input_text(text)
        if enter:
            dev.press(Key.ENTER)


@app.command("key")
def key(
    name: Annotated[str, typer.Argument(metavar="KEY", help="back, home, enter, delete, recents, tab, menu, search, "
                                        "volume_up, volume_down, power, or any KEYCODE name")],
    device: RunDeviceOption = None,
) -> None:
    """Press a key: 'droidpilot device key back'."""
    code = name.strip().upper().removeprefix("KEYCODE_")
    code = Key[code].value if code in Key.__members__ else code
    if code not in KEYCODES:
        fail(f"unknown key '{name}'", "try back, home, enter, delete, recents, volume_up or power")
    with _session(device) as dev:
        dev.press(code)


@app.command("launch")
def launch(
    app_name: Annotated[str, typer.Argument(metavar="APP", help="launcher label (Settings) or package")],
    device: RunDeviceOption = None,
) -> None:
    """Open an app by the name the launcher shows, or by package."""
    from droidpilot.agent.apps import AppNotFound, find_app

    with _session(device) as dev:
        try:
            info = find_app(dev, app_name)
        except AppNotFound as exc:
            fail(str(exc), "'droidpilot device apps' lists the installed apps")
        try:
            dev.launch(info.package, info.launch_activity)
        except LookupError as exc:
            fail(str(exc), "'droidpilot device apps' lists the launch activities")
    typer.echo(f"launched {info.label} ({info.package})")


@app.command("open")
def open_uri(
    uri: Annotated[str, typer.Argument(help="https://..., tel:..., smsto:..., geo:..., content://...")],
    device: RunDeviceOption = None,
) -> None:
    """Open a URI with the app that handles it."""
    with _session(device) as dev:
        try:
            dev.open_uri(uri)
        except LookupError as exc:
            fail(str(exc), "check the URI's scheme; 'droidpilot device apps' lists what is installed")
        package, _activity = dev.current_app()
    typer.echo(f"opened {uri} in {package}")


@app.command("reset")
def reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="do not ask")] = False,
    device: RunDeviceOption = None,
) -> None:
    """Factory-reset a virtual phone: every app's data back to its first boot. Snapshots are kept."""
    _warn_if_temporary(device)
    if not yes and not typer.confirm(f"erase all data on {_uri(device)}?", default=False, err=True):
        fail("not reset", "pass --yes to reset without asking", code=1)
    with _session(device) as dev, _snapshots():
        reset_device(dev)
    typer.echo(f"reset {_uri(device)}")


@snapshot_app.command("save")
def snapshot_save(name: Annotated[str, typer.Argument(help="letters, digits, '.', '-', '_'")],
                  device: RunDeviceOption = None) -> None:
    """Save the whole device state under NAME (replacing a snapshot so named)."""
    _warn_if_temporary(device)
    with _session(device) as dev, _snapshots():
        save_snapshot(dev, name)
    typer.echo(f"saved snapshot {name}")


@snapshot_app.command("restore")
def snapshot_restore(name: Annotated[str, typer.Argument(help="a name from 'snapshot list'")],
                     device: RunDeviceOption = None) -> None:
    """Put the device back in the state saved under NAME."""
    with _session(device) as dev, _snapshots():
        restore_snapshot(dev, name)
    typer.echo(f"restored snapshot {name}")


@snapshot_app.command("list")
def snapshot_list(
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list")] = False,
    device: RunDeviceOption = None,
) -> None:
    """List the device's snapshots."""
    with _session(device) as dev, _snapshots():
        names = list_snapshots(dev)
    if as_json:
        typer.echo(json.dumps(names))
    elif names:
        typer.echo("SNAPSHOT\n" + "\n".join(names))
    else:
        typer.echo("no snapshots", err=True)


@contextmanager
def _snapshots() -> Iterator[None]:
    try:
        yield
    except (SnapshotError, SnapshotsUnsupported) as exc:
        fail(str(exc), exc.hint)


def _warn_if_temporary(device: str | None) -> None:
    if _uri(device) == "virtual":
        fail("a temporary virtual phone is gone when the command ends, with its snapshots and changes",
             "leave out --device to use your own phone, or pass --device virtual:PATH")
