"""Display, Sound & vibration and Do Not Disturb.

Keys: `system screen_brightness` (0-255), `system screen_brightness_mode` (1 = adaptive),
`secure ui_night_mode` (2 = dark, 1 = light), `system screen_off_timeout` (ms),
`system accelerometer_rotation`; volumes are AudioService's stream indexes in `system volume_*`
(media 0-15, call 1-5, ring & notification 0-7, alarm 1-7); `global zen_mode` (0 = off, 1 = priority only).
"""

from __future__ import annotations

from typing import ClassVar

from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.toolkit import views as v

MAX_BRIGHTNESS = 255
TIMEOUTS: tuple[tuple[str, str], ...] = (
    ("15000", "15 seconds"), ("30000", "30 seconds"), ("60000", "1 minute"), ("120000", "2 minutes"),
    ("300000", "5 minutes"), ("600000", "10 minutes"), ("1800000", "30 minutes"),
)
# (title, key, min, max, default): the volume sliders, in Android 14's order.
VOLUMES: tuple[tuple[str, str, int, int, int], ...] = (
    ("Media volume", "volume_music", 0, 15, 8),
    ("Call volume", "volume_voice", 1, 5, 4),
    ("Ring & notification volume", "volume_ring", 0, 7, 5),
    ("Alarm volume", "volume_alarm", 1, 7, 6),
)


def brightness_percent(level: int) -> int:
    return round(max(0, min(MAX_BRIGHTNESS, level)) * 100 / MAX_BRIGHTNESS)


def timeout_label(ms: str) -> str:
    label = dict(TIMEOUTS).get(ms)
    if label is None:
        seconds = int(ms) // 1000 if ms.isdigit() else 60
        label = f"{seconds} seconds"
    return f"After {label} of inactivity"


class DisplaySettingsActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.DISPLAY
    TITLE: ClassVar[str] = "Display"

    def rows(self) -> list[v.View]:
        level = self.int_setting("system", "screen_brightness", 102)
        adaptive = self.int_setting("system", "screen_brightness_mode") == 1
        dark = self.host.settings.get("secure", "ui_night_mode") == "2"
        timeout = self.host.settings.get("system", "screen_off_timeout") or "60000"
        return [
            c.category("Brightness"),
            c.slider_pref("Brightness level", level, MAX_BRIGHTNESS, self._set_brightness,
                          icon="brightness", summary=f"{brightness_percent(level)}%", seek_id="brightness"),
            c.switch_pref("Adaptive brightness", adaptive,
                          lambda on: self.put("system", "screen_brightness_mode", int(on)),
                          summary="Automatically adjust screen brightness to your environment"),
            c.category("Lock display"),
            c.pref("Screen timeout", timeout_label(timeout), on_click=lambda: self.open_dialog("timeout")),
            c.category("Appearance"),
            c.switch_pref("Dark theme", dark, lambda on: self.put("secure", "ui_night_mode", 2 if on else 1),
                          icon="dark", summary="Will never turn on automatically"),
            c.pref("Display size and text", "Font size, bold text"),
            c.switch_pref("Auto-rotate screen", self.flag("system", "accelerometer_rotation"),
                          lambda on: self.put("system", "accelerometer_rotation", int(on))),
        ]

    def _set_brightness(self, value: int) -> None:
        self.put("system", "screen_brightness", max(0, min(MAX_BRIGHTNESS, value)))

    def _set_timeout(self, value: str) -> None:
        self.put("system", "screen_off_timeout", value)
        self.close_dialog()

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "timeout":
            return None
        current = self.host.settings.get("system", "screen_off_timeout") or "60000"
        return c.alert("Screen timeout", [c.radio_list(TIMEOUTS, current, self._set_timeout)],
                       negative=("Cancel", self.close_dialog))


class SoundSettingsActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.SOUND
    TITLE: ClassVar[str] = "Sound & vibration"

    def _volume(self, title: str, key: str, low: int, high: int, default: int) -> v.View:
        value = min(high, max(low, self.int_setting("system", key, default)))
        return c.slider_pref(title, value, high, lambda n: self._set_volume(key, low, high, n), icon="volume")

    def _set_volume(self, key: str, low: int, high: int, value: int) -> None:
        value = max(low, min(high, value))
        self.put("system", key, value)
        if key == "volume_ring":
            # Ring and notification volumes are linked, as on a phone with voice capability.
            self.put("system", "volume_notification", value)

    def rows(self) -> list[v.View]:
        zen = self.int_setting("global", "zen_mode") != 0
        rows = [self._volume(*spec) for spec in VOLUMES]
        rows += [
            c.pref("Do Not Disturb", "On" if zen else "Off", icon="dnd", on_click=lambda: self.start(c.DND)),
            c.pref("Live Caption", "Automatically caption media"),
            c.pref("Media", "Show media player in Quick Settings"),
            c.pref("Vibration & haptics", "On"),
            c.pref("Phone ringtone", "Your New Adventure"),
            c.pref("Default notification sound", "Eureka"),
            c.pref("Default alarm sound", "Fresh Start"),
            c.switch_pref("Touch sounds", self.flag("system", "sound_effects_enabled", True),
                          lambda on: self.put("system", "sound_effects_enabled", int(on))),
        ]
        return rows


class ZenModeSettingsActivity(c.SettingsPage):
    """Do Not Disturb: "Turn on now" / "Turn off now", writing `global zen_mode`."""

    NAME: ClassVar[str] = c.DND
    TITLE: ClassVar[str] = "Do Not Disturb"

    def rows(self) -> list[v.View]:
        on = self.int_setting("global", "zen_mode") != 0
        button = v.Button(id="zen_mode_settings_turn_on_button" if not on else "zen_mode_settings_turn_off_button",
                          text="Turn off now" if on else "Turn on now", style="filled" if not on else "tonal",
                          on_click=lambda: self.put("global", "zen_mode", 0 if on else 1), width=180)
        return [
            c.footer("Only get notified by important people and apps"),
            v.LinearLayout(vertical=False, padding=8, children=[button, v.View()]),
            c.category("What can interrupt Do Not Disturb"),
            c.pref("People", "Some calls and messages can interrupt"),
            c.pref("Apps", "No apps can interrupt"),
            c.pref("Alarms & other interruptions", "Alarms and media can interrupt"),
            c.category("General"),
            c.pref("Schedules", "1 schedule can turn on automatically"),
            c.pref("Duration for Quick Settings", "Until you turn off"),
        ]
