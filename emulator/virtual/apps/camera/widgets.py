"""Camera widgets: the live preview, the shutter, the capture thumbnail, mode tabs and the glyphs they draw.

They are ordinary views with real Android class names in the dump; only their painting is custom.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.apps.camera import scene
from droidpilot.emulator.virtual.apps.gallery import media
from droidpilot.emulator.virtual.apps.gallery.views import paste
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import draw_text
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color

Box = tuple[int, int, int, int]
RED = (229, 57, 53)
WHITE = (255, 255, 255)


def draw_camera(d: ImageDraw.ImageDraw, b: Box, c: Color) -> None:
    """Material's "photo_camera" glyph: a body with a bump and a lens."""
    x1, y1, x2, y2 = b
    w, h = x2 - x1, y2 - y1
    d.rounded_rectangle((x1 + w * 0.08, y1 + h * 0.28, x2 - w * 0.08, y2 - h * 0.14), radius=w // 10, fill=c)
    d.polygon([(x1 + w * 0.32, y1 + h * 0.3), (x1 + w * 0.4, y1 + h * 0.16), (x1 + w * 0.6, y1 + h * 0.16),
               (x1 + w * 0.68, y1 + h * 0.3)], fill=c)
    cx, cy, r = (x1 + x2) / 2, y1 + h * 0.57, w * 0.19
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_contrast(c))
    r2 = r * 0.65
    d.ellipse((cx - r2, cy - r2, cx + r2, cy + r2), fill=c)


def _contrast(c: Color) -> Color:
    return (40, 40, 40) if sum(c[:3]) > 384 else (230, 230, 230)




def draw_switch_camera(d: ImageDraw.ImageDraw, b: Box, c: Color) -> None:
    """Two arrows circling a lens, the "switch camera" glyph."""
    x1, y1, x2, y2 = b
    w = x2 - x1
    width = max(2, w // 12)
    d.arc((x1 + w * 0.12, y1 + w * 0.12, x2 - w * 0.12, y2 - w * 0.12), 200, 340, fill=c, width=width)
    d.arc((x1 + w * 0.12, y1 + w * 0.12, x2 - w * 0.12, y2 - w * 0.12), 20, 160, fill=c, width=width)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    a = w * 0.1
    d.polygon([(x2 - w * 0.2, cy - a * 1.8), (x2 - w * 0.1 + a, cy - a * 0.5), (x2 - w * 0.1 - a, cy - a * 0.5)],
              fill=c)
    d.polygon([(x1 + w * 0.2, cy + a * 1.8), (x1 + w * 0.1 + a, cy + a * 0.5), (x1 + w * 0.1 - a, cy + a * 0.5)],
              fill=c)
    r = w * 0.12
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=c)


@dataclass(eq=False)
class Preview(v.View):
    """The viewfinder (Camera2's `preview_content` TextureView): the scene at `t_ms`."""

    CLASS: ClassVar[str] = "android.view.TextureView"
    t_ms: int = 0
    front: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        if x2 > x1 and y2 > y1:
            p.image.paste(scene.render(self.t_ms, x2 - x1, y2 - y1, self.front), (x1, y1))


@dataclass(eq=False)
class ShutterButton(v.ImageButton):
    """A white ring around a white disc (photo), a red disc (video) or a red square (recording)."""

    mode: str = "photo"
    recording: bool = False

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = min(x2 - x1, y2 - y1) // 2
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=WHITE, width=max(3, r // 10))
        inner = r * 0.78
        if self.recording:
            s = r * 0.38
            p.draw.rounded_rectangle((cx - s, cy - s, cx + s, cy + s), radius=int(s // 4), fill=RED)
        else:
            fill = WHITE if self.mode == "photo" else RED
            p.draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=fill)


@dataclass(eq=False)
class CaptureThumbnail(v.ImageButton):
    """The round thumbnail of the last photo or video (`source`, a host path of the phone)."""

    source: Path | None = None

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        side = min(x2 - x1, y2 - y1)
        image = media.load(self.source, (side, side), crop=True) if self.source is not None else None
        if image is None:
            return
        mask = Image.new("L", (side, side), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, side - 1, side - 1), fill=255)
        paste(p, image, (x1, y1, x2, y2), mask)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        p.draw.ellipse((cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2), outline=WHITE, width=3)


@dataclass(eq=False)
class SwitchCameraButton(v.ImageButton):
    """A grey round button with the switch-camera glyph in white."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = min(x2 - x1, y2 - y1) // 2
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(60, 60, 60))
        g = r * 3 // 5
        draw_switch_camera(p.draw, (cx - g, cy - g, cx + g, cy + g), WHITE)


@dataclass(eq=False)
class ModeTab(v.TextView):
    """A camera mode label; the selected one sits in a dark pill."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self, v.px(6))
        if self.selected:
            p.draw.rounded_rectangle((x1, y1, x2, y2), radius=(y2 - y1) // 2, fill=(58, 58, 58))
        color = (255, 214, 102) if self.selected else (220, 220, 220)
        draw_text(p.draw, ((x1 + x2) // 2, (y1 + y2) // 2), self.text, v.px(self.size), True, color, "mm")


@dataclass(eq=False)
class RecordingDot(v.View):
    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        r = min(x2 - x1, y2 - y1) // 4
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=RED)
