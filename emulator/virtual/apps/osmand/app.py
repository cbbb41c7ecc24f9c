"""OsmAndApp: favourites (OsmAnd's favorites.gpx), map markers (its `map_markers_db`) and tracks (GPX files in
`files/tracks/`), where OsmAnd keeps them, and the seed API."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.osmand.main import MapActivity
from droidpilot.emulator.virtual.apps.osmand.region import Point

FILES_DIR = "/storage/emulated/0/Android/data/net.osmand/files"
"""OsmAnd's external files (AndroidWorld reads them as /data/media/0/Android/data/net.osmand/files)."""
GPX_NS = "http://www.topografix.com/GPX/1/1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS map_markers (marker_id TEXT PRIMARY KEY, marker_lat DOUBLE, marker_lon DOUBLE,
    marker_description TEXT, marker_active INTEGER, marker_added LONG, marker_visited LONG, group_name TEXT,
    group_key TEXT, marker_color INTEGER, marker_next_key TEXT, marker_disabled INTEGER, marker_selected INTEGER,
    marker_map_object_name TEXT, title TEXT);
"""


def _gpx_root() -> ET.Element:
    ET.register_namespace("", GPX_NS)
    return ET.Element(f"{{{GPX_NS}}}gpx", {"version": "1.1", "creator": "OsmAnd"})


def _write_gpx(path: Path, root: ET.Element) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n{body}\n")


class OsmAndApp(App):
    PACKAGE: ClassVar[str] = "net.osmand"
    LABEL: ClassVar[str] = "OsmAnd"
    ICON: ClassVar[str] = "flag"
    COLOR: ClassVar[str] = "orange"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MapActivity,)
    LAUNCHER: ClassVar[type[Activity] | None] = MapActivity
    DATABASE: ClassVar[str] = "map_markers_db"
    SCHEMA: ClassVar[str] = SCHEMA

    @property
    def files_dir(self) -> Path:
        return self.host.fs.host_path(FILES_DIR)

    @property
    def favorites_path(self) -> Path:
        return self.files_dir / "favorites" / "favorites.gpx"

    @property
    def tracks_dir(self) -> Path:
        return self.files_dir / "tracks"

    def _stamp(self) -> str:
        return datetime.fromtimestamp(self.host.clock.now_ms() / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # -- favourites -------------------------------------------------------------------------------------------
    def favorites(self) -> list[dict[str, Any]]:
        try:
            root = ET.parse(self.favorites_path).getroot()
        except (OSError, ET.ParseError):
            return []
        return [{"name": w.findtext(f"{{{GPX_NS}}}name", ""), "lat": float(w.get("lat", "0")),
                 "lon": float(w.get("lon", "0"))} for w in root.findall(f"{{{GPX_NS}}}wpt")]

    def add_favorite(self, name: str, point: Point) -> None:
        """Also the seed API."""
        self._write_favorites([*self.favorites(), {"name": name, "lat": point[0], "lon": point[1]}])

    def delete_favorite(self, index: int) -> None:
        self._write_favorites([f for i, f in enumerate(self.favorites()) if i != index])

    def _write_favorites(self, items: list[dict[str, Any]]) -> None:
        root = _gpx_root()
        for item in items:
            wpt = ET.SubElement(root, f"{{{GPX_NS}}}wpt", {"lat": f"{item['lat']:.7f}", "lon": f"{item['lon']:.7f}"})
            ET.SubElement(wpt, f"{{{GPX_NS}}}time").text = self._stamp()
            ET.SubElement(wpt, f"{{{GPX_NS}}}name").text = item["name"]
        _write_gpx(self.favorites_path, root)

    # -- map markers ------------------------------------------------------------------------------------------
    def markers(self) -> list[dict[str, Any]]:
        with self.db() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM map_markers ORDER BY marker_added, marker_id")]

    def add_marker(self, name: str, point: Point) -> None:
        """Also the seed API. OsmAnd keys a marker by its coordinates."""
        now = self.host.clock.now_ms()
        with self.db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO map_markers (marker_id, marker_lat, marker_lon, marker_description, "
                "marker_active, marker_added, marker_visited, group_name, group_key, marker_color, marker_next_key, "
                "marker_disabled, marker_selected, marker_map_object_name, title) VALUES (?, ?, ?, ?, 1, ?, 0, '', "
                "'', 0, '', 0, 0, '', ?)",
                (f"{point[0]:.5f},{point[1]:.5f}", point[0], point[1], f"PointDescription:{name}", now, name))

    def remove_marker(self, marker_id: str) -> None:
        with self.db() as conn:
            conn.execute("DELETE FROM map_markers WHERE marker_id = ?", (marker_id,))

    # -- tracks -----------------------------------------------------------------------------------------------
    def save_track(self, name: str, points: list[Point]) -> Path:
        """A GPX track `tracks/NAME.gpx` (one segment through the points), as Plan a route saves it."""
        root = _gpx_root()
        ET.SubElement(ET.SubElement(root, f"{{{GPX_NS}}}metadata"), f"{{{GPX_NS}}}name").text = name
        trk = ET.SubElement(root, f"{{{GPX_NS}}}trk")
        ET.SubElement(trk, f"{{{GPX_NS}}}name").text = name
        seg = ET.SubElement(trk, f"{{{GPX_NS}}}trkseg")
        for lat, lon in points:
            ET.SubElement(seg, f"{{{GPX_NS}}}trkpt", {"lat": f"{lat:.7f}", "lon": f"{lon:.7f}"})
        path = self.tracks_dir / f"{name}.gpx"
        _write_gpx(path, root)
        return path

    def tracks(self) -> list[str]:
        return sorted(p.name for p in self.tracks_dir.glob("*.gpx")) if self.tracks_dir.is_dir() else []

    def clear(self) -> None:
        """Seed API: no favourites, markers or tracks."""
        self.favorites_path.unlink(missing_ok=True)
        for path in self.tracks_dir.glob("*.gpx") if self.tracks_dir.is_dir() else []:
            path.unlink()
        with self.db() as conn:
            conn.execute("DELETE FROM map_markers")
