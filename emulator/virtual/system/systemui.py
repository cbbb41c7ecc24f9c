"""System overlays: the notification shade (quick toggles and notifications) and the recents screen.

Both are windows of their own package, so `uiautomator dump` and `dumpsys window` report them as a device would.
"""

from __future__ import annotations

from functools import partial

from PIL import Image

from droidpilot.emulator.virtual.system import screen
from droidpilot.emulator.virtual.system.host import LAUNCHER_PACKAGE, SystemHost
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import Theme

SYSTEMUI_PACKAGE = "com.android.systemui"
QUICK_TOGGLES = (("Internet", "wifi_on", "wifi"), ("Bluetooth", "bluetooth_on", "bluetooth"),
                 ("Airplane mode", "airplane_mode_on", "airplane"))


class Overlay(v.FrameLayout):
    """The root of a system overlay window; remembers which package owns it."""

    def __init__(self, package: str, children: list[v.View]) -> None:
        super().__init__(children=children, bg="background")
        self.package = package


def overlay_package(root: v.View) -> str:
    return root.package if isinstance(root, Overlay) else SYSTEMUI_PACKAGE


def toggle_setting(host: SystemHost, key: str) -> None:
    """Quick toggles write the same settings keys as the Settings app and `svc`."""
    on = host.settings.get("global", key) == "1"
    host.settings.put("global", key, "0" if on else "1")
    if key == "airplane_mode_on" and not on:
        host.settings.put("global", "wifi_on", "0")
        host.settings.put("global", "bluetooth_on", "0")


def _quick_tiles(host: SystemHost) -> v.View:
    tiles: list[v.View] = []
    for label, key, icon in QUICK_TOGGLES:
        on = host.settings.get("global", key) == "1"
        tiles.append(v.Switch(id="tile_" + icon, text=label, desc=label, is_checked=on, size=14,
                              on_change=v.ignoring_value(partial(toggle_setting, host, key))))
    return v.LinearLayout(id="quick_settings_panel", children=tiles, padding=8, bg="surface_variant")


def _notification_rows(host: SystemHost) -> list[v.View]:
    rows: list[v.View] = []
    for n in host.state.notifications:
        app = host.apps.get(n.package)
        rows.append(v.ViewGroup(
            id="notification_row", desc=f"{app.LABEL if app else n.package} notification: {n.title}",
            on_click=partial(host.open_notification, n.id), padding=12, bg="surface",
            children=[
                v.TextView(id="app_name_text", text=app.LABEL if app else n.package, size=12,
                           color="text_secondary"),
                v.TextView(id="title", text=n.title, size=16, bold=True),
                v.TextView(id="text", text=n.text, size=14, color="text_secondary", max_lines=2),
            ]))
    return rows


def build_shade(host: SystemHost) -> v.View:
    rows = _notification_rows(host)
    body: list[v.View] = [_quick_tiles(host)]
    if rows:
        body.append(v.ScrollView(id="notification_stack_scroller", children=rows, spacing=4, weight=1))
        body.append(v.Button(id="dismiss_text", text="Clear all", style="text",
                             on_click=lambda: host.state.notifications.clear()))
    else:
        body.append(v.TextView(id="no_notifications", text="No notifications", align="center",
                               color="text_secondary", height=96))
    panel = v.LinearLayout(id="notification_panel", children=body, padding=8, spacing=8)
    return Overlay(SYSTEMUI_PACKAGE, [panel])


def build_recents(host: SystemHost) -> v.View:
    cards: list[v.View] = []
    for task in host.recent_tasks():
        app = host.app(task.package)
        cards.append(v.ViewGroup(
            id="snapshot", desc=app.LABEL, padding=16, bg="surface_variant", height=160,
            on_click=partial(host.start_activity_of, task.package),
            children=[v.TextView(id="title", text=app.LABEL, size=18, bold=True),
                      v.TextView(text=task.top.activity.rpartition(".")[2], size=14, color="text_secondary")]))
    if not cards:
        cards.append(v.TextView(text="No recent items", align="center", color="text_secondary", height=120))
    else:
        cards.append(v.Button(id="clear_all", text="Clear all", style="outlined",
                              on_click=lambda: host.clear_recents()))
    return Overlay(LAUNCHER_PACKAGE, [v.ScrollView(id="overview_panel", children=cards, spacing=12, padding=16)])


def build_overlay(host: SystemHost, ctx: v.LayoutContext, display: screen.Display) -> v.View | None:
    overlay = host.state.overlay
    if overlay is None:
        return None
    root = build_shade(host) if overlay == "shade" else build_recents(host)
    root.place(0, 0, display.width, display.height, ctx)
    # The panel's content starts under the status bar and stops above the navigation bar.
    for child in root.visible_children():
        child.place(0, screen.CONTENT_TOP, display.width, display.content_bottom - screen.CONTENT_TOP, ctx)
    return root


def paint_overlay(image: Image.Image, root: v.View, theme: Theme) -> None:
    Painter(image, theme).paint(root)
