"""The apps a virtual phone ships, in launcher order."""

from __future__ import annotations

from emulator.virtual.apps.base import App


def all_apps() -> list[type[App]]:
    from emulator.virtual.apps.calendar import CalendarApp
    from emulator.virtual.apps.camera import CameraApp
    from emulator.virtual.apps.contacts import ContactsApp
    from emulator.virtual.apps.deskclock import DeskClockApp
    from emulator.virtual.apps.expenses import ExpensesApp
    from emulator.virtual.apps.files import FilesApp
    from emulator.virtual.apps.gallery import GalleryApp
    from emulator.virtual.apps.messages import MessagesApp
    from emulator.virtual.apps.notes import NotesApp
    from emulator.virtual.apps.recipes import RecipesApp
    from emulator.virtual.apps.settings import SettingsApp
    from emulator.virtual.apps.tasks import TasksApp
    from emulator.virtual.system.chooser import ChooserApp
    from emulator.virtual.system.launcher import LauncherApp

    return [LauncherApp, ChooserApp, SettingsApp, ContactsApp, MessagesApp, DeskClockApp, RecipesApp, NotesApp,
            ExpensesApp, TasksApp, CameraApp, GalleryApp,
            CalendarApp, FilesApp]
