"""GalleryApp: package declaration, view intents and the seed API (real image files on shared storage)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PIL import Image, ImageColor, ImageDraw, ImageFont

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.gallery import media
from droidpilot.emulator.virtual.apps.gallery.grid import GalleryActivity
from droidpilot.emulator.virtual.apps.gallery.photo_page import PhotoPage

_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_VIEW_PREFIXES = (*(f"file://{root}/{folder}/" for root in ("/sdcard", "/storage/emulated/0")
                     for folder in ("DCIM", "Pictures")),
                   *(f"content://media/{volume}/images/media/" for volume in ("external", "external_primary")))


class GalleryApp(App):
    PACKAGE: ClassVar[str] = "com.android.gallery3d"
    LABEL: ClassVar[str] = "Gallery"
    ICON: ClassVar[str] = "photo"
    COLOR: ClassVar[str] = "orange"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (GalleryActivity, PhotoPage)
    LAUNCHER: ClassVar[type[Activity] | None] = GalleryActivity
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = tuple((p, PhotoPage) for p in _VIEW_PREFIXES)
    FILE_TYPES: ClassVar[tuple[str, ...]] = ("image/*",)

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def add_image(self, device_path: str, width: int = 640, height: int = 480,
                  color: str | tuple[int, int, int] = "#4285F4", mtime: float | None = None, text: str = "") -> str:
        """Write a real `width`x`height` image filled with `color` (`#rrggbb`, a CSS name or an RGB tuple) at
        `device_path` (on /sdcard; .jpg/.jpeg/.png/.webp picks the format), dated `mtime` (epoch seconds;
        default: the virtual clock's now), with `text` written on it in black, one line per line (a receipt, a
        list to transcribe). Returns the canonical `/sdcard/...` path."""
        host = media.inside_sdcard(self.host.fs, device_path)
        fmt = _FORMATS.get(Path(device_path).suffix.lower())
        if host is None or fmt is None:
            raise ValueError(f"not an image path on shared storage: {device_path}")
        rgb = ImageColor.getrgb(color) if isinstance(color, str) else color
        host.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (width, height), rgb[:3])
        if text:
            ImageDraw.Draw(image).multiline_text((24, 24), text, fill=(0, 0, 0), spacing=10,
                                                 font=ImageFont.load_default(size=26))
        image.save(host, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
        when_ms = self.host.clock.now_ms() if mtime is None else round(mtime * 1000)
        media.set_mtime(host, when_ms)
        return self.host.fs.device_path(host)

    def images(self) -> list[str]:
        """Device paths of every picture the grid shows (DCIM, Pictures, Download), newest first."""
        return media.scan(self.host.fs, videos=False)

    def media_files(self) -> list[str]:
        """Pictures and videos, in the grid's order (newest first)."""
        return media.scan(self.host.fs)
