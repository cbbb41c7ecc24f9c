"""OsmAnd families (AndroidWorld's OsmAndFavorite, OsmAndMarker, OsmAndTrack) on the offline map of the
Liechtenstein Rhine valley. Checks read OsmAnd's own files as AndroidWorld's do: a favourite in favorites.gpx
named with the location or within 0.001° of it, a row of map_markers within 0.001°, and a GPX track in
files/tracks whose points pass the waypoints in order (each within 0.001°).

A location is a place name ("Schaan, Liechtenstein") or its coordinates ("47.1663432, 9.5103085"), half and half
as in AndroidWorld; the oracles search the village name, or the coordinates as a person types them (5 decimals).
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import Params, Task

OSMAND = "net.osmand"
FILES = "/data/media/0/Android/data/net.osmand/files"
FAVORITES = f"{FILES}/favorites/favorites.gpx"
TRACKS = f"{FILES}/tracks"
GPX = {"gpx": "http://www.topografix.com/GPX/1/1"}
DELTA = 0.001
PLACES: dict[str, tuple[float, float]] = {
    "Balzers, Liechtenstein": (47.0688832, 9.5061564), "Bendern, Liechtenstein": (47.2122151, 9.5062101),
    "Malbun, Liechtenstein": (47.1026191, 9.6083057), "Nendeln, Liechtenstein": (47.1973857, 9.5430636),
    "Oberplanken, Liechtenstein": (47.1784977, 9.5450163), "Planken, Liechtenstein": (47.1858882, 9.5452201),
    "Rotenboden, Liechtenstein": (47.1275785, 9.5387131), "Ruggell, Liechtenstein": (47.23976, 9.5262837),
    "Schaan, Liechtenstein": (47.1663432, 9.5103085), "Schaanwald, Liechtenstein": (47.2165476, 9.5699984),
    "Schönberg, Liechtenstein": (47.1303814, 9.5930117), "Triesen, Liechtenstein": (47.106997, 9.5274854),
}
"""AndroidWorld's preloaded map locations."""


def coords_of(location: str) -> tuple[float, float] | None:
    numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", location)]
    return (numbers[0], numbers[1]) if len(numbers) == 2 else PLACES.get(location)


def near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < DELTA and abs(a[1] - b[1]) < DELTA


def random_location(rng: random.Random) -> str:
    name = rng.choice(sorted(PLACES))
    if rng.getrandbits(1):
        return name
    lat, lon = PLACES[name]
    return f"{lat}, {lon}"


def find_place(ui: UIDriver, location: str) -> None:
    """Search the location and open the result: the village by name, or the coordinates as typed."""
    ui.tap(desc="Search")
    point = coords_of(location)
    if location in PLACES:
        name = location.split(",")[0]
        ui.type(name)
        ui.tap(rid="title", text=name)
    else:
        assert point is not None
        ui.type(f"{point[0]:.5f}, {point[1]:.5f}")
        ui.tap(rid="search_row")


class LocationParams(Params):
    location: str


class TrackParams(Params):
    waypoints: tuple[str, ...]
    track_name: str


class _OsmAndTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (OSMAND,)
    category: ClassVar[str] = "data_entry"

    def setup(self, env: TaskEnv) -> None:
        env.seed(OSMAND, "clear")


class _LocationTask(_OsmAndTask):
    """A task about one named place."""

    tags: ClassVar[tuple[str, ...]] = ("data_entry", "parameterized")
    params: LocationParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return LocationParams(seed=seed, location=random_location(rng))


class OsmAndFavorite(_LocationTask):
    template: ClassVar[str] = "Add a favorite location marker for {location} in the OsmAnd maps app."

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        data = env.read_file(FAVORITES)
        if not data:
            return 0.0
        target = coords_of(self.params.location)
        for wpt in ET.fromstring(data).findall("gpx:wpt", GPX):
            name = wpt.findtext("gpx:name", "", GPX)
            point = (float(wpt.get("lat", "nan")), float(wpt.get("lon", "nan")))
            if self.params.location in name or (target is not None and near(point, target)):
                return 1.0
        return 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("OsmAnd")
        find_place(ui, self.params.location)
        ui.tap(text="Add")
        ui.tap(text="Save")
        return None


class OsmAndMarker(_LocationTask):
    template: ClassVar[str] = "Add a location marker for {location} in the OsmAnd maps app."

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        target = coords_of(self.params.location)
        rows = env.query(OSMAND, "map_markers_db", "SELECT marker_lat, marker_lon FROM map_markers")
        return 1.0 if target and any(near((r["marker_lat"], r["marker_lon"]), target) for r in rows) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("OsmAnd")
        find_place(ui, self.params.location)
        ui.tap(text="Marker")
        return None


def passes_in_order(points: Iterable[tuple[float, float]], targets: list[tuple[float, float]]) -> bool:
    """Every target, in order, near some track point (any points between them)."""
    pending = iter(targets)
    target = next(pending, None)
    for point in points:
        if target is not None and near(point, target):
            target = next(pending, None)
    return target is None


class OsmAndTrack(_OsmAndTask):
    tags: ClassVar[tuple[str, ...]] = ("data_entry", "complex_ui_understanding", "parameterized")
    params: TrackParams

    @property
    def goal(self) -> str:
        return (f"Save a track with waypoints {', '.join(self.params.waypoints)} in the OsmAnd maps app in the same "
                "order as listed.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        waypoints = tuple(rng.sample(sorted(PLACES), rng.randint(2, 4)))
        return TrackParams(seed=seed, waypoints=waypoints, track_name=f"{waypoints[0]} to {waypoints[-1]}")

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        targets = [PLACES[w] for w in self.params.waypoints if w in PLACES]
        if len(targets) != len(self.params.waypoints):
            return 0.0
        for name in env.list_dir(TRACKS):
            data = env.read_file(f"{TRACKS}/{name}")
            if not data:
                continue
            try:
                root = ET.fromstring(data)
            except ET.ParseError:
                continue
            points = ((float(p.get("lat", "nan")), float(p.get("lon", "nan")))
                      for p in root.iterfind("gpx:trk/gpx:trkseg/gpx:trkpt", GPX))
            if passes_in_order(points, targets):
                return 1.0
        return 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("OsmAnd")
        ui.tap(desc="Menu")
        ui.tap(text="Plan a route")
        for waypoint in self.params.waypoints:
            find_place(ui, waypoint)
            ui.tap(text="Add point")
        ui.tap(text="Save")
        ui.long_press(rid="name_edit")
        ui.type(self.params.track_name.replace(",", ""))
        ui.tap(rid="android:id/button1")
        return None


TASKS = (OsmAndFavorite, OsmAndMarker, OsmAndTrack)
