"""Settings (com.android.settings), as on a Pixel 6 running Android 14."""

from droidpilot.emulator.virtual.apps.settings.app import SettingsApp

__all__ = ["SettingsApp"]
