"""Settings' own icon glyphs (bell, battery, speaker, ...) and the tinted circle the homepage puts them in.

The toolkit's icon set covers common app actions; these draw the few Settings needs on top of it, so nothing
outside this package changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.icons import Box, Draw, draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color


def _pt(b: Box, fx: float, fy: float) -> tuple[int, int]:
    return round(b[0] + (b[2] - b[0]) * fx), round(b[1] + (b[3] - b[1]) * fy)


def _w(b: Box) -> int:
    return max(2, (b[2] - b[0]) // 10)


def _bell(d: Draw, b: Box, c: Color) -> None:
    d.pieslice([_pt(b, 0.22, 0.15), _pt(b, 0.78, 0.75)], 180, 360, fill=c)
    d.rectangle([_pt(b, 0.22, 0.44), _pt(b, 0.78, 0.72)], fill=c)
    d.rectangle([_pt(b, 0.12, 0.7), _pt(b, 0.88, 0.78)], fill=c)
    d.ellipse([_pt(b, 0.42, 0.78), _pt(b, 0.58, 0.92)], fill=c)


def _battery(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.4, 0.08), _pt(b, 0.6, 0.16)], fill=c)
    d.rounded_rectangle([_pt(b, 0.28, 0.14), _pt(b, 0.72, 0.92)], radius=_w(b), fill=c)


def _speaker(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.12, 0.38), _pt(b, 0.3, 0.38), _pt(b, 0.52, 0.16), _pt(b, 0.52, 0.84),
               _pt(b, 0.3, 0.62), _pt(b, 0.12, 0.62)], fill=c)
    d.arc([_pt(b, 0.42, 0.3), _pt(b, 0.72, 0.7)], 300, 60, fill=c, width=_w(b))
    d.arc([_pt(b, 0.4, 0.14), _pt(b, 0.9, 0.86)], 300, 60, fill=c, width=_w(b))


def _storage(d: Draw, b: Box, c: Color) -> None:
    for fy in (0.14, 0.42, 0.7):
        d.rounded_rectangle([_pt(b, 0.15, fy), _pt(b, 0.85, fy + 0.2)], radius=_w(b) // 2, fill=c)


def _info(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.1, 0.1), _pt(b, 0.9, 0.9)], outline=c, width=_w(b))
    d.line([_pt(b, 0.5, 0.44), _pt(b, 0.5, 0.72)], fill=c, width=_w(b))
    d.ellipse([_pt(b, 0.45, 0.26), _pt(b, 0.55, 0.36)], fill=c)


def _devices(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.08, 0.2), _pt(b, 0.62, 0.62)], radius=_w(b) // 2, outline=c, width=_w(b))
    d.line([_pt(b, 0.08, 0.76), _pt(b, 0.62, 0.76)], fill=c, width=_w(b))
    d.rounded_rectangle([_pt(b, 0.7, 0.3), _pt(b, 0.92, 0.8)], radius=_w(b) // 2, fill=c)


def _display(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.12, 0.12), _pt(b, 0.88, 0.88)], outline=c, width=_w(b))
    d.pieslice([_pt(b, 0.12, 0.12), _pt(b, 0.88, 0.88)], 270, 90, fill=c)


def _location(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.22, 0.08), _pt(b, 0.78, 0.64)], fill=c)
    d.polygon([_pt(b, 0.27, 0.48), _pt(b, 0.73, 0.48), _pt(b, 0.5, 0.92)], fill=c)


def _lock(d: Draw, b: Box, c: Color) -> None:
    d.arc([_pt(b, 0.3, 0.1), _pt(b, 0.7, 0.6)], 180, 360, fill=c, width=_w(b))
    d.line([_pt(b, 0.3, 0.35), _pt(b, 0.3, 0.46)], fill=c, width=_w(b))
    d.line([_pt(b, 0.7, 0.35), _pt(b, 0.7, 0.46)], fill=c, width=_w(b))
    d.rounded_rectangle([_pt(b, 0.18, 0.44), _pt(b, 0.82, 0.9)], radius=_w(b), fill=c)


def _network(d: Draw, b: Box, c: Color) -> None:
    d.pieslice([_pt(b, 0.02, 0.12), _pt(b, 0.98, 1.08)], 225, 315, fill=c)


def _sim(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.22, 0.1), _pt(b, 0.6, 0.1), _pt(b, 0.8, 0.3), _pt(b, 0.8, 0.9), _pt(b, 0.22, 0.9)],
              outline=c, width=_w(b))
    d.rectangle([_pt(b, 0.36, 0.46), _pt(b, 0.66, 0.76)], fill=c)


def _hotspot(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.42, 0.42), _pt(b, 0.58, 0.58)], fill=c)
    d.arc([_pt(b, 0.26, 0.26), _pt(b, 0.74, 0.74)], 135, 45, fill=c, width=_w(b))
    d.arc([_pt(b, 0.08, 0.08), _pt(b, 0.92, 0.92)], 135, 45, fill=c, width=_w(b))


def _datasaver(d: Draw, b: Box, c: Color) -> None:
    d.arc([_pt(b, 0.12, 0.12), _pt(b, 0.88, 0.88)], 300, 240, fill=c, width=_w(b))
    d.line([_pt(b, 0.5, 0.32), _pt(b, 0.5, 0.68)], fill=c, width=_w(b))
    d.line([_pt(b, 0.32, 0.5), _pt(b, 0.68, 0.5)], fill=c, width=_w(b))


def _moon(d: Draw, b: Box, c: Color, bg: Color) -> None:
    d.ellipse([_pt(b, 0.14, 0.14), _pt(b, 0.86, 0.86)], fill=c)
    d.ellipse([_pt(b, 0.36, 0.04), _pt(b, 0.98, 0.66)], fill=bg)


def _dnd(d: Draw, b: Box, c: Color, bg: Color) -> None:
    d.ellipse([_pt(b, 0.1, 0.1), _pt(b, 0.9, 0.9)], fill=c)
    d.rectangle([_pt(b, 0.28, 0.44), _pt(b, 0.72, 0.56)], fill=bg)


GLYPHS: dict[str, Callable[[Draw, Box, Color], None]] = {
    "notifications": _bell, "battery": _battery, "sound": _speaker, "volume": _speaker, "storage": _storage,
    "info": _info, "devices": _devices, "display": _display, "location": _location, "security": _lock,
    "network": _network, "sim": _sim, "hotspot": _hotspot, "datasaver": _datasaver,
}
CUTOUT_GLYPHS: dict[str, Callable[[Draw, Box, Color, Color], None]] = {"dark": _moon, "dnd": _dnd}

HOMEPAGE_COLORS: dict[str, str] = {
    "network": "#1a73e8", "devices": "#0b8043", "apps": "#e8710a", "notifications": "#d93025",
    "battery": "#188038", "storage": "#9334e6", "sound": "#12b5cb", "display": "#f29900",
    "security": "#1e8e3e", "location": "#a142f4", "info": "#5f6368", "search": "#5f6368",
}


@dataclass(eq=False)
class SettingsIcon(v.ImageView):
    """An ImageView that knows the Settings glyphs; `circle` puts it on a tinted disc (homepage style)."""

    circle: str = ""

    def content_height(self, width: int) -> int:
        return v.px(40) if self.circle else v.px(24)

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        r = min(x2 - x1, y2 - y1, v.px(64)) // 2
        side = r * 6 // 5 if self.circle else v.px(24)
        color = p.theme.color(self.tint) if self.enabled else p.theme.outline
        bg = p.theme.background
        if self.circle:
            bg = p.theme.color(self.circle)
            p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=bg)
            color = (255, 255, 255)
        box = (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2)
        if self.icon in CUTOUT_GLYPHS:
            CUTOUT_GLYPHS[self.icon](p.draw, box, color, bg)
        elif self.icon in GLYPHS:
            GLYPHS[self.icon](p.draw, box, color)
        else:
            draw_icon(p.draw, self.icon, box, color)
