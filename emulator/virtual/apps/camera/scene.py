"""What the virtual camera "sees": a deterministic landscape (or, on the front camera, a selfie) drawn with Pillow.

The layout (hills, house, tree, sun) changes with the virtual clock's minute and the clouds drift with its
seconds, so photos taken at different times differ while the same instant always gives the same picture.
Shapes are placed in fractions of the frame, so the preview and the saved photo show the same scene.
"""

from __future__ import annotations

import random
from functools import lru_cache

from PIL import Image, ImageDraw

Color = tuple[int, int, int]
_SKIES: tuple[tuple[Color, Color], ...] = (
    ((33, 97, 196), (168, 206, 240)), ((58, 123, 213), (196, 224, 249)), ((25, 70, 150), (240, 190, 140)),
    ((70, 130, 200), (230, 236, 245)), ((40, 60, 120), (250, 160, 110)), ((20, 110, 190), (150, 215, 245)),
)
_GREENS: tuple[Color, ...] = ((76, 140, 74), (56, 118, 62), (98, 158, 80), (120, 150, 70), (46, 100, 60))
_WALLS: tuple[Color, ...] = ((214, 200, 180), (190, 170, 150), (200, 205, 215), (230, 215, 190))
_SHIRTS: tuple[Color, ...] = ((200, 60, 60), (60, 90, 170), (40, 130, 90), (230, 160, 40), (110, 70, 150))


def _gradient(top: Color, bottom: Color, size: tuple[int, int]) -> Image.Image:
    column = Image.new("RGB", (1, 256))
    column.putdata([tuple(round(a + (b - a) * i / 255) for a, b in zip(top, bottom, strict=True))
                    for i in range(256)])
    return column.resize(size, Image.Resampling.BILINEAR)


def _landscape(image: Image.Image, rng: random.Random, drift: float) -> None:
    w, h = image.size
    d = ImageDraw.Draw(image)
    sx, sy, sr = w * rng.uniform(0.15, 0.85), h * rng.uniform(0.08, 0.3), w * rng.uniform(0.05, 0.09)
    d.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=(255, 236, 150))
    for _ in range(rng.randrange(2, 5)):
        cx = (w * rng.uniform(0, 1) + drift * w * rng.uniform(0.2, 0.6)) % (w * 1.3) - w * 0.15
        cy, cw = h * rng.uniform(0.06, 0.35), w * rng.uniform(0.12, 0.25)
        for dx, dy, r in ((-0.5, 0.1, 0.35), (0, -0.1, 0.45), (0.5, 0.1, 0.35)):
            d.ellipse((cx + dx * cw - r * cw, cy + dy * cw - r * cw * 0.7, cx + dx * cw + r * cw,
                       cy + dy * cw + r * cw * 0.7), fill=(250, 250, 252))
    for layer in range(3):
        base = h * (0.55 + 0.1 * layer)
        points = [(0.0, float(h))] + [(w * i / 6, base - h * rng.uniform(0, 0.12)) for i in range(7)] + [
            (float(w), float(h))]
        d.polygon(points, fill=_GREENS[(rng.randrange(len(_GREENS)) + layer) % len(_GREENS)])
    _house(d, w, h, rng)
    tx, ty = w * rng.uniform(0.08, 0.3), h * rng.uniform(0.7, 0.8)
    d.rectangle((tx - w * 0.015, ty, tx + w * 0.015, ty + h * 0.1), fill=(110, 78, 50))
    d.ellipse((tx - w * 0.08, ty - h * 0.1, tx + w * 0.08, ty + h * 0.03), fill=(40, 110, 50))


def _house(d: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random) -> None:
    hx, hy, hw = w * rng.uniform(0.45, 0.7), h * rng.uniform(0.7, 0.78), w * rng.uniform(0.18, 0.26)
    d.rectangle((hx, hy, hx + hw, hy + hw * 0.7), fill=rng.choice(_WALLS))
    d.polygon([(hx - hw * 0.08, hy), (hx + hw / 2, hy - hw * 0.45), (hx + hw * 1.08, hy)], fill=(150, 60, 50))
    d.rectangle((hx + hw * 0.4, hy + hw * 0.35, hx + hw * 0.6, hy + hw * 0.7), fill=(90, 60, 40))
    for fx in (0.12, 0.7):
        d.rectangle((hx + hw * fx, hy + hw * 0.15, hx + hw * (fx + 0.18), hy + hw * 0.33), fill=(170, 210, 235))


def _selfie(image: Image.Image, rng: random.Random, drift: float) -> None:
    """The front camera: a person in front of a wall with a picture frame."""
    w, h = image.size
    d = ImageDraw.Draw(image)
    fx = w * rng.uniform(0.05, 0.6)
    d.rectangle((fx, h * 0.08, fx + w * 0.3, h * 0.28), fill=(120, 90, 60))
    d.rectangle((fx + w * 0.02, h * 0.09, fx + w * 0.28, h * 0.27), fill=rng.choice(_SKIES)[1])
    cx = w * (0.5 + 0.03 * (drift - 0.5))
    shirt = rng.choice(_SHIRTS)
    d.ellipse((cx - w * 0.42, h * 0.72, cx + w * 0.42, h * 1.25), fill=shirt)
    d.rectangle((cx - w * 0.07, h * 0.55, cx + w * 0.07, h * 0.75), fill=(225, 180, 150))
    d.ellipse((cx - w * 0.2, h * 0.3, cx + w * 0.2, h * 0.62), fill=(232, 190, 160))
    d.chord((cx - w * 0.21, h * 0.27, cx + w * 0.21, h * 0.5), 180, 360, fill=rng.choice(
        ((60, 40, 30), (20, 20, 20), (150, 100, 50))))
    for ex in (-0.07, 0.07):
        d.ellipse((cx + w * ex - w * 0.02, h * 0.44, cx + w * ex + w * 0.02, h * 0.47), fill=(40, 40, 40))
    d.arc((cx - w * 0.07, h * 0.48, cx + w * 0.07, h * 0.56), 20, 160, fill=(150, 60, 60), width=max(2, w // 150))


@lru_cache(maxsize=4)
def render(t_ms: int, width: int, height: int, front: bool = False) -> Image.Image:
    """The scene at virtual time `t_ms` (layout per minute, clouds per second), `width`x`height` RGB."""
    minute, second = divmod(t_ms // 1000, 60)
    rng = random.Random(minute * 2 + front)
    if front:
        r, g, b = rng.choice(_WALLS)
        image = _gradient(rng.choice(_WALLS), (r - 30, g - 30, b - 30), (width, height))
        _selfie(image, rng, second / 60)
    else:
        top, bottom = rng.choice(_SKIES)
        image = _gradient(top, bottom, (width, height))
        _landscape(image, rng, second / 60)
    return image
