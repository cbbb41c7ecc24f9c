"""The Settings homepage (the launcher activity `.Settings`) and settings search."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.apps.settings.icons import HOMEPAGE_COLORS, SettingsIcon
from droidpilot.emulator.virtual.toolkit import views as v

STORAGE_SUMMARY = "34% used - 84.48 GB free"

# (title, static summary or "", icon, activity): the homepage in Android 14's order.
TOP_LEVEL: tuple[tuple[str, str, str, str], ...] = (
    ("Network & internet", "Mobile, Wi-Fi, hotspot", "network", c.NETWORK),
    ("Connected devices", "Bluetooth, pairing", "devices", c.CONNECTED_DEVICES),
    ("Apps", "Assistant, recent apps, default apps", "apps", c.APPS),
    ("Notifications", "Notification history, conversations", "notifications", c.NOTIFICATIONS),
    ("Battery", "100%", "battery", c.BATTERY),
    ("Storage", STORAGE_SUMMARY, "storage", c.STORAGE),
    ("Sound & vibration", "Volume, haptics, Do Not Disturb", "sound", c.SOUND),
    ("Display", "Dark theme, font size, brightness", "display", c.DISPLAY),
    ("Location", "", "location", c.LOCATION),
    ("About phone", "", "info", c.ABOUT),
)

# (title, breadcrumb, activity) for settings search; page titles come from TOP_LEVEL.
SEARCH_INDEX: tuple[tuple[str, str, str], ...] = (
    ("Internet", "Network & internet", c.INTERNET),
    ("Wi-Fi", "Network & internet > Internet", c.INTERNET),
    ("Airplane mode", "Network & internet", c.NETWORK),
    ("Mobile data", "Network & internet", c.NETWORK),
    ("Bluetooth", "Connected devices > Connection preferences", c.BLUETOOTH),
    ("Pair new device", "Connected devices", c.PAIRING),
    ("Connection preferences", "Connected devices", c.CONNECTION_PREFS),
    ("All apps", "Apps", c.ALL_APPS),
    ("App info", "Apps", c.ALL_APPS),
    ("Force stop", "Apps > All apps", c.ALL_APPS),
    ("Do Not Disturb", "Sound & vibration", c.DND),
    ("Media volume", "Sound & vibration", c.SOUND),
    ("Call volume", "Sound & vibration", c.SOUND),
    ("Ring & notification volume", "Sound & vibration", c.SOUND),
    ("Alarm volume", "Sound & vibration", c.SOUND),
    ("Brightness level", "Display", c.DISPLAY),
    ("Adaptive brightness", "Display", c.DISPLAY),
    ("Dark theme", "Display", c.DISPLAY),
    ("Screen timeout", "Display", c.DISPLAY),
    ("Auto-rotate screen", "Display", c.DISPLAY),
    ("Battery Saver", "Battery", c.BATTERY),
    ("Battery percentage", "Battery", c.BATTERY),
    ("Notification history", "Notifications", c.NOTIFICATIONS),
    ("Use location", "Location", c.LOCATION),
    ("Device name", "About phone", c.ABOUT),
    ("Model", "About phone", c.ABOUT),
    ("Android version", "About phone", c.ABOUT),
    ("Build number", "About phone", c.ABOUT),
)


def search_bar(on_click: v.Handler) -> v.View:
    return c.RoundedGroup(id="search_action_bar", desc="Search settings", fill="surface_variant", height=60,
                          vertical=False, align_center=True, padding=10, spacing=12, on_click=on_click,
                          children=[SettingsIcon(icon="search", width=32, tint="text_secondary"),
                                    v.TextView(id="search_action_bar_title", text="Search Settings",
                                               color="text_secondary", size=17)])


class SettingsHomepage(Activity):
    """The top-level list; each row opens its page."""

    NAME: ClassVar[str] = c.HOMEPAGE

    def _summary(self, title: str, static: str) -> str:
        if title == "About phone":
            return c.device_name(self.host)
        if title == "Location":
            on = self.host.settings.get_int("secure", "location_mode", 3) != 0
            return "On - 3 apps have access to location" if on else "Off"
        return static

    def build(self) -> v.View:
        rows: list[v.View] = [
            c.pref(title, self._summary(title, summary), icon=icon, circle=HOMEPAGE_COLORS[icon],
                   on_click=partial(self.start, activity))
            for title, summary, icon, activity in TOP_LEVEL
        ]
        title = v.TextView(id="homepage_title", text="Settings", size=36, padding=16)
        bar = v.LinearLayout(padding=8, children=[search_bar(lambda: self.start(c.SEARCH))])
        body = v.RecyclerView(id="recycler_view", weight=1, children=rows)
        return v.LinearLayout(id="settings_homepage_container", children=[title, bar, body])


class SearchActivity(Activity):
    """Settings search: results match page and setting titles and open the page holding the setting."""

    NAME: ClassVar[str] = c.SEARCH

    def _results(self, query: str) -> list[tuple[str, str, str]]:
        q = query.strip().lower()
        if not q:
            return []
        entries = [(t, "", act) for t, _s, _i, act in TOP_LEVEL] + list(SEARCH_INDEX)
        return [e for e in entries if q in e[0].lower()]

    def _open(self, activity: str) -> None:
        self.start(activity)

    def build(self) -> v.View:
        if "query" not in self.state:
            # The search field has focus and the keyboard is up as soon as search opens.
            self.state["query"] = ""
            self.request_focus("search_src_text")
        query = self.state["query"]
        field = v.EditText(id="search_src_text", hint="Search settings", text=query,
                           on_change=lambda t: self.state.__setitem__("query", t))
        bar = v.ViewGroup(id="search_bar", vertical=False, align_center=True, height=72, padding=6, spacing=4,
                          children=[v.ImageButton(desc="Navigate up", icon="back", on_click=self.finish),
                                    field])
        results = self._results(query)
        rows: list[v.View] = [
            c.pref(title, crumb, on_click=partial(self._open, act)) for title, crumb, act in results
        ]
        if query.strip() and not results:
            rows.append(c.footer(f"No results for \u201c{query.strip()}\u201d"))
        return v.LinearLayout(children=[bar, v.RecyclerView(id="recycler_view", weight=1, children=rows)])
