"""Preference-screen building blocks shared by every Settings page, and the settings keys they use.

Settings keeps no data of its own: every control reads the settings provider on each frame and writes the same
keys `settings put` and the quick-settings tiles write, so a change from anywhere shows on the next frame.
Preference rows use the framework's ids (`android:id/title`, `android:id/summary`, `android:id/switch_widget`),
as AndroidX preference layouts do on a device.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.settings.icons import SettingsIcon
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import text_width
from droidpilot.emulator.virtual.toolkit.render import Painter

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.system.host import SystemHost

TITLE_ID = "android:id/title"
SUMMARY_ID = "android:id/summary"
SWITCH_ID = "android:id/switch_widget"
POSITIVE_ID = "android:id/button1"
NEGATIVE_ID = "android:id/button2"
EDIT_ID = "android:id/edit"

# Activity names, as Settings declares them in its manifest.
HOMEPAGE = ".Settings"
SEARCH = ".search.SearchActivity"
NETWORK = ".Settings$NetworkDashboardActivity"
INTERNET = ".Settings$NetworkProviderSettingsActivity"
CONNECTED_DEVICES = ".Settings$ConnectedDeviceDashboardActivity"
CONNECTION_PREFS = ".Settings$AdvancedConnectedDeviceActivity"
BLUETOOTH = ".Settings$BluetoothSettingsActivity"
PAIRING = ".bluetooth.BluetoothPairingDetail"
APPS = ".Settings$AppDashboardActivity"
ALL_APPS = ".Settings$ManageApplicationsActivity"
APP_INFO = ".applications.InstalledAppDetailsTop"
NOTIFICATIONS = ".Settings$ConfigureNotificationSettingsActivity"
BATTERY = ".Settings$PowerUsageSummaryActivity"
STORAGE = ".Settings$StorageDashboardActivity"
SOUND = ".Settings$SoundSettingsActivity"
DND = ".Settings$ZenModeSettingsActivity"
DISPLAY = ".Settings$DisplaySettingsActivity"
LOCATION = ".Settings$LocationSettingsActivity"
ABOUT = ".Settings$MyDeviceInfoActivity"

BLANK_ICON = "blank"
"""`pref(icon=BLANK_ICON)` keeps the icon column empty, so titles line up with rows that have icons."""

DEFAULT_SSID = "HomeNet-5G"
"""The network the phone is connected to while Wi-Fi is on, unless `global wifi_ssid` names another."""


# -- settings keys ------------------------------------------------------------------------------------------
def flag(host: SystemHost, namespace: str, key: str, default: bool = False) -> bool:
    value = host.settings.get(namespace, key)
    return default if value is None else value.strip() not in ("0", "", "false")


def put(host: SystemHost, namespace: str, key: str, value: str | int) -> None:
    host.settings.put(namespace, key, str(value))


def set_airplane(host: SystemHost, on: bool) -> None:
    """Airplane mode turns the Wi-Fi and Bluetooth radios off, exactly as the quick-settings tile does."""
    put(host, "global", "airplane_mode_on", int(on))
    if on:
        put(host, "global", "wifi_on", 0)
        put(host, "global", "bluetooth_on", 0)


def device_name(host: SystemHost) -> str:
    return host.settings.get("global", "device_name") or "Pixel 6"


def connected_ssid(host: SystemHost) -> str | None:
    if not flag(host, "global", "wifi_on"):
        return None
    return host.settings.get("global", "wifi_ssid") or DEFAULT_SSID


# -- widgets --------------------------------------------------------------------------------------------------
class PrefSwitch(v.Switch):
    """The switch at the end of a preference row: reports its row's title, draws only the track and thumb."""

    def content_height(self, width: int) -> int:
        return v.px(48)

    def paint_content(self, p: Painter) -> None:
        t = p.theme
        _x1, y1, x2, y2 = p.box(self)
        cy, on = (y1 + y2) // 2, self.is_checked
        tx2 = x2 - v.px(4)
        tx1 = tx2 - v.px(52)
        track = (t.primary if on else t.surface_variant) if self.enabled else t.outline
        p.draw.rounded_rectangle((tx1, cy - v.px(16), tx2, cy + v.px(16)), radius=v.px(16), fill=track,
                                 outline=t.primary if on and self.enabled else t.text_secondary, width=4)
        kx = tx2 - v.px(16) if on else tx1 + v.px(16)
        r = v.px(12) if on else v.px(8)
        p.draw.ellipse((kx - r, cy - r, kx + r, cy + r), fill=t.on_primary if on else t.text_secondary)


@dataclass(eq=False)
class RoundedGroup(v.ViewGroup):
    """A row drawn as a rounded card in a theme colour (the main switch bar, the search bar)."""

    fill: str = "surface_variant"
    radius: float = 28

    def paint_content(self, p: Painter) -> None:
        p.draw.rounded_rectangle(p.box(self, v.px(4)), radius=v.px(self.radius), fill=p.theme.color(self.fill))


def _texts(title: str, summary: str, enabled: bool) -> v.View:
    texts: list[v.View] = [v.TextView(id=TITLE_ID, text=title, size=17, max_lines=2, enabled=enabled)]
    if summary:
        texts.append(v.TextView(id=SUMMARY_ID, text=summary, size=14, color="text_secondary", max_lines=3,
                                enabled=enabled))
    return v.LinearLayout(children=texts, padding=2)


def pref(title: str, summary: str = "", on_click: v.Handler | None = None, icon: str = "",
         trailing: v.View | None = None, enabled: bool = True, desc: str = "", circle: str = "") -> v.View:
    """A preference row: optional icon (on a tinted disc if `circle`), title, summary, widget at the end."""
    children: list[v.View] = []
    if icon == BLANK_ICON:
        children.append(v.View(width=44))
    elif icon:
        children.append(SettingsIcon(id="android:id/icon", icon=icon, width=44, circle=circle,
                                     tint="text_secondary"))
    children.append(_texts(title, summary, enabled))
    if trailing is not None:
        children.append(trailing)
    return v.ViewGroup(desc=desc, vertical=False, align_center=True, padding=10, spacing=14,
                       on_click=on_click if enabled else None, enabled=enabled, children=children)


def switch_pref(title: str, checked: bool, on_change: Callable[[bool], None], summary: str = "",
                icon: str = "", enabled: bool = True) -> v.View:
    """A SwitchPreference: tapping the row or the switch flips it."""
    switch = PrefSwitch(id=SWITCH_ID, text=title, is_checked=checked, on_change=on_change, width=64,
                        enabled=enabled)
    return pref(title, summary, on_click=lambda: on_change(not checked), icon=icon, trailing=switch,
                enabled=enabled)


def main_switch(title: str, checked: bool, on_change: Callable[[bool], None]) -> v.View:
    """The MainSwitchBar at the top of a feature page ("Use Bluetooth"), tinted while on."""
    switch = PrefSwitch(id=SWITCH_ID, text=title, is_checked=checked, on_change=on_change, width=64)
    label = v.TextView(id="switch_text", text=title, size=20, max_lines=1)
    bar = RoundedGroup(fill="primary_container" if checked else "surface_variant", id="main_switch_bar",
                       vertical=False, align_center=True, padding=16, spacing=12, height=88,
                       on_click=lambda: on_change(not checked), children=[label, switch])
    return v.LinearLayout(padding=8, children=[bar])


def slider_pref(title: str, value: int, maximum: int, on_change: Callable[[int], None], icon: str = "",
                summary: str = "", seek_id: str = "seekbar") -> v.View:
    """A SeekBarPreference: title (and summary) over a slider whose content-desc is the title."""
    head = pref(title, summary, icon=icon)
    bar = v.SeekBar(id=seek_id, desc=title, progress=value, max=maximum, on_change=on_change)
    return v.LinearLayout(children=[head, v.LinearLayout(padding=0, children=[bar])])


def category(title: str) -> v.View:
    return v.TextView(id=TITLE_ID, text=title, size=14, bold=True, color="primary", padding=10)


def footer(text: str) -> v.View:
    return v.TextView(id="android:id/summary", text=text, size=14, color="text_secondary", padding=14)


def header(title: str, on_up: v.Handler) -> v.View:
    """A collapsing toolbar, expanded: the Navigate-up button over the page's large title."""
    up = v.ViewGroup(id="action_bar", vertical=False, align_center=True, height=56, padding=4,
                     children=[v.ImageButton(desc="Navigate up", icon="back", on_click=on_up)])
    big = v.TextView(text=title, size=34, max_lines=2, padding=12)
    return v.LinearLayout(id="collapsing_toolbar", desc=title, children=[up, big])


def page(title: str, on_up: v.Handler, rows: Sequence[v.View]) -> v.View:
    body = v.RecyclerView(id="recycler_view", weight=1, children=list(rows))
    return v.LinearLayout(children=[header(title, on_up), body])


# -- dialogs --------------------------------------------------------------------------------------------------
def alert(title: str, body: Sequence[v.View], positive: tuple[str, v.Handler | None] | None = None,
          negative: tuple[str, v.Handler] | None = None, on_dismiss: v.Handler | None = None) -> v.Dialog:
    """An AlertDialog: title, content, and the negative/positive buttons at the bottom end."""
    buttons: list[v.View] = [v.View()]
    if negative is not None:
        buttons.append(v.Button(id=NEGATIVE_ID, text=negative[0], style="text", on_click=negative[1],
                                width=button_width(negative[0])))
    if positive is not None:
        buttons.append(v.Button(id=POSITIVE_ID, text=positive[0], style="text", on_click=positive[1],
                                enabled=positive[1] is not None, width=button_width(positive[0])))
    children: list[v.View] = [v.TextView(id="android:id/alertTitle", text=title, size=24)]
    children += list(body)
    children.append(v.LinearLayout(vertical=False, spacing=4, children=buttons))
    return v.Dialog(id="parentPanel", children=children, on_dismiss=on_dismiss)


def button_width(label: str) -> float:
    """A text button wide enough for its label (dp)."""
    return text_width(label, v.px(15), True) / v.DP + 40


def message(text: str) -> v.View:
    return v.TextView(id="android:id/message", text=text, size=15, color="text_secondary")


def radio_list(choices: Sequence[tuple[str, str]], current: str, on_pick: Callable[[str], None]) -> v.View:
    """A single-choice list of (value, label); picking one calls `on_pick(value)`."""
    rows: list[v.View] = [
        v.RadioButton(id="android:id/text1", text=label, is_checked=value == current,
                      on_change=v.ignoring_value(partial(on_pick, value)))
        for value, label in choices
    ]
    return v.LinearLayout(id="android:id/select_dialog_listview", children=rows)


class SettingsPage(Activity):
    """A preference page: subclasses give `TITLE` and `rows()`; dialogs go in `state["dialog"]`."""

    TITLE: ClassVar[str] = ""

    def build(self) -> v.View:
        return page(self.TITLE, self.finish, self.rows())

    def rows(self) -> list[v.View]:
        return []

    def flag(self, namespace: str, key: str, default: bool = False) -> bool:
        return flag(self.host, namespace, key, default)

    def put(self, namespace: str, key: str, value: str | int) -> None:
        put(self.host, namespace, key, value)

    def int_setting(self, namespace: str, key: str, default: int = 0) -> int:
        return self.host.settings.get_int(namespace, key, default)

    # Dialogs keep their name in state["dialog"] and their half-typed values in state["draft"].
    def open_dialog(self, kind: str, /, **draft: object) -> None:
        self.state["dialog"] = kind
        self.state["draft"] = dict(draft)

    def draft(self, key: str, default: str = "") -> str:
        return str(self.state.get("draft", {}).get(key, default))

    def set_draft(self, key: str, value: str) -> None:
        self.state.setdefault("draft", {})[key] = value

    def close_dialog(self) -> None:
        if self.state.pop("dialog", None) is not None:
            self.clear_focus()  # the dialog's field goes, and the keyboard with it
        self.state.pop("draft", None)

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        return False

    # The device-name dialog, shared by About phone and Bluetooth.
    def start_rename(self) -> None:
        self.open_dialog("rename", name=device_name(self.host))
        self.request_focus(EDIT_ID)

    def rename_dialog(self, title: str, ok_label: str) -> v.Dialog:
        name = self.draft("name")
        field = v.EditText(id=EDIT_ID, text=name, hint="Device name",
                           on_change=lambda t: self.set_draft("name", t), on_submit=self._save_name)
        return alert(title, [field], positive=(ok_label, self._save_name if name.strip() else None),
                     negative=("Cancel", self.close_dialog))

    def _save_name(self) -> None:
        name = self.draft("name").strip()
        if name:
            # Android names the phone for Bluetooth, hotspot and USB from the same value.
            self.put("global", "device_name", name)
            self.put("secure", "bluetooth_name", name)
        self.close_dialog()
