"""Connected devices: the dashboard, Connection preferences, the Bluetooth page and "Pair new device".

Bluetooth state is `global bluetooth_on`. Paired devices are kept in `global bluetooth_paired_devices`, a
comma-separated list of names (a virtual-phone key), since Settings has no database of its own.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.toolkit import views as v

PAIRED_KEY = "bluetooth_paired_devices"
# (name, kind): devices in pairing mode nearby; the same every scan, so screens are deterministic.
NEARBY: tuple[tuple[str, str], ...] = (
    ("Pixel Buds Pro", "Headphones"), ("JBL Flip 5", "Speaker"), ("Galaxy Watch5", "Watch"),
    ("Bose QC45", "Headphones"), ("Living Room TV", "TV"),
)
BT_FOOTER = "When Bluetooth is turned on, your device can communicate with other nearby Bluetooth devices."


def paired(page: c.SettingsPage) -> list[str]:
    raw = page.host.settings.get("global", PAIRED_KEY) or ""
    return [name for name in raw.split(",") if name]


def saved_device_rows(page: c.SettingsPage) -> list[v.View]:
    """Paired devices; they show as connected only while Bluetooth is on."""
    on = page.flag("global", "bluetooth_on")
    return [c.pref(name, "Connected" if on else "Not connected", icon="bluetooth") for name in paired(page)]


class ConnectedDeviceDashboardActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.CONNECTED_DEVICES
    TITLE: ClassVar[str] = "Connected devices"

    def _pair_new(self) -> None:
        # Android turns Bluetooth on when the pairing page opens.
        self.put("global", "bluetooth_on", 1)
        self.start(c.PAIRING)

    def rows(self) -> list[v.View]:
        rows: list[v.View] = []
        saved = saved_device_rows(self)
        if saved:
            rows += [c.category("Saved devices"), *saved]
        rows.append(c.pref("Pair new device", icon="add", on_click=self._pair_new))
        rows.append(c.pref("Connection preferences", "Bluetooth, Android Auto, NFC", icon="bluetooth",
                           on_click=lambda: self.start(c.CONNECTION_PREFS)))
        name = c.device_name(self.host)
        if self.flag("global", "bluetooth_on"):
            rows.append(c.footer(f"Visible as \u201c{name}\u201d to other devices"))
        else:
            rows.append(c.footer("Bluetooth will turn on to pair new device"))
        return rows


class AdvancedConnectedDeviceActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.CONNECTION_PREFS
    TITLE: ClassVar[str] = "Connection preferences"

    def rows(self) -> list[v.View]:
        bt = "On" if self.flag("global", "bluetooth_on") else "Off"
        return [
            c.pref("Bluetooth", bt, icon="bluetooth", on_click=lambda: self.start(c.BLUETOOTH)),
            c.pref("Cast", "Not connected", icon="devices"),
            c.pref("Printing", "1 print service on", icon="P"),
            c.pref("Android Auto", "Use apps on your car screen", icon="A"),
            c.pref("Nearby Share", "Share files with devices nearby", icon="network"),
            c.switch_pref("NFC", self.flag("secure", "nfc_on", True),
                          lambda on: self.put("secure", "nfc_on", int(on)),
                          summary="Use NFC to pay and share with nearby devices"),
        ]


class BluetoothSettingsActivity(c.SettingsPage):
    """The Bluetooth page: the "Use Bluetooth" switch, the device name and pairing."""

    NAME: ClassVar[str] = c.BLUETOOTH
    TITLE: ClassVar[str] = "Bluetooth"

    def rows(self) -> list[v.View]:
        on = self.flag("global", "bluetooth_on")
        rows = [c.main_switch("Use Bluetooth", on, lambda value: self.put("global", "bluetooth_on", int(value)))]
        if on:
            rows += [
                c.pref("Device name", c.device_name(self.host), on_click=self.start_rename),
                c.pref("Pair new device", icon="add", on_click=lambda: self.start(c.PAIRING)),
                *saved_device_rows(self),
            ]
        rows.append(c.footer(BT_FOOTER))
        return rows

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") == "rename":
            return self.rename_dialog("Rename this device", "Rename")
        return None


class BluetoothPairingDetail(c.SettingsPage):
    """Pair new device: nearby devices that are not paired yet; a tap asks to confirm, then pairs."""

    NAME: ClassVar[str] = c.PAIRING
    TITLE: ClassVar[str] = "Pair new device"

    def rows(self) -> list[v.View]:
        rows = [c.pref("Device name", c.device_name(self.host))]
        if not self.flag("global", "bluetooth_on"):
            return [*rows, c.footer("Turn on Bluetooth to see available devices.")]
        done = set(paired(self))
        rows.append(c.category("Available devices"))
        rows += [c.pref(name, kind, icon="bluetooth", on_click=partial(self.open_dialog, "pair", name=name))
                 for name, kind in NEARBY if name not in done]
        rows.append(c.footer("Phone's Bluetooth address: 3C:28:6D:A1:5E:07"))
        return rows

    def _pair(self) -> None:
        name = self.draft("name")
        names = [*paired(self), name]
        self.put("global", PAIRED_KEY, ",".join(names))
        self.close_dialog()
        self.finish()

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "pair":
            return None
        name = self.draft("name")
        body = c.message(f"Pair with {name}?\n\nAllow {name} to access your contacts and call history.")
        return c.alert("Pair with this device?", [body], positive=("Pair", self._pair),
                       negative=("Cancel", self.close_dialog))
