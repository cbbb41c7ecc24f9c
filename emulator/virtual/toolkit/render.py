"""Pillow rendering of a laid-out view tree. Scrolling containers render into their own layer, which clips
rows at the viewport edges the way a RecyclerView does."""

from __future__ import annotations

from typing import Any

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, ellipsize, text_width, wrap_lines
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.theme import Theme

Draw = ImageDraw.ImageDraw


def _inverted(xy: Any) -> bool:
    """True for a box whose right edge is left of its left edge (or bottom above top)."""
    flat = [c for point in xy for c in point] if xy and isinstance(xy[0], (tuple, list)) else list(xy)
    return len(flat) == 4 and (flat[2] < flat[0] or flat[3] < flat[1])


class ClippedDraw(ImageDraw.ImageDraw):
    """Views squeezed below their content size (a small `wm size`, a narrow landscape split) get inverted boxes;
    Android draws nothing for them where Pillow raises, so shapes with inverted boxes are skipped."""

    def rectangle(self, xy: Any, *args: Any, **kwargs: Any) -> None:
        if not _inverted(xy):
            super().rectangle(xy, *args, **kwargs)

    def rounded_rectangle(self, xy: Any, *args: Any, **kwargs: Any) -> None:
        if not _inverted(xy):
            super().rounded_rectangle(xy, *args, **kwargs)

    def ellipse(self, xy: Any, *args: Any, **kwargs: Any) -> None:
        if not _inverted(xy):
            super().ellipse(xy, *args, **kwargs)


class Painter:
    """Draws views onto `image`, shifted by (-ox, -oy) so a layer can start at any screen position."""

    def __init__(self, image: Image.Image, theme: Theme, ox: int = 0, oy: int = 0) -> None:
        self.image = image
        self.draw: Draw = ClippedDraw(image)
        self.theme = theme
        self.ox, self.oy = ox, oy

    def box(self, view: v.View, inset: int = 0) -> tuple[int, int, int, int]:
        return (view.left - self.ox + inset, view.top - self.oy + inset,
                view.right - self.ox - inset, view.bottom - self.oy - inset)

    def paint(self, view: v.View) -> None:
        if not view.visible:
            return
        if isinstance(view, v.ScrollView):
            self._paint_scroll(view)
            return
        self._paint_self(view)
        for child in view.visible_children():
            self.paint(child)

    def _paint_scroll(self, view: v.ScrollView) -> None:
        x1, y1, x2, y2 = self.box(view)
        if x2 <= x1 or y2 <= y1:
            return
        if view.bg:
            self.draw.rectangle((x1, y1, x2 - 1, y2 - 1), fill=self.theme.color(view.bg))
        layer = self.image.crop((x1, y1, x2, y2))
        sub = Painter(layer, self.theme, view.left, view.top)
        for child in view.visible_children():
            sub.paint(child)
        self.image.paste(layer, (x1, y1))

    def _paint_self(self, view: v.View) -> None:
        if view.bg and not isinstance(view, v.Dialog):
            card = isinstance(view, v.ViewGroup) and view.bg == "surface_variant"
            rounded = card or isinstance(view, v.ImageButton)
            radius = v.px(16) if rounded else 0
            self.draw.rounded_rectangle(self.box(view), radius=radius, fill=self.theme.color(view.bg))
        if view.selected and not isinstance(view, (v.TextView, v.ImageView)):
            self.draw.rounded_rectangle(self.box(view, v.px(4)), radius=v.px(16),
                                        fill=self.theme.primary_container)
        custom = getattr(view, "paint_content", None)
        if custom is not None:
            custom(self)
            return
        for cls in type(view).__mro__:
            painter = _PAINTERS.get(cls)
            if painter is not None:
                painter(self, view)
                return


def _text_color(p: Painter, view: v.TextView) -> tuple[int, int, int]:
    return p.theme.color(view.color) if view.enabled else p.theme.outline


def _paint_text(p: Painter, view: v.View) -> None:
    assert isinstance(view, v.TextView)
    size = v.px(view.size)
    x1, y1, x2, _ = p.box(view, v.px(view.padding))
    lines = wrap_lines(view.text, size, view.bold, max(1, x2 - x1))
    if view.max_lines:
        lines = lines[: view.max_lines]
        lines[-1] = ellipsize(lines[-1], size, view.bold, x2 - x1)
    lh = v.line_height(view.size)
    y = y1 + v.px(4)
    for line in lines:
        _aligned_text(p, line, (x1, y, x2, y + lh), size, view.bold, _text_color(p, view), view.align)
        y += lh


def _aligned_text(p: Painter, text: str, box: tuple[int, int, int, int], size: int, bold: bool,
                  color: tuple[int, int, int], align: str) -> None:
    x1, y1, x2, y2 = box
    anchor, x = {"center": ("mm", (x1 + x2) // 2), "right": ("rm", x2)}.get(align, ("lm", x1))
    draw_text(p.draw, (x, (y1 + y2) // 2), text, size, bold, color, anchor)


def _paint_button(p: Painter, view: v.View) -> None:
    assert isinstance(view, v.Button)
    x1, y1, x2, y2 = p.box(view, v.px(4))
    t = p.theme
    fill, fg = {"filled": (t.primary, t.on_primary), "tonal": (t.primary_container, t.text)}.get(
        view.style, (None, t.primary))
    if not view.enabled:
        fill, fg = (t.surface_variant if fill else None), t.text_secondary if fill else t.outline
    if fill is not None:
        p.draw.rounded_rectangle((x1, y1, x2, y2), radius=(y2 - y1) // 2, fill=fill)
    elif view.style == "outlined":
        p.draw.rounded_rectangle((x1, y1, x2, y2), radius=(y2 - y1) // 2, outline=t.outline, width=3)
    size = v.px(view.size)
    label = ellipsize(view.text, size, True, max(1, x2 - x1 - v.px(16)))
    _aligned_text(p, label, (x1, y1, x2, y2), size, True, fg, "center")


def _paint_image(p: Painter, view: v.View) -> None:
    assert isinstance(view, v.ImageView)
    x1, y1, x2, y2 = p.box(view)
    side = min(x2 - x1, y2 - y1, v.px(24))
    cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
    draw_icon(p.draw, view.icon or view.desc, (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2),
              p.theme.color(view.tint) if view.enabled else p.theme.outline)


def _paint_edit(p: Painter, view: v.View) -> None:
    assert isinstance(view, v.EditText)
    t = p.theme
    x1, y1, x2, y2 = p.box(view, v.px(4))
    border = t.primary if view.focused else t.outline
    p.draw.rounded_rectangle((x1, y1, x2, y2), radius=v.px(6), outline=border, width=5 if view.focused else 3)
    size = v.px(view.size)
    shown = view.shown_text()
    text, color = (shown, t.text) if shown else (view.hint, t.text_secondary)
    inner = (x1 + v.px(14), y1 + v.px(8), x2 - v.px(14), y2 - v.px(8))
    if view.multiline:
        lines = wrap_lines(text, size, False, inner[2] - inner[0])
        y = inner[1]
        for line in lines:
            draw_text(p.draw, (inner[0], y), line, size, False, color)
            y += v.line_height(view.size)
            if y > inner[3]:
                break
        return
    shown_line = ellipsize(text.replace("\n", " "), size, False, inner[2] - inner[0] - v.px(4))
    _aligned_text(p, shown_line, (inner[0], y1, inner[2], y2), size, False, color, "left")
    if view.focused:
        cursor_x = inner[0] + (text_width(shown_line, size) if shown else 0) + 2
        cy = (y1 + y2) // 2
        p.draw.line([(cursor_x, cy - size // 2 - 4), (cursor_x, cy + size // 2 + 4)], fill=t.primary, width=4)


def _paint_compound(p: Painter, view: v.View) -> None:
    assert isinstance(view, v.CompoundButton)
    t = p.theme
    x1, y1, x2, y2 = p.box(view)
    cy = (y1 + y2) // 2
    on = view.is_checked
    if isinstance(view, v.Switch):
        tx2 = x2 - v.px(8)
        tx1 = tx2 - v.px(52)
        p.draw.rounded_rectangle((tx1, cy - v.px(16), tx2, cy + v.px(16)), radius=v.px(16),
                                 fill=t.primary if on else t.surface_variant, outline=t.outline, width=2)
        kx = tx2 - v.px(16) if on else tx1 + v.px(16)
        r = v.px(12) if on else v.px(8)
        p.draw.ellipse((kx - r, cy - r, kx + r, cy + r), fill=t.on_primary if on else t.text_secondary)
        text_box = (x1 + v.px(view.padding), y1, tx1 - v.px(8), y2)
    else:
        bx = x1 + v.px(12)
        s = v.px(18)
        if isinstance(view, v.RadioButton):
            p.draw.ellipse((bx, cy - s // 2, bx + s, cy + s // 2), outline=t.primary if on else t.text_secondary,
                           width=5)
            if on:
                p.draw.ellipse((bx + 10, cy - s // 2 + 10, bx + s - 10, cy + s // 2 - 10), fill=t.primary)
        else:
            p.draw.rounded_rectangle((bx, cy - s // 2, bx + s, cy + s // 2), radius=6,
                                     fill=t.primary if on else None, outline=t.primary if on else t.text_secondary,
                                     width=5)
            if on:
                draw_icon(p.draw, "check", (bx, cy - s // 2, bx + s, cy + s // 2), t.on_primary)
        text_box = (bx + s + v.px(16), y1, x2, y2)
    size = v.px(view.size)
    label = ellipsize(view.text, size, view.bold, max(1, text_box[2] - text_box[0]))
    _aligned_text(p, label, text_box, size, view.bold, _text_color(p, view), "left")


def _paint_seekbar(p: Painter, view: v.View) -> None:
    assert isinstance(view, v.SeekBar)
    t = p.theme
    x1, y1, x2, y2 = p.box(view)
    cy = (y1 + y2) // 2
    inset = v.px(16)
    knob = x1 + inset + round((x2 - x1 - 2 * inset) * view.progress / max(1, view.max))
    p.draw.rounded_rectangle((x1 + inset, cy - 6, x2 - inset, cy + 6), radius=6, fill=t.surface_variant)
    p.draw.rounded_rectangle((x1 + inset, cy - 6, knob, cy + 6), radius=6, fill=t.primary)
    p.draw.ellipse((knob - v.px(10), cy - v.px(10), knob + v.px(10), cy + v.px(10)), fill=t.primary)


_PAINTERS = {
    v.Button: _paint_button,
    v.EditText: _paint_edit,
    v.CompoundButton: _paint_compound,
    v.TextView: _paint_text,
    v.ImageView: _paint_image,
    v.SeekBar: _paint_seekbar,
}


def paint_dialog(image: Image.Image, dialog: v.Dialog, theme: Theme) -> None:
    """Dim the screen (not for popup menus), then draw the dialog card and its content."""
    popup = dialog.anchor != "center"
    if not popup:
        scrim = Image.new("RGB", image.size, theme.scrim)
        image.paste(Image.blend(image, scrim, 0.45))
    painter = Painter(image, theme)
    radius = v.px(4) if popup else v.px(28)
    painter.draw.rounded_rectangle(painter.box(dialog), radius=radius, fill=theme.dialog, outline=theme.outline)
    for child in dialog.visible_children():
        painter.paint(child)
