"""Fonts and text measurement. DejaVu Sans when the system has it (Debian's fonts-dejavu-core), else Pillow's
bundled font, so rendering works everywhere and is deterministic on a given machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

_CANDIDATES = {
    False: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"),
    True: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=64)
def font(size_px: int, bold: bool = False) -> Font:
    for candidate in _CANDIDATES[bold]:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size_px)
    return ImageFont.load_default(size=size_px)


@lru_cache(maxsize=4096)
def text_width(text: str, size_px: int, bold: bool = False) -> int:
    return int(font(size_px, bold).getlength(text))


def wrap_lines(text: str, size_px: int, bold: bool, width: int) -> list[str]:
    """Greedy word wrap; words longer than a line are broken by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size_px, bold) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
            while text_width(line, size_px, bold) > width and len(line) > 1:
                cut = _fit(line, size_px, bold, width)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _fit(text: str, size_px: int, bold: bool, width: int) -> int:
    cut = len(text) - 1
    while cut > 1 and text_width(text[:cut], size_px, bold) > width:
        cut -= 1
    return cut


def ellipsize(text: str, size_px: int, bold: bool, width: int) -> str:
    if text_width(text, size_px, bold) <= width:
        return text
    cut = _fit(text + "…", size_px, bold, width)
    return text[: max(0, cut - 1)] + "…"
