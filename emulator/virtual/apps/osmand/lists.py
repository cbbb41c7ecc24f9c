"""The screens over the map: search (places of the bundled region by name, or typed coordinates), My Favorites,
Map markers and My tracks. A mixin of the map activity: it only lays out lists and routes taps back."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.osmand import region
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, list_item

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.osmand.app import OsmAndApp

SEARCH_FIELD = "searchEditText"


def typed_coordinates(query: str) -> tuple[float, float] | None:
    """"47.16634, 9.51031" (any separator): exactly two numbers, a valid latitude and longitude."""
    numbers = re.findall(r"-?\d+(?:\.\d+)?", query)
    if len(numbers) != 2 or re.search(r"[A-Za-z]", query):
        return None
    lat, lon = float(numbers[0]), float(numbers[1])
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


class PlacesScreens(Activity):
    """The map activity's list screens; it overrides `show_place`."""

    app: OsmAndApp

    def show_place(self, name: str, lat: float, lon: float) -> None:
        self.state.update(center=[lat, lon], screen="map")

    def show_list(self, screen: str) -> None:
        self.state["screen"] = screen
        self.close_dialog()

    def _open_search(self) -> None:
        self.state.update(screen="search", query="")
        self.request_focus(SEARCH_FIELD)

    def _back_to_map(self) -> None:
        self.state["screen"] = "map"

    def build_list(self, screen: str) -> v.View:
        if screen == "search":
            return self._search()
        rows: list[v.View]
        if screen == "favorites":
            title = "My Favorites"
            rows = [list_item(f["name"], f"{f['lat']:.5f}, {f['lon']:.5f}", icon="star", item_id="favorite_row",
                              on_click=partial(self.show_place, f["name"], f["lat"], f["lon"]),
                              trailing=v.ImageButton(desc=f"Delete {f['name']}", icon="delete",
                                                     on_click=partial(self.app.delete_favorite, i)))
                    for i, f in enumerate(self.app.favorites())]
        elif screen == "markers":
            title = "Map markers"
            rows = [list_item(m["title"], f"{m['marker_lat']:.5f}, {m['marker_lon']:.5f}", icon="flag",
                              item_id="marker_row",
                              on_click=partial(self.show_place, m["title"], m["marker_lat"], m["marker_lon"]),
                              trailing=v.ImageButton(desc=f"Remove {m['title']}", icon="close",
                                                     on_click=partial(self.app.remove_marker, m["marker_id"])))
                    for m in self.app.markers()]
        else:
            title = "My tracks"
            rows = [list_item(name.removesuffix(".gpx"), "GPX track", icon="history", item_id="track_row")
                    for name in self.app.tracks()]
        if not rows:
            rows = [v.TextView(id="empty_state", text="Nothing here yet", padding=16)]
        return v.LinearLayout(children=[app_bar(title, on_up=self._back_to_map),
                                        v.RecyclerView(id="list", weight=1, children=rows)])

    def _search(self) -> v.View:
        query = str(self.state.get("query", ""))
        rows: list[v.View] = []
        point = typed_coordinates(query)
        if point is not None:
            text = f"{point[0]:.5f}, {point[1]:.5f}"
            rows.append(list_item(text, "Location", icon="flag", item_id="search_row",
                                  on_click=partial(self.show_place, text, point[0], point[1])))
        for name, (lat, lon) in region.search(query):
            rows.append(list_item(name, f"Village · {region.COUNTRY}", icon="flag", item_id="search_row",
                                  on_click=partial(self.show_place, name, lat, lon)))
        field = v.EditText(id=SEARCH_FIELD, text=query, hint="Search", weight=1, on_change=self._on_query)
        bar = v.LinearLayout(vertical=False, align_center=True, spacing=8, padding=8, height=64, children=[
            v.ImageButton(id="toolbar_back", desc="Back", icon="back", on_click=self._back_to_map), field])
        return v.LinearLayout(children=[bar, v.RecyclerView(id="search_results", weight=1, children=rows)])

    def _on_query(self, text: str) -> None:
        self.state["query"] = text.replace("\n", "")
