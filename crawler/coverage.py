"""Screen coverage: the denominator is the app's own list of screens, as a person would enumerate them.

`SCREENS` catalogues Settings and Contacts by hand: each screen is an activity plus markers that must be on
screen (`id:` resource-id suffix, `text:` exact text, `desc:` exact content-desc). For the virtual phone's other
apps the catalogue is derived from their declared activities (one screen per activity); for other packages there
is none and coverage is reported as activities reached.

Contacts' "Delete this contact?" confirmation is left out on purpose: the deny-list keeps the crawler from
pressing Delete, so no crawl with the default deny-list could reach it.
"""

from __future__ import annotations

from pydantic import BaseModel

from droidpilot.emulator.device import Observation
from droidpilot.memory.signature import humanize_activity

_SETTINGS_PAGES: tuple[tuple[str, str], ...] = (
    ("Network & internet", "NetworkDashboardActivity"), ("Internet", "NetworkProviderSettingsActivity"),
    ("Connected devices", "ConnectedDeviceDashboardActivity"),
    ("Connection preferences", "AdvancedConnectedDeviceActivity"), ("Bluetooth", "BluetoothSettingsActivity"),
    ("Apps", "AppDashboardActivity"), ("All apps", "ManageApplicationsActivity"),
    ("Notifications", "ConfigureNotificationSettingsActivity"), ("Battery", "PowerUsageSummaryActivity"),
    ("Storage", "StorageDashboardActivity"), ("Sound & vibration", "SoundSettingsActivity"),
    ("Do Not Disturb", "ZenModeSettingsActivity"), ("Display", "DisplaySettingsActivity"),
    ("Location", "LocationSettingsActivity"), ("About phone", "MyDeviceInfoActivity"),
)


class ScreenSpec(BaseModel):
    name: str
    activity: str
    markers: tuple[str, ...] = ()

    def matches(self, observation: Observation) -> bool:
        if not (observation.activity == self.activity or observation.activity.endswith(self.activity)):
            return False
        return all(_present(observation, marker) for marker in self.markers)


def _present(observation: Observation, marker: str) -> bool:
    kind, _, value = marker.partition(":")
    if kind == "id":
        return any(e.resource_id.endswith(value) for e in observation.elements)
    if kind == "desc":
        return any(e.content_desc == value for e in observation.elements)
    return any(e.text == value for e in observation.elements)


class Catalogue(BaseModel):
    package: str
    screens: list[ScreenSpec]
    source: str = "hand-written"

    def match(self, observation: Observation) -> str | None:
        if observation.package != self.package:
            return None
        return next((s.name for s in self.screens if s.matches(observation)), None)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.screens]

    @property
    def activities(self) -> set[str]:
        return {s.activity for s in self.screens}


SCREENS: dict[str, list[ScreenSpec]] = {
    "com.android.settings": [
        ScreenSpec(name="Settings", activity="com.android.settings.Settings", markers=("id:homepage_title",)),
        ScreenSpec(name="Search settings", activity=".search.SearchActivity", markers=("id:search_src_text",)),
        ScreenSpec(name="Pair new device", activity=".bluetooth.BluetoothPairingDetail",
                   markers=("desc:Pair new device",)),
        ScreenSpec(name="App info", activity=".applications.InstalledAppDetailsTop", markers=("desc:App info",)),
        *[ScreenSpec(name=title, activity=f".Settings${cls}", markers=(f"desc:{title}",))
          for title, cls in _SETTINGS_PAGES],
    ],
    "com.android.contacts": [
        ScreenSpec(name="Contacts list", activity=".activities.PeopleActivity", markers=("id:menu_search",)),
        ScreenSpec(name="Search contacts", activity=".activities.PeopleActivity", markers=("id:search_view",)),
        ScreenSpec(name="Create contact", activity=".activities.ContactEditorActivity",
                   markers=("text:Create contact",)),
        ScreenSpec(name="Edit contact", activity=".activities.ContactEditorActivity", markers=("text:Edit contact",)),
        ScreenSpec(name="Discard changes?", activity=".activities.ContactEditorActivity",
                   markers=("text:Discard changes?",)),
        ScreenSpec(name="Contact details", activity=".activities.QuickContactActivity", markers=("id:large_title",)),
        ScreenSpec(name="More options menu", activity=".activities.QuickContactActivity",
                   markers=("id:contacts:id/title",)),
    ],
}


def _from_virtual_app(package: str) -> Catalogue | None:
    """One screen per declared activity of a virtual-phone app (the app's manifest, as it were)."""
    from droidpilot.emulator.virtual.apps import registry

    app = next((a for a in registry.all_apps() if package == a.PACKAGE), None)
    if app is None:
        return None
    screens = [ScreenSpec(name=humanize_activity(a.NAME) or a.NAME, activity=a.NAME) for a in app.ACTIVITIES]
    return Catalogue(package=package, screens=screens, source="activities")


def catalogue_for(package: str) -> Catalogue | None:
    if package in SCREENS:
        return Catalogue(package=package, screens=SCREENS[package])
    return _from_virtual_app(package)
