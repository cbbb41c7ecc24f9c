"""A read-only text preview (`.preview.TextPreviewActivity`, extra `path`), standing in for the text viewer
a tapped .txt / .md file opens in."""

from __future__ import annotations

import posixpath
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.files import storage
from droidpilot.emulator.virtual.apps.files.icons import GlyphButton
from droidpilot.emulator.virtual.toolkit import views as v

MAX_BYTES = 100_000


class TextPreviewActivity(Activity):
    NAME: ClassVar[str] = ".preview.TextPreviewActivity"
    LABEL: ClassVar[str] = "Files"

    @property
    def path(self) -> str:
        return str(self.intent.extras.get("path", ""))

    def _text(self) -> str | None:
        """The file's text (its first 100 kB, undecodable bytes replaced), or None when it is gone."""
        try:
            host = storage.host_path(self.host.fs, self.path)
            with host.open("rb") as f:
                data = f.read(MAX_BYTES)
        except (OSError, storage.StorageError):
            return None
        return data.decode("utf-8", errors="replace")

    def build(self) -> v.View:
        text = self._text()
        share = GlyphButton(id="menu_share", desc="Share", glyph="share", on_click=self._share)
        bar = v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.ImageButton(desc="Navigate up", icon="back", on_click=self.finish),
            v.LinearLayout(padding=4, children=[
                v.TextView(id="action_bar_title", text=posixpath.basename(self.path), size=22, max_lines=1)]),
            *([share] if text is not None else []),
        ])
        if text is None:
            body: v.View = v.TextView(id="message", text="File not found", color="text_secondary", align="center",
                                      padding=48)
        else:
            body = v.ScrollView(id="preview_scroll", padding=16, children=[
                v.TextView(id="preview_text", text=text or " ", size=15)])
        body.weight = 1
        return v.LinearLayout(children=[bar, body])

    def _share(self) -> None:
        self.share(path=self.path, mime=str(self.intent.extras.get("mime") or storage.mime_of(self.path)))
