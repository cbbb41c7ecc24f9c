"""Display geometry of the virtual phone (a Pixel-6-class device): 1080x2400 at 420 dpi in its natural
(portrait) orientation.

The current geometry is phone state: `wm size` / `wm density` overrides and the rotation live in the settings
provider (so snapshots keep them), and `display_of` turns them into a `Display` that layout, painting, input
and the dumps all read. Rotations 1 and 3 swap width and height (landscape); the system bars keep their
thickness and stay at the top and bottom, as on a device with gesture-style bars.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from droidpilot.emulator.virtual.toolkit.views import DENSITY, px

WIDTH = 1080
"""The panel's physical width in its natural orientation; the current size is `Display.width`."""
HEIGHT = 2400
STATUS_BAR = px(24)
NAV_BAR = px(48)
KEYBOARD = px(264)
CONTENT_TOP = STATUS_BAR
SIZE_SETTING = ("global", "display_size_forced")
"""Where `wm size WxH` keeps its override ("W,H", natural orientation), as Settings.Global names it."""
DENSITY_SETTING = ("secure", "display_density_forced")
ROTATION_SETTING = ("system", "user_rotation")
AUTO_ROTATE_SETTING = ("system", "accelerometer_rotation")


class SettingsReader(Protocol):
    def get(self, namespace: str, name: str) -> str | None: ...


@dataclass(frozen=True)
class Display:
    """The logical display as apps see it now: size in the current rotation, rotation 0-3, density in dpi."""

    natural_width: int = WIDTH
    natural_height: int = HEIGHT
    rotation: int = 0
    density: int = DENSITY
    size_override: bool = False
    density_override: bool = False

    @property
    def landscape(self) -> bool:
        return self.rotation % 2 == 1

    @property
    def width(self) -> int:
        return self.natural_height if self.landscape else self.natural_width

    @property
    def height(self) -> int:
        return self.natural_width if self.landscape else self.natural_height

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def content_top(self) -> int:
        return CONTENT_TOP

    @property
    def content_bottom(self) -> int:
        """Where the navigation bar starts."""
        return self.height - NAV_BAR

    @property
    def keyboard_top(self) -> int:
        return self.content_bottom - KEYBOARD

    @property
    def full(self) -> tuple[int, int, int, int]:
        return 0, 0, self.width, self.height


DEFAULT = Display()


def parse_size(value: str) -> tuple[int, int] | None:
    """"1080x2400" (what `wm size` takes) or "1080,2400" (how the setting stores it); None if malformed."""
    parts = value.replace(",", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    width, height = int(parts[0]), int(parts[1])
    return (width, height) if width > 0 and height > 0 else None


def display_of(settings: SettingsReader) -> Display:
    """With auto-rotate on, the sensor decides, and the emulated phone is held upright (rotation 0); with it off
    (the default, and what setOrientation / `rotate` leave), user_rotation does."""
    auto = settings.get(*AUTO_ROTATE_SETTING) == "1"
    rotation_text = "0" if auto else settings.get(*ROTATION_SETTING) or "0"
    rotation = int(rotation_text) % 4 if rotation_text.isdigit() else 0
    size = parse_size(settings.get(*SIZE_SETTING) or "")
    density_text = settings.get(*DENSITY_SETTING) or ""
    density = int(density_text) if density_text.isdigit() and int(density_text) > 0 else None
    width, height = size or (WIDTH, HEIGHT)
    return Display(width, height, rotation, density or DENSITY, size is not None, density is not None)
