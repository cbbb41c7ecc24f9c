"""Regenerate README's screenshots from the virtual phone (deterministic: same output every run).

    python scripts/make_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone


def tap_text(phone: VirtualPhone, *texts: str) -> None:
    """Tap the first element whose text or content-desc is one of `texts`."""
    for element in parse_hierarchy(phone.dump()):
        if element.text in texts or element.content_desc in texts:
            phone.tap(*element.bounds.center)
            return
    raise SystemExit(f"none of {texts} is on screen")


def save(phone: VirtualPhone, path: Path) -> None:
    phone.screenshot().resize((540, 1200)).save(path, optimize=True)
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with VirtualPhone() as phone:
        save(phone, out / "home.png")
        tap_text(phone, "Settings")
        tap_text(phone, "Display")
        save(phone, out / "settings.png")
        phone.press_key("HOME")
        tap_text(phone, "Contacts")
        tap_text(phone, "Create contact")
        tap_text(phone, "First name")
        phone.input_text("Zoë")
        save(phone, out / "contacts_editor.png")
        apps = sorted(phone.host.launchable(), key=lambda app: app.LABEL)
    for app in apps:
        with VirtualPhone() as fresh:
            stage(fresh)
            tap_text(fresh, app.LABEL)
            save(fresh, out / f"app_{app.PACKAGE.rpartition('.')[2]}.png")


def stage(phone: VirtualPhone) -> None:
    """A little media on the phone, so Gallery and Files have something to show (a new phone has none)."""
    gallery = phone.host.apps["com.android.gallery3d"]
    for i, color in enumerate(("#4285F4", "#34A853", "#FBBC05", "#EA4335", "#9C27B0")):
        gallery.add_image(f"/sdcard/Pictures/IMG_2026101{i}_120000.jpg", color=color,  # type: ignore[attr-defined]
                          mtime=phone.clock.now_ms() / 1000 - 3600 * (i + 1))
    files = phone.host.apps["com.android.documentsui"]
    files.write_file("/sdcard/Download/boarding-pass.pdf", b"%PDF-1.4\n")  # type: ignore[attr-defined]
    files.write_file("/sdcard/Download/notes.txt", b"Buy milk\n")  # type: ignore[attr-defined]
    phone.invalidate()


if __name__ == "__main__":
    main()
