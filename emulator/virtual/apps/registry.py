"""The apps a virtual phone ships, in launcher order."""

from __future__ import annotations

from droidpilot.emulator.virtual.apps.base import App


def all_apps() -> list[type[App]]:
    from droidpilot.emulator.virtual.apps.audiorecorder import AudioRecorderApp
    from droidpilot.emulator.virtual.apps.calendar import CalendarApp
    from droidpilot.emulator.virtual.apps.camera import CameraApp
    from droidpilot.emulator.virtual.apps.chrome import ChromeApp
    from droidpilot.emulator.virtual.apps.contacts import ContactsApp
    from droidpilot.emulator.virtual.apps.deskclock import DeskClockApp
    from droidpilot.emulator.virtual.apps.draw import SimpleDrawApp
    from droidpilot.emulator.virtual.apps.expenses import ExpensesApp
    from droidpilot.emulator.virtual.apps.files import FilesApp
    from droidpilot.emulator.virtual.apps.gallery import GalleryApp
    from droidpilot.emulator.virtual.apps.joplin import JoplinApp
    from droidpilot.emulator.virtual.apps.messages import MessagesApp
    from droidpilot.emulator.virtual.apps.notes import NotesApp
    from droidpilot.emulator.virtual.apps.opentracks import OpenTracksApp
    from droidpilot.emulator.virtual.apps.osmand import OsmAndApp
    from droidpilot.emulator.virtual.apps.recipes import RecipesApp
    from droidpilot.emulator.virtual.apps.retromusic import RetroMusicApp
    from droidpilot.emulator.virtual.apps.settings import SettingsApp
    from droidpilot.emulator.virtual.apps.tasks import TasksApp
    from droidpilot.emulator.virtual.apps.vlc import VlcApp
    from droidpilot.emulator.virtual.system.chooser import ChooserApp
    from droidpilot.emulator.virtual.system.launcher import LauncherApp

    return [LauncherApp, ChooserApp, SettingsApp, ContactsApp, MessagesApp, DeskClockApp, RecipesApp, NotesApp,
            ExpensesApp, TasksApp, CameraApp, GalleryApp,
            CalendarApp, FilesApp, JoplinApp, OpenTracksApp, AudioRecorderApp, VlcApp, RetroMusicApp,
            SimpleDrawApp, ChromeApp, OsmAndApp]
