"""Apps: the dashboard, "See all N apps" (ManageApplications) and App info with Open and Force stop.

The list is the phone's launchable apps (`host.launchable()`); "running" means the app has a process
(`host.state.pids`), which is what enables Force stop, as ActivityManager reports it on a device.
"""

from __future__ import annotations

import zlib
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import App
from droidpilot.emulator.virtual.apps.settings import common as c
from droidpilot.emulator.virtual.apps.settings.icons import SettingsIcon
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.theme import ICON_COLORS

FORCE_STOP_TEXT = "If you force stop an app, it may misbehave."


def installed(page: c.SettingsPage) -> list[App]:
    return sorted(page.host.launchable(), key=lambda a: a.LABEL.lower())


def app_size(package: str) -> str:
    """A stable, plausible install size for the list's summary line."""
    return f"{8 + zlib.crc32(package.encode()) % 12000 / 100:.2f} MB"


def app_icon(app: App, size: float = 44) -> v.View:
    r, g, b = ICON_COLORS.get(app.COLOR, ICON_COLORS["blue"])
    return SettingsIcon(id="android:id/icon", icon=app.ICON or app.LABEL, width=size, height=size,
                        circle=f"#{r:02x}{g:02x}{b:02x}")


def app_row(page: c.SettingsPage, app: App, summary: str) -> v.View:
    row = c.pref(app.LABEL, summary, on_click=lambda: page.start(c.APP_INFO, package=app.PACKAGE))
    row.children.insert(0, app_icon(app))
    return row


class AppDashboardActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.APPS
    TITLE: ClassVar[str] = "Apps"

    def rows(self) -> list[v.View]:
        apps = {a.PACKAGE: a for a in installed(self)}
        recent = [apps[t.package] for t in self.host.recent_tasks() if t.package in apps][:3]
        rows: list[v.View] = []
        if recent:
            rows.append(c.category("Recently opened apps"))
            rows += [app_row(self, app, "Recently opened") for app in recent]
        rows.append(c.pref(f"See all {len(apps)} apps", icon="apps", on_click=lambda: self.start(c.ALL_APPS)))
        rows += [
            c.category("General"),
            c.pref("Default apps", "Assistant, browser, and phone"),
            c.pref("Screen time", "0 minutes today"),
            c.pref("Unused apps", "0 unused apps"),
            c.pref("App battery usage", "Restrict apps from using battery in the background"),
            c.pref("Special app access", "1 app can use unrestricted data"),
        ]
        return rows


class ManageApplicationsActivity(c.SettingsPage):
    NAME: ClassVar[str] = c.ALL_APPS
    TITLE: ClassVar[str] = "All apps"

    def rows(self) -> list[v.View]:
        spinner = v.TextView(id="filter_spinner", text="All apps", size=15, padding=12)
        return [spinner, *[app_row(self, app, app_size(app.PACKAGE)) for app in installed(self)]]


class InstalledAppDetailsTop(c.SettingsPage):
    """App info for `intent.extras["package"]`, or for a `package:PKG` data URI."""

    NAME: ClassVar[str] = c.APP_INFO
    TITLE: ClassVar[str] = "App info"

    @property
    def package(self) -> str:
        data = self.intent.data or ""
        return str(self.intent.extras.get("package") or data.removeprefix("package:"))

    def rows(self) -> list[v.View]:
        app = self.host.apps.get(self.package)
        if app is None:
            return [c.footer("App not found.")]
        running = app.PACKAGE in self.host.state.pids
        head = v.LinearLayout(id="entity_header", align_center=True, padding=12, spacing=8, children=[
            v.LinearLayout(vertical=False, children=[v.View(), app_icon(app, 64), v.View()], height=72),
            v.TextView(id="entity_header_title", text=app.LABEL, size=24, align="center"),
            v.TextView(id="entity_header_summary", text=app.PACKAGE, size=14, color="text_secondary",
                       align="center"),
        ])
        buttons = v.LinearLayout(vertical=False, padding=8, spacing=8, children=[
            v.Button(id="button1", text="Open", style="text", on_click=self._open, enabled=app.LAUNCHER is not None),
            v.Button(id="button2", text="Uninstall", style="text", enabled=False),
            v.Button(id="button3", text="Force stop", style="text", enabled=running,
                     on_click=lambda: self.open_dialog("force_stop")),
        ])
        return [head, buttons, *self._detail_rows(app)]

    def _detail_rows(self, app: App) -> list[v.View]:
        version = str(getattr(app, "VERSION_NAME", "") or "14")
        return [
            c.pref("Notifications", "~0 notifications per week"),
            c.pref("Permissions", "No permissions requested"),
            c.pref("Storage & cache", f"{app_size(app.PACKAGE)} used in internal storage"),
            c.pref("Mobile data & Wi-Fi", "No data used"),
            c.pref("Screen time", "0 minutes today"),
            c.pref("App battery usage", "No battery use since last full charge"),
            c.pref("Open by default", "Allow app to open supported links"),
            c.category("App details"),
            c.pref("App installed from", "Pre-installed system app"),
            c.footer(f"version {version}"),
        ]

    def _open(self) -> None:
        self.host.start_activity_of(self.package)

    def _force_stop(self) -> None:
        self.close_dialog()
        self.host.force_stop(self.package)

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "force_stop":
            return None
        return c.alert("Force stop?", [c.message(FORCE_STOP_TEXT)], positive=("OK", self._force_stop),
                       negative=("Cancel", self.close_dialog))
