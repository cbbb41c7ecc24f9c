"""Settings driven through its UI only; results are read back from the settings provider."""

from __future__ import annotations

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual import VirtualPhone
from tests.ui import find, need, open_app, scroll_to, tap, type_into

SETTINGS = "com.android.settings"


def _open(phone: VirtualPhone, *path: str) -> None:
    """Open Settings from the launcher and tap through the rows titled `path`."""
    open_app(phone, "Settings")
    for title in path:
        scroll_to(phone, text=title)
        tap(phone, text=title)


def _switch(phone: VirtualPhone, title: str) -> UIElement:
    return need(phone, rid="switch_widget", text=title)


def _tap_at(phone: VirtualPhone, element: UIElement, fraction: float) -> None:
    """Tap a slider at `fraction` of its width."""
    box = element.bounds
    phone.tap(box.left + box.width * fraction, box.center[1])


def test_wifi_switch_turns_wifi_off_and_on(phone: VirtualPhone) -> None:
    _open(phone, "Network & internet", "Internet")
    assert _switch(phone, "Wi-Fi").checked
    need(phone, text="Connected")
    tap(phone, rid="switch_widget", text="Wi-Fi")
    assert phone.settings.get("global", "wifi_on") == "0"
    assert not _switch(phone, "Wi-Fi").checked
    need(phone, text="To see available networks, turn Wi-Fi on.")
    assert find(phone, text="Connected") is None
    tap(phone, text="Wi-Fi")
    assert phone.settings.get("global", "wifi_on") == "1"


def test_switches_follow_settings_changed_elsewhere(phone: VirtualPhone) -> None:
    _open(phone, "Network & internet", "Internet")
    phone.settings.put("global", "wifi_on", "0")  # as `settings put global wifi_on 0` from the shell
    phone.invalidate()
    assert not _switch(phone, "Wi-Fi").checked


def test_connect_to_secured_network(phone: VirtualPhone) -> None:
    _open(phone, "Network & internet", "Internet")
    tap(phone, text="NETGEAR47")
    need(phone, rid="alertTitle", text="NETGEAR47")
    assert not need(phone, text="Connect").enabled
    type_into(phone, "hunter22pw", rid="password")
    tap(phone, text="Connect")
    assert phone.settings.get("global", "wifi_ssid") == "NETGEAR47"
    phone.press_key("BACK")
    need(phone, text="NETGEAR47")  # the Internet row's summary is the network now


def test_bluetooth_switch(phone: VirtualPhone) -> None:
    _open(phone, "Connected devices", "Connection preferences", "Bluetooth")
    assert find(phone, text="Device name") is None
    tap(phone, text="Use Bluetooth")
    assert phone.settings.get("global", "bluetooth_on") == "1"
    assert _switch(phone, "Use Bluetooth").checked
    need(phone, text="Device name")
    need(phone, text="Pair new device")


def test_pair_new_device(phone: VirtualPhone) -> None:
    _open(phone, "Connected devices", "Pair new device")
    assert phone.settings.get("global", "bluetooth_on") == "1"
    tap(phone, text="JBL Flip 5")
    tap(phone, text="Pair")
    assert phone.settings.get("global", "bluetooth_paired_devices") == "JBL Flip 5"
    need(phone, text="Saved devices")
    need(phone, text="JBL Flip 5")


def test_airplane_mode_turns_radios_off(phone: VirtualPhone) -> None:
    _open(phone, "Connected devices", "Connection preferences", "Bluetooth")
    tap(phone, text="Use Bluetooth")
    for _ in range(3):
        phone.press_key("BACK")
    tap(phone, text="Network & internet")
    tap(phone, rid="switch_widget", text="Airplane mode")
    assert phone.settings.get("global", "airplane_mode_on") == "1"
    assert phone.settings.get("global", "wifi_on") == "0"
    assert phone.settings.get("global", "bluetooth_on") == "0"
    need(phone, text="Airplane mode is on")
    tap(phone, rid="switch_widget", text="Airplane mode")
    assert phone.settings.get("global", "airplane_mode_on") == "0"
    assert phone.settings.get("global", "wifi_on") == "0"  # radios stay as airplane mode left them


def test_brightness_slider(phone: VirtualPhone) -> None:
    _open(phone, "Display")
    slider = need(phone, desc="Brightness level", cls="SeekBar")
    _tap_at(phone, slider, 0.999)
    assert phone.settings.get("system", "screen_brightness") == "255"
    need(phone, text="100%")
    y = (slider.bounds.top + slider.bounds.bottom) / 2
    phone.swipe(slider.bounds.right - 60, y, (slider.bounds.left + slider.bounds.right) / 2, y, 300)
    level = int(phone.settings.get("system", "screen_brightness") or 0)
    assert 110 < level < 145
    need(phone, text=f"{round(level * 100 / 255)}%")


def test_dark_theme_adaptive_brightness_and_timeout(phone: VirtualPhone) -> None:
    _open(phone, "Display")
    tap(phone, rid="switch_widget", text="Dark theme")
    assert phone.settings.get("secure", "ui_night_mode") == "2"
    tap(phone, text="Adaptive brightness")
    assert phone.settings.get("system", "screen_brightness_mode") == "1"
    tap(phone, text="Screen timeout")
    tap(phone, text="5 minutes")
    assert phone.settings.get("system", "screen_off_timeout") == "300000"
    need(phone, text="After 5 minutes of inactivity")
    tap(phone, text="Dark theme")
    assert phone.settings.get("secure", "ui_night_mode") == "1"


def test_volume_sliders(phone: VirtualPhone) -> None:
    _open(phone, "Sound & vibration")
    _tap_at(phone, need(phone, desc="Media volume", cls="SeekBar"), 0.999)
    assert phone.settings.get("system", "volume_music") == "15"
    _tap_at(phone, need(phone, desc="Ring & notification volume", cls="SeekBar"), 0.0)
    assert phone.settings.get("system", "volume_ring") == "0"
    assert phone.settings.get("system", "volume_notification") == "0"
    _tap_at(phone, need(phone, desc="Alarm volume", cls="SeekBar"), 0.0)
    assert phone.settings.get("system", "volume_alarm") == "1"  # the alarm stream never goes silent


def test_force_stop_app(phone: VirtualPhone) -> None:
    open_app(phone, "Contacts")
    assert any(t.package == "com.android.contacts" for t in phone.host.recent_tasks())
    _open(phone, "Apps")
    tap(phone, contains="See all")
    tap(phone, text="Contacts")
    need(phone, text="com.android.contacts")
    tap(phone, text="Force stop")
    need(phone, text="Force stop?")
    tap(phone, text="Cancel")
    assert any(t.package == "com.android.contacts" for t in phone.host.recent_tasks())
    tap(phone, text="Force stop")
    tap(phone, text="OK")
    assert all(t.package != "com.android.contacts" for t in phone.host.recent_tasks())
    assert not need(phone, text="Force stop").enabled
    tap(phone, text="Open")
    assert phone.current_focus()[0] == "com.android.contacts"


def test_rename_device(phone: VirtualPhone) -> None:
    _open(phone, "About phone")
    need(phone, text="Pixel 6")
    tap(phone, text="Device name")
    tap(phone, rid="edit")
    for _ in need(phone, rid="edit", text="Pixel 6").text:
        phone.press_key("DEL")
    phone.input_text("Work phone")
    phone.press_key("BACK")  # hide the keyboard
    tap(phone, text="OK")
    assert phone.settings.get("global", "device_name") == "Work phone"
    need(phone, text="Work phone")


def test_search_opens_page(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    tap(phone, rid="search_action_bar")
    type_into(phone, "dark", rid="search_src_text")
    tap(phone, text="Dark theme")
    assert phone.current_focus() == (SETTINGS, SETTINGS + ".Settings$DisplaySettingsActivity")


def test_back_walks_up_to_launcher(phone: VirtualPhone) -> None:
    _open(phone, "Network & internet", "Internet")
    assert phone.current_focus()[1].endswith("NetworkProviderSettingsActivity")
    phone.press_key("BACK")
    assert phone.current_focus()[1].endswith("NetworkDashboardActivity")
    tap(phone, desc="Navigate up")
    assert phone.current_focus() == (SETTINGS, SETTINGS + ".Settings")
    phone.press_key("BACK")
    assert phone.current_focus()[0] == "com.android.launcher3"
