"""Fonts and text measurement. DejaVu Sans when the system has it (Debian's fonts-dejavu-core), else Pillow's
bundled font, so rendering works everywhere and is deterministic on a given machine. CJK text falls back to
Droid Sans Fallback (Debian's fonts-droid-fallback), the font Android itself used for it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

_CANDIDATES = {
    False: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"),
    True: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}

_CJK_CANDIDATES = ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                   "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf")
# CJK radicals to Yi, Hangul syllables, CJK compatibility ideographs, full-width forms.
_CJK_RANGES = ((0x2E80, 0xA4CF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""Line and paragraph separators (what `str.splitlines` splits on). Raqm lays out one paragraph: given a
separator of Unicode bidi class B (\\n, \\r, \\x1c-\\x1e, \\x85, \\u2029) it fails with 'raqm_layout() failed'."""
MAX_LINE_CHARS = 1000
"""Characters of one line handed to Pillow: a screen shows far fewer, and Pillow renders a line into one mask
image before clipping it, so a 300,000-character line would need gigapixels."""


def one_line(text: str) -> str:
    """`text` as one line Pillow can lay out: separators become spaces, the length is capped."""
    return _BREAKS.sub(" ", text[:MAX_LINE_CHARS])


def paragraphs(text: str) -> list[str]:
    return _BREAKS.split(text)


@lru_cache(maxsize=64)
def font(size_px: int, bold: bool = False, cjk: bool = False) -> Font:
    for candidate in (_CJK_CANDIDATES if cjk else ()) + _CANDIDATES[bold]:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size_px)
    return ImageFont.load_default(size=size_px)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def runs(text: str) -> list[tuple[str, bool]]:
    """`text` split into runs that one font draws: (segment, needs the CJK font)."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        cjk = is_cjk(ch)
        if out and out[-1][1] == cjk:
            out[-1] = (out[-1][0] + ch, cjk)
        else:
            out.append((ch, cjk))
    return out


@lru_cache(maxsize=4096)
def text_width(text: str, size_px: int, bold: bool = False) -> int:
    """Width of one line; a stray line break counts as a space (raqm's layout refuses paragraph breaks)."""
    line = one_line(text)
    return int(sum(font(size_px, bold, cjk).getlength(seg) for seg, cjk in runs(line)))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size_px: int, bold: bool,
              fill: tuple[int, int, int], anchor: str = "la") -> None:
    """Draw one line of text with per-run font fallback; `anchor` is Pillow's two-letter anchor."""
    text = one_line(text)
    parts = runs(text)
    if len(parts) <= 1:
        draw.text(xy, text, font=font(size_px, bold, bool(parts and parts[0][1])), fill=fill, anchor=anchor)
        return
    total = text_width(text, size_px, bold)
    x = xy[0] - {"r": total, "m": total / 2}.get(anchor[0], 0)
    for segment, cjk in parts:
        face = font(size_px, bold, cjk)
        draw.text((x, xy[1]), segment, font=face, fill=fill, anchor="l" + anchor[1])
        x += face.getlength(segment)


def wrap_lines(text: str, size_px: int, bold: bool, width: int) -> list[str]:
    """Greedy word wrap; words longer than a line are broken by characters."""
    lines: list[str] = []
    for paragraph in paragraphs(text):
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
    """The longest prefix (at least 1, at most len - 1 characters) that fits `width`: a binary search, since a
    prefix is never wider than a longer one."""
    lo, hi = 1, max(1, len(text) - 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid], size_px, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def ellipsize(text: str, size_px: int, bold: bool, width: int) -> str:
    if text_width(text, size_px, bold) <= width:
        return text
    cut = _fit(text + "…", size_px, bold, width)
    return text[: max(0, cut - 1)] + "…"
