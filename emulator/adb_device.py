"""`AdbDevice`: the `Device` protocol for anything behind an ADB server (emulator, phone, virtual phone).

adbutils carries every call; uiautomator2 is used when it connects (hierarchy dumps, screenshots, gestures,
unicode text through the clipboard) and plain adb otherwise (`uiautomator dump`, `screencap`, `input`; non-ASCII
text through the ADBKeyboard IME's broadcast when it is installed).
Transient socket errors are retried; a device or server that is gone raises `DeviceLost`. Text never
reaches the device shell unquoted (see `input_text_commands`).
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import re
import shlex
import struct
import time
from collections.abc import Callable
from typing import Any, TypeVar

import adbutils
from adbutils.errors import AdbConnectionError
from PIL import Image, UnidentifiedImageError

from droidpilot.emulator.adb_client import AdbClient, list_devices, read_v2
from droidpilot.emulator.device import (
    KEYCODES,
    AppInfo,
    DeviceError,
    DeviceLost,
    Key,
    LaunchError,
    Observation,
    ShellResult,
)
from droidpilot.emulator.uitree import HierarchyError, parse_hierarchy

log = logging.getLogger(__name__)
T = TypeVar("T")

DUMP_PATH = "/data/local/tmp/droidpilot_dump.xml"
ADB_IME = "com.android.adbkeyboard/.AdbIME"
"""ADBKeyboard, the open-source IME that types any Unicode text sent to it by broadcast."""
UNAVAILABLE: Any = object()
"""What `_u2` returns when uiautomator2 is not there (or just broke): the caller then uses plain adb."""
TRANSIENT = (adbutils.AdbTimeout, AdbConnectionError, ConnectionError, TimeoutError, OSError)
_FOCUS = re.compile(r"mCurrentFocus=Window\{\S+ \S+ ([\w.]+)/([\w.$]+)\}")
_RECORD = re.compile(r"(?:mFocusedApp|ResumedActivity)[:=] ?ActivityRecord\{\S+ \S+ ([\w.]+)/([\w.$]+)")
_WINDOW = re.compile(r"mCurrentFocus=Window\{\S+ \S+ ([\w.$]+)\}")
_LAUNCHER_TITLE = re.compile(r'title="(.*?)" (?:bitmapIcon|iconBitmap)=\S* componentName=([\w.]+)')
_COMPONENT = re.compile(r"^\s*([\w.]+)/([\w.$]+)\s*$", re.MULTILINE)
_SIZE = re.compile(r"(Override|Physical) size: (\d+)x(\d+)")
_ORIENTATION = re.compile(r"orientation=([0-9]+)")
_KEY_NAME = re.compile(r"[A-Z0-9_]+")


class _AfterSend(Exception):
    """The connection broke after the device accepted the command: retrying could run it twice."""


def input_text_commands(text: str) -> list[str]:
    """Shell commands that type `text` exactly with `input text`.

    Each piece is one single-quoted word, so the device shell never interprets it; `input text` turns
    `%s` into a space, so text is cut between `%` and `s`; newlines become ENTER key events.
    """
    commands = []
    for index, line in enumerate(text.split("\n")):
        if index:
            commands.append("input keyevent 66")
        for piece in re.split(r"(?<=%)(?=s)", line):
            if piece:
                commands.append(f"input text {shlex.quote(piece)}")
    return commands


def adb_keyboard_commands(text: str) -> list[str]:
    """ADBKeyboard broadcasts typing `text`: each line base64-encoded (nothing for the shell to interpret),
    an ENTER key event between lines."""
    commands = []
    for index, line in enumerate(text.split("\n")):
        if index:
            commands.append("input keyevent 66")
        if line:
            payload = base64.b64encode(line.encode("utf-8")).decode("ascii")
            commands.append(f"am broadcast -a ADB_INPUT_B64 --es msg {payload}")
    return commands


def _activity(package: str, activity: str) -> str:
    return package + activity if activity.startswith(".") else activity


def parse_focus(text: str) -> tuple[str, str] | None:
    """(package, activity) from `dumpsys window` / `dumpsys activity` lines, activity fully qualified."""
    for pattern in (_FOCUS, _RECORD):
        found = pattern.search(text)
        if found:
            return found.group(1), _activity(found.group(1), found.group(2))
    found = _WINDOW.search(text)
    return ("com.android.systemui", found.group(1)) if found else None


class AdbDevice:
    """A device behind an ADB server. `uiautomator2=None` uses it when it connects, False never, True must."""

    def __init__(self, serial: str, host: str = "127.0.0.1", port: int = 5037, *,
                 uiautomator2: bool | None = None, stable_timeout: float = 3.0, retries: int = 3,
                 timeout: float = 20.0) -> None:
        self._serial = serial
        self.host, self.port = host, port
        self.stable_timeout = stable_timeout
        self.retries = retries
        self.timeout = timeout
        self.client = AdbClient(host, port, socket_timeout=timeout)
        self.adb = self._attach()
        self.features = set(self._call("features", self.adb.get_features).split(","))
        self.u2: Any = None
        if uiautomator2 is not False:
            self.u2 = self._connect_u2(required=bool(uiautomator2))

    # -- plumbing -----------------------------------------------------------------------------------------
    @property
    def serial(self) -> str:
        return self._serial

    def _attach(self) -> adbutils.AdbDevice:
        info = next((d for d in list_devices(self.host, self.port) if d.serial == self._serial), None)
        if info is None:
            raise DeviceLost(f"device '{self._serial}' is not attached to the ADB server on "
                             f"{self.host}:{self.port}")
        if info.state != "device":
            hint = ": accept the USB debugging prompt on the phone" if info.state == "unauthorized" else ""
            raise DeviceLost(f"device '{self._serial}' is {info.state}{hint}")
        # A transport id skips adbutils' extra host:version connection on every call.
        return adbutils.AdbDevice(self.client, serial=self._serial, transport_id=info.transport_id)

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one adb operation, retrying transient failures; DeviceLost once the device is gone."""
        delay = 0.1
        for attempt in range(self.retries):
            try:
                return fn()
            except _AfterSend as exc:
                self._recheck(exc)
                raise DeviceError(f"{what}: the link to {self._serial} broke mid-reply ({exc})") from None
            except adbutils.AdbError as exc:
                if isinstance(exc, TRANSIENT) or "not found" in str(exc) or "transport" in str(exc):
                    self._recheck(exc)
                else:
                    raise DeviceError(f"{what} failed on {self._serial}: {exc}") from None
            except TRANSIENT as exc:
                self._recheck(exc)
            if attempt + 1 < self.retries:
                time.sleep(delay)
                delay *= 3
        raise DeviceError(f"{what} kept failing on {self._serial} after {self.retries} tries")

    def _recheck(self, exc: Exception) -> None:
        """After a failure: raise DeviceLost if the device or server is gone, else reattach."""
        log.debug("adb call failed on %s: %s", self._serial, exc)
        self.adb = self._attach()

    def shell(self, cmd: str) -> ShellResult:
        return self._call(f"shell '{cmd[:40]}'", lambda: self._shell_once(cmd))

    def _shell_once(self, cmd: str) -> ShellResult:
        if "shell_v2" not in self.features:
            raw = self.adb.shell2(cmd, timeout=self.timeout, encoding=None)
            return ShellResult(stdout=raw.stdout, stderr=raw.stderr, exit_code=raw.returncode)
        conn = self.adb.open_transport(timeout=self.timeout)
        try:
            conn.send_command(f"shell,v2,raw:{cmd}")
            conn.check_okay()
            try:
                conn.send(struct.pack("<BI", 4, 0))  # close stdin at once, as the adb CLI does
                return read_v2(conn)
            except TRANSIENT as exc:
                raise _AfterSend(exc) from exc
        finally:
            conn.conn.close()  # adbutils' close() sleeps 10 ms per call; nothing is left to flush here

    def _u2(self, what: str, fn: Callable[[Any], T]) -> T:
        """`fn(u2)`, or UNAVAILABLE; if uiautomator2 breaks, check the device and carry on with plain adb."""
        if self.u2 is None:
            return UNAVAILABLE
        try:
            return fn(self.u2)
        except Exception as exc:
            self._recheck(exc)
            log.warning("uiautomator2 %s failed on %s (%s); using plain adb from now on", what,
                        self._serial, exc)
            self.u2 = None
            return UNAVAILABLE

    def _connect_u2(self, required: bool) -> Any:
        try:
            import uiautomator2

            return uiautomator2.connect(self.adb)
        except Exception as exc:
            if required:
                raise DeviceError(f"uiautomator2 did not connect to {self._serial}: {exc}") from None
            log.info("uiautomator2 unavailable on %s (%s); using plain adb", self._serial, exc)
            return None

    # -- observation --------------------------------------------------------------------------------------
    def screen_size(self) -> tuple[int, int]:
        """`wm size` is in the natural orientation; a display rotated to 90 or 270 degrees swaps it."""
        output = self.shell(f"wm size; dumpsys display | grep -E -o '{_ORIENTATION.pattern}' | head -n 1").output
        sizes = {kind: (int(w), int(h)) for kind, w, h in _SIZE.findall(output)}
        size = sizes.get("Override") or sizes.get("Physical")
        if size is None:
            raise DeviceError(f"'wm size' gave no size on {self._serial}")
        rotation = _ORIENTATION.search(output)
        return (size[1], size[0]) if rotation is not None and int(rotation.group(1)) % 2 else size

    def observe(self) -> Observation:
        xml = self._stable_dump()
        try:
            elements = parse_hierarchy(xml) if xml else []
        except HierarchyError:
            xml, elements = "", []
        package, activity, keyboard = self._focus_state()
        return Observation(screenshot=self._screenshot(), elements=elements, xml=xml, package=package,
                           activity=activity, keyboard_shown=keyboard, timestamp_ms=int(time.time() * 1000))

    def _stable_dump(self) -> str:
        """Dump until two dumps in a row agree (or time runs out). Dumps that keep failing (animated
        screens on real devices) give "": the observation is then screenshot-only."""
        deadline = time.monotonic() + self.stable_timeout
        previous: str | None = None
        failures = 0
        while True:
            xml = self._dump()
            if xml is None:
                failures += 1
                if failures >= self.retries or time.monotonic() >= deadline:
                    return previous or ""
                time.sleep(0.2)
                continue
            if xml == previous or time.monotonic() >= deadline:
                return xml
            if previous is not None:
                time.sleep(0.1)
            previous = xml

    def _dump(self) -> str | None:
        xml = self._u2("dump", lambda d: d.jsonrpc.dumpWindowHierarchy(False, 50))
        if xml is UNAVAILABLE:
            result = self.shell(f"rm -f {DUMP_PATH}; uiautomator dump {DUMP_PATH} >/dev/null 2>&1 && "
                                 f"cat {DUMP_PATH}")
            xml = result.output if result.ok else None
        if not xml or "<hierarchy" not in xml or '<hierarchy rotation="0" />' in xml:
            return None
        return xml[xml.index("<?xml"):] if "<?xml" in xml else xml

    def _screenshot(self) -> Image.Image | None:
        data = self._u2("screenshot", lambda d: base64.b64decode(d.jsonrpc.takeScreenshot(1, 80) or ""))
        if data is UNAVAILABLE or not data:
            data = self._call("screencap", lambda: self._exec("screencap -p"))
        try:
            image = Image.open(io.BytesIO(data))
            image.load()
            return image
        except (UnidentifiedImageError, OSError):
            log.warning("screenshot of %s could not be decoded", self._serial)
            return None

    def _exec(self, cmd: str) -> bytes:
        conn = self.adb.open_transport(timeout=self.timeout)
        try:
            conn.send_command(f"exec:{cmd}")
            conn.check_okay()
            return conn.read_until_close(encoding=None)
        finally:
            conn.conn.close()

    def _focus_state(self) -> tuple[str, str, bool]:
        text = self.shell("dumpsys window | grep -E 'mCurrentFocus|mFocusedApp'; "
                           "dumpsys input_method | grep mInputShown").output
        package, activity = parse_focus(text) or ("", "")
        return package, activity, "mInputShown=true" in text

    def current_app(self) -> tuple[str, str]:
        package, activity, _ = self._focus_state()
        if not package:
            focus = parse_focus(self.shell("dumpsys activity activities | grep -E 'ResumedActivity'").output)
            package, activity = focus or ("", "")
        return package, activity

    # -- input --------------------------------------------------------------------------------------------
    def tap(self, x: int, y: int) -> None:
        if self._u2("click", lambda d: d.jsonrpc.click(x, y)) is UNAVAILABLE:
            self._checked(f"input tap {int(x)} {int(y)}")

    def long_press(self, x: int, y: int, ms: int = 1000) -> None:
        if self._u2("long click", lambda d: d.jsonrpc.click(x, y, int(ms))) is UNAVAILABLE:
            self._checked(f"input swipe {int(x)} {int(y)} {int(x)} {int(y)} {int(ms)}")

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int = 300) -> None:
        steps = max(2, round(ms / 5))  # uiautomator injects one step every 5 ms
        if self._u2("swipe", lambda d: d.jsonrpc.swipe(x1, y1, x2, y2, steps)) is UNAVAILABLE:
            self._checked(f"input swipe {int(x1)} {int(y1)} {int(x2)} {int(y2)} {int(ms)}")

    def press(self, key: Key | str) -> None:
        name = (key.value if isinstance(key, Key) else str(key)).upper().removeprefix("KEYCODE_")
        if not _KEY_NAME.fullmatch(name):
            raise ValueError(f"not a key name: {key!r}")
        code = int(name) if name.isdigit() else KEYCODES.get(name)
        if code is None or self._u2("press", lambda d: d.jsonrpc.pressKeyCode(code)) is UNAVAILABLE:
            self._checked(f"input keyevent {code if code is not None else 'KEYCODE_' + name}")

    def input_text(self, text: str) -> None:
        """uiautomator2: paste through the clipboard (any text, restored afterwards). Plain adb: `input text`
        with every piece single-quoted for ASCII; other text through ADBKeyboard's broadcast (Android's
        `input text` rejects non-ASCII), or a clear error with a hint when that IME is not installed."""
        if not text:
            return
        if self._u2("send_keys", lambda d: self._paste(d, text)) is not UNAVAILABLE:
            return
        if not text.isascii():
            self._type_with_adb_keyboard(text)
            return
        for command in input_text_commands(text):
            result = self.shell(command)
            if not result.ok or "Exception" in _text(result):
                raise DeviceError(f"typing failed on {self._serial}: {_text(result).strip()}")

    def _type_with_adb_keyboard(self, text: str) -> None:
        """Select ADBKeyboard, broadcast each line base64-encoded (ENTER between lines, as `input text`
        typing does), then give the keyboard back to the IME the user had."""
        if ADB_IME not in _text(self.shell("ime list -a -s")).split():
            raise DeviceError(f"typing non-ASCII text on {self._serial} needs uiautomator2 or ADBKeyboard "
                              f"(install ADBKeyboard.apk, IME {ADB_IME}): Android's `input text` takes ASCII only")
        previous = _text(self.shell("settings get secure default_input_method")).strip()
        switched = previous != ADB_IME
        if switched:
            self._checked(f"ime enable {ADB_IME}")
            self._checked(f"ime set {ADB_IME}")
            self._wait_for_adb_keyboard()
        try:
            for commands in adb_keyboard_commands(text):
                result = self._checked(commands)
                if commands.startswith("am ") and "Broadcast completed" not in _text(result):
                    raise DeviceError(f"ADBKeyboard did not take the text on {self._serial}: "
                                      f"{_text(result).strip()}")
        finally:
            if switched and previous and previous != "null":
                self.shell(f"ime set {shlex.quote(previous)}")

    def _wait_for_adb_keyboard(self, timeout: float = 2.0) -> None:
        """ADBKeyboard listens only once its input view is up: wait (briefly) until IMMS shows it selected and
        shown. With no focused field it never shows; typing then goes nowhere, as `input text` would."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = _text(self.shell("dumpsys input_method"))
            if f"mCurMethodId={ADB_IME}" in state and "mInputShown=true" in state:
                return
            time.sleep(0.1)

    @staticmethod
    def _paste(d: Any, text: str) -> bool:
        saved = d.jsonrpc.getClipboard()
        d.jsonrpc.setClipboard(None, text)
        if d.jsonrpc.getClipboard() != text:
            raise DeviceError("the clipboard did not take the text")
        d.jsonrpc.pasteClipboard()
        d.jsonrpc.setClipboard(None, saved or "")
        return True

    def _checked(self, cmd: str) -> ShellResult:
        result = self.shell(cmd)
        if not result.ok:
            raise DeviceError(f"'{cmd}' failed on {self._serial}: {_text(result).strip()}")
        return result

    # -- apps and files -----------------------------------------------------------------------------------
    def launch(self, package: str, activity: str | None = None) -> None:
        if activity:
            result = self.shell(f"am start -n {shlex.quote(package + '/' + activity)}")
        else:
            launcher = "-c android.intent.category.LAUNCHER 1"
            result = self.shell(f"monkey -p {shlex.quote(package)} {launcher}")
        text = _text(result)
        if "Error" in text or "No activities found" in text or "monkey aborted" in text:
            raise LaunchError(f"cannot launch {package}{'/' + activity if activity else ''}: "
                              f"{text.strip().splitlines()[-1]}")

    def open_uri(self, uri: str) -> None:
        result = self.shell(f"am start -a android.intent.action.VIEW -d {shlex.quote(uri)}")
        if "Error" in _text(result):
            raise LaunchError(f"no app handles {uri}")

    def pull(self, path: str) -> bytes:
        """The file's bytes. An app's private file (Permission denied for the shell user) is read after
        `adb root`, as AndroidWorld does on userdebug emulators; a user build then says why it cannot."""
        try:
            return self._pull(path)
        except DeviceError as exc:
            if "Permission denied" not in str(exc) or not self._become_root():
                raise
            return self._pull(path)

    def _pull(self, path: str) -> bytes:
        try:
            return self._call(f"pull {path}", lambda: self.adb.sync.read_bytes(path))
        except DeviceError as exc:
            if "No such file" in str(exc) or "Is a directory" in str(exc):
                raise FileNotFoundError(path) from None
            raise

    def _become_root(self, timeout: float = 10.0) -> bool:
        """`adb root`, then wait until the restarted adbd answers as uid 0; False on a user build."""
        reply = self._call("root", lambda: self.adb.root())
        if "cannot run as root" in reply:
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(adbutils.AdbError, OSError, DeviceError):
                if self.shell("id -u").output.strip() == "0":
                    return True
            time.sleep(0.2)
        return False

    def push(self, data: bytes, path: str) -> None:
        self._call(f"push {path}", lambda: self.adb.sync.push(bytes(data), path, mode=0o644))

    def installed_apps(self) -> list[AppInfo]:
        """Launcher activities from the package manager, labelled as the home launcher shows them (Launcher3's
        model dump); an app the launcher does not list gets the last word of its package name, capitalised."""
        intent = "-a android.intent.action.MAIN -c android.intent.category.LAUNCHER"
        found = _COMPONENT.findall(self.shell(f"cmd package query-activities --brief {intent}").output)
        if not found:  # older Androids (and the virtual phone) only resolve one package at a time
            packages = re.findall(r"^package:(\S+)$", self.shell("pm list packages").output, re.MULTILINE)
            resolve = f"cmd package resolve-activity --brief {intent}"
            script = "; ".join(f"{resolve} {shlex.quote(p)}" for p in packages)
            found = _COMPONENT.findall(self.shell(script).output) if script else []
        apps = {pkg: _activity(pkg, act) for pkg, act in found if pkg != "com.android.launcher3"}
        labels = self._launcher_labels()
        return sorted((AppInfo(package=pkg, label=labels.get(pkg) or pkg.rsplit(".", 1)[-1].capitalize(),
                               launch_activity=act) for pkg, act in apps.items()), key=lambda info: info.label.lower())

    def _launcher_labels(self) -> dict[str, str]:
        """{package: label} from `dumpsys activity HOME_ACTIVITY --all`, where Launcher3 and the launchers built
        on it (Pixel, AOSP, most emulators) list every app with the title they show; empty for other launchers."""
        home = self.shell("cmd package resolve-activity --brief -a android.intent.action.MAIN "
                          "-c android.intent.category.HOME").output
        components = _COMPONENT.findall(home)
        if not components:
            return {}
        package, activity = components[-1]
        dump = self.shell(f"dumpsys activity {shlex.quote(f'{package}/{activity}')} --all").output
        return {pkg: title for title, pkg in _LAUNCHER_TITLE.findall(dump)}

    def close(self) -> None:
        self.u2 = None


def _text(result: ShellResult) -> str:
    """stdout and stderr together: Android prints `am` / `monkey` errors on either, depending on version."""
    return (result.stdout + b"\n" + result.stderr).decode("utf-8", "replace")
