"""Writing captures to /sdcard/DCIM/Camera: JPEG photos with EXIF, MJPEG-in-MP4 videos, named and dated from
the virtual clock as Camera2 names them (`IMG_YYYYMMDD_HHMMSS.jpg`, `VID_YYYYMMDD_HHMMSS.mp4`, `_1`, `_2`...
when that second is taken)."""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

from PIL import Image

from droidpilot.emulator.virtual.apps.camera import scene
from droidpilot.emulator.virtual.apps.camera.mp4 import mjpeg_mp4
from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.fs import VirtualFS

CAMERA_DIR = "/sdcard/DCIM/Camera"
PHOTO_SIZE = (960, 1280)
"""Portrait 3:4, like a phone held upright (kept small so a capture costs a few milliseconds)."""
VIDEO_SIZE = (240, 320)
MAX_VIDEO_FRAMES = 10
"""One frame per recorded second, at most this many: enough for a real, playable file, cheap to write."""
MAKE, MODEL = "Google", "sdk_gphone64_x86_64"
CAPTURE_EXTENSIONS = (".jpg", ".mp4")


def camera_dir(fs: VirtualFS) -> Path:
    return fs.host_path(CAMERA_DIR)


def unique_path(folder: Path, prefix: str, when: datetime, suffix: str) -> Path:
    base = f"{prefix}_{when:%Y%m%d_%H%M%S}"
    path = folder / f"{base}{suffix}"
    n = 1
    while path.exists():
        path = folder / f"{base}_{n}{suffix}"
        n += 1
    return path


def _stamp(path: Path, ms: int) -> None:
    t = ms / 1000
    os.utime(path, (t, t))


def _exif(when: datetime) -> Image.Exif:
    exif = Image.Exif()
    stamp = f"{when:%Y:%m:%d %H:%M:%S}"
    exif[0x010F], exif[0x0110], exif[0x0132] = MAKE, MODEL, stamp
    exif.get_ifd(0x8769).update({0x9003: stamp, 0x9004: stamp})  # DateTimeOriginal, DateTimeDigitized
    return exif


def take_photo(fs: VirtualFS, clock: VirtualClock, front: bool = False) -> Path:
    """Save what the camera sees now as a JPEG; returns its host path."""
    folder = camera_dir(fs)
    folder.mkdir(parents=True, exist_ok=True)
    now = clock.now()
    path = unique_path(folder, "IMG", now, ".jpg")
    image = scene.render(clock.now_ms() // 1000 * 1000, *PHOTO_SIZE, front=front)
    image.save(path, "JPEG", quality=85, exif=_exif(now).tobytes())
    _stamp(path, clock.now_ms())
    return path


def _frame(t_ms: int, front: bool) -> bytes:
    out = io.BytesIO()
    scene.render(t_ms, *VIDEO_SIZE, front=front).save(out, "JPEG", quality=75)
    return out.getvalue()


def save_video(fs: VirtualFS, clock: VirtualClock, started_ms: int, front: bool = False) -> Path:
    """Finish a recording begun at `started_ms`: an MP4 named from its start, lasting until now."""
    folder = camera_dir(fs)
    folder.mkdir(parents=True, exist_ok=True)
    duration = max(1, clock.now_ms() - started_ms)
    count = max(1, min(MAX_VIDEO_FRAMES, duration // 1000))
    frames = [_frame(started_ms + i * duration // count, front) for i in range(count)]
    start = VirtualClock(started_ms).now()
    path = unique_path(folder, "VID", start, ".mp4")
    path.write_bytes(mjpeg_mp4(frames, *VIDEO_SIZE, duration, started_ms // 1000))
    _stamp(path, clock.now_ms())
    return path


def captures(fs: VirtualFS) -> list[Path]:
    """Photos and videos in DCIM/Camera, oldest first (by mtime, then name)."""
    folder = camera_dir(fs)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in CAPTURE_EXTENSIONS
             and not p.name.startswith(".")]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))
