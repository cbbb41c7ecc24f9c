"""SimpleDrawApp: the app's preferences (brush colour and size, the last save folder and format) and the seed
API. The drawing itself is screen state, as in the real app, until it is saved to a file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.draw.main import MainActivity
from droidpilot.emulator.virtual.apps.draw.picture import EXTENSIONS, STORAGE_ROOT

DEFAULTS: dict[str, str] = {"brush_color": "#000000", "brush_size": "25", "last_save_folder": STORAGE_ROOT,
                            "last_save_extension": "png"}


class SimpleDrawApp(App):
    PACKAGE: ClassVar[str] = "com.simplemobiletools.draw.pro"
    LABEL: ClassVar[str] = "Simple Draw Pro"
    ICON: ClassVar[str] = "edit"
    COLOR: ClassVar[str] = "orange"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity,)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity

    @property
    def prefs_path(self) -> Path:
        return self.data_dir / "shared_prefs" / f"{self.PACKAGE}_preferences.xml"

    def prefs(self) -> dict[str, str]:
        try:
            root = ET.parse(self.prefs_path).getroot()
        except (OSError, ET.ParseError):
            return dict(DEFAULTS)
        stored = {n.get("name", ""): n.get("value", n.text or "") for n in root}
        return {**DEFAULTS, **stored}

    def put_prefs(self, **values: str) -> None:
        merged = {**self.prefs(), **values}
        root = ET.Element("map")
        for name, value in sorted(merged.items()):
            if name == "brush_size":
                ET.SubElement(root, "float", name=name, value=value)
            else:
                ET.SubElement(root, "string", name=name).text = value
        self.prefs_path.parent.mkdir(parents=True, exist_ok=True)
        body = ET.tostring(root, encoding="unicode")
        self.prefs_path.write_text(f"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n{body}\n")

    @property
    def brush_color(self) -> str:
        return self.prefs()["brush_color"]

    @property
    def brush_size(self) -> int:
        return round(float(self.prefs()["brush_size"]))

    def save_folder(self) -> str:
        """The folder the save dialog proposes: the last one used, if it still exists."""
        folder = self.prefs()["last_save_folder"]
        return folder if self.host.fs.host_path(folder).is_dir() else STORAGE_ROOT

    def save_extension(self) -> str:
        extension = self.prefs()["last_save_extension"]
        return extension if extension in EXTENSIONS else "png"

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def set_brush(self, color: str = "#000000", size: int = 25) -> None:
        """Set the brush colour (`#rrggbb`) and width in pixels."""
        self.put_prefs(brush_color=color, brush_size=f"{float(size)}")

    def reset(self) -> None:
        """Forget the preferences: black brush, default size, save dialog back at the storage root, PNG."""
        self.prefs_path.unlink(missing_ok=True)

    def list_pictures(self, folder: str = STORAGE_ROOT + "/Pictures") -> list[str]:
        """The file names in `folder`, sorted."""
        path = self.host.fs.host_path(folder)
        return sorted(p.name for p in path.iterdir() if p.is_file()) if path.is_dir() else []
