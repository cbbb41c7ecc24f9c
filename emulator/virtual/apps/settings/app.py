"""The Settings app (com.android.settings): its activities and the intent actions that open them."""

from __future__ import annotations

from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.apps.settings.apps import (
    AppDashboardActivity,
    InstalledAppDetailsTop,
    ManageApplicationsActivity,
)
from droidpilot.emulator.virtual.apps.settings.device import (
    ConfigureNotificationSettingsActivity,
    LocationSettingsActivity,
    MyDeviceInfoActivity,
    PowerUsageSummaryActivity,
    StorageDashboardActivity,
)
from droidpilot.emulator.virtual.apps.settings.devices import (
    AdvancedConnectedDeviceActivity,
    BluetoothPairingDetail,
    BluetoothSettingsActivity,
    ConnectedDeviceDashboardActivity,
)
from droidpilot.emulator.virtual.apps.settings.display import (
    DisplaySettingsActivity,
    SoundSettingsActivity,
    ZenModeSettingsActivity,
)
from droidpilot.emulator.virtual.apps.settings.home import SearchActivity, SettingsHomepage
from droidpilot.emulator.virtual.apps.settings.network import NetworkDashboardActivity, NetworkProviderSettingsActivity


class SettingsApp(App):
    """Android 14's Settings. It has no database: every page reads and writes the settings provider.

    Seed API (for test and benchmark set-up; the UI never calls it): `set_wifi`, `set_bluetooth`,
    `set_airplane_mode`, `set_device_name`, `pair_bluetooth_device`.
    """

    PACKAGE: ClassVar[str] = "com.android.settings"
    LABEL: ClassVar[str] = "Settings"
    ICON: ClassVar[str] = "settings"
    COLOR: ClassVar[str] = "grey"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (
        SettingsHomepage, SearchActivity, NetworkDashboardActivity, NetworkProviderSettingsActivity,
        ConnectedDeviceDashboardActivity, AdvancedConnectedDeviceActivity, BluetoothSettingsActivity,
        BluetoothPairingDetail, AppDashboardActivity, ManageApplicationsActivity, InstalledAppDetailsTop,
        ConfigureNotificationSettingsActivity, PowerUsageSummaryActivity, StorageDashboardActivity,
        SoundSettingsActivity, ZenModeSettingsActivity, DisplaySettingsActivity, LocationSettingsActivity,
        MyDeviceInfoActivity,
    )
    LAUNCHER: ClassVar[type[Activity] | None] = SettingsHomepage
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        ("android.settings.SETTINGS", SettingsHomepage),
        ("android.settings.WIRELESS_SETTINGS", NetworkDashboardActivity),
        ("android.settings.AIRPLANE_MODE_SETTINGS", NetworkDashboardActivity),
        ("android.settings.WIFI_SETTINGS", NetworkProviderSettingsActivity),
        ("android.settings.BLUETOOTH_SETTINGS", BluetoothSettingsActivity),
        ("android.settings.APPLICATION_SETTINGS", AppDashboardActivity),
        ("android.settings.MANAGE_APPLICATIONS_SETTINGS", ManageApplicationsActivity),
        ("android.settings.MANAGE_ALL_APPLICATIONS_SETTINGS", ManageApplicationsActivity),
        ("android.settings.DISPLAY_SETTINGS", DisplaySettingsActivity),
        ("android.settings.SOUND_SETTINGS", SoundSettingsActivity),
        ("android.settings.ZEN_MODE_SETTINGS", ZenModeSettingsActivity),
        ("android.settings.NOTIFICATION_SETTINGS", ConfigureNotificationSettingsActivity),
        ("android.intent.action.POWER_USAGE_SUMMARY", PowerUsageSummaryActivity),
        ("android.settings.INTERNAL_STORAGE_SETTINGS", StorageDashboardActivity),
        ("android.settings.LOCATION_SOURCE_SETTINGS", LocationSettingsActivity),
        ("android.settings.DEVICE_INFO_SETTINGS", MyDeviceInfoActivity),
        ("android.settings.DEVICE_NAME", MyDeviceInfoActivity),
    )
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (("package:", InstalledAppDetailsTop),)
    """`am start -a android.settings.APPLICATION_DETAILS_SETTINGS -d package:PKG` opens PKG's App info."""

    # -- seed API -------------------------------------------------------------------------------------------
    def set_wifi(self, on: bool, ssid: str | None = None) -> None:
        c.put(self.host, "global", "wifi_on", int(on))
        if ssid is not None:
            c.put(self.host, "global", "wifi_ssid", ssid)

    def set_bluetooth(self, on: bool) -> None:
        c.put(self.host, "global", "bluetooth_on", int(on))

    def set_airplane_mode(self, on: bool) -> None:
        c.set_airplane(self.host, on)

    def set_clipboard(self, text: str) -> None:
        """The system clipboard (what Copy puts there and Paste takes), for tasks that start from it."""
        self.host.clipboard = text

    def get_clipboard(self) -> str:
        """The clipboard's text, for checks (AndroidWorld reads it through its Clipper app)."""
        return self.host.clipboard

    def set_device_name(self, name: str) -> None:
        c.put(self.host, "global", "device_name", name)

    def pair_bluetooth_device(self, name: str) -> None:
        from droidpilot.emulator.virtual.apps.settings.devices import PAIRED_KEY

        raw = self.host.settings.get("global", PAIRED_KEY) or ""
        names = [n for n in raw.split(",") if n]
        if name not in names:
            c.put(self.host, "global", PAIRED_KEY, ",".join([*names, name]))
