"""Regenerate README's screenshots from the virtual phone (deterministic: same output every run).

    python scripts/make_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from emulator.uitree import parse_hierarchy
from emulator.virtual import VirtualPhone


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
        for info in sorted(phone.host.launchable(), key=lambda app: app.LABEL):
            phone.press_key("HOME")
            tap_text(phone, info.LABEL)
            save(phone, out / f"app_{info.PACKAGE.rpartition('.')[2]}.png")


if __name__ == "__main__":
    main()
