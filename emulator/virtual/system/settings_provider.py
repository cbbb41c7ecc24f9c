"""The settings provider: `system`, `secure` and `global` name/value tables in SQLite, as Android keeps them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from droidpilot.emulator.virtual import sandbox

NAMESPACES = ("system", "secure", "global")

DEFAULTS: dict[str, dict[str, str]] = {
    "global": {
        "wifi_on": "1", "bluetooth_on": "0", "airplane_mode_on": "0", "mobile_data": "1",
        "device_name": "Pixel 6", "auto_time": "1", "adb_enabled": "1", "development_settings_enabled": "0",
        "stay_on_while_plugged_in": "0", "window_animation_scale": "1.0", "transition_animation_scale": "1.0",
        "animator_duration_scale": "1.0",
    },
    "secure": {
        "default_input_method": "com.android.inputmethod.latin/.LatinIME",
        "enabled_input_methods": "com.android.inputmethod.latin/.LatinIME",
        "ui_night_mode": "1", "location_mode": "3", "android_id": "5c7e1d2a9b3f4e60",
    },
    "system": {
        "screen_brightness": "102", "screen_brightness_mode": "0", "screen_off_timeout": "60000",
        "time_12_24": "12", "font_scale": "1.0", "volume_ring": "5", "volume_music": "8", "volume_alarm": "6",
        "volume_notification": "5", "accelerometer_rotation": "0", "haptic_feedback_enabled": "1",
    },
}


class SettingsProvider:
    """`settings get/put/delete/list` over one SQLite file."""

    def __init__(self, path: Path, on_change: Callable[[], None] | None = None) -> None:
        self.path = path
        self._on_change = on_change
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            for ns in NAMESPACES:
                conn.execute(
                    f"CREATE TABLE IF NOT EXISTS {ns} (_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    "name TEXT UNIQUE ON CONFLICT REPLACE, value TEXT)"
                )
                for name, value in DEFAULTS[ns].items():
                    conn.execute(f"INSERT OR IGNORE INTO {ns} (name, value) VALUES (?, ?)", (name, value))

    def _connect(self) -> sqlite3.Connection:
        return sandbox.connect(self.path)  # a phone's settings.db that is a link out of it is refused

    @staticmethod
    def _table(namespace: str) -> str:
        if namespace not in NAMESPACES:
            raise ValueError(f"Invalid namespace '{namespace}'")
        return namespace

    def get(self, namespace: str, name: str) -> str | None:
        conn = self._connect()
        try:
            row = conn.execute(f"SELECT value FROM {self._table(namespace)} WHERE name = ?", (name,)).fetchone()
        finally:
            conn.close()
        return None if row is None else row[0]

    def get_int(self, namespace: str, name: str, default: int = 0) -> int:
        value = self.get(namespace, name)
        try:
            return int(float(value)) if value is not None else default
        except ValueError:
            return default

    def put(self, namespace: str, name: str, value: str) -> None:
        conn = self._connect()
        try:
            with conn:
                conn.execute(f"INSERT INTO {self._table(namespace)} (name, value) VALUES (?, ?)", (name, value))
        finally:
            conn.close()
        self._changed()

    def _changed(self) -> None:
        """Tell the phone the screen may show something else now (a switch, the theme, the status bar)."""
        if self._on_change is not None:
            self._on_change()

    def delete(self, namespace: str, name: str) -> int:
        conn = self._connect()
        try:
            with conn:
                deleted = conn.execute(f"DELETE FROM {self._table(namespace)} WHERE name = ?", (name,)).rowcount
        finally:
            conn.close()
        self._changed()
        return deleted

    def items(self, namespace: str) -> list[tuple[int, str, str]]:
        conn = self._connect()
        try:
            return conn.execute(f"SELECT _id, name, value FROM {self._table(namespace)} ORDER BY name").fetchall()
        finally:
            conn.close()
