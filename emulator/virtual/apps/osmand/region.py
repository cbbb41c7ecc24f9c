"""The offline map OsmAnd ships on this phone: a small, self-made vector region of the Liechtenstein Rhine valley
(place points, a road network, the Rhine and a rough border), enough to search by name and to draw a map. Place
coordinates are the villages' centres; the roads and the border are simplified by hand."""

from __future__ import annotations

Point = tuple[float, float]
"""(latitude, longitude) in degrees."""

PLACES: dict[str, Point] = {
    "Balzers": (47.0688832, 9.5061564), "Bendern": (47.2122151, 9.5062101), "Eschen": (47.2107, 9.5223),
    "Gamprin": (47.2203, 9.5094), "Malbun": (47.1026191, 9.6083057), "Mauren": (47.2180, 9.5440),
    "Nendeln": (47.1973857, 9.5430636), "Oberplanken": (47.1784977, 9.5450163),
    "Planken": (47.1858882, 9.5452201), "Rotenboden": (47.1275785, 9.5387131), "Ruggell": (47.23976, 9.5262837),
    "Schaan": (47.1663432, 9.5103085), "Schaanwald": (47.2165476, 9.5699984),
    "Schönberg": (47.1303814, 9.5930117), "Steg": (47.1136, 9.5706), "Triesen": (47.106997, 9.5274854),
    "Triesenberg": (47.1181, 9.5433), "Vaduz": (47.1410, 9.5215),
}
COUNTRY = "Liechtenstein"

ROADS: tuple[tuple[str, ...], ...] = (
    ("Balzers", "Triesen", "Vaduz", "Schaan", "Bendern", "Gamprin", "Ruggell"),
    ("Schaan", "Nendeln", "Schaanwald"), ("Bendern", "Eschen", "Nendeln"), ("Eschen", "Mauren", "Schaanwald"),
    ("Schaan", "Planken", "Oberplanken"), ("Vaduz", "Rotenboden", "Triesenberg", "Steg", "Malbun"),
    ("Triesen", "Triesenberg"), ("Steg", "Schönberg"),
)
"""Roads as chains of places."""

RHINE: tuple[Point, ...] = ((47.050, 9.497), (47.090, 9.487), (47.140, 9.496), (47.180, 9.497), (47.215, 9.500),
                            (47.245, 9.540), (47.270, 9.560))
BORDER: tuple[Point, ...] = ((47.048, 9.515), (47.060, 9.600), (47.095, 9.635), (47.150, 9.610), (47.180, 9.610),
                             (47.210, 9.575), (47.240, 9.560), (47.270, 9.530), (47.235, 9.505), (47.180, 9.495),
                             (47.120, 9.490), (47.070, 9.475), (47.048, 9.515))


def search(query: str) -> list[tuple[str, Point]]:
    """Places whose name contains the query (case-insensitive; "Schaan, Liechtenstein" finds Schaan), by name."""
    wanted = query.split(",")[0].strip().casefold()
    if not wanted:
        return []
    return sorted(((name, point) for name, point in PLACES.items() if wanted in name.casefold()),
                  key=lambda item: (not item[0].casefold().startswith(wanted), item[0]))
