"""The Gallery's main screen: every picture and video on shared storage in a three-column grid, newest first."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.gallery import media
from droidpilot.emulator.virtual.apps.gallery.views import Picture
from droidpilot.emulator.virtual.system.media_store import MediaStore
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, screen

COLUMNS = 3
CELL_DP = 136
GAP_DP = 2
PHOTO_PAGE = ".app.PhotoPage"


def intent_path(intent: Intent, store: MediaStore | None = None) -> str | None:
    """The device path a VIEW intent names: the `path` extra, a `file://` URI in its data, or a
    `content://media/...` URI that `store` (MediaStore) resolves."""
    path = intent.extras.get("path")
    if isinstance(path, str) and path:
        return path
    data = intent.data or ""
    if data.startswith("file://"):
        return data.removeprefix("file://") or None
    if data.startswith("content://media/") and store is not None:
        return store.path_of(data)
    return None


class GalleryActivity(Activity):
    NAME: ClassVar[str] = ".app.GalleryActivity"
    LABEL: ClassVar[str] = "Gallery"

    def on_create(self) -> None:
        self._forward(self.intent)

    def on_new_intent(self, intent: Intent) -> None:
        self._forward(intent)

    def _forward(self, intent: Intent) -> None:
        """A VIEW intent addressed to the package (not to the photo page) still opens the picture."""
        path = intent_path(intent, MediaStore(self.host.fs, self.host.clock.now_ms))
        if path is not None:
            self.start(PHOTO_PAGE, path=path)

    def build(self) -> v.View:
        paths = media.scan(self.host.fs)
        bar = app_bar("Gallery")
        if not paths:
            empty = v.TextView(id="empty_view", text="No images available.", align="center",
                               color="text_secondary", padding=48)
            return screen(bar, v.LinearLayout(children=[empty]))
        rows = [self._row(paths[i : i + COLUMNS]) for i in range(0, len(paths), COLUMNS)]
        return screen(bar, v.RecyclerView(id="photo_grid", spacing=GAP_DP, children=rows))

    def _row(self, chunk: list[str]) -> v.View:
        cells: list[v.View] = [self._cell(path) for path in chunk]
        cells += [v.View() for _ in range(COLUMNS - len(cells))]
        return v.LinearLayout(vertical=False, spacing=GAP_DP, height=CELL_DP, children=cells)

    def _cell(self, path: str) -> v.View:
        return Picture(id="thumbnail", desc=PurePosixPath(path).name, crop=True,
                       source=self.host.fs.host_path(path), on_click=lambda: self.start(PHOTO_PAGE, path=path))
