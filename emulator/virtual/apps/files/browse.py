"""What the Files browser and the copy/move destination picker share: roots, folder navigation, the roots
drawer, the breadcrumb, the sorted listing and the New folder dialog.

State: `root` (a `ROOTS` key), `path` (the open folder's device path, for folder roots), `drawer`, `sort`
(a `storage.SORTS` key, else the root's default), `dialog` and the name dialog's `name` / `name_error`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.files import dialogs, intents, storage
from droidpilot.emulator.virtual.apps.files.icons import Glyph, MimeIcon, Scrim
from droidpilot.emulator.virtual.apps.files.storage import Entry
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import text_width

if TYPE_CHECKING:
    from pathlib import Path

LIST_ID = "dir_list"
TOTAL_BYTES = 128_000_000_000
SYSTEM_BYTES = 16_400_000_000
RECENT_DAYS = 45
RECENT_LIMIT = 64


@dataclass(frozen=True)
class Root:
    """A drawer entry: a folder tree (`base`) or a flat view of files (`flat`: `recent` or a mime kind)."""

    key: str
    title: str
    glyph: str
    base: str = ""
    flat: str = ""
    default_sort: str = "date_desc"


ROOTS = (
    Root("recent", "Recent", "clock", flat="recent"),
    Root("images", "Images", "image", flat="image"),
    Root("videos", "Videos", "video", flat="video"),
    Root("audio", "Audio", "audio", flat="audio"),
    Root("downloads", "Downloads", "download", base="/sdcard/Download"),
    Root("storage", "", "storage", base=storage.SDCARD, default_sort="name_asc"),
)
ROOTS_BY_KEY = {root.key: root for root in ROOTS}


class Browser(Activity):
    """Base of FilesActivity and PickActivity."""

    DRAWER_ROOTS: tuple[str, ...] = tuple(ROOTS_BY_KEY)

    # -- location -------------------------------------------------------------------------------------------
    def root(self) -> Root:
        return ROOTS_BY_KEY.get(self.state.get("root", ""), ROOTS_BY_KEY["downloads"])

    def root_title(self, root: Root) -> str:
        if root.key == "storage":
            return self.host.settings.get("global", "device_name") or "Pixel 6"
        return root.title

    def cwd(self) -> str:
        """The open folder, clamped into the root and walked up past folders deleted meanwhile."""
        root = self.root()
        if root.flat:
            return ""
        path = str(self.state.get("path") or root.base)
        if path != root.base and not path.startswith(root.base + "/"):
            path = root.base
        while path != root.base and not self._is_dir(path):
            path = posixpath.dirname(path)
        return path

    def _is_dir(self, path: str) -> bool:
        try:
            return storage.host_path(self.host.fs, path).is_dir()
        except storage.StorageError:
            return False

    def cwd_host(self) -> Path | None:
        cwd = self.cwd()
        if not cwd or not self._is_dir(cwd):
            return None
        return storage.host_path(self.host.fs, cwd)

    def title(self) -> str:
        root, cwd = self.root(), self.cwd()
        return self.root_title(root) if not cwd or cwd == root.base else posixpath.basename(cwd)

    def navigate(self, root_key: str, path: str = "") -> None:
        """Show a root (at `path`, a folder inside it): the drawer closes and the list starts at the top."""
        self.state["root"] = root_key
        self.state["path"] = path or ROOTS_BY_KEY[root_key].base
        if root_key != self.state.get("sorted_root"):
            self.state.pop("sort", None)
        self.state.pop("drawer", None)
        self.reset_scroll(LIST_ID)
        self.on_location_change()

    def open_dir(self, path: str) -> None:
        self.navigate(self.root().key, path)

    def on_location_change(self) -> None:
        """Subclasses drop their selection here."""

    def go_up(self) -> bool:
        root, cwd = self.root(), self.cwd()
        if not cwd or cwd == root.base:
            return False
        self.open_dir(posixpath.dirname(cwd))
        return True

    # -- listing --------------------------------------------------------------------------------------------
    def now_s(self) -> float:
        return self.host.clock.now_ms() / 1000

    def sort(self) -> str:
        sort = str(self.state.get("sort", ""))
        return sort if sort in storage.SORTS else self.root().default_sort

    def entries(self) -> list[Entry]:
        root, fs = self.root(), self.host.fs
        if root.flat == "recent":
            since = self.now_s() - RECENT_DAYS * 86400
            found = sorted((e for e in storage.walk_files(fs) if e.mtime >= since), key=lambda e: -e.mtime)
            found = found[:RECENT_LIMIT]
        elif root.flat:
            found = [e for e in storage.walk_files(fs) if e.kind == root.flat]
        else:
            found = storage.list_dir(fs, self.cwd())
        return storage.sort_entries(found, self.sort(), self.now_s())

    def set_sort(self, sort: str) -> None:
        self.state["sort"] = sort
        self.state["sorted_root"] = self.root().key
        self.close_dialog()
        self.reset_scroll(LIST_ID)

    # -- views ----------------------------------------------------------------------------------------------
    def toolbar(self, actions: list[v.View]) -> v.View:
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.ImageButton(desc="Show roots", icon="menu", on_click=self.open_drawer),
            v.LinearLayout(padding=4, children=[
                v.TextView(id="action_bar_title", text=self.title(), size=22, max_lines=1)]),
            *actions,
        ])

    def breadcrumb(self) -> v.View | None:
        root, cwd = self.root(), self.cwd()
        if not cwd:
            return None
        crumbs = [(self.root_title(root), root.base)]
        rel = cwd[len(root.base):].strip("/")
        for part in rel.split("/") if rel else []:
            crumbs.append((part, f"{crumbs[-1][1]}/{part}"))
        items: list[v.View] = []
        width = 0.0
        for i, (label, path) in reversed(list(enumerate(crumbs))):
            last = i == len(crumbs) - 1
            w = text_width(label, v.px(15), last) / v.DP + 20
            if width + w + 24 > 400 and items:
                break  # the real breadcrumb scrolls; the leading crumbs are off-screen
            crumb = v.TextView(id="breadcrumb_text", text=label, size=15, bold=last, width=w, max_lines=1,
                               color="text" if last else "text_secondary", on_click=partial(self.open_dir, path))
            items[:0] = [crumb] if last else [crumb, Glyph(id="breadcrumb_arrow", glyph="chevron", width=24,
                                                           tint="text_secondary")]
            width += w + 24
        return v.ViewGroup(id="horizontal_breadcrumb", vertical=False, align_center=True, height=48, padding=4,
                           children=[v.View(width=8), *items])

    def header(self) -> v.View:
        root, cwd = self.root(), self.cwd()
        title = "Recent files" if root.flat == "recent" else f"Files in {self.title() if cwd else root.title}"
        dimension, _, direction = self.sort().partition("_")
        ascending = direction == "asc"
        return v.ViewGroup(id="directory_header", vertical=False, align_center=True, height=48, padding=4,
                           children=[
            v.TextView(id="header_title", text=title, size=14, bold=True, color="text_secondary", max_lines=1,
                       padding=8),
            v.TextView(id="sort_dimen_dropdown", text=storage.SORT_LABELS[dimension], size=14, bold=True,
                       color="primary", width=96, align="right", on_click=self.open_sort),
            Glyph(id="sort_arrow", glyph="arrow_up" if ascending else "arrow_down", width=40, side=18,
                  tint="primary", desc="Ascending" if ascending else "Descending",
                  on_click=lambda: self.set_sort(f"{dimension}_{'desc' if ascending else 'asc'}")),
        ])

    def row(self, e: Entry, on_click: v.Handler | None, on_long_click: v.Handler | None = None,
            selected: bool = False, enabled: bool = True) -> v.View:
        """A DocumentsUI list item: icon, name, then date and size."""
        use_24h = self.host.settings.get("system", "time_12_24") == "24"
        details: list[v.View] = [v.TextView(id="date", text=storage.format_time(
            storage.shown_mtime(e, self.now_s()), self.now_s(), use_24h), size=13, color="text_secondary",
            width=104, max_lines=1, enabled=enabled)]
        if not e.is_dir:
            details.append(v.TextView(id="size", text=storage.format_size(e.size), size=13, color="text_secondary",
                                      width=96, max_lines=1, enabled=enabled))
        icon = MimeIcon(id="icon_check" if selected else "icon_mime", kind=e.kind, checked_mark=selected,
                        height=48, thumb=self._thumb_path(e), thumb_mtime=e.mtime, enabled=enabled)
        texts = v.LinearLayout(children=[
            v.TextView(id="android:id/title", text=e.name, size=16, max_lines=1, enabled=enabled),
            v.LinearLayout(id="line2", vertical=False, children=details),
        ])
        return v.LinearLayout(id="item_root", vertical=False, align_center=True, height=72, selected=selected,
                              on_click=on_click if enabled else None, on_long_click=on_long_click, enabled=enabled,
                              children=[v.FrameLayout(id="android:id/icon", width=72, padding=12, children=[icon]),
                                        texts])

    def _thumb_path(self, e: Entry) -> Path | None:
        if e.kind != "image":
            return None
        try:
            return storage.host_path(self.host.fs, e.path)
        except storage.StorageError:
            return None

    def listing(self, rows: list[v.View]) -> v.View:
        if not rows:
            return v.TextView(id="message", text="No items", size=16, color="text_secondary", align="center",
                              padding=48, weight=1)
        return v.RecyclerView(id=LIST_ID, weight=1, children=rows)

    def with_drawer(self, screen: v.View) -> v.View:
        """The screen, with the roots drawer and its scrim over it while open."""
        if not self.state.get("drawer"):
            return screen
        return v.FrameLayout(children=[screen, v.LinearLayout(vertical=False, children=[
            v.LinearLayout(id="drawer_roots", width=304, bg="surface", children=[
                v.TextView(id="roots_toolbar", text="Files", size=22, padding=20, height=72),
                v.RecyclerView(id="roots_list", weight=1, children=self._root_rows()),
            ]),
            Scrim(on_click=self.close_drawer),
        ])])

    def _root_rows(self) -> list[v.View]:
        rows: list[v.View] = []
        current = self.root().key
        for key in self.DRAWER_ROOTS:
            root = ROOTS_BY_KEY[key]
            if root.key == "storage":
                rows.append(v.View(height=1, bg="outline"))
            texts: list[v.View] = [v.TextView(id="android:id/title", text=self.root_title(root), size=15, bold=True,
                                              max_lines=1)]
            if root.key == "storage":
                free = max(0, TOTAL_BYTES - SYSTEM_BYTES - storage.used_bytes(self.host.fs))
                texts.append(v.TextView(id="android:id/summary", text=f"{storage.format_size(free)} free",
                                        size=13, color="text_secondary", max_lines=1))
            rows.append(v.LinearLayout(vertical=False, align_center=True, height=56, padding=4, spacing=12,
                                       selected=key == current, on_click=partial(self.navigate, key),
                                       children=[Glyph(id="android:id/icon", glyph=root.glyph, width=48,
                                                       tint="text_secondary"),
                                                 v.LinearLayout(children=texts)]))
        return rows

    def open_drawer(self) -> None:
        self.state["drawer"] = True
        self.clear_focus()

    def close_drawer(self) -> None:
        self.state.pop("drawer", None)

    def on_swipe(self, direction: str) -> bool:
        if direction == "left" and self.state.get("drawer"):
            self.close_drawer()
            return True
        if direction == "right" and not self.state.get("drawer"):
            self.open_drawer()
            return True
        return False

    def back_in_browser(self) -> bool:
        """Back closes a dialog, then the drawer, then goes up a folder; False at the root's top."""
        if self.state.get("dialog"):
            self.close_dialog()
            self.clear_focus()
            return True
        if self.state.get("drawer"):
            self.close_drawer()
            return True
        return self.go_up()

    # -- sort and New folder dialogs ------------------------------------------------------------------------
    def open_sort(self) -> None:
        self.state["dialog"] = "sort"

    def open_new_folder(self) -> None:
        self.state.update(dialog="new_folder", name="", name_error="")
        self.request_focus(dialogs.NAME_FIELD)

    def set_name(self, text: str) -> None:
        self.state["name"] = text
        self.state["name_error"] = ""

    def cancel_dialog(self) -> None:
        self.close_dialog()
        self.clear_focus()

    def name_problem(self, directory: Path, name: str, ignore: Path | None = None) -> str:
        """The error the name field shows, or "" when `name` is usable in `directory`."""
        if not storage.valid_name(name):
            return "Invalid file name" if name.strip() else "Enter a name"
        if storage.conflict(directory, name.strip(), ignore):
            return "A file with this name already exists."
        return ""

    def create_folder(self) -> None:
        parent, name = self.cwd_host(), str(self.state.get("name", ""))
        if parent is None:
            self.cancel_dialog()
            return
        problem = self.name_problem(parent, name)
        if problem:
            self.state["name_error"] = problem
            return
        try:
            created = storage.make_dir(parent, name, self.now_s())
        except OSError:
            self.cancel_dialog()
            self.toast("Failed to create folder")
            return
        self.cancel_dialog()
        self.open_dir(storage.device_path(self.host.fs, created))

    def browser_dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "sort":
            return dialogs.sort_dialog(self.sort(), self.set_sort)
        if kind == "new_folder":
            return dialogs.name_dialog("New folder", str(self.state.get("name", "")),
                                       str(self.state.get("name_error", "")), self.set_name, lambda: None,
                                       self.cancel_dialog, self.create_folder)
        return None

    def go_to_intent(self, extras: dict[str, Any], data: str | None, action: str | None) -> None:
        """Open the place an intent names (a `path` extra, a document URI, VIEW_DOWNLOADS)."""
        found = intents.location_of(self.host.fs, extras, data)
        if found is not None:
            self.navigate(*found)
        elif action == intents.ACTION_VIEW_DOWNLOADS:
            self.navigate("downloads")
