"""Drawing the bundled region: an equirectangular projection around the map centre (fine at this size), with the
border, the Rhine, roads, place labels, favourites (stars), markers and the route being planned."""

from __future__ import annotations

import math
from typing import Any

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.apps.osmand import region
from droidpilot.emulator.virtual.apps.osmand.region import Point
from droidpilot.emulator.virtual.toolkit.fonts import draw_text

PX_PER_DEGREE_AT_ZOOM_10 = 2400.0
MIN_ZOOM, MAX_ZOOM = 8, 16


def scale(zoom: int) -> float:
    return PX_PER_DEGREE_AT_ZOOM_10 * 2 ** (zoom - 10)


def to_screen(point: Point, center: Point, zoom: int, box: tuple[int, int, int, int]) -> tuple[float, float]:
    left, top, right, bottom = box
    k = scale(zoom)
    x = (left + right) / 2 + (point[1] - center[1]) * k * math.cos(math.radians(center[0]))
    y = (top + bottom) / 2 - (point[0] - center[0]) * k
    return x, y


def to_point(x: float, y: float, center: Point, zoom: int, size: tuple[int, int]) -> Point:
    """The (lat, lon) under a pixel of a map view of `size` (the inverse of `to_screen`)."""
    k = scale(zoom)
    lat = center[0] - (y - size[1] / 2) / k
    return lat, center[1] + (x - size[0] / 2) / (k * math.cos(math.radians(center[0])))


def zoom_after_pinch(zoom: int, factor: float) -> int:
    """Each doubling of the finger distance is one zoom level; any real pinch moves at least one level."""
    if factor <= 0 or abs(math.log2(factor)) < 0.1:
        return zoom
    step = round(math.log2(factor)) or (1 if factor > 1 else -1)
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom + step))


def ruler_text(zoom: int, width_px: float = 200.0) -> str:
    """The scale ruler's label: what `width_px` pixels span at this zoom, rounded as OsmAnd's ruler does."""
    metres = width_px / scale(zoom) * 111_320
    nice = max((n for n in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000) if n <= metres), default=10)
    return f"{nice // 1000} km" if nice >= 1000 else f"{nice} m"


def pan(center: Point, zoom: int, dx: float, dy: float) -> Point:
    """The centre after the map is dragged by (dx, dy) pixels (the map follows the finger)."""
    k = scale(zoom)
    return center[0] + dy / k, center[1] - dx / (k * math.cos(math.radians(center[0])))


def paint(painter: Any, box: tuple[int, int, int, int], center: Point, zoom: int, overlays: dict[str, Any]) -> None:
    """Draw into a layer the map view's size, pasted at its place, so nothing spills over the toolbars."""
    left, top, right, bottom = box
    layer = Image.new("RGB", (max(1, right - left), max(1, bottom - top)), "#f1eee8")
    _paint_layer(ImageDraw.Draw(layer), (0, 0, layer.width, layer.height), center, zoom, overlays)
    painter.image.paste(layer, (left, top))


def _paint_layer(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], center: Point, zoom: int,
                 overlays: dict[str, Any]) -> None:

    def xy(point: Point) -> tuple[float, float]:
        return to_screen(point, center, zoom, box)

    draw.line([xy(p) for p in region.BORDER], fill="#9e6fa8", width=6)
    draw.line([xy(p) for p in region.RHINE], fill="#8cc0f0", width=14)
    for road in region.ROADS:
        draw.line([xy(region.PLACES[name]) for name in road], fill="#f7c873", width=10)
    for name, point in region.PLACES.items():
        x, y = xy(point)
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill="#555555")
        draw_text(draw, (x + 12, y - 18), name, 30, False, (40, 40, 40))
    for lat, lon in overlays.get("favorites", []):
        x, y = xy((lat, lon))
        draw.regular_polygon((x, y, 18), 5, fill="#f5a623")
    for lat, lon in overlays.get("markers", []):
        x, y = xy((lat, lon))
        draw.polygon(((x, y), (x - 14, y - 36), (x + 14, y - 36)), fill="#1e88e5")
    route = [xy((lat, lon)) for lat, lon in overlays.get("route", [])]
    if len(route) > 1:
        draw.line(route, fill="#e53935", width=8)
    for x, y in route:
        draw.ellipse((x - 10, y - 10, x + 10, y + 10), outline="#e53935", width=4)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    if overlays.get("crosshair"):
        draw.line((cx - 30, cy, cx + 30, cy), fill="#212121", width=3)
        draw.line((cx, cy - 30, cx, cy + 30), fill="#212121", width=3)
    selected = overlays.get("selected")
    if selected:
        x, y = xy(selected)
        draw.ellipse((x - 16, y - 16, x + 16, y + 16), outline="#d32f2f", width=6)
