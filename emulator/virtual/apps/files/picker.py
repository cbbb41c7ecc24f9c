"""The Copy to… / Move to… destination picker (`.picker.PickActivity`, ACTION_PICK_COPY_DESTINATION).

Extras: `op` (`copy` or `move`), `paths` (the device paths to transfer), `root` and `path` (where it opens).
Only folders can be entered; the bottom bar has Cancel (`android:id/button2`) and Copy / Move
(`android:id/button1`), disabled where the items cannot go (their own folder for a move, or inside a folder
being transferred).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from droidpilot.emulator.virtual.apps.files import dialogs, storage
from droidpilot.emulator.virtual.apps.files.browse import Browser
from droidpilot.emulator.virtual.toolkit import views as v


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


class PickActivity(Browser):
    NAME: ClassVar[str] = ".picker.PickActivity"
    LABEL: ClassVar[str] = "Files"
    DRAWER_ROOTS: tuple[str, ...] = ("downloads", "storage")

    def on_create(self) -> None:
        extras = self.intent.extras
        root = str(extras.get("root", "storage"))
        self.navigate(root if root in self.DRAWER_ROOTS else "storage", str(extras.get("path", "")))

    @property
    def op(self) -> str:
        return "move" if self.intent.extras.get("op") == "move" else "copy"

    def sources(self) -> list[Path]:
        found: list[Path] = []
        for path in self.intent.extras.get("paths", []):
            try:
                host = storage.host_path(self.host.fs, str(path))
            except storage.StorageError:
                continue
            if host.exists():
                found.append(host)
        return found

    def build(self) -> v.View:
        rows = [self.row(e, on_click=partial(self.open_dir, e.path), enabled=e.is_dir) for e in self.entries()]
        crumb = self.breadcrumb()
        actions: list[v.View] = [v.ImageButton(desc="More options", icon="more",
                                               on_click=lambda: self.state.__setitem__("dialog", "menu"))]
        children: list[v.View] = [self.toolbar(actions), *([crumb] if crumb is not None else []), self.header(),
                                  self.listing(rows), self.bottom_bar()]
        return self.with_drawer(v.LinearLayout(children=children))

    def bottom_bar(self) -> v.View:
        label = "Move" if self.op == "move" else "Copy"
        return v.LinearLayout(id="container_save", vertical=False, align_center=True, height=72, padding=8,
                              spacing=8, bg="surface_variant", children=[
            v.View(),
            v.Button(id="android:id/button2", text="Cancel", style="outlined", width=112, on_click=self.finish),
            v.Button(id="android:id/button1", text=label, width=112, on_click=self.confirm,
                     enabled=self.can_drop()),
        ])

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") == "menu":
            return dialogs.popup_menu([("New folder", self.open_new_folder), ("Sort by\u2026", self.open_sort)])
        return self.browser_dialog()

    def on_back(self) -> bool:
        return self.back_in_browser()

    def can_drop(self) -> bool:
        dest, sources = self.cwd_host(), self.sources()
        if dest is None or not sources:
            return False
        if self.op == "move" and any(src.parent == dest for src in sources):
            return False
        return all(storage.can_transfer(src, dest) for src in sources)

    def confirm(self) -> None:
        dest = self.cwd_host()
        if dest is None or not self.can_drop():
            return
        sources, failed = self.sources(), 0
        action = storage.move if self.op == "move" else storage.copy
        for src in sources:
            try:
                action(src, dest, self.now_s())
            except (OSError, storage.StorageError):
                failed += 1
        verb = "move" if self.op == "move" else "copy"
        if failed:
            self.toast(f"Couldn\u2019t {verb} {_files(failed)}")
        else:
            self.toast(f"{'Moving' if self.op == 'move' else 'Copying'} {_files(len(sources))}.")
        self.finish()
