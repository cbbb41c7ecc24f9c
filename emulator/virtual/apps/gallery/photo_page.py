"""One picture full screen (Gallery2's PhotoPage): share, delete, save a copy, details, swipe to the next."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.gallery import media
from droidpilot.emulator.virtual.apps.gallery.grid import intent_path
from droidpilot.emulator.virtual.apps.gallery.views import WHITE, GlyphButton, Picture, alert, dark_toolbar, popup_menu
from droidpilot.emulator.virtual.system.media_store import MediaStore
from droidpilot.emulator.virtual.system.mimetypes import mime_of
from droidpilot.emulator.virtual.toolkit import views as v

MAX_ZOOM = 4.0


class PhotoPage(Activity):
    NAME: ClassVar[str] = ".app.PhotoPage"
    LABEL: ClassVar[str] = "Gallery"

    def on_create(self) -> None:
        self.state["path"] = self._canonical(intent_path(self.intent, self._store()))

    def on_new_intent(self, intent: Intent) -> None:
        path = intent_path(intent, self._store())
        if path is not None:
            self.state["path"] = self._canonical(path)
            self.close_dialog()

    def _store(self) -> MediaStore:
        return MediaStore(self.host.fs, self.host.clock.now_ms)

    def _canonical(self, path: str | None) -> str:
        """`/sdcard/...` for any alias of shared storage; "" for a path outside it (nothing is shown)."""
        if not path:
            return ""
        host = media.inside_sdcard(self.host.fs, path)
        return self.host.fs.device_path(host) if host is not None else ""

    @property
    def path(self) -> str:
        return str(self.state.get("path", ""))

    def _file(self) -> Path | None:
        host = media.inside_sdcard(self.host.fs, self.path) if self.path else None
        return host if host is not None and host.is_file() else None

    def build(self) -> v.View:
        host = self._file()
        if host is None:
            missing = v.TextView(text="Couldn't load image", align="center", color=WHITE, padding=48, weight=1)
            return v.LinearLayout(bg="#000000", children=[dark_toolbar("", self.finish), missing])
        actions: list[v.View] = [
            GlyphButton(id="action_share", icon="share", desc="Share", tint=WHITE, on_click=self._share),
            GlyphButton(id="action_delete", icon="delete", desc="Delete", tint=WHITE,
                        on_click=lambda: self._open("delete")),
            GlyphButton(desc="More options", icon="more", tint=WHITE, on_click=lambda: self._open("menu")),
        ]
        photo = Picture(id="photo_view", desc=host.name, source=host, backdrop="#000000", weight=1,
                        zoom=self.zoom, on_pinch=self._pinch)
        return v.LinearLayout(bg="#000000", children=[dark_toolbar(host.name, self.finish, actions), photo])

    @property
    def zoom(self) -> float:
        return float(self.state.get("zoom", 1.0))

    def _pinch(self, factor: float) -> None:
        """Spreading two fingers zooms into the photo (up to 4x), pinching zooms back out (not below fit)."""
        self.state["zoom"] = round(min(MAX_ZOOM, max(1.0, self.zoom * factor)), 3)

    def _open(self, dialog: str) -> None:
        self.state["dialog"] = dialog

    def dialog(self) -> v.Dialog | None:
        which = self.state.get("dialog")
        if which == "menu":
            return popup_menu([("Save a copy", self._save_copy), ("Copy to", lambda: self._open("copy_to")),
                               ("Details", lambda: self._open("details"))])
        if which == "delete":
            return alert("Delete selected item?", "Cancel", "OK", self.close_dialog, self._delete)
        if which == "details":
            return self._details()
        if which == "copy_to":
            return self._copy_to_dialog()
        return None

    def _copy_to_dialog(self) -> v.Dialog:
        rows: list[v.View] = [v.TextView(id="folder_name", text=name, desc=name, size=16, padding=12,
                                         on_click=partial(self._copy_to, name))
                              for name in media.folders(self.host.fs)]
        return v.Dialog(children=[
            v.TextView(id="android:id/alertTitle", text="Copy to", size=22),
            v.ScrollView(id="folder_list", weight=1, children=rows),
            v.LinearLayout(vertical=False, height=56, children=[
                v.View(), v.Button(id="android:id/button2", text="Cancel", style="text", width=112,
                                   on_click=self.close_dialog)]),
        ])

    def _details(self) -> v.Dialog | None:
        info = media.details(self.host.fs, self.path)
        if info is None:
            return None
        lines = (("Title", info.title), ("Time", info.taken), ("Width", str(info.width)),
                 ("Height", str(info.height)), ("File size", info.size), ("Path", info.path))
        children: list[v.View] = [v.TextView(id="android:id/alertTitle", text="Details", size=22)]
        children += [v.TextView(id="details_item", text=f"{label}: {value}", size=15) for label, value in lines]
        children.append(v.LinearLayout(vertical=False, height=56, children=[
            v.View(), v.Button(id="android:id/button1", text="Close", style="text", width=112,
                               on_click=self.close_dialog)]))
        return v.Dialog(children=children)

    # -- actions --------------------------------------------------------------------------------------------
    def _share(self) -> None:
        self.share(path=self.path, mime=mime_of(self.path))

    def _save_copy(self) -> None:
        self.close_dialog()
        host = self._file()
        if host is not None:
            copy = media.save_copy(host, self.host.clock.now_ms())
            self.toast(f"Saved a copy as {copy.name}")

    def _copy_to(self, folder: str) -> None:
        """Copy into a folder picked from the list (so the name never comes from typed text)."""
        self.close_dialog()
        host = self._file()
        target = media.inside_sdcard(self.host.fs, f"/sdcard/{folder}")
        if host is None or target is None or not target.is_dir():
            return
        copy = media.save_copy(host, self.host.clock.now_ms(), target)
        self.toast(f"Copied to {folder}/{copy.name}")

    def _delete(self) -> None:
        self.close_dialog()
        host = self._file()
        if host is None:
            return
        before = media.scan(self.host.fs)
        host.unlink()
        self.toast("Deleted")
        index = before.index(self.path) if self.path in before else -1
        after = [p for p in before if p != self.path]
        if index < 0 or not after:
            self.finish()
            return
        self.state["path"] = after[min(index, len(after) - 1)]

    def on_swipe(self, direction: str) -> bool:
        """Left shows the next (older) item, right the previous (newer), in the grid's order."""
        if direction not in ("left", "right"):
            return False
        items = media.scan(self.host.fs)
        if self.path not in items:
            return False
        index = items.index(self.path) + (1 if direction == "left" else -1)
        if 0 <= index < len(items):
            self.state["path"] = items[index]
            self.state.pop("zoom", None)
        return True
