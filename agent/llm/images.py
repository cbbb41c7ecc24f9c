"""Screenshots as data URLs for chat requests: downscaled so the longer side is at most `max_side`, encoded as
JPEG by default.

Why JPEG: on the virtual phone's screens at 1024 px (461x1024), JPEG q85 is 1.5-2.2x smaller than PNG
(12-48 KB vs 17-106 KB over 13 screens) and ~8x faster to encode (~1 ms vs ~9 ms, after the resize); on real
phones with photos and gradients the gap is far larger. Token cost is set by the pixel size, not the bytes,
and q85 keeps small UI text legible. WebP would be smaller still, but not every local server decodes it
(llama.cpp's stb_image does not). PNG stays available for pixel-exact needs.
"""

from __future__ import annotations

import base64
import io
import math
from typing import Literal

from PIL import Image

ImageFormat = Literal["jpeg", "png"]


def downscale(image: Image.Image, max_side: int) -> Image.Image:
    """A copy whose longer side is at most `max_side` (aspect ratio kept); never upscales."""
    width, height = image.size
    scale = max_side / max(width, height)
    if scale >= 1:
        return image.copy()
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # bicubic after a box pre-reduction: ~20 ms for a 1080x2400 screen where Lanczos takes ~30 ms, same legibility
    return image.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)


def encode_image(image: Image.Image, *, max_side: int = 1024, fmt: ImageFormat = "jpeg", quality: int = 85) -> bytes:
    """The image downscaled and encoded; JPEG drops alpha onto white first."""
    small = downscale(image, max_side)
    buffer = io.BytesIO()
    if fmt == "jpeg":
        _flatten(small).save(buffer, "JPEG", quality=quality, optimize=True)
    else:
        small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def image_data_url(image: Image.Image, *, max_side: int = 1024, fmt: ImageFormat = "jpeg", quality: int = 85) -> str:
    """`data:image/...;base64,...` for an `image_url` content part."""
    data = encode_image(image, max_side=max_side, fmt=fmt, quality=quality)
    return f"data:image/{fmt};base64,{base64.b64encode(data).decode('ascii')}"


def estimate_image_tokens(size: tuple[int, int], detail: str = "auto") -> int:
    """OpenAI's published rule for GPT-4o-class models: 85 base tokens, plus 170 per 512 px tile at high detail
    after fitting into 2048x2048 and scaling the short side to at most 768. Used when a server omits usage."""
    if detail == "low":
        return 85
    fit = min(1.0, 2048 / max(size))
    width, height = size[0] * fit, size[1] * fit
    short = min(1.0, 768 / min(width, height))
    width, height = width * short, height * short
    return 85 + 170 * math.ceil(width / 512) * math.ceil(height / 512)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
