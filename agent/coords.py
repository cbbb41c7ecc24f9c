"""One coordinate frame: the model is told the frame it answers in (prompting.frame_text), and every coordinate
it returns is mapped here to screen pixels before anything touches the device.

Frames: `pixel` with an image is the pixels of the (downscaled) set-of-mark image the model saw; `pixel` without
one (text-only) is screen pixels; `normalized` is 0-1000 on both axes, whatever the model saw.
"""

from __future__ import annotations

from typing import Any, NamedTuple

_POINTS = (("x", "y"), ("x1", "y1"), ("x2", "y2"))
NORMALIZED_MAX = 1000


class Frame(NamedTuple):
    coords: str  # "pixel" | "normalized"
    vision: bool
    image_size: tuple[int, int]
    screen_size: tuple[int, int]

    def describe(self) -> str:
        if self.coords == "normalized":
            return f"normalized 0-{NORMALIZED_MAX}"
        if self.vision:
            return f"image pixels {self.image_size[0]}x{self.image_size[1]}"
        return "screen pixels"

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        """A point in this frame as screen pixels (not clamped: the executor refuses points off the screen)."""
        width, height = self.screen_size
        if self.coords == "normalized":
            sx, sy = x * width / NORMALIZED_MAX, y * height / NORMALIZED_MAX
        elif self.vision:
            sx, sy = x * width / max(1, self.image_size[0]), y * height / max(1, self.image_size[1])
        else:
            sx, sy = x, y
        return round(sx), round(sy)


def map_action(action: dict[str, Any], frame: Frame) -> dict[str, Any]:
    """The action with every coordinate pair in screen pixels (the same dict when it has none)."""
    pairs = [(kx, ky) for kx, ky in _POINTS if isinstance(action.get(kx), int | float)
             and isinstance(action.get(ky), int | float)]
    if not pairs:
        return action
    mapped = dict(action)
    for kx, ky in pairs:
        mapped[kx], mapped[ky] = frame.to_screen(action[kx], action[ky])
    return mapped
