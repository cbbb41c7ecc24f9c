"""Network & internet: the dashboard (Internet, Airplane mode, ...) and the Internet page (Wi-Fi switch and the
list of nearby networks).

Nearby networks are a fixed list so screens are deterministic. Wi-Fi state is `global wifi_on`; the network the
phone is on is `global wifi_ssid` (a virtual-phone key; unset means the home network).
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.toolkit import views as v

CARRIER = "T-Mobile"
# (SSID, security): what a scan finds. Open networks ("None") connect with a tap.
NETWORKS: tuple[tuple[str, str], ...] = (
    (c.DEFAULT_SSID, "WPA2-Personal"),
    ("Linksys-2.4", "WPA2-Personal"),
    ("NETGEAR47", "WPA2/WPA3-Personal"),
    ("xfinitywifi", "None"),
    ("CoffeeShop Guest", "None"),
)
SIGNAL = {c.DEFAULT_SSID: "Excellent", "Linksys-2.4": "Good", "NETGEAR47": "Fair", "xfinitywifi": "Fair",
          "CoffeeShop Guest": "Weak"}
MIN_PASSWORD = 8
ADAPTIVE_SUMMARY = ("Extends battery life and improves device performance by automatically managing your "
                    "network connections")


def internet_summary(page: c.SettingsPage) -> str:
    ssid = c.connected_ssid(page.host)
    if ssid:
        return ssid
    if page.flag("global", "airplane_mode_on"):
        return "Airplane mode"
    return CARRIER if page.flag("global", "mobile_data", True) else "Not connected"


class NetworkDashboardActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.NETWORK
    TITLE: ClassVar[str] = "Network & internet"

    def rows(self) -> list[v.View]:
        airplane = self.flag("global", "airplane_mode_on")
        return [
            c.pref("Internet", internet_summary(self), icon="wifi", on_click=lambda: self.start(c.INTERNET)),
            c.pref("Calls & SMS", CARRIER, icon="phone"),
            c.pref("SIMs", "Airplane mode is on" if airplane else CARRIER, icon="sim"),
            c.switch_pref("Airplane mode", airplane, lambda on: c.set_airplane(self.host, on), icon="airplane"),
            c.pref("Hotspot & tethering", "Off", icon="hotspot"),
            c.pref("Data Saver", "Off", icon="datasaver"),
            c.pref("VPN", "None", icon="security"),
            c.pref("Private DNS", "Automatic", icon=c.BLANK_ICON),
            c.pref("Adaptive connectivity", ADAPTIVE_SUMMARY, icon=c.BLANK_ICON),
        ]


class NetworkProviderSettingsActivity(c.SettingsPage):
    """The Internet page: mobile network, the Wi-Fi switch and, while Wi-Fi is on, the networks in range."""

    NAME: ClassVar[str] = c.INTERNET
    TITLE: ClassVar[str] = "Internet"

    def _mobile_row(self) -> v.View:
        if self.flag("global", "airplane_mode_on"):
            return c.pref("Airplane mode is on", "Mobile network is off", icon="airplane")
        if not self.flag("global", "mobile_data", True):
            summary = "Mobile data off"
        elif c.connected_ssid(self.host):
            summary = "Mobile data won't auto-connect while Wi-Fi is on"
        else:
            summary = "Connected / 5G"
        return c.pref(CARRIER, summary, icon="network")

    def rows(self) -> list[v.View]:
        wifi = self.flag("global", "wifi_on")
        rows = [self._mobile_row(),
                c.switch_pref("Wi-Fi", wifi, lambda on: self.put("global", "wifi_on", int(on)))]
        if not wifi:
            rows.append(c.footer("To see available networks, turn Wi-Fi on."))
        else:
            rows += self._network_rows()
            rows.append(c.pref("Add network", icon="add"))
        rows += [c.pref("Saved networks", "2 networks"),
                 c.pref("Network preferences", "Wi-Fi turns back on automatically"),
                 c.pref("Non-carrier data usage", "0 B used")]
        return rows

    def _network_rows(self) -> list[v.View]:
        current = c.connected_ssid(self.host)
        ordered = sorted(NETWORKS, key=lambda n: n[0] != current)
        rows: list[v.View] = []
        for ssid, security in ordered:
            summary = "Connected" if ssid == current else ("Saved" if ssid == "Linksys-2.4" else "")
            desc = f"{ssid},{summary or 'Not connected'},Wifi signal {SIGNAL[ssid].lower()}.," + (
                "Open network" if security == "None" else "Secure network")
            rows.append(c.pref(ssid, summary, icon="wifi", desc=desc,
                               on_click=partial(self._tap_network, ssid, security)))
        return rows

    def _tap_network(self, ssid: str, security: str) -> None:
        if ssid == c.connected_ssid(self.host):
            self.open_dialog("details", ssid=ssid)
        elif security == "None" or ssid == "Linksys-2.4":
            self._connect(ssid)
        else:
            self.open_dialog("password", ssid=ssid, password="")
            self.request_focus("password")

    def _connect(self, ssid: str) -> None:
        self.put("global", "wifi_ssid", ssid)
        self.close_dialog()

    def dialog(self) -> v.Dialog | None:
        kind, ssid = self.state.get("dialog"), self.draft("ssid")
        if kind == "details":
            security = dict(NETWORKS).get(ssid, "WPA2-Personal")
            lines = f"Status\nConnected\n\nSignal strength\n{SIGNAL.get(ssid, 'Good')}\n\nSecurity\n{security}"
            return c.alert(ssid, [c.message(lines)], positive=("Done", self.close_dialog))
        if kind == "password":
            password = self.draft("password")
            field = v.EditText(id="password", hint="Password", text=password, is_password=True,
                               on_change=lambda t: self.set_draft("password", t),
                               on_submit=lambda: self._submit(ssid))
            ok = len(password) >= MIN_PASSWORD
            return c.alert(ssid, [field], positive=("Connect", (lambda: self._connect(ssid)) if ok else None),
                           negative=("Cancel", self.close_dialog))
        return None

    def _submit(self, ssid: str) -> None:
        if len(self.draft("password")) >= MIN_PASSWORD:
            self._connect(ssid)
