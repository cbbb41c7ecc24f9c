"""Settings (com.android.settings)."""

from __future__ import annotations

from typing import ClassVar

from emulator.virtual.apps.base import Activity, App
from emulator.virtual.toolkit import views as v
from emulator.virtual.toolkit.widgets import app_bar, screen


class SettingsMain(Activity):
    NAME: ClassVar[str] = ".Settings"

    def build(self) -> v.View:
        return screen(app_bar("Settings"), v.ScrollView(id="list", children=[]))


class SettingsApp(App):
    PACKAGE: ClassVar[str] = "com.android.settings"
    LABEL: ClassVar[str] = "Settings"
    ICON: ClassVar[str] = "settings"
    COLOR: ClassVar[str] = "grey"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (SettingsMain,)
    LAUNCHER: ClassVar[type[Activity] | None] = SettingsMain
