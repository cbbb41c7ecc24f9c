"""The pictures VLC's player shows: a video file decoded with PyAV (FFmpeg), frame by frame with start times.

Any file FFmpeg reads plays (the seeded Motion-JPEG MP4s, `screenrecord`'s H.264). Decoded files are cached by
(path, mtime, size); a long video keeps at most one frame per FRAME_STEP_MS and MAX_FRAMES in all, each scaled
to fit MAX_SIDE, so memory stays bounded whatever is pushed to the phone.
"""

from __future__ import annotations

import bisect
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import av
from PIL import Image, ImageOps

FRAME_STEP_MS = 100
MAX_FRAMES = 1200
MAX_SIDE = 1080
_CACHED_FILES = 6


@dataclass
class Frames:
    starts_ms: list[int]
    images: list[Image.Image]
    duration_ms: int
    _scaled: dict[tuple[int, int, int], Image.Image] = field(default_factory=dict)

    def index_at(self, position_ms: int) -> int:
        return max(0, bisect.bisect_right(self.starts_ms, position_ms) - 1)

    def fitted(self, position_ms: int, size: tuple[int, int]) -> Image.Image:
        """The frame showing at `position_ms`, scaled to fit `size` (kept for the next paint)."""
        index = self.index_at(position_ms)
        key = (index, *size)
        if key not in self._scaled:
            if len(self._scaled) > 8:
                self._scaled.clear()
            self._scaled[key] = ImageOps.contain(self.images[index], size, Image.Resampling.BILINEAR)
        return self._scaled[key]


_cache: OrderedDict[tuple[str, int, int], Frames | None] = OrderedDict()


def _decode(path: Path) -> Frames | None:
    starts: list[int] = []
    images: list[Image.Image] = []
    with av.open(os.fspath(path)) as container:  # fspath: the phone's sandbox checks the path first
        if not container.streams.video:
            return None
        stream = container.streams.video[0]
        base = float(stream.time_base or 0)
        for frame in container.decode(stream):
            start = int((frame.pts or 0) * base * 1000)
            if starts and start < starts[-1] + FRAME_STEP_MS:
                continue
            image = frame.to_image()
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            starts.append(start)
            images.append(image)
            if len(images) >= MAX_FRAMES:
                break
        duration = int(container.duration / 1000) if container.duration else (starts[-1] if starts else 0)
    return Frames(starts, images, duration) if images else None


def frames_of(path: Path) -> Frames | None:
    """The file's frames, or None when it is missing or no video FFmpeg can decode."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    try:
        decoded = _decode(path)
    except (av.FFmpegError, OSError, ValueError):
        decoded = None
    _cache[key] = decoded
    while len(_cache) > _CACHED_FILES:
        _cache.popitem(last=False)
    return decoded
