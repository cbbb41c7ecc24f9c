"""Icons Files needs that the toolkit lacks (folders, mime tiles, roots, share), image thumbnails, and the
drawer scrim. They are views with `paint_content`, so the dump still shows plain ImageViews."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import font
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color

Box = tuple[int, int, int, int]
Draw = ImageDraw.ImageDraw

# Tile colours of DocumentsUI's ic_doc_* mime icons.
KIND_COLORS = {"image": "#DB4437", "video": "#DB4437", "audio": "#F4511E", "text": "#4285F4", "pdf": "#E53935",
               "archive": "#757575", "apk": "#8BC34A", "doc": "#4285F4", "sheet": "#0F9D58", "slides": "#F4B400",
               "generic": "#757575"}
KIND_LABELS = {"pdf": "PDF", "apk": "APK", "doc": "W", "sheet": "X", "slides": "P", "archive": "ZIP"}


def _pt(b: Box, fx: float, fy: float) -> tuple[int, int]:
    return round(b[0] + (b[2] - b[0]) * fx), round(b[1] + (b[3] - b[1]) * fy)


def _w(b: Box) -> int:
    return max(2, (b[2] - b[0]) // 10)


def _folder(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.08, 0.18), _pt(b, 0.45, 0.4)], radius=_w(b), fill=c)
    d.rounded_rectangle([_pt(b, 0.08, 0.28), _pt(b, 0.92, 0.84)], radius=_w(b), fill=c)


def _image(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.12, 0.12), _pt(b, 0.88, 0.88)], radius=_w(b), outline=c, width=_w(b))
    d.polygon([_pt(b, 0.22, 0.76), _pt(b, 0.42, 0.48), _pt(b, 0.56, 0.64), _pt(b, 0.66, 0.54),
               _pt(b, 0.8, 0.76)], fill=c)


def _video(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.1, 0.24), _pt(b, 0.66, 0.76)], radius=_w(b), fill=c)
    d.polygon([_pt(b, 0.7, 0.5), _pt(b, 0.92, 0.3), _pt(b, 0.92, 0.7)], fill=c)


def _audio(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.2, 0.62), _pt(b, 0.46, 0.86)], fill=c)
    d.line([_pt(b, 0.44, 0.74), _pt(b, 0.44, 0.14), _pt(b, 0.78, 0.26)], fill=c, width=_w(b))


def _download(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.5, 0.12), _pt(b, 0.5, 0.62)], fill=c, width=_w(b))
    d.polygon([_pt(b, 0.28, 0.44), _pt(b, 0.72, 0.44), _pt(b, 0.5, 0.7)], fill=c)
    d.line([_pt(b, 0.18, 0.86), _pt(b, 0.82, 0.86)], fill=c, width=_w(b))


def _storage(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.26, 0.08), _pt(b, 0.74, 0.92)], radius=_w(b), outline=c, width=_w(b))
    d.line([_pt(b, 0.42, 0.8), _pt(b, 0.58, 0.8)], fill=c, width=_w(b))


def _share(d: Draw, b: Box, c: Color) -> None:
    ends = (_pt(b, 0.72, 0.22), _pt(b, 0.28, 0.5), _pt(b, 0.72, 0.78))
    d.line([ends[0], ends[1], ends[2]], fill=c, width=_w(b) // 2 + 1)
    r = (b[2] - b[0]) // 9
    for x, y in ends:
        d.ellipse([x - r, y - r, x + r, y + r], fill=c)


def _check_circle(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.04, 0.04), _pt(b, 0.96, 0.96)], fill=c)
    d.line([_pt(b, 0.28, 0.52), _pt(b, 0.44, 0.68), _pt(b, 0.74, 0.36)], fill=(255, 255, 255), width=_w(b),
           joint="curve")


def _arrow_up(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.5, 0.85), _pt(b, 0.5, 0.2)], fill=c, width=_w(b))
    d.line([_pt(b, 0.25, 0.45), _pt(b, 0.5, 0.2), _pt(b, 0.75, 0.45)], fill=c, width=_w(b), joint="curve")


def _arrow_down(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.5, 0.15), _pt(b, 0.5, 0.8)], fill=c, width=_w(b))
    d.line([_pt(b, 0.25, 0.55), _pt(b, 0.5, 0.8), _pt(b, 0.75, 0.55)], fill=c, width=_w(b), joint="curve")


def _chevron(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.38, 0.25), _pt(b, 0.62, 0.5), _pt(b, 0.38, 0.75)], fill=c, width=_w(b), joint="curve")


GLYPHS: dict[str, Callable[[Draw, Box, Color], None]] = {
    "folder": _folder, "image": _image, "video": _video, "audio": _audio, "download": _download,
    "storage": _storage, "share": _share, "check_circle": _check_circle, "arrow_up": _arrow_up,
    "arrow_down": _arrow_down, "chevron": _chevron,
}


def draw_glyph(d: Draw, name: str, box: Box, color: Color) -> None:
    painter = GLYPHS.get(name)
    if painter is None:
        draw_icon(d, name, box, color)
    else:
        painter(d, box, color)


def _square(p: Painter, view: v.View, side_dp: float) -> Box:
    x1, y1, x2, y2 = p.box(view)
    side = min(x2 - x1, y2 - y1, v.px(side_dp))
    cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
    return cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2


@dataclass(eq=False)
class Glyph(v.ImageView):
    """An ImageView drawing one of `GLYPHS` (or a toolkit icon)."""

    glyph: str = ""
    side: float = 24

    def paint_content(self, p: Painter) -> None:
        color = p.theme.color(self.tint) if self.enabled else p.theme.outline
        draw_glyph(p.draw, self.glyph, _square(p, self, self.side), color)


@dataclass(eq=False)
class GlyphButton(v.ImageButton):
    """An ImageButton drawing one of `GLYPHS`."""

    glyph: str = ""

    def paint_content(self, p: Painter) -> None:
        draw_glyph(p.draw, self.glyph, _square(p, self, 24), p.theme.color(self.tint))


@lru_cache(maxsize=64)
def _thumbnail(path: Path, mtime: float, side: int) -> Image.Image | None:
    """A centre-cropped square thumbnail, or None for a file Pillow cannot read (cached by path and mtime)."""
    try:
        with Image.open(path) as img:
            rgb = img.convert("RGB")
            short = min(rgb.size)
            left, top = (rgb.width - short) // 2, (rgb.height - short) // 2
            return rgb.crop((left, top, left + short, top + short)).resize((side, side))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


@dataclass(eq=False)
class MimeIcon(v.ImageView):
    """The row icon: a folder, a thumbnail for a readable picture, a check when selected, else a mime tile."""

    kind: str = "generic"
    checked_mark: bool = False
    thumb: Path | None = None  # a host path of the phone
    thumb_mtime: float = 0.0

    def paint_content(self, p: Painter) -> None:
        box = _square(p, self, 40)
        self._paint_icon(p, box)
        if not self.enabled:  # greyed out, as the picker shows files it cannot pick
            region = p.image.crop(box)
            p.image.paste(Image.blend(region, Image.new("RGB", region.size, p.theme.background), 0.6), box[:2])

    def _paint_icon(self, p: Painter, box: Box) -> None:
        if self.checked_mark:
            draw_glyph(p.draw, "check_circle", box, p.theme.primary)
            return
        if self.kind == "folder":
            draw_glyph(p.draw, "folder", box, p.theme.text_secondary)
            return
        if self.thumb is not None and self._paste_thumb(p, box):
            return
        self._tile(p, box)

    def _paste_thumb(self, p: Painter, box: Box) -> bool:
        if self.thumb is None or not self.thumb.is_file() or self.thumb.stat().st_size > 20_000_000:
            return False
        thumb = _thumbnail(self.thumb, self.thumb_mtime, box[2] - box[0])
        if thumb is None:
            return False
        p.image.paste(thumb, box[:2])
        return True

    def _tile(self, p: Painter, box: Box) -> None:
        x1, y1, x2, y2 = box
        p.draw.rounded_rectangle(box, radius=v.px(4), fill=p.theme.color(KIND_COLORS.get(self.kind, "#757575")))
        inner = (x1 + (x2 - x1) // 5, y1 + (y2 - y1) // 5, x2 - (x2 - x1) // 5, y2 - (y2 - y1) // 5)
        white = (255, 255, 255)
        if self.kind in ("image", "video", "audio"):
            draw_glyph(p.draw, self.kind, inner, white)
        elif self.kind == "text":
            for i in range(4):
                y = inner[1] + (inner[3] - inner[1]) * (i + 1) // 5
                p.draw.line([(inner[0], y), (inner[2] - (i == 3) * (inner[2] - inner[0]) // 3, y)], fill=white,
                            width=max(2, v.px(1.5)))
        else:
            label = KIND_LABELS.get(self.kind, "")
            size = v.px(9 if len(label) > 1 else 14)
            if label:
                p.draw.text(((x1 + x2) // 2, (y1 + y2) // 2), label, font=font(size, True), fill=white, anchor="mm")
            else:
                p.draw.polygon([(x2 - (x2 - x1) // 3, y1), (x2, y1 + (y2 - y1) // 3), (x2 - (x2 - x1) // 3,
                                y1 + (y2 - y1) // 3)], fill=(224, 224, 224))


@dataclass(eq=False)
class Scrim(v.View):
    """The dimmed area beside an open drawer; a tap on it closes the drawer."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        if x2 <= x1 or y2 <= y1:
            return
        region = p.image.crop((x1, y1, x2, y2))
        p.image.paste(Image.blend(region, Image.new("RGB", region.size, (0, 0, 0)), 0.32), (x1, y1))
