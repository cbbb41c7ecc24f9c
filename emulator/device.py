"""The device contract: the one way the rest of droidpilot touches a phone.

`Device` is a sync Protocol with a small set of physical operations. Everything smarter (waiting for a
stable screen, resolving element indexes, verifying typed text) is a function or class that takes a Device,
so the virtual phone, an emulator and a real phone are driven by the same code.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from droidpilot.errors import DeviceError


class DeviceLost(DeviceError):
    """The device disappeared (unplugged, emulator killed, server gone)."""


class LaunchError(DeviceError, LookupError):
    """`launch` or `open_uri` found nothing on the device to start: no such package or activity, no launcher
    activity, no app for the URI."""


class Key(StrEnum):
    """Keys an agent may press; values are Android KEYCODE names without the prefix."""

    BACK = "BACK"
    HOME = "HOME"
    ENTER = "ENTER"
    DELETE = "DEL"
    RECENTS = "APP_SWITCH"
    TAB = "TAB"
    MENU = "MENU"
    SEARCH = "SEARCH"
    VOLUME_UP = "VOLUME_UP"
    VOLUME_DOWN = "VOLUME_DOWN"
    POWER = "POWER"


KEYCODES: dict[str, int] = {
    "HOME": 3, "BACK": 4, "CALL": 5, "ENDCALL": 6,
    **{str(d): 7 + d for d in range(10)},
    "STAR": 17, "POUND": 18, "DPAD_UP": 19, "DPAD_DOWN": 20, "DPAD_LEFT": 21, "DPAD_RIGHT": 22,
    "DPAD_CENTER": 23, "VOLUME_UP": 24, "VOLUME_DOWN": 25, "POWER": 26, "CAMERA": 27, "CLEAR": 28,
    **{chr(ord("A") + i): 29 + i for i in range(26)},
    "COMMA": 55, "PERIOD": 56, "TAB": 61, "SPACE": 62, "ENTER": 66, "DEL": 67, "MENU": 82,
    "NOTIFICATION": 83, "SEARCH": 84, "MOVE_HOME": 122, "MOVE_END": 123, "FORWARD_DEL": 112,
    "ESCAPE": 111, "APP_SWITCH": 187, "SLEEP": 223, "WAKEUP": 224,
}
"""Android KeyEvent codes by name (without `KEYCODE_`)."""


class Bounds(BaseModel):
    """A pixel rectangle, right and bottom exclusive, as uiautomator writes `[l,t][r,b]`."""

    model_config = ConfigDict(frozen=True)

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def center(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x < self.right and self.top <= y < self.bottom

    def to_uiautomator(self) -> str:
        return f"[{self.left},{self.top}][{self.right},{self.bottom}]"


class UIElement(BaseModel):
    """One node of the view hierarchy, flattened, with the attributes uiautomator reports."""

    model_config = ConfigDict(frozen=True)

    index: int = Field(description="position in the flattened list (document order)")
    text: str = ""
    content_desc: str = ""
    resource_id: str = ""
    class_name: str = ""
    package: str = ""
    bounds: Bounds
    clickable: bool = False
    long_clickable: bool = False
    checkable: bool = False
    checked: bool = False
    enabled: bool = True
    focusable: bool = False
    focused: bool = False
    scrollable: bool = False
    selected: bool = False
    password: bool = False
    depth: int = 0
    parent: int | None = None
    sibling_index: int = Field(0, description="the `index` attribute: position among siblings")

    @property
    def editable(self) -> bool:
        return self.class_name.endswith("EditText")

    @property
    def interactive(self) -> bool:
        return self.clickable or self.long_clickable or self.scrollable or self.checkable or self.editable

    @property
    def key(self) -> str:
        """A stable identity across observations: class, resource-id and content-desc, never text
        (texts change as the user types) nor position in the list (rows come and go)."""
        return f"{self.class_name}|{self.resource_id}|{self.content_desc}|{self.depth}.{self.sibling_index}"

    @property
    def label(self) -> str:
        """What a person would call the element: its text, else its description, else its id's name."""
        return self.text or self.content_desc or self.resource_id.rpartition("/")[2]


class Observation(BaseModel):
    """What a device shows at one moment. The screenshot is a PIL image and never goes into graph state."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    screenshot: Image.Image | None
    elements: list[UIElement]
    xml: str
    package: str
    activity: str
    keyboard_shown: bool = False
    timestamp_ms: int = 0

    def interactive_elements(self) -> list[UIElement]:
        return [e for e in self.elements if e.interactive and e.enabled]

    def find(self, **attrs: Any) -> list[UIElement]:
        """Elements whose attributes equal all of `attrs` (e.g. `find(text="OK")`)."""
        return [e for e in self.elements if all(getattr(e, k) == v for k, v in attrs.items())]


class ShellResult(BaseModel):
    """The result of one shell command on the device."""

    stdout: bytes = b""
    stderr: bytes = b""
    exit_code: int = 0

    @property
    def output(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


class AppInfo(BaseModel):
    """An installed app as the launcher knows it."""

    package: str
    label: str
    launch_activity: str | None = Field(None, description="fully qualified launcher activity, if any")


@runtime_checkable
class Device(Protocol):
    """A phone (virtual, emulated or real), driven synchronously by one caller at a time.

    Units: coordinates are screen pixels of the current orientation, origin top-left, the space of the
    screenshot and of `UIElement.bounds`; durations are milliseconds.

    Blocking: each method returns once the device has taken the command (input injected, intent delivered,
    file written). None waits for the app to react or for animations to end; `observe` waits only for the
    view hierarchy to stop changing, so on a real device let the screen settle before reading it. The
    virtual phone handles each input before returning and has no animations: its next `observe` already
    shows the result.

    Errors: `DeviceLost` (a `DeviceError`) once the device or its ADB server is gone; `DeviceError` when a
    command fails, or still fails after the implementation's retries of transient link errors. Other
    exceptions are named on the methods that raise them.
    """

    @property
    def serial(self) -> str:
        """The device's ADB serial (`emulator-5554`, a USB serial, the virtual phone's); fixed for its life."""
        ...

    def screen_size(self) -> tuple[int, int]:
        """(width, height) in pixels, e.g. (1080, 2400) on the virtual phone. AdbDevice reads `wm size`,
        where an override size wins over the physical one, and raises DeviceError if it prints neither."""
        ...

    def observe(self) -> Observation:
        """The screen now: screenshot, the active window's hierarchy flattened into `elements`, the focused
        package and activity, whether the soft keyboard is up, and `timestamp_ms` (virtual device time on the
        virtual phone, host wall-clock time through adb).

        Waits for a stable hierarchy, not a stable screen: AdbDevice dumps until two dumps in a row agree or
        its `stable_timeout` (3 s by default) runs out. Dumps that keep failing (animated screens on real
        devices) or do not parse give a screenshot-only observation: `xml` "" and no `elements`. `screenshot`
        is None when the device's image cannot be decoded. Raises DeviceError / DeviceLost when the device
        cannot be read at all.
        """
        ...

    def tap(self, x: int, y: int) -> None:
        """Touch down and up at pixel (x, y). Raises DeviceError when the device rejects the input."""
        ...

    def long_press(self, x: int, y: int, ms: int = 1000) -> None:
        """Hold a touch at pixel (x, y) for `ms` milliseconds, then lift. A view with no long-click action
        gets a plain click when the finger lifts, as on Android. Raises DeviceError when the device rejects
        the input."""
        ...

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int = 300) -> None:
        """Drag a touch from (x1, y1) to (x2, y2) in pixels over `ms` milliseconds; a shorter swipe is a
        fling and scrolls further. A move shorter than the touch slop is a tap (a long press when `ms` is
        long enough). On a real device the list may still be scrolling when this returns. Raises DeviceError
        when the device rejects the input."""
        ...

    def input_text(self, text: str) -> None:
        """Type `text` into the focused field, where its cursor is (the virtual phone: at the end, or over a
        selection); the field is not cleared first, and with no focused field the text goes nowhere without
        an error. Any text arrives verbatim and never reaches a shell unquoted. AdbDevice pastes it through
        the clipboard with uiautomator2 (then restores the clipboard) and otherwise types it with
        `input text`, which fails for non-ASCII text on most real devices: that raises DeviceError with a
        hint rather than typing the wrong text. How a newline lands differs (plain adb presses ENTER for it,
        a single-line field turns a pasted one into a space): to submit, call `press(Key.ENTER)`."""
        ...

    def press(self, key: Key | str) -> None:
        """Press and release one key: a `Key`, or an Android KEYCODE name with or without `KEYCODE_`, in
        any case ("DPAD_DOWN", "keycode_a"). AdbDevice also takes a keycode number ("66") and raises
        ValueError for a string that is not a key name; the virtual phone ignores keys it does not model."""
        ...

    def launch(self, package: str, activity: str | None = None) -> None:
        """Start `package` as its launcher icon does: an app already running comes back on the screen it was
        showing. With `activity` (fully qualified, or `.Name` relative to the package), start that screen.
        Returns once the start is delivered, without waiting for the app to draw (the virtual phone shows it
        at once). Raises LaunchError (a LookupError) when the package is not installed, has no such activity
        or no launcher activity; DeviceError / DeviceLost when the device fails."""
        ...

    def open_uri(self, uri: str) -> None:
        """Open `uri` as a tapped link does (`am start -a android.intent.action.VIEW -d URI`, the URI quoted
        for the device shell): the app whose deep link matches shows it. Returns once the intent is
        delivered, like `launch`. Raises LaunchError when no app handles the URI."""
        ...

    def current_app(self) -> tuple[str, str]:
        """(package, activity) of the focused window, the activity fully qualified. System windows give the
        window's name instead ("com.android.systemui", "NotificationShade"). AdbDevice gives ("", "") when
        dumpsys names no focus (e.g. while the screen is off)."""
        ...

    def shell(self, cmd: str) -> ShellResult:
        """Run `cmd` in the device's `sh`, as `adb shell CMD` does, and wait for it to exit. `cmd` is shell
        source: quote every value in it (`shlex.quote`). A failing command is a result, not an exception:
        check `exit_code` or `ok`. The virtual phone runs its own toybox-like shell and never the host's.
        Raises DeviceError when the command cannot be run or its output is lost to a broken link, which
        for AdbDevice includes a command that stays silent longer than its `timeout` (20 s by default)."""
        ...

    def pull(self, path: str) -> bytes:
        """The bytes of the device file at absolute `path` ("/sdcard/DCIM/a.jpg"). Raises FileNotFoundError
        when there is no such file or it is a directory, DeviceError when the transfer fails."""
        ...

    def push(self, data: bytes, path: str) -> None:
        """Write `data` to the device file at absolute `path`, replacing it and creating missing parent
        directories (mode 0644 through adb). Raises DeviceError when the device refuses the write."""
        ...

    def installed_apps(self) -> list[AppInfo]:
        """Apps with a launcher activity, as the launcher shows them, sorted by label, the launcher itself
        left out. adb cannot read labels: AdbDevice's label is the package name's last word, capitalised."""
        ...

    def close(self) -> None:
        """Let go of the device; calling it twice is harmless, using the object afterwards is not. Nothing is
        powered off: AdbDevice only drops its uiautomator2 session. A VirtualDevice closes its phone: a
        temporary phone's storage is deleted, a persistent phone's screen state saved."""
        ...
