"""OsmAnd driven through its UI on the bundled offline map: search by name or coordinates, favourites written to
favorites.gpx, markers to map_markers_db, a planned route saved as a GPX track, and the map panning and zooming."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.osmand import OsmAndApp
from tests.ui import elements, find, need, open_app, tap

PKG = OsmAndApp.PACKAGE
FILES = "sdcard/Android/data/net.osmand/files"
GPX = {"gpx": "http://www.topografix.com/GPX/1/1"}


@pytest.fixture
def osmand(phone: VirtualPhone) -> OsmAndApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, OsmAndApp)
    app.clear()
    return app


def search(phone: VirtualPhone, query: str) -> list[str]:
    tap(phone, desc="Search")
    phone.input_text(query)
    return [e.text for e in elements(phone) if e.resource_id.endswith("/title")]


def test_search_finds_villages_and_a_favourite_lands_in_favorites_gpx(phone: VirtualPhone, osmand: OsmAndApp) -> None:
    open_app(phone, "OsmAnd")
    assert phone.current_focus() == (PKG, "net.osmand.plus.activities.MapActivity")
    assert need(phone, rid="map_view").class_name == "net.osmand.plus.views.OsmandMapTileView"
    assert search(phone, "schaan") == ["Schaan", "Schaanwald"]
    tap(phone, rid="title", text="Schaan")
    assert need(phone, rid="context_menu_line2").text.startswith("47.16634, 9.51031")
    tap(phone, text="Add")
    field = need(phone, rid="name_edit")
    assert field.text == "Schaan"
    phone.input_text(" centre")
    tap(phone, text="Save")
    root = ET.parse(phone.data_dir / FILES / "favorites/favorites.gpx").getroot()
    [wpt] = root.findall("gpx:wpt", GPX)
    assert wpt.findtext("gpx:name", "", GPX) == "Schaan centre"
    assert (float(wpt.get("lat", "0")), float(wpt.get("lon", "0"))) == (47.1663432, 9.5103085)
    tap(phone, desc="Menu")
    tap(phone, text="My Favorites")
    tap(phone, desc="Delete Schaan centre")
    assert osmand.favorites() == [] and find(phone, text="Nothing here yet") is not None


def test_a_marker_at_typed_coordinates(phone: VirtualPhone, osmand: OsmAndApp) -> None:
    open_app(phone, "OsmAnd")
    assert search(phone, "47.10270, 9.60831") == ["47.10270, 9.60831"]
    assert search_free(phone)
    tap(phone, rid="search_row")
    tap(phone, text="Marker")
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "map_markers_db")
    try:
        rows = list(conn.execute("SELECT marker_lat, marker_lon, marker_active, title FROM map_markers"))
    finally:
        conn.close()
    assert rows == [(47.1027, 9.60831, 1, "47.10270, 9.60831")]


def search_free(phone: VirtualPhone) -> bool:
    """Nothing but the coordinates matches a query of numbers."""
    return [e.text for e in elements(phone) if e.resource_id.endswith("/title")] == ["47.10270, 9.60831"]


def test_plan_a_route_saves_a_gpx_track_through_the_points_in_order(phone: VirtualPhone, osmand: OsmAndApp) -> None:
    open_app(phone, "OsmAnd")
    tap(phone, desc="Menu")
    tap(phone, text="Plan a route")
    assert not need(phone, rid="save_button").enabled
    for name in ("Ruggell", "Vaduz", "Malbun"):
        search(phone, name)
        tap(phone, rid="title", text=name)
        assert find(phone, rid="context_menu_line1") is None  # planning: the map only moves
        tap(phone, text="Add point")
    assert need(phone, rid="points_count").text == "3 points"
    tap(phone, text="Undo")
    tap(phone, text="Add point")
    tap(phone, text="Save")
    need(phone, rid="name_edit")
    tap(phone, rid="android:id/button1")
    [track] = osmand.tracks()
    root = ET.parse(phone.data_dir / FILES / "tracks" / track).getroot()
    points = [(float(p.get("lat", "0")), float(p.get("lon", "0")))
              for p in root.iterfind("gpx:trk/gpx:trkseg/gpx:trkpt", GPX)]
    assert points == [(47.23976, 9.5262837), (47.141, 9.5215), (47.1026191, 9.6083057)]


def test_the_map_pans_and_zooms(phone: VirtualPhone, osmand: OsmAndApp) -> None:
    open_app(phone, "OsmAnd")
    box = need(phone, rid="map_view").bounds
    before = phone.host.top_record().state.get("center")
    phone.swipe(box.center[0], box.center[1], box.center[0] + 300, box.center[1] + 200)
    after = phone.host.top_record().state["center"]
    assert after != before and after[1] < 9.545 and after[0] > 47.155
    tap(phone, desc="Zoom in")
    assert phone.host.top_record().state["zoom"] == 12


def test_monkey_leaves_osmand_usable(phone: VirtualPhone, osmand: OsmAndApp) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 5 --throttle 0 500")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 500" in result.output
    phone.shell("input keyevent HOME")
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.observe()
