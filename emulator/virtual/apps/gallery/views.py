"""Gallery widgets: views that paint real image files, glyphs the shared icon set lacks, the dark photo
toolbar, alert dialogs and the overflow popup. Camera uses the picture views and glyphs too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.apps.gallery import media
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Color
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog

Box = tuple[int, int, int, int]
WHITE = "#ffffff"


def _play(d: ImageDraw.ImageDraw, b: Box, c: Color) -> None:
    x1, y1, x2, y2 = b
    w, h = x2 - x1, y2 - y1
    d.ellipse(b, outline=c, width=max(2, w // 14))
    d.polygon([(x1 + w * 0.4, y1 + h * 0.3), (x1 + w * 0.72, y1 + h * 0.5), (x1 + w * 0.4, y1 + h * 0.7)], fill=c)


def draw_share(d: ImageDraw.ImageDraw, b: Box, c: Color) -> None:
    x1, y1, x2, y2 = b
    w, h = x2 - x1, y2 - y1
    dots = [(x1 + w * 0.72, y1 + h * 0.22), (x1 + w * 0.28, y1 + h * 0.5), (x1 + w * 0.72, y1 + h * 0.78)]
    d.line([dots[0], dots[1], dots[2]], fill=c, width=max(2, w // 12))
    r = w * 0.12
    for x, y in dots:
        d.ellipse((x - r, y - r, x + r, y + r), fill=c)


def draw_photo(d: ImageDraw.ImageDraw, b: Box, c: Color) -> None:
    """Material's "photo" glyph: a framed picture with a mountain and a sun."""
    x1, y1, x2, y2 = b
    w, h = x2 - x1, y2 - y1
    d.rounded_rectangle((x1 + w * 0.1, y1 + h * 0.1, x2 - w * 0.1, y2 - h * 0.1), radius=w // 10, outline=c,
                        width=max(2, w // 12))
    d.polygon([(x1 + w * 0.22, y1 + h * 0.74), (x1 + w * 0.42, y1 + h * 0.46), (x1 + w * 0.56, y1 + h * 0.62),
               (x1 + w * 0.66, y1 + h * 0.52), (x1 + w * 0.8, y1 + h * 0.74)], fill=c)
    r = w * 0.07
    d.ellipse((x1 + w * 0.62 - r, y1 + h * 0.3 - r, x1 + w * 0.62 + r, y1 + h * 0.3 + r), fill=c)


GLYPHS = {"share": draw_share, "photo": draw_photo, "play_circle": _play}


def glyph(d: ImageDraw.ImageDraw, name: str, box: Box, color: Color) -> None:
    painter = GLYPHS.get(name)
    if painter is not None:
        painter(d, box, color)
    else:
        draw_icon(d, name, box, color)


@dataclass(eq=False)
class GlyphButton(v.ImageButton):
    """An ImageButton whose icon may be one of Gallery's own glyphs."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        side = min(x2 - x1, y2 - y1, v.px(24))
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        color = p.theme.color(self.tint) if self.enabled else p.theme.outline
        glyph(p.draw, self.icon, (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2), color)


def paste(p: Painter, image: Image.Image, box: Box, mask: Image.Image | None = None) -> None:
    """Paste `image` centred in `box` (painter coordinates)."""
    x1, y1, x2, y2 = box
    x = x1 + (x2 - x1 - image.width) // 2
    y = y1 + (y2 - y1 - image.height) // 2
    p.image.paste(image, (x, y), mask)


@dataclass(eq=False)
class Picture(v.ImageView):
    """A real image file (`source`, a host path of the phone) fitted inside the view, or cropped to fill it (`crop`).

    A video shows its first frame with a play badge; an unreadable file shows a grey "broken image" tile."""

    source: Path | None = None
    crop: bool = False
    backdrop: str = ""
    zoom: float = 1.0
    """A pinch-zoomed photo shows its centre this many times larger."""

    def paint_content(self, p: Painter) -> None:
        box = p.box(self)
        w, h = box[2] - box[0], box[3] - box[1]
        if w <= 0 or h <= 0:
            return
        if self.backdrop:
            p.draw.rectangle(box, fill=p.theme.color(self.backdrop))
        image = media.load(self.source, (w, h), self.crop) if self.source is not None else None
        if image is None:
            p.draw.rectangle(box, fill=(60, 60, 60))
            side = min(w, h) // 3
            cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
            draw_photo(p.draw, (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2), (150, 150, 150))
            return
        paste(p, magnified(image, self.zoom), box)
        if self.source is not None and media.is_video(self.source.name):
            side = min(w, h, v.px(56)) // 2 * 2
            cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
            _play(p.draw, (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2), (255, 255, 255))


def magnified(image: Image.Image, zoom: float) -> Image.Image:
    """The centre 1/zoom of `image`, scaled back to its size."""
    if zoom <= 1.0:
        return image
    w, h = image.size
    cw, ch = max(1, round(w / zoom)), max(1, round(h / zoom))
    left, top = (w - cw) // 2, (h - ch) // 2
    return image.crop((left, top, left + cw, top + ch)).resize((w, h))


def dark_toolbar(title: str, on_up: v.Handler, actions: Sequence[v.View] = ()) -> v.View:
    """The photo page's action bar: white title and icons over black, as Gallery2 draws it over a photo."""
    children: list[v.View] = [GlyphButton(desc="Navigate up", icon="back", tint=WHITE, on_click=on_up),
                              v.LinearLayout(padding=4, children=[
                                  v.TextView(id="action_bar_title", text=title, size=20, color=WHITE,
                                             max_lines=1)])]
    children.extend(actions)
    return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, bg="#000000",
                       children=children)


def alert(message: str, negative: str, positive: str, on_negative: v.Handler, on_positive: v.Handler,
          title: str = "") -> v.Dialog:
    return alert_dialog(message, positive, on_positive, negative, on_negative, title)


def popup_menu(items: Sequence[tuple[str, v.Handler]]) -> v.Dialog:
    return widgets.popup_menu(items)
