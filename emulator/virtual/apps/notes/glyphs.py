"""Icons the shared icon set lacks (folder, note, sort, move, share, merge, save), drawn with Pillow.

`Glyph` and `GlyphButton` behave as ImageView / ImageButton in the dump and paint their own shape; any other
name falls back to the toolkit's icons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import ImageDraw

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color

Box = tuple[int, int, int, int]
Draw = ImageDraw.ImageDraw
FOLDER_COLOR = "#F9A825"
NOTE_COLOR = "#1E88E5"


def _pt(b: Box, fx: float, fy: float) -> tuple[int, int]:
    return round(b[0] + (b[2] - b[0]) * fx), round(b[1] + (b[3] - b[1]) * fy)


def _w(b: Box) -> int:
    return max(2, (b[2] - b[0]) // 10)


def _folder(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.08, 0.2), _pt(b, 0.4, 0.2), _pt(b, 0.5, 0.3), _pt(b, 0.92, 0.3), _pt(b, 0.92, 0.82),
               _pt(b, 0.08, 0.82)], fill=c)


def _note(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.2, 0.08), _pt(b, 0.6, 0.08), _pt(b, 0.82, 0.3), _pt(b, 0.82, 0.92),
               _pt(b, 0.2, 0.92)], fill=c)
    for fy in (0.5, 0.64, 0.78):
        d.line([_pt(b, 0.32, fy), _pt(b, 0.7, fy)], fill=(255, 255, 255), width=max(2, _w(b) // 2))


def _sort(d: Draw, b: Box, c: Color) -> None:
    for fy, fx in ((0.28, 0.82), (0.5, 0.6), (0.72, 0.4)):
        d.line([_pt(b, 0.18, fy), _pt(b, fx, fy)], fill=c, width=_w(b))


def _move(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.08, 0.2), _pt(b, 0.4, 0.2), _pt(b, 0.5, 0.3), _pt(b, 0.92, 0.3), _pt(b, 0.92, 0.82),
            _pt(b, 0.08, 0.82), _pt(b, 0.08, 0.2)], fill=c, width=_w(b) // 2 + 1)
    d.line([_pt(b, 0.3, 0.56), _pt(b, 0.7, 0.56)], fill=c, width=_w(b) // 2 + 1)
    d.line([_pt(b, 0.56, 0.44), _pt(b, 0.7, 0.56), _pt(b, 0.56, 0.68)], fill=c, width=_w(b) // 2 + 1)


def _share(d: Draw, b: Box, c: Color) -> None:
    nodes = [_pt(b, 0.72, 0.22), _pt(b, 0.28, 0.5), _pt(b, 0.72, 0.78)]
    d.line([nodes[0], nodes[1], nodes[2]], fill=c, width=max(2, _w(b) // 2))
    r = max(3, (b[2] - b[0]) // 9)
    for x, y in nodes:
        d.ellipse([x - r, y - r, x + r, y + r], fill=c)


def _merge(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.25, 0.85), _pt(b, 0.25, 0.6), _pt(b, 0.5, 0.38), _pt(b, 0.5, 0.12)], fill=c, width=_w(b))
    d.line([_pt(b, 0.75, 0.85), _pt(b, 0.75, 0.6), _pt(b, 0.5, 0.38)], fill=c, width=_w(b))
    d.line([_pt(b, 0.32, 0.28), _pt(b, 0.5, 0.12), _pt(b, 0.68, 0.28)], fill=c, width=_w(b))


def _save(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.16, 0.16), _pt(b, 0.84, 0.84)], outline=c, width=_w(b))
    d.rectangle([_pt(b, 0.32, 0.16), _pt(b, 0.68, 0.38)], fill=c)
    x, y = _pt(b, 0.5, 0.62)
    r = max(2, (b[2] - b[0]) // 9)
    d.ellipse([x - r, y - r, x + r, y + r], fill=c)


def _select_all(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.14, 0.14), _pt(b, 0.86, 0.86)], outline=c, width=_w(b) // 2 + 1)
    d.line([_pt(b, 0.28, 0.52), _pt(b, 0.44, 0.68), _pt(b, 0.74, 0.34)], fill=c, width=_w(b))


GLYPHS: dict[str, Callable[[Draw, Box, Color], None]] = {
    "folder": _folder, "note": _note, "sort": _sort, "move": _move, "share": _share, "merge": _merge,
    "save": _save, "select_all": _select_all,
}


def paint_glyph(p: Painter, view: v.ImageView, size_dp: float) -> None:
    x1, y1, x2, y2 = p.box(view)
    side = min(x2 - x1, y2 - y1, v.px(size_dp))
    cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
    box = (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2)
    color = p.theme.color(view.tint) if view.enabled else p.theme.outline
    painter = GLYPHS.get(view.icon)
    if painter is None:
        draw_icon(p.draw, view.icon, box, color)
    else:
        painter(p.draw, box, color)


@dataclass(eq=False)
class Glyph(v.ImageView):
    """A file-type icon in a list row (36 dp)."""

    size_dp: float = 36

    def paint_content(self, p: Painter) -> None:
        paint_glyph(p, self, self.size_dp)


@dataclass(eq=False)
class GlyphButton(v.ImageButton):
    """A toolbar action with a 24 dp icon."""

    def paint_content(self, p: Painter) -> None:
        paint_glyph(p, self, 24)
