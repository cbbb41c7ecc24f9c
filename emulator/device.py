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
    """A phone: virtual, emulated or real. Coordinates are screen pixels."""

    @property
    def serial(self) -> str: ...

    def screen_size(self) -> tuple[int, int]: ...

    def observe(self) -> Observation: ...

    def tap(self, x: int, y: int) -> None: ...

    def long_press(self, x: int, y: int, ms: int = 1000) -> None: ...

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int = 300) -> None: ...

    def input_text(self, text: str) -> None: ...

    def press(self, key: Key | str) -> None: ...

    def launch(self, package: str, activity: str | None = None) -> None: ...

    def open_uri(self, uri: str) -> None: ...

    def current_app(self) -> tuple[str, str]: ...

    def shell(self, cmd: str) -> ShellResult: ...

    def pull(self, path: str) -> bytes: ...

    def push(self, data: bytes, path: str) -> None: ...

    def installed_apps(self) -> list[AppInfo]:
        """Apps with a launcher activity, as the launcher shows them."""
        ...

    def close(self) -> None: ...
