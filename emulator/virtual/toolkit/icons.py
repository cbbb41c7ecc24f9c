"""Vector icons drawn with Pillow primitives, so the package ships no image assets.

Each icon draws into a square box; unknown names draw the first letter of the name in a circle.
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import ImageDraw

from droidpilot.emulator.virtual.toolkit.fonts import font
from droidpilot.emulator.virtual.toolkit.theme import Color

Box = tuple[int, int, int, int]
Draw = ImageDraw.ImageDraw


def _inset(box: Box, frac: float) -> Box:
    x1, y1, x2, y2 = box
    dx, dy = (x2 - x1) * frac, (y2 - y1) * frac
    return round(x1 + dx), round(y1 + dy), round(x2 - dx), round(y2 - dy)


def _pt(box: Box, fx: float, fy: float) -> tuple[int, int]:
    return round(box[0] + (box[2] - box[0]) * fx), round(box[1] + (box[3] - box[1]) * fy)


def _w(box: Box) -> int:
    return max(2, (box[2] - box[0]) // 10)


def _back(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.8, 0.5), _pt(b, 0.2, 0.5)], fill=c, width=_w(b))
    d.line([_pt(b, 0.5, 0.2), _pt(b, 0.2, 0.5), _pt(b, 0.5, 0.8)], fill=c, width=_w(b), joint="curve")


def _search(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.15, 0.15), _pt(b, 0.65, 0.65)], outline=c, width=_w(b))
    d.line([_pt(b, 0.58, 0.58), _pt(b, 0.88, 0.88)], fill=c, width=_w(b))


def _add(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.5, 0.18), _pt(b, 0.5, 0.82)], fill=c, width=_w(b))
    d.line([_pt(b, 0.18, 0.5), _pt(b, 0.82, 0.5)], fill=c, width=_w(b))


def _close(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.22, 0.22), _pt(b, 0.78, 0.78)], fill=c, width=_w(b))
    d.line([_pt(b, 0.78, 0.22), _pt(b, 0.22, 0.78)], fill=c, width=_w(b))


def _check(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.18, 0.52), _pt(b, 0.4, 0.74), _pt(b, 0.84, 0.28)], fill=c, width=_w(b), joint="curve")


def _more(d: Draw, b: Box, c: Color) -> None:
    r = max(2, (b[2] - b[0]) // 12)
    for fy in (0.22, 0.5, 0.78):
        x, y = _pt(b, 0.5, fy)
        d.ellipse([x - r, y - r, x + r, y + r], fill=c)


def _menu(d: Draw, b: Box, c: Color) -> None:
    for fy in (0.28, 0.5, 0.72):
        d.line([_pt(b, 0.18, fy), _pt(b, 0.82, fy)], fill=c, width=_w(b))


def _delete(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.28, 0.32), _pt(b, 0.72, 0.85)], outline=c, width=_w(b))
    d.line([_pt(b, 0.18, 0.25), _pt(b, 0.82, 0.25)], fill=c, width=_w(b))
    d.line([_pt(b, 0.4, 0.15), _pt(b, 0.6, 0.15)], fill=c, width=_w(b))


def _edit(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.22, 0.78), _pt(b, 0.78, 0.22)], fill=c, width=_w(b) * 2)
    d.line([_pt(b, 0.15, 0.85), _pt(b, 0.3, 0.82)], fill=c, width=_w(b))


def _star(d: Draw, b: Box, c: Color, filled: bool = True) -> None:
    import math

    cx, cy = _pt(b, 0.5, 0.52)
    r_out, r_in = (b[2] - b[0]) * 0.42, (b[2] - b[0]) * 0.18
    pts = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    if filled:
        d.polygon(pts, fill=c)
    else:
        d.polygon(pts, outline=c, width=_w(b) // 2 + 1)


def _email(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.12, 0.25), _pt(b, 0.88, 0.75)], outline=c, width=_w(b))
    d.line([_pt(b, 0.12, 0.25), _pt(b, 0.5, 0.52), _pt(b, 0.88, 0.25)], fill=c, width=_w(b), joint="curve")


def _send(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.15, 0.2), _pt(b, 0.88, 0.5), _pt(b, 0.15, 0.8), _pt(b, 0.25, 0.5)], fill=c)


def _person(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.33, 0.12), _pt(b, 0.67, 0.46)], fill=c)
    d.pieslice([_pt(b, 0.15, 0.52), _pt(b, 0.85, 1.2)], 180, 360, fill=c)


def _phone(d: Draw, b: Box, c: Color) -> None:
    d.arc([_pt(b, 0.15, 0.15), _pt(b, 0.85, 0.85)], 90, 180, fill=c, width=_w(b) * 2)
    d.ellipse([_pt(b, 0.12, 0.1), _pt(b, 0.34, 0.3)], fill=c)
    d.ellipse([_pt(b, 0.7, 0.66), _pt(b, 0.9, 0.88)], fill=c)


def _message(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.15, 0.18), _pt(b, 0.85, 0.7)], radius=(b[2] - b[0]) // 8, fill=c)
    d.polygon([_pt(b, 0.25, 0.65), _pt(b, 0.25, 0.88), _pt(b, 0.45, 0.68)], fill=c)


def _wifi(d: Draw, b: Box, c: Color) -> None:
    d.pieslice([_pt(b, 0.05, 0.15), _pt(b, 0.95, 1.05)], 225, 315, fill=c)


def _bluetooth(d: Draw, b: Box, c: Color) -> None:
    w = _w(b)
    d.line([_pt(b, 0.3, 0.3), _pt(b, 0.7, 0.68), _pt(b, 0.5, 0.85), _pt(b, 0.5, 0.15)], fill=c, width=w)
    d.line([_pt(b, 0.5, 0.15), _pt(b, 0.7, 0.32), _pt(b, 0.3, 0.7)], fill=c, width=w)


def _airplane(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.46, 0.1), _pt(b, 0.54, 0.1), _pt(b, 0.56, 0.88), _pt(b, 0.44, 0.88)], fill=c)
    d.polygon([_pt(b, 0.1, 0.55), _pt(b, 0.5, 0.35), _pt(b, 0.9, 0.55), _pt(b, 0.5, 0.45)], fill=c)
    d.polygon([_pt(b, 0.32, 0.88), _pt(b, 0.5, 0.76), _pt(b, 0.68, 0.88)], fill=c)


def _clock(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.12, 0.12), _pt(b, 0.88, 0.88)], outline=c, width=_w(b))
    d.line([_pt(b, 0.5, 0.28), _pt(b, 0.5, 0.5), _pt(b, 0.68, 0.6)], fill=c, width=_w(b))


def _brightness(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.3, 0.3), _pt(b, 0.7, 0.7)], fill=c)
    for fx, fy, gx, gy in ((0.5, 0.05, 0.5, 0.2), (0.5, 0.8, 0.5, 0.95), (0.05, 0.5, 0.2, 0.5), (0.8, 0.5, 0.95, 0.5)):
        d.line([_pt(b, fx, fy), _pt(b, gx, gy)], fill=c, width=_w(b))


def _play(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.3, 0.18), _pt(b, 0.82, 0.5), _pt(b, 0.3, 0.82)], fill=c)


def _pause(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.26, 0.2), _pt(b, 0.42, 0.8)], fill=c)
    d.rectangle([_pt(b, 0.58, 0.2), _pt(b, 0.74, 0.8)], fill=c)


def _flag(d: Draw, b: Box, c: Color) -> None:
    d.line([_pt(b, 0.25, 0.12), _pt(b, 0.25, 0.9)], fill=c, width=_w(b))
    d.polygon([_pt(b, 0.25, 0.14), _pt(b, 0.8, 0.3), _pt(b, 0.25, 0.5)], fill=c)


def _refresh(d: Draw, b: Box, c: Color) -> None:
    d.arc([_pt(b, 0.18, 0.18), _pt(b, 0.82, 0.82)], 30, 320, fill=c, width=_w(b))
    d.polygon([_pt(b, 0.7, 0.08), _pt(b, 0.9, 0.32), _pt(b, 0.62, 0.36)], fill=c)


def _settings(d: Draw, b: Box, c: Color) -> None:
    """A gear: eight teeth around a ring."""
    import math

    cx, cy = _pt(b, 0.5, 0.5)
    size = b[2] - b[0]
    for i in range(8):
        a = i * math.pi / 4
        x, y = cx + math.cos(a) * size * 0.36, cy + math.sin(a) * size * 0.36
        t = size * 0.09
        d.ellipse([x - t, y - t, x + t, y + t], fill=c)
    d.ellipse([_pt(b, 0.2, 0.2), _pt(b, 0.8, 0.8)], outline=c, width=max(2, round(size * 0.17)))


def _grid(d: Draw, b: Box, c: Color) -> None:
    for fx in (0.2, 0.55):
        for fy in (0.2, 0.55):
            d.rectangle([_pt(b, fx, fy), _pt(b, fx + 0.25, fy + 0.25)], fill=c)


def _camera(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.08, 0.3), _pt(b, 0.92, 0.86)], radius=(b[2] - b[0]) // 10, fill=c)
    d.polygon([_pt(b, 0.32, 0.32), _pt(b, 0.4, 0.16), _pt(b, 0.6, 0.16), _pt(b, 0.68, 0.32)], fill=c)
    d.ellipse([_pt(b, 0.34, 0.41), _pt(b, 0.66, 0.73)], outline=_contrast(c), width=_w(b))


def _contrast(c: Color) -> Color:
    return (40, 40, 40) if sum(c[:3]) > 384 else (230, 230, 230)


def _photo(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.1, 0.1), _pt(b, 0.9, 0.9)], radius=(b[2] - b[0]) // 10, outline=c, width=_w(b))
    d.polygon([_pt(b, 0.22, 0.74), _pt(b, 0.42, 0.46), _pt(b, 0.56, 0.62), _pt(b, 0.66, 0.52), _pt(b, 0.8, 0.74)],
              fill=c)
    d.ellipse([_pt(b, 0.56, 0.24), _pt(b, 0.7, 0.38)], fill=c)


def _share(d: Draw, b: Box, c: Color) -> None:
    dots = [_pt(b, 0.72, 0.22), _pt(b, 0.28, 0.5), _pt(b, 0.72, 0.78)]
    d.line(dots, fill=c, width=_w(b))
    r = (b[2] - b[0]) * 0.12
    for x, y in dots:
        d.ellipse((x - r, y - r, x + r, y + r), fill=c)


def _folder(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.1, 0.22), _pt(b, 0.4, 0.22), _pt(b, 0.48, 0.32), _pt(b, 0.9, 0.32), _pt(b, 0.9, 0.82),
               _pt(b, 0.1, 0.82)], fill=c)


def _calendar(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.12, 0.18), _pt(b, 0.88, 0.88)], radius=(b[2] - b[0]) // 12, outline=c,
                        width=_w(b))
    d.rectangle([_pt(b, 0.12, 0.18), _pt(b, 0.88, 0.36)], fill=c)
    for fx in (0.3, 0.7):
        d.line([_pt(b, fx, 0.08), _pt(b, fx, 0.24)], fill=c, width=_w(b))
    d.rectangle([_pt(b, 0.3, 0.5), _pt(b, 0.46, 0.66)], fill=c)


def _notes(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.18, 0.1), _pt(b, 0.82, 0.9)], radius=(b[2] - b[0]) // 14, outline=c, width=_w(b))
    for fy in (0.32, 0.5, 0.68):
        d.line([_pt(b, 0.32, fy), _pt(b, 0.68, fy)], fill=c, width=_w(b))


def _chevron(d: Draw, b: Box, c: Color, points: tuple[tuple[float, float], ...]) -> None:
    d.line([_pt(b, x, y) for x, y in points], fill=c, width=_w(b), joint="curve")


def _save(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.14, 0.14), _pt(b, 0.86, 0.86)], radius=(b[2] - b[0]) // 14, outline=c,
                        width=_w(b))
    d.rectangle([_pt(b, 0.3, 0.14), _pt(b, 0.66, 0.36)], fill=c)


def _moon(d: Draw, b: Box, c: Color) -> None:
    d.pieslice([_pt(b, 0.14, 0.14), _pt(b, 0.86, 0.86)], 60, 300, fill=c)
    d.ellipse([_pt(b, 0.36, 0.1), _pt(b, 0.96, 0.7)], fill=_contrast(c))


def _volume(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.12, 0.38), _pt(b, 0.3, 0.38), _pt(b, 0.52, 0.18), _pt(b, 0.52, 0.82), _pt(b, 0.3, 0.62),
               _pt(b, 0.12, 0.62)], fill=c)
    d.arc([_pt(b, 0.4, 0.28), _pt(b, 0.8, 0.72)], 300, 60, fill=c, width=_w(b))


def _mic(d: Draw, b: Box, c: Color) -> None:
    d.rounded_rectangle([_pt(b, 0.36, 0.1), _pt(b, 0.64, 0.6)], radius=(b[2] - b[0]) // 7, fill=c)
    d.arc([_pt(b, 0.24, 0.3), _pt(b, 0.76, 0.72)], 0, 180, fill=c, width=_w(b))
    d.line([_pt(b, 0.5, 0.72), _pt(b, 0.5, 0.9)], fill=c, width=_w(b))


def _music(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.2, 0.62), _pt(b, 0.46, 0.86)], fill=c)
    d.line([_pt(b, 0.44, 0.74), _pt(b, 0.44, 0.14)], fill=c, width=_w(b))
    d.polygon([_pt(b, 0.44, 0.14), _pt(b, 0.8, 0.24), _pt(b, 0.8, 0.38), _pt(b, 0.44, 0.28)], fill=c)


def _stop(d: Draw, b: Box, c: Color) -> None:
    d.rectangle([_pt(b, 0.25, 0.25), _pt(b, 0.75, 0.75)], fill=c)


def _record(d: Draw, b: Box, c: Color) -> None:
    d.ellipse([_pt(b, 0.2, 0.2), _pt(b, 0.8, 0.8)], fill=c)


def _cone(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.5, 0.1), _pt(b, 0.78, 0.8), _pt(b, 0.22, 0.8)], fill=c)
    d.rectangle([_pt(b, 0.12, 0.8), _pt(b, 0.88, 0.9)], fill=c)


def _sort(d: Draw, b: Box, c: Color) -> None:
    for fy, fx in ((0.28, 0.85), (0.5, 0.65), (0.72, 0.45)):
        d.line([_pt(b, 0.15, fy), _pt(b, fx, fy)], fill=c, width=_w(b))


def _backspace(d: Draw, b: Box, c: Color) -> None:
    d.polygon([_pt(b, 0.08, 0.5), _pt(b, 0.3, 0.2), _pt(b, 0.92, 0.2), _pt(b, 0.92, 0.8), _pt(b, 0.3, 0.8)],
              outline=c, width=_w(b))
    d.line([_pt(b, 0.46, 0.36), _pt(b, 0.72, 0.64)], fill=c, width=_w(b))
    d.line([_pt(b, 0.72, 0.36), _pt(b, 0.46, 0.64)], fill=c, width=_w(b))


def _restaurant(d: Draw, b: Box, c: Color) -> None:
    """Fork and knife."""
    w = _w(b)
    d.line([_pt(b, 0.34, 0.12), _pt(b, 0.34, 0.88)], fill=c, width=w)
    for fx in (0.22, 0.46):
        d.line([_pt(b, fx, 0.12), _pt(b, fx, 0.36)], fill=c, width=w)
    d.arc([_pt(b, 0.22, 0.2), _pt(b, 0.46, 0.46)], 0, 180, fill=c, width=w)
    d.pieslice([_pt(b, 0.56, 0.1), _pt(b, 0.86, 0.7)], 270, 90, fill=c)
    d.line([_pt(b, 0.7, 0.4), _pt(b, 0.7, 0.88)], fill=c, width=w)


ICONS: dict[str, Callable[[Draw, Box, Color], None]] = {
    "back": _back, "search": _search, "add": _add, "close": _close, "check": _check, "more": _more,
    "menu": _menu, "delete": _delete, "edit": _edit, "star": _star,
    "star_outline": lambda d, b, c: _star(d, b, c, filled=False), "send": _send, "email": _email,
    "mail": _email, "person": _person,
    "phone": _phone, "call": _phone, "message": _message, "wifi": _wifi, "bluetooth": _bluetooth,
    "airplane": _airplane, "clock": _clock, "alarm": _clock, "timer": _clock, "brightness": _brightness,
    "play": _play, "pause": _pause, "flag": _flag, "lap": _flag, "refresh": _refresh, "reset": _refresh,
    "settings": _settings, "apps": _grid, "grid": _grid, "camera": _camera, "photo": _photo, "share": _share,
    "folder": _folder, "move": _folder, "calendar": _calendar, "today": _calendar, "notes": _notes,
    "save": _save, "dark": _moon, "volume": _volume, "sort": _sort, "backspace": _backspace, "network": _wifi,
    "recipes": _restaurant, "restaurant": _restaurant, "hourglass": _clock, "stopwatch": _clock,
    "history": _clock, "play_circle": _play,
    "mic": _mic, "music": _music, "stop": _stop, "record": _record, "cone": _cone,
    "chevron_right": lambda d, b, c: _chevron(d, b, c, ((0.38, 0.2), (0.66, 0.5), (0.38, 0.8))),
    "chevron_left": lambda d, b, c: _chevron(d, b, c, ((0.62, 0.2), (0.34, 0.5), (0.62, 0.8))),
    "expand_more": lambda d, b, c: _chevron(d, b, c, ((0.2, 0.38), (0.5, 0.66), (0.8, 0.38))),
    "dropdown": lambda d, b, c: _chevron(d, b, c, ((0.2, 0.38), (0.5, 0.66), (0.8, 0.38))),
    "expand_less": lambda d, b, c: _chevron(d, b, c, ((0.2, 0.62), (0.5, 0.34), (0.8, 0.62))),
}


def draw_icon(d: Draw, name: str, box: Box, color: Color) -> None:
    painter = ICONS.get(name)
    if painter is not None:
        painter(d, box, color)
        return
    size = max(8, (box[3] - box[1]) * 3 // 5)
    cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
    d.text((cx, cy), (name[:1] or "?").upper(), font=font(size, True), fill=color, anchor="mm")
