"""`wm size` / `wm density`: the display overrides of WindowManagerShellCommand (Android 14).

The overrides are kept where the phone's display reads them (see system/screen.py), so a new size or rotation
changes the next frame's layout, screenshots, dumps and input coordinates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import emit, fail
from droidpilot.emulator.virtual.shell.device_util import JavaArgs, run_service, unknown_command
from droidpilot.emulator.virtual.system import screen

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

MIN_SIZE = 200
MAX_SCALE = 2
"""WindowManagerService clamps a forced size to [200, 2 x the initial size]."""
MIN_DENSITY = 72

WM_HELP = """Window manager (window) commands:
  help
      Print this help text.
  size [reset|WxH|WdpxHdp] [-d DISPLAY_ID]
    Return or override display size.
    width and height in pixels unless suffixed with 'dp'.
  density [reset|DENSITY] [-d DISPLAY_ID]
    Return or override display density.
  dismiss-keyguard
    Dismiss the keyguard, prompting user for auth if necessary.
"""


class BadNumber(ValueError):
    """Java's NumberFormatException, printed as `Error: bad number java.lang.NumberFormatException: ...`."""


def wm(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        return run_service(inv, "generic", lambda args: _wm(phone, inv, args))

    return run


def _wm(phone: VirtualPhone, inv: Invocation, args: JavaArgs) -> int:
    cmd = args.cmd
    values: list[str] = []
    while (arg := args.next_arg()) is not None:
        if arg == "-d":
            args.next_arg()  # the display id: the virtual phone has one display
        else:
            values.append(arg)
    if cmd == "dismiss-keyguard":
        return 0
    if cmd == "size":
        return _size(phone, inv, values[0] if values else None)
    if cmd == "density":
        return _density(phone, inv, values[0] if values else None)
    return unknown_command(inv, cmd, WM_HELP)


def _dimension(text: str, density: int) -> int:
    """WindowManagerShellCommand.parseDimension: pixels, `px` or `dp`."""
    try:
        if text.endswith("px"):
            return int(text[:-2])
        if text.endswith("dp"):
            return int(text[:-2]) * density // 160
        return int(text)
    except ValueError:
        raise BadNumber(f'java.lang.NumberFormatException: For input string: "{text}"') from None


def _size(phone: VirtualPhone, inv: Invocation, value: str | None) -> int:
    display = phone.display
    if value is None:
        emit(inv, f"Physical size: {screen.WIDTH}x{screen.HEIGHT}\n")
        if display.size_override:
            emit(inv, f"Override size: {display.natural_width}x{display.natural_height}\n")
        return 0
    if value == "reset":
        phone.settings.delete(*screen.SIZE_SETTING)
        return 0
    div = value.find("x")
    if div <= 0 or div >= len(value) - 1:
        return fail(inv, f"Error: bad size {value}", -1)
    try:
        width, height = (_dimension(part, display.density) for part in (value[:div], value[div + 1:]))
    except BadNumber as exc:
        return fail(inv, f"Error: bad number {exc}", -1)
    width = min(max(width, MIN_SIZE), screen.WIDTH * MAX_SCALE)
    height = min(max(height, MIN_SIZE), screen.HEIGHT * MAX_SCALE)
    if (width, height) == (screen.WIDTH, screen.HEIGHT):
        phone.settings.delete(*screen.SIZE_SETTING)  # forcing the physical size clears the override
    else:
        phone.settings.put(*screen.SIZE_SETTING, f"{width},{height}")
    return 0


def _density(phone: VirtualPhone, inv: Invocation, value: str | None) -> int:
    display = phone.display
    if value is None:
        emit(inv, f"Physical density: {screen.DENSITY}\n")
        if display.density_override:
            emit(inv, f"Override density: {display.density}\n")
        return 0
    if value == "reset":
        phone.settings.delete(*screen.DENSITY_SETTING)
        return 0
    if not value.lstrip("-").isdigit():
        return fail(inv, f'Error: bad number java.lang.NumberFormatException: For input string: "{value}"', -1)
    if int(value) < MIN_DENSITY:
        return fail(inv, f"Error: density must be >= {MIN_DENSITY}", -1)
    if int(value) == screen.DENSITY:
        phone.settings.delete(*screen.DENSITY_SETTING)
    else:
        phone.settings.put(*screen.DENSITY_SETTING, value)
    return 0
