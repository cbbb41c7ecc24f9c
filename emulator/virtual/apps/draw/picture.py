"""Writing a drawing to a file: PNG and JPG through Pillow, SVG as path elements, the three formats Simple Draw
Pro saves. A stroke is `[x1, y1, x2, y2, "#rrggbb", width]` in canvas pixels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

EXTENSIONS = ("png", "svg", "jpg")
STORAGE_ROOT = "/storage/emulated/0"
"""Shared storage, where the save dialog's folder picker starts and which it cannot leave."""
BACKGROUND = "#ffffff"

Stroke = list[Any]


def render(strokes: list[Stroke], size: tuple[int, int]) -> Image.Image:
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    for x1, y1, x2, y2, color, width in strokes:
        draw.line((x1, y1, x2, y2), fill=color, width=max(1, int(width)))
        radius = max(1, int(width)) // 2  # round caps, as the app's Paint uses
        for x, y in ((x1, y1), (x2, y2)):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=color)
    return image


def svg(strokes: list[Stroke], size: tuple[int, int]) -> str:
    paths = "".join(f'<path d="M{x1},{y1} L{x2},{y2}" fill="none" stroke="{color}" stroke-width="{width}" '
                    f'stroke-linecap="round"/>' for x1, y1, x2, y2, color, width in strokes)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size[0]}" height="{size[1]}">'
            f'<rect width="{size[0]}" height="{size[1]}" fill="{BACKGROUND}"/>{paths}</svg>')


def write(path: Path, strokes: list[Stroke], size: tuple[int, int]) -> None:
    """Save the drawing in the format its extension names (the dialog only offers the three)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    extension = path.suffix.lower().lstrip(".")
    if extension == "svg":
        path.write_text(svg(strokes, size))
    elif extension == "jpg":
        render(strokes, size).save(path, "JPEG", quality=90)
    else:
        render(strokes, size).save(path, "PNG")
