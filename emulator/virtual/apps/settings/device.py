"""About phone (device name, model, Android version, build number) and the simpler pages: Notifications,
Battery, Storage and Location.

Keys: `global device_name`, `global development_settings_enabled`, `global low_power`,
`system status_bar_show_battery_percent`, `secure notification_badging`, `secure show_notification_snooze`,
`secure notification_history_enabled`, `secure location_mode` (3 = on, 0 = off).
"""

from __future__ import annotations

from typing import ClassVar

from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.toolkit import views as v

MODEL = "Pixel 6"
ANDROID_VERSION = "14"
BUILD_NUMBER = "UP1A.231005.007"
SECURITY_PATCH = "October 5, 2023"
TAPS_TO_DEVELOPER = 7
STORAGE_USED: tuple[tuple[str, str], ...] = (
    ("Apps", "12.38 GB"), ("Images", "3.12 GB"), ("Videos", "1.24 GB"), ("Audio", "410 MB"),
    ("Documents & other", "2.07 GB"), ("Trash", "0 B"), ("System", "24.30 GB"),
)


class MyDeviceInfoActivity(c.SettingsPage):
    """About phone. Tapping "Build number" seven times enables developer options, as on a device."""

    NAME: ClassVar[str] = c.ABOUT
    TITLE: ClassVar[str] = "About phone"

    def rows(self) -> list[v.View]:
        wifi = c.connected_ssid(self.host) is not None
        return [
            c.pref("Device name", c.device_name(self.host), on_click=self.start_rename),
            c.pref("Phone number", "+1 650-555-0123"),
            c.pref("Emergency information", "Add info to help first responders"),
            c.pref("Legal information"),
            c.category("Device details"),
            c.pref("SIM status", "T-Mobile"),
            c.pref("Model", MODEL, on_click=lambda: self.open_dialog("model")),
            c.pref("IMEI", "358240051111110"),
            c.pref("Android version", ANDROID_VERSION, on_click=lambda: self.open_dialog("version")),
            c.category("Device identifiers"),
            c.pref("IP address", "192.168.1.23\nfe80::3e28:6dff:fea1:5e06" if wifi else "Unavailable"),
            c.pref("Wi-Fi MAC address", "To view, choose saved network"),
            c.pref("Device Wi-Fi MAC address", "3c:28:6d:a1:5e:06"),
            c.pref("Bluetooth address", "3C:28:6D:A1:5E:07" if self.flag("global", "bluetooth_on")
                   else "Unavailable"),
            c.pref("Build number", BUILD_NUMBER, on_click=self._tap_build),
        ]

    def _tap_build(self) -> None:
        if self.flag("global", "development_settings_enabled"):
            self.toast("No need, you are already a developer.")
            return
        taps = int(self.state.get("build_taps", 0)) + 1
        self.state["build_taps"] = taps
        left = TAPS_TO_DEVELOPER - taps
        if left <= 0:
            self.put("global", "development_settings_enabled", 1)
            self.state.pop("build_taps", None)
            self.toast("You are now a developer!")
        elif left <= 4:
            self.toast(f"You are now {left} step{'s' if left > 1 else ''} away from being a developer.")

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "rename":
            return self.rename_dialog("Device name", "OK")
        if kind == "model":
            text = f"Model\n{MODEL}\n\nSerial number\n1A2B3C4D5E6F7G\n\nHardware version\nMP1.0"
            return c.alert("Model", [c.message(text)], positive=("OK", self.close_dialog))
        if kind == "version":
            text = (f"Android version\n{ANDROID_VERSION}\n\nAndroid security update\n{SECURITY_PATCH}\n\n"
                    f"Google Play system update\nSeptember 1, 2023\n\nBuild number\n{BUILD_NUMBER}")
            return c.alert("Android version", [c.message(text)], positive=("OK", self.close_dialog))
        return None


class ConfigureNotificationSettingsActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.NOTIFICATIONS
    TITLE: ClassVar[str] = "Notifications"

    def _toggle(self, title: str, key: str, default: bool, summary: str = "") -> v.View:
        return c.switch_pref(title, self.flag("secure", key, default),
                             lambda on: self.put("secure", key, int(on)), summary=summary)

    def rows(self) -> list[v.View]:
        zen = self.int_setting("global", "zen_mode") != 0
        return [
            c.pref("App notifications", "Control notifications from individual apps"),
            self._toggle("Notification history", "notification_history_enabled", False,
                         "Show recent and snoozed notifications"),
            c.category("Conversation"),
            c.pref("Conversations", "No priority conversations"),
            c.pref("Bubbles", "On / Conversations can appear as floating icons"),
            c.category("Privacy"),
            c.pref("Notifications on lock screen", "Show conversations, default, and silent"),
            c.category("General"),
            c.pref("Do Not Disturb", "On" if zen else "Off", icon="dnd", on_click=lambda: self.start(c.DND)),
            self._toggle("Allow notification snoozing", "show_notification_snooze", False),
            self._toggle("Notification dot on app icon", "notification_badging", True),
        ]


class PowerUsageSummaryActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.BATTERY
    TITLE: ClassVar[str] = "Battery"

    def rows(self) -> list[v.View]:
        saver = self.flag("global", "low_power")
        level = v.TextView(id="battery_percent", text="100%", size=40, padding=12)
        return [
            level,
            c.footer("Full charge lasts about 1 day"),
            c.pref("Battery usage", "View usage for past 24 hours"),
            c.switch_pref("Battery Saver", saver, lambda on: self.put("global", "low_power", int(on)),
                          summary="On" if saver else "Off"),
            c.pref("Adaptive Battery", "On / Extends battery life based on your phone usage"),
            c.switch_pref("Battery percentage", self.flag("system", "status_bar_show_battery_percent"),
                          lambda on: self.put("system", "status_bar_show_battery_percent", int(on)),
                          summary="Show battery percentage in status bar"),
        ]


class StorageDashboardActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.STORAGE
    TITLE: ClassVar[str] = "Storage"

    def rows(self) -> list[v.View]:
        total = v.TextView(id="storage_summary", text="43.52 GB used", size=32, padding=12)
        rows: list[v.View] = [total, c.footer("34% used of 128 GB"),
                              v.LinearLayout(padding=8, children=[
                                  v.Button(id="free_up_space", text="Free up space", style="tonal")])]
        rows += [c.pref(name, size) for name, size in STORAGE_USED]
        return rows


class LocationSettingsActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.LOCATION
    TITLE: ClassVar[str] = "Location"

    def rows(self) -> list[v.View]:
        on = self.int_setting("secure", "location_mode", 3) != 0
        rows = [c.main_switch("Use location", on, lambda value: self.put("secure", "location_mode",
                                                                        3 if value else 0))]
        if on:
            rows += [c.category("Recent access"), c.footer("No apps recently accessed location")]
        rows += [
            c.pref("App location permissions", "On - 3 of 12 apps have access to location" if on else "Off"),
            c.pref("Location services", "Wi-Fi and Bluetooth scanning"),
            c.footer("Location may use sources like GPS, Wi-Fi, mobile networks, and sensors to help estimate "
                     "your device's location."),
        ]
        return rows
