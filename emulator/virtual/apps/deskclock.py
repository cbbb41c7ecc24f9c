"""Clock (com.android.deskclock)."""

from __future__ import annotations

from typing import ClassVar

from emulator.virtual.apps.base import Activity, App
from emulator.virtual.toolkit import views as v
from emulator.virtual.toolkit.widgets import app_bar, screen


class DeskClockMain(Activity):
    NAME: ClassVar[str] = ".DeskClock"

    def build(self) -> v.View:
        return screen(app_bar("Clock"), v.ScrollView(id="list", children=[]))


class DeskClockApp(App):
    PACKAGE: ClassVar[str] = "com.android.deskclock"
    LABEL: ClassVar[str] = "Clock"
    ICON: ClassVar[str] = "clock"
    COLOR: ClassVar[str] = "teal"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (DeskClockMain,)
    LAUNCHER: ClassVar[type[Activity] | None] = DeskClockMain
