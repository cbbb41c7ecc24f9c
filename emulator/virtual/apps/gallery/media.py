"""The media Gallery shows: files found on shared storage (as MediaStore would index them), decoded images
cached in memory, copies, and the facts the Details dialog lists.

Nothing here keeps screen state: the cache is keyed by (path, mtime, size) so a changed file is re-read.
"""

from __future__ import annotations

import io
import os
import shutil
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import av
from PIL import Image, ImageOps

from droidpilot.emulator.virtual.fs import VirtualFS

IMAGE_TYPES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
VIDEO_TYPES = frozenset({".mp4"})
"""The extensions Gallery decodes (types from the shared MimeTypeMap)."""
MEDIA_DIRS = ("DCIM", "Pictures", "Download")
"""Folders under /sdcard whose pictures and videos the grid shows (recursively, hidden entries skipped)."""
_CACHE_PIXELS = 16_000_000
"""Decoded images kept in memory (about 48 MB of RGB): a screen of thumbnails plus a few full-screen views."""
_cache: OrderedDict[tuple[object, ...], Image.Image] = OrderedDict()


def is_image(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_TYPES


def is_video(name: str) -> bool:
    return Path(name).suffix.lower() in VIDEO_TYPES


def _visible(path: Path, base: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def scan(fs: VirtualFS, videos: bool = True) -> list[str]:
    """Device paths of every picture (and video) in the media folders, newest first by mtime, then by name."""
    found: list[tuple[float, str, str]] = []
    for folder in MEDIA_DIRS:
        base = fs.sdcard / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            wanted = is_image(path.name) or (videos and is_video(path.name))
            if wanted and path.is_file() and _visible(path, fs.sdcard):
                found.append((path.stat().st_mtime, path.name, fs.device_path(path)))
    found.sort(reverse=True)
    return [device for _, _, device in found]


def inside_sdcard(fs: VirtualFS, device_path: str) -> Path | None:
    """The host path of a device path on shared storage, or None when it points anywhere else."""
    host = fs.host_path(device_path)
    try:
        host.relative_to(fs.sdcard)
    except ValueError:
        return None
    return host


def _cached(key: tuple[object, ...]) -> Image.Image | None:
    image = _cache.get(key)
    if image is not None:
        _cache.move_to_end(key)
    return image


def _remember(key: tuple[object, ...], image: Image.Image) -> Image.Image:
    _cache[key] = image
    while len(_cache) > 1 and sum(i.width * i.height for i in _cache.values()) > _CACHE_PIXELS:
        _cache.popitem(last=False)
    return image


def _decode(path: Path, target: tuple[int, int]) -> Image.Image:
    """The picture, or a video's first frame (its poster), in RGB; JPEG decodes at reduced scale when it can."""
    if is_video(path.name):
        data = path.read_bytes()
        start = data.find(b"\xff\xd8\xff")
        image = Image.open(io.BytesIO(data[start:])) if start >= 0 else _first_frame(data)
    else:
        image = Image.open(path)
    image.draft("RGB", target)
    return ImageOps.exif_transpose(image).convert("RGB")


def _first_frame(data: bytes) -> Image.Image:
    """A video that is no Motion-JPEG (screenrecord's H.264): its first frame, decoded by FFmpeg (PyAV)."""
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            for frame in container.decode(video=0):
                return frame.to_image()
    except (av.FFmpegError, IndexError) as exc:
        raise OSError(f"no poster frame: {exc}") from None
    raise OSError("no poster frame")


def load(path: Path, size: tuple[int, int], crop: bool) -> Image.Image | None:
    """`path` scaled to `size`: centre-cropped to fill it (`crop`), or fitted inside it. None if unreadable."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size, size, crop)
    hit = _cached(key)
    if hit is not None:
        return hit
    try:
        image = _decode(path, size)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if crop:
        image = ImageOps.fit(image, size, Image.Resampling.BILINEAR)
    else:
        image = ImageOps.contain(image, size, Image.Resampling.BILINEAR)
    return _remember(key, image)


def copy_name(host: Path) -> Path:
    """Where "Save a copy" writes: `NAME_copy.EXT` beside the original, then `NAME_copy_2.EXT`, `_3`, ..."""
    stem, suffix = host.stem, host.suffix
    candidate = host.with_name(f"{stem}_copy{suffix}")
    n = 2
    while candidate.exists():
        candidate = host.with_name(f"{stem}_copy_{n}{suffix}")
        n += 1
    return candidate


def save_copy(host: Path, now_ms: int, folder: Path | None = None) -> Path:
    """A byte-for-byte copy (same pixels, same EXIF), dated now so it sorts first in the grid. Into `folder`
    it keeps its name unless that is taken there; beside the original it is always `NAME_copy...`."""
    target = (folder or host.parent) / host.name
    if target.exists():
        target = copy_name(target)
    shutil.copyfile(host, target)
    set_mtime(target, now_ms)
    return target


def folders(fs: VirtualFS) -> list[str]:
    """Folders a picture can be copied to: /sdcard's top-level folders and theirs (`DCIM/Camera`), A-Z."""
    found: list[str] = []
    for top in sorted(p for p in fs.sdcard.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found.append(top.name)
        found += sorted(f"{top.name}/{sub.name}" for sub in top.iterdir()
                        if sub.is_dir() and not sub.name.startswith("."))
    return found


def set_mtime(path: Path, now_ms: int) -> None:
    t = now_ms / 1000
    os.utime(path, (t, t))


@dataclass(frozen=True)
class Details:
    title: str
    taken: str
    width: int
    height: int
    size: str
    path: str


def human_size(n: int) -> str:
    """Android's Formatter.formatFileSize style (1000-based units)."""
    value = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.2f} {unit}"
        value /= 1000
    return f"{n} B"


def dimensions(host: Path) -> tuple[int, int]:
    """Width and height as shown (EXIF rotation applied); a video's are its first frame's. (0, 0) if unreadable."""
    try:
        if is_video(host.name):
            return _decode(host, (1 << 16, 1 << 16)).size
        with Image.open(host) as image:
            w, h = image.size
            return (h, w) if image.getexif().get(0x0112) in (5, 6, 7, 8) else (w, h)
    except (OSError, ValueError):
        return 0, 0


def details(fs: VirtualFS, device_path: str) -> Details | None:
    host = inside_sdcard(fs, device_path)
    if host is None or not host.is_file():
        return None
    stat = host.stat()
    width, height = dimensions(host)
    taken = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    when = f"{taken:%b} {taken.day}, {taken.year} {taken.hour % 12 or 12}:{taken:%M:%S} {taken:%p}"
    return Details(host.name, when, width, height, human_size(stat.st_size),
                   "/storage/emulated/0" + device_path.removeprefix("/sdcard"))
