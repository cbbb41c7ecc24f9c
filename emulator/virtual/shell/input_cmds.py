"""`input`, `screencap`, `uiautomator dump` and `wm`, in Android 14's formats.

`input` follows InputShellCommand: the first argument after `text` only, `%s` as a space, Java number parsing,
and Java exceptions for bad arguments (`Exception occurred while executing 'tap'` ... exit 255).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from droidpilot.emulator.device import KEYCODES
from droidpilot.emulator.virtual.shell.common import emit, fail
from droidpilot.emulator.virtual.shell.device_util import (
    IAE,
    NFE,
    JavaArgs,
    JavaError,
    absolute,
    parse_float,
    parse_int,
    run_service,
    unknown_command,
    write_device_file,
)

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

DENSITY = 420
DISPLAY_ID = 4619827259835644672
LONG_PRESS_TIMEOUT = 400
DOUBLE_TAP_MIN_TIME = 40
LAST_KEYCODE = 316
SOURCES = ("keyboard", "dpad", "gamepad", "touchscreen", "mouse", "stylus", "trackball", "touchpad",
           "touchnavigation", "joystick", "rotaryencoder")
EXTRA_KEYCODES = {
    "SOFT_LEFT": 1, "SOFT_RIGHT": 2, "ALT_LEFT": 57, "ALT_RIGHT": 58, "SHIFT_LEFT": 59, "SHIFT_RIGHT": 60,
    "SYM": 63, "EXPLORER": 64, "ENVELOPE": 65, "GRAVE": 68, "MINUS": 69, "EQUALS": 70, "LEFT_BRACKET": 71,
    "RIGHT_BRACKET": 72, "BACKSLASH": 73, "SEMICOLON": 74, "APOSTROPHE": 75, "SLASH": 76, "AT": 77, "NUM": 78,
    "HEADSETHOOK": 79, "FOCUS": 80, "PLUS": 81, "MEDIA_PLAY_PAUSE": 85, "MEDIA_STOP": 86, "MEDIA_NEXT": 87,
    "MEDIA_PREVIOUS": 88, "MUTE": 91, "PAGE_UP": 92, "PAGE_DOWN": 93, "CTRL_LEFT": 113, "CTRL_RIGHT": 114,
    "CAPS_LOCK": 115, "INSERT": 124, "FORWARD": 125, "MEDIA_PLAY": 126, "MEDIA_PAUSE": 127,
    "VOLUME_MUTE": 164, "ASSIST": 219, "BRIGHTNESS_DOWN": 220, "BRIGHTNESS_UP": 221, "SOFT_SLEEP": 276,
    "CUT": 277, "COPY": 278, "PASTE": 279, "ALL_APPS": 284,
}
KEY_NAMES: dict[str, int] = {**KEYCODES, **EXTRA_KEYCODES}
CODE_NAMES: dict[int, str] = {code: name for name, code in KEY_NAMES.items()}
INVALID = "Error: Invalid arguments for command: "

INPUT_HELP = "Usage: input [<source>] [-d DISPLAY_ID] <command> [<arg>...]\n\nThe sources are: \n"
INPUT_HELP += "".join(f"      {s}\n" for s in SOURCES) + """
-d: specify the display ID.
      (Default: -1 for key event, 0 for motion event if not specified.)
The commands and default sources are:
      text <string> (Default: keyboard)
      keyevent [--longpress|--doubletap|--async|--delay <duration between keycodes in ms>] \
<key code number or name> ... (Default: keyboard)
      tap <x> <y> (Default: touchscreen)
      swipe <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)
      draganddrop <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)
      press (Default: trackball)
      roll <dx> <dy> (Default: trackball)
      motionevent <DOWN|UP|MOVE|CANCEL> <x> <y> (Default: touchscreen)
      keycombination [-t duration(ms)] <key code 1> <key code 2> ... (Default: keyboard, the key order is \
important here.)
"""


def key_code(name: str) -> int:
    """`KeyEvent.keyCodeFromString`: a number, `KEYCODE_X` or `X` (case-sensitive); 0 when unknown."""
    try:
        code = parse_int(name)
        if 0 <= code <= LAST_KEYCODE:
            return code
    except JavaError:
        pass
    return KEY_NAMES.get(name.removeprefix("KEYCODE_"), 0)


def send_text(text: str) -> str:
    """InputShellCommand.sendText's `%s` handling: the `%` before an `s` is dropped and the `s` is a space."""
    chars = list(text)
    escape, i = False, 0
    while i < len(chars):
        if escape:
            escape = False
            if chars[i] == "s":
                chars[i] = " "
                del chars[i - 1]
                i -= 1
        if chars[i] == "%":
            escape = True
        i += 1
    return "".join(chars)


@dataclass
class _Touch:
    """A pointer held down by `input motionevent DOWN`, released by UP."""

    x: float
    y: float
    down_ms: int


class InputCommand:
    """`input` / `cmd input`."""

    def __init__(self, phone: VirtualPhone) -> None:
        self.phone = phone
        self.touch: _Touch | None = None

    def __call__(self, inv: Invocation) -> int:
        return run_service(inv, "input", lambda args: self.run(inv, args))

    def run(self, inv: Invocation, args: JavaArgs) -> int:
        arg = args.cmd
        if arg in SOURCES:
            arg = args.required()
        display = 0
        if arg == "-d":
            display = self._display(args.required())
            arg = args.required()
        handler = {"text": self._text, "keyevent": self._keyevent, "tap": self._tap, "swipe": self._swipe,
                   "draganddrop": self._drag, "press": self._ignore, "roll": self._roll,
                   "motionevent": self._motion, "keycombination": self._combination,
                   "scroll": self._ignore}.get(arg or "")
        if handler is None:
            unknown_command(inv, arg, INPUT_HELP)
            return 0  # InputShellCommand ignores handleDefaultCommands' result
        try:
            handler(args, display in (0, -1))
        except JavaError as error:
            if error.cls == NFE:
                raise JavaError(IAE, INVALID + str(arg)) from None
            raise
        return 0

    @staticmethod
    def _display(text: str) -> int:
        if text.upper() in ("INVALID_DISPLAY", "DEFAULT_DISPLAY"):
            return -1 if text.upper() == "INVALID_DISPLAY" else 0
        try:
            value = parse_int(text)
        except JavaError:
            raise JavaError(IAE, "Error: Invalid arguments for display ID.") from None
        return -1 if value == -1 else max(value, 0)

    def _ignore(self, args: JavaArgs, here: bool) -> None:
        args.rest()

    def _text(self, args: JavaArgs, here: bool) -> None:
        text = send_text(args.required())
        if any(not (" " <= c <= "~" or c in "\t\n") for c in text):
            # KeyCharacterMap(VIRTUAL_KEYBOARD).getEvents() has no events for it and returns null
            raise JavaError("java.lang.NullPointerException", "Attempt to get length of null array")
        if here and text:
            self.phone.input_text(text)

    def _keyevent(self, args: JavaArgs, here: bool) -> None:
        longpress = doubletap = False
        delay = 0
        arg: str | None = args.required()
        while arg is not None and arg.startswith("--"):
            longpress = longpress or arg == "--longpress"
            doubletap = doubletap or arg == "--doubletap"
            if arg == "--delay":
                delay = parse_int(args.required(), 64)
            arg = args.next_arg()
        first = True
        while True:
            if arg is None:
                raise JavaError("java.lang.NullPointerException", "Attempt to invoke virtual method 'boolean "
                                "java.lang.String.startsWith(java.lang.String)' on a null object reference")
            if not first and delay > 0:
                self.phone.advance_clock(delay)
            first = False
            code = key_code(arg)
            for _ in range(2 if doubletap else 1):
                self._press(code, longpress, here)
            arg = args.next_arg()
            if arg is None:
                return

    def _press(self, code: int, longpress: bool, here: bool) -> None:
        name = CODE_NAMES.get(code)
        if name is None or not here:
            return
        if longpress:
            self.phone.advance_clock(LONG_PRESS_TIMEOUT)
        self.phone.press_key(name)

    @staticmethod
    def _point(args: JavaArgs) -> tuple[float, float]:
        return parse_float(args.required()), parse_float(args.required())

    def _tap(self, args: JavaArgs, here: bool) -> None:
        x, y = self._point(args)
        if here and math.isfinite(x) and math.isfinite(y):
            self.phone.tap(x, y)

    def _gesture(self, args: JavaArgs) -> tuple[float, float, float, float, int]:
        x1, y1 = self._point(args)
        x2, y2 = self._point(args)
        duration_arg = args.next_arg()
        duration = parse_int(duration_arg) if duration_arg is not None else -1
        return x1, y1, x2, y2, 300 if duration < 0 else duration

    def _swipe(self, args: JavaArgs, here: bool) -> None:
        x1, y1, x2, y2, ms = self._gesture(args)
        if here and all(math.isfinite(v) for v in (x1, y1, x2, y2)):
            self.phone.swipe(x1, y1, x2, y2, ms)

    def _drag(self, args: JavaArgs, here: bool) -> None:
        x1, y1, x2, y2, ms = self._gesture(args)
        if here and all(math.isfinite(v) for v in (x1, y1, x2, y2)):
            self.phone.swipe(x1, y1, x2, y2, ms + LONG_PRESS_TIMEOUT)  # held for the long-press timeout first

    def _roll(self, args: JavaArgs, here: bool) -> None:
        self._point(args)

    def _motion(self, args: JavaArgs, here: bool) -> None:
        action = args.required()
        if action.upper() not in ("DOWN", "UP", "MOVE", "CANCEL"):
            raise JavaError(IAE, f"Unknown action: {action}")
        if action.upper() == "CANCEL":
            args.rest()
            self.touch = None
            return
        x, y = self._point(args)
        if not here:
            return
        now = self.phone.clock.now_ms()
        if action.upper() == "DOWN":
            self.touch = _Touch(x, y, now)
        elif action.upper() == "UP" and self.touch is not None:
            start, self.touch = self.touch, None
            self.phone.swipe(start.x, start.y, x, y, max(1, now - start.down_ms))

    def _combination(self, args: JavaArgs, here: bool) -> None:
        arg: str | None = args.required()
        if arg == "-t":
            parse_int(args.required())
            arg = args.required()
        codes: list[int] = []
        while arg is not None:
            if key_code(arg) == 0:
                raise JavaError(IAE, f"Unknown keycode: {arg}")
            codes.append(key_code(arg))
            arg = args.next_arg()
        if len(codes) < 2:
            raise JavaError(IAE, "keycombination requires at least 2 keycodes")


# --- screencap ---------------------------------------------------------------------------------------------

SCREENCAP_USAGE = f"""usage: screencap [-hp] [-d display-id] [FILENAME]
   -h: this message
   -p: save the file as a png.
   -d: specify the display ID to capture (default: {DISPLAY_ID})
       see "dumpsys SurfaceFlinger --display-id" for valid display IDs.
If FILENAME ends with .png it will be saved as a png.
If FILENAME is not given, the results will be printed to stdout.
"""


def _screencap_args(argv: list[str]) -> tuple[bool, str | None] | None:
    """(png, filename) from getopt("hpd:"); None means print the usage and fail."""
    png, i = False, 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-":
        arg = argv[i]
        i += 1
        if arg == "--":
            break
        for pos, flag in enumerate(arg[1:], start=1):
            if flag == "p":
                png = True
            elif flag == "d":
                if pos == len(arg) - 1:
                    if i >= len(argv):
                        return None
                    i += 1
                break
            else:
                return None
    name = argv[i] if i < len(argv) else None
    return png or (name or "").endswith(".png"), name


def screencap(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        parsed = _screencap_args(inv.argv[1:])
        if parsed is None:
            return fail(inv, SCREENCAP_USAGE)
        png, name = parsed
        if png:
            data = phone.screenshot_png()
        else:
            image = phone.screenshot().convert("RGBA")
            data = struct.pack("<IIII", image.width, image.height, 1, 1) + image.tobytes()
        if name is None:
            inv.out += data
            return 0
        error = write_device_file(phone, inv, name, data)
        return fail(inv, f"Error opening file: {name} ({error})") if error else 0

    return run


# --- uiautomator -------------------------------------------------------------------------------------------

UIAUTOMATOR_USAGE = """Usage: uiautomator <subcommand> [options]

Available subcommands:

help: displays help message

runtest: executes UI automation tests
    runtest <class spec> [options]
    <class spec>: <JARS> < -c <CLASSES> | -e class <CLASSES> >
      <JARS>: a list of jar files containing test classes and dependencies. If
        the path is relative, it's assumed to be under /data/local/tmp. Use
        absolute path if the file is elsewhere. Multiple files can be
        specified, separated by space.

dump: creates an XML dump of current UI hierarchy
    dump [--verbose][file]
      [--compressed]: dumps compressed layout information.
      [file]: the location where the dumped XML should be stored, default is
      /sdcard/window_dump.xml

events: prints out accessibility events until terminated
"""


def uiautomator(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        if not args or args[0] != "dump":
            emit(inv, UIAUTOMATOR_USAGE)
            return 0
        target = "/sdcard/window_dump.xml"
        for arg in args[1:]:
            if not arg.startswith("-"):
                target = arg
        xml = phone.dump()  # --compressed is accepted; the virtual views have no layout-only wrappers to drop
        if target in ("/dev/tty", "/dev/stdout"):
            emit(inv, xml)
        else:
            write_device_file(phone, inv, target, xml.encode("utf-8"))  # a failed write is only logged
        emit(inv, f"UI hierchary dumped to: {absolute(inv, target)}\n")
        return 0

    return run
