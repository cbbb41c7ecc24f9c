"""The launcher (AOSP Launcher3): a home grid of app icons, a search bar, and the app drawer (swipe up)."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.system.host import LAUNCHER_PACKAGE
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, ellipsize
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.theme import ICON_COLORS

COLUMNS = 4


class AppIcon(v.TextView):
    """A launcher shortcut: a round coloured icon with the label under it, reported as a TextView."""

    def __init__(self, app: App, on_click: v.Handler, on_long_click: v.Handler | None = None) -> None:
        super().__init__(text=app.LABEL, desc=app.LABEL, on_click=on_click, on_long_click=on_long_click,
                         height=104)
        self.icon = app.ICON
        self.icon_color = app.COLOR

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, _ = p.box(self)
        cx, r = (x1 + x2) // 2, v.px(28)
        cy = y1 + v.px(8) + r
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ICON_COLORS.get(self.icon_color, ICON_COLORS["blue"]))
        g = v.px(15)
        draw_icon(p.draw, self.icon or self.text, (cx - g, cy - g, cx + g, cy + g), (255, 255, 255))
        size = v.px(12)
        label = ellipsize(self.text, size, False, x2 - x1 - v.px(8))
        draw_text(p.draw, (cx, cy + r + v.px(14)), label, size, False, p.theme.text, "mm")


def _rows(icons: list[v.View]) -> list[v.View]:
    rows: list[v.View] = []
    for start in range(0, len(icons), COLUMNS):
        chunk = icons[start : start + COLUMNS]
        chunk += [v.View() for _ in range(COLUMNS - len(chunk))]
        rows.append(v.LinearLayout(vertical=False, children=chunk, height=112))
    return rows


class Launcher(Activity):
    NAME: ClassVar[str] = ".Launcher"

    def _icon(self, app: App) -> AppIcon:
        return AppIcon(app, on_click=partial(self._open, app.PACKAGE))

    def _open(self, package: str) -> None:
        self.state.clear()
        self.host.start_activity_of(package)

    def _apps(self) -> list[App]:
        return sorted(self.host.launchable(), key=lambda a: a.LABEL.lower())

    def build(self) -> v.View:
        if self.state.get("drawer"):
            return self._drawer()
        icons: list[v.View] = [self._icon(app) for app in self._apps()]
        search = v.ViewGroup(id="search_container_workspace", desc="Search", bg="surface_variant", height=56,
                             vertical=False, padding=8, on_click=self._open_drawer_search,
                             children=[v.ImageView(icon="search", width=40),
                                       v.TextView(text="Search apps", color="text_secondary")])
        today = self.host.clock.now()
        glance = v.TextView(id="smartspace_title", text=f"{today:%A}, {today:%b} {today.day}", size=26,
                            desc="At a glance", padding=8)
        return v.LinearLayout(id="launcher", padding=16, spacing=16, children=[
            glance,
            v.LinearLayout(id="workspace", weight=1, children=_rows(icons)),
            v.View(id="all_apps_handle", desc="Apps list", on_click=self._open_drawer, height=8),
            search,
        ])

    def _open_drawer(self) -> None:
        self.state["drawer"] = True

    def _open_drawer_search(self) -> None:
        self.state["drawer"] = True
        self.state["query"] = ""
        self.request_focus("search_box_input")

    def _drawer(self) -> v.View:
        query = self.state.get("query", "")
        apps = [a for a in self._apps() if query.lower() in a.LABEL.lower()]
        return v.LinearLayout(id="apps_view", padding=16, spacing=12, children=[
            v.EditText(id="search_box_input", hint="Search apps", text=query,
                       on_change=lambda t: self.state.__setitem__("query", t)),
            v.RecyclerView(id="apps_list_view", weight=1, children=_rows([self._icon(a) for a in apps])),
        ])

    def on_back(self) -> bool:
        if self.state.get("drawer"):
            self.state.clear()
            return True
        return False

    def on_swipe(self, direction: str) -> bool:
        if direction == "up" and not self.state.get("drawer"):
            self._open_drawer()
            return True
        if direction == "down" and self.state.get("drawer"):
            self.state.clear()
            return True
        return False


class LauncherApp(App):
    PACKAGE: ClassVar[str] = LAUNCHER_PACKAGE
    LABEL: ClassVar[str] = "Launcher3"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (Launcher,)
    LAUNCHER: ClassVar[type[Activity] | None] = Launcher
