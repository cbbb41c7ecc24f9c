"""The screenshot PNG encoder: standard PNGs whose decoded pixels are exactly the input's."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image

from droidpilot.emulator.png import encode_png
from droidpilot.emulator.virtual import VirtualPhone


def _decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("size", [(1, 1), (3, 2), (37, 19)])
def test_random_pixels_round_trip(size: tuple[int, int]) -> None:
    rng = random.Random(size[0])
    image = Image.frombytes("RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3)))
    decoded = _decoded(encode_png(image))
    assert decoded.format == "PNG" and decoded.size == size
    assert decoded.convert("RGB").tobytes() == image.tobytes()


@pytest.mark.parametrize("size", [(2400, 1080), (2200, 2200)])
def test_large_frames_round_trip(size: tuple[int, int]) -> None:
    """Landscape, and a frame Pillow keeps in several memory blocks (read by copying, not in place)."""
    pixels = np.random.default_rng(size[0]).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    image = Image.fromarray(pixels)
    assert np.array_equal(np.asarray(_decoded(encode_png(image)).convert("RGB")), pixels)


def test_alpha_is_dropped_to_rgb() -> None:
    assert _decoded(encode_png(Image.new("RGBA", (4, 4), (9, 8, 7, 3)))).getpixel((2, 2)) == (9, 8, 7)


def test_a_phone_screen_round_trips_and_compresses() -> None:
    with VirtualPhone() as phone:
        shot = phone.screenshot()
    data = encode_png(shot)
    assert _decoded(data).convert("RGB").tobytes() == shot.tobytes()
    assert len(data) < len(shot.tobytes()) // 20
