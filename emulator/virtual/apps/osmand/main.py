"""OsmAnd's map screen (`net.osmand.plus.activities.MapActivity`) with its search, My places lists and the Plan a
route tool as screens and panels of it.

State: `center` ([lat, lon]), `zoom`, `screen` ("map", "search", "favorites", "markers", "tracks"), `query`,
`selected` (the place whose context menu is open: name, lat, lon), `plan` (the route's points while planning),
`dialog` ("menu", "favorite", "save_track") with `fav_name` / `track_name`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.osmand import lists, mapview
from droidpilot.emulator.virtual.apps.osmand.region import COUNTRY, PLACES
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import dialog_buttons, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.osmand.app import OsmAndApp

HOME: list[float] = [47.155, 9.545]
DIALOG_KEYS = ("dialog", "fav_name", "track_name")
TAP_RADIUS = v.px(16)
"""How close to a place's dot a tap must land to pick that place."""


def coords_text(lat: float, lon: float) -> str:
    return f"{lat:.5f}, {lon:.5f}"


class MapActivity(lists.PlacesScreens):
    NAME: ClassVar[str] = "net.osmand.plus.activities.MapActivity"
    LABEL: ClassVar[str] = "OsmAnd"
    app: OsmAndApp

    @property
    def center(self) -> tuple[float, float]:
        lat, lon = self.state.get("center", HOME)
        return float(lat), float(lon)

    @property
    def zoom(self) -> int:
        return int(self.state.get("zoom", 11))

    def build(self) -> v.View:
        screen = self.state.get("screen", "map")
        if screen != "map":
            return self.build_list(screen)
        canvas = v.Canvas(id="map_view", widget_class="net.osmand.plus.views.OsmandMapTileView", weight=1,
                          on_stroke=self._drag, on_paint=self._paint, on_tap=self._tap_map,
                          on_long_tap=self._pick_point, on_pinch=self._pinch)
        top = v.LinearLayout(vertical=False, spacing=8, padding=8, height=64, children=[
            v.ImageButton(id="map_menu_button", desc="Menu", icon="menu", on_click=self._open_menu),
            v.TextView(text="Planning a route" if "plan" in self.state else "", weight=1, size=16),
            v.ImageButton(id="map_search_button", desc="Search", icon="search", on_click=self._open_search),
        ])
        zoom = v.LinearLayout(vertical=False, spacing=8, padding=8, height=64, children=[
            v.TextView(id="map_ruler_text", text=mapview.ruler_text(self.zoom), desc=f"Zoom {self.zoom}",
                       size=14, weight=1),
            v.ImageButton(id="map_zoom_out_button", desc="Zoom out", icon="expand_more",
                          on_click=partial(self._zoom_by, -1)),
            v.ImageButton(id="map_zoom_in_button", desc="Zoom in", icon="add", on_click=partial(self._zoom_by, 1)),
        ])
        return v.LinearLayout(children=[top, canvas, zoom, self._bottom_panel()])

    def _paint(self, painter: Any, box: tuple[int, int, int, int]) -> None:
        selected = self.state.get("selected")
        overlays = {
            "favorites": [(f["lat"], f["lon"]) for f in self.app.favorites()],
            "markers": [(m["marker_lat"], m["marker_lon"]) for m in self.app.markers()],
            "route": [tuple(p) for p in self.state.get("plan", [])], "crosshair": "plan" in self.state,
            "selected": (selected["lat"], selected["lon"]) if selected else None}
        mapview.paint(painter, box, self.center, self.zoom, overlays)

    def _drag(self, stroke: v.Stroke) -> None:
        x1, y1, x2, y2 = stroke
        self.state["center"] = list(mapview.pan(self.center, self.zoom, x2 - x1, y2 - y1))

    def _pinch(self, factor: float) -> None:
        self.state["zoom"] = mapview.zoom_after_pinch(self.zoom, factor)

    def _tap_map(self, x: int, y: int, width: int, height: int) -> None:
        """A tap on a place or a favourite opens its context menu, as OsmAnd's POI taps do; elsewhere it closes
        the menu."""
        place = self._place_near(x, y, (width, height))
        if place is not None and "plan" not in self.state:
            name, (lat, lon) = place
            self.state["selected"] = {"name": name, "lat": lat, "lon": lon}
        else:
            self.state.pop("selected", None)

    def _pick_point(self, x: int, y: int, width: int, height: int) -> None:
        """A long press picks the point under the finger (through the map's view transform)."""
        if "plan" in self.state:
            return
        lat, lon = mapview.to_point(x, y, self.center, self.zoom, (width, height))
        lat, lon = round(lat, 6), round(lon, 6)
        self.state["selected"] = {"name": coords_text(lat, lon), "lat": lat, "lon": lon}

    def _place_near(self, x: int, y: int, size: tuple[int, int]) -> tuple[str, tuple[float, float]] | None:
        box = (0, 0, *size)
        named = [(f["name"], (f["lat"], f["lon"])) for f in self.app.favorites()] + list(PLACES.items())
        for name, point in named:
            px, py = mapview.to_screen(point, self.center, self.zoom, box)
            if abs(px - x) <= TAP_RADIUS and abs(py - y) <= TAP_RADIUS:
                return name, point
        return None

    def _zoom_by(self, step: int) -> None:
        self.state["zoom"] = max(mapview.MIN_ZOOM, min(mapview.MAX_ZOOM, self.zoom + step))

    # -- the panel under the map: a place's context menu, or the route being planned ----------------------------
    def _bottom_panel(self) -> v.View:
        if "plan" in self.state:
            count = len(self.state["plan"])
            return v.LinearLayout(id="plan_route_panel", spacing=4, padding=12, bg="surface_variant", children=[
                v.TextView(id="title", text="Plan a route", size=20),
                v.TextView(id="points_count", text=f"{count} point{'s' if count != 1 else ''}", size=14),
                v.LinearLayout(vertical=False, spacing=6, children=[
                    v.Button(id="add_point_button", text="Add point", style="tonal", on_click=self._add_point),
                    v.Button(id="undo_button", text="Undo", style="text", enabled=count > 0,
                             on_click=self._undo_point),
                    v.Button(id="save_button", text="Save", enabled=count > 1, on_click=self._ask_track_name),
                    v.Button(id="cancel_button", text="Cancel", style="text", on_click=self._cancel_plan)])])
        selected = self.state.get("selected")
        if not selected:
            return v.View(height=0)
        return v.LinearLayout(id="context_menu_layout", spacing=4, padding=12, bg="surface_variant", children=[
            v.TextView(id="context_menu_line1", text=selected["name"], size=20),
            v.TextView(id="context_menu_line2", text=f"{coords_text(selected['lat'], selected['lon'])} · {COUNTRY}",
                       size=14, color="text_secondary"),
            v.LinearLayout(vertical=False, spacing=6, children=[
                v.Button(id="context_menu_fav_button", text="Add", desc="Add to favourites", style="tonal",
                         on_click=self._ask_favorite),
                v.Button(id="context_menu_marker_button", text="Marker", style="tonal", on_click=self._add_marker),
                v.Button(id="context_menu_close_btn", text="Close", style="text", on_click=self._close_selection)])])

    def show_place(self, name: str, lat: float, lon: float) -> None:
        """Centre the map on a place; outside route planning its context menu opens."""
        self.state.update(center=[lat, lon], zoom=max(self.zoom, 13), screen="map")
        if "plan" not in self.state:
            self.state["selected"] = {"name": name, "lat": lat, "lon": lon}
        self.clear_focus()

    def _close_selection(self) -> None:
        self.state.pop("selected", None)

    def _add_marker(self) -> None:
        selected = self.state["selected"]
        self.app.add_marker(selected["name"], (selected["lat"], selected["lon"]))
        self.toast("Map marker added")
        self._close_selection()

    def _ask_favorite(self) -> None:
        self.state.update(dialog="favorite", fav_name=self.state["selected"]["name"])
        self.request_focus("name_edit")

    def _save_favorite(self) -> None:
        name = str(self.state.get("fav_name", "")).strip()
        if not name:
            self.toast("Name is empty")
            return
        selected = self.state["selected"]
        self.app.add_favorite(name, (selected["lat"], selected["lon"]))
        self.close_dialog()
        self._close_selection()

    # -- plan a route -------------------------------------------------------------------------------------------
    def _start_plan(self) -> None:
        self.state["plan"] = []
        self.state.pop("selected", None)
        self.close_dialog()

    def _add_point(self) -> None:
        self.state["plan"] = [*self.state["plan"], list(self.center)]

    def _undo_point(self) -> None:
        self.state["plan"] = self.state["plan"][:-1]

    def _cancel_plan(self) -> None:
        self.state.pop("plan", None)

    def _ask_track_name(self) -> None:
        self.state.update(dialog="save_track", track_name=f"{self.host.clock.now():%Y-%m-%d_%H-%M_%a}")
        self.request_focus("name_edit")

    def _save_track(self) -> None:
        name = str(self.state.get("track_name", "")).strip()
        if not name or "/" in name:
            self.toast("Enter a valid name")
            return
        self.app.save_track(name, [(p[0], p[1]) for p in self.state["plan"]])
        self.toast(f"Track {name} saved")
        self.state.pop("plan", None)
        self.close_dialog()

    # -- dialogs ----------------------------------------------------------------------------------------------
    def _open_menu(self) -> None:
        self.state["dialog"] = "menu"

    def dialog(self) -> v.Dialog | None:
        which = self.state.get("dialog")
        if which == "menu":
            items: list[tuple[str, v.Handler]] = [("My Favorites", partial(self.show_list, "favorites")),
                                                  ("Map markers", partial(self.show_list, "markers")),
                                                  ("My tracks", partial(self.show_list, "tracks")),
                                                  ("Plan a route", self._start_plan)]
            return popup_menu(items)
        if which in ("favorite", "save_track"):
            key = "fav_name" if which == "favorite" else "track_name"
            title = "Add favorite" if which == "favorite" else "Save as new track"
            save = self._save_favorite if which == "favorite" else self._save_track
            return v.Dialog(children=[
                v.TextView(id="android:id/alertTitle", text=title, size=22),
                v.EditText(id="name_edit", text=str(self.state.get(key, "")), hint="Name",
                           on_change=partial(self._typed, key), on_submit=save),
                dialog_buttons("Cancel", "Save", self.close_dialog, save)])
        return None

    def _typed(self, key: str, text: str) -> None:
        self.state[key] = text.replace("\n", "")

    def close_dialog(self) -> None:
        for key in DIALOG_KEYS:
            self.state.pop(key, None)
        self.clear_focus()

    def on_back(self) -> bool:
        if self.state.get("screen", "map") != "map":
            self.state["screen"] = "map"
            return True
        if self.state.get("selected"):
            self._close_selection()
            return True
        if "plan" in self.state:
            self._cancel_plan()
            return True
        return False
