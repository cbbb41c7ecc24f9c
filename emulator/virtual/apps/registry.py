"""The apps a virtual phone ships, in launcher order."""

from __future__ import annotations

from emulator.virtual.apps.base import App


def all_apps() -> list[type[App]]:
    from emulator.virtual.apps.contacts import ContactsApp
    from emulator.virtual.apps.deskclock import DeskClockApp
    from emulator.virtual.apps.messages import MessagesApp
    from emulator.virtual.apps.settings import SettingsApp
    from emulator.virtual.system.chooser import ChooserApp
    from emulator.virtual.system.launcher import LauncherApp

    return [LauncherApp, ChooserApp, SettingsApp, ContactsApp, MessagesApp, DeskClockApp]
