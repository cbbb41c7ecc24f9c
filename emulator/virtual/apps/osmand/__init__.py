"""OsmAnd (`net.osmand`), the offline maps app AndroidWorld uses. Its map is bundled vector data of a small,
self-made region (`region.py`: the Liechtenstein Rhine valley's villages, roads, the Rhine and a border line);
nothing is downloaded.

State where OsmAnd keeps it: favourites in `/storage/emulated/0/Android/data/net.osmand/files/favorites/
favorites.gpx` (GPX 1.1 `wpt` with `name`; AndroidWorld reads it as /data/media/0/...), map markers in
`/data/data/net.osmand/databases/map_markers_db` (table `map_markers`: marker_id, marker_lat, marker_lon,
marker_description, marker_active, marker_added, ..., title), tracks as GPX files (`trk`/`trkseg`/`trkpt`) in
`files/tracks/NAME.gpx`.

Screen `net.osmand.plus.activities.MapActivity`: the map `map_view` (swipes pan it), `map_search_button`
"Search", `map_menu_button` "Menu" (popup "My Favorites", "Map markers", "My tracks", "Plan a route"),
`map_zoom_in_button` / `map_zoom_out_button`. Search: `searchEditText` (a place name, or coordinates such as
"47.16634, 9.51031"), rows `search_row`; tapping one centres the map and opens the context menu
(`context_menu_line1` name, `context_menu_line2` coordinates, "Add" -> "Add favorite" dialog with `name_edit`
and Cancel / Save, "Marker", "Close"). Plan a route: a crosshair at the map centre, "Add point" (adds the
centre; search moves the map without a context menu), "Undo", "Save" (two points or more; "Save as new track"
dialog, `name_edit`), "Cancel". Lists: `favorite_row` ("Delete NAME"), `marker_row` ("Remove NAME"),
`track_row`.

Seed API on `OsmAndApp`: `add_favorite(name, (lat, lon))`, `favorites()`, `add_marker(name, (lat, lon))`,
`markers()`, `save_track(name, points)`, `tracks()`, `clear()`.
"""

from droidpilot.emulator.virtual.apps.osmand.app import OsmAndApp

__all__ = ["OsmAndApp"]
