"""The drawing screen (`.activities.MainActivity`): the canvas (`my_canvas`, swipes draw strokes), the app bar's
Undo / Save / Clear, and at the bottom the colour button, the brush-size slider and the eraser toggle.

State: `strokes` (the drawing, `[x1, y1, x2, y2, colour, width]` in canvas pixels), `eraser`, `dialog`
("color", "save", "folder", "overwrite"), and the open dialog's fields (`pending_color`, `save_name`,
`save_ext`, `save_folder`, `picker_path`).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.draw import dialogs
from droidpilot.emulator.virtual.apps.draw.picture import BACKGROUND, STORAGE_ROOT, write
from droidpilot.emulator.virtual.system import screen
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, app_bar

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.draw.app import SimpleDrawApp
    from droidpilot.emulator.virtual.toolkit.render import Painter

CANVAS_SIZE = (screen.WIDTH, 1600)
"""The saved picture's size in pixels: the canvas area of the screen."""
MAX_BRUSH = 100
DIALOG_KEYS = ("dialog", "pending_color", "save_name", "save_ext", "save_folder", "picker_path")


class MainActivity(Activity):
    NAME: ClassVar[str] = ".activities.MainActivity"
    LABEL: ClassVar[str] = "Simple Draw Pro"
    app: SimpleDrawApp

    @property
    def strokes(self) -> list[list[Any]]:
        return list(self.state.get("strokes", []))

    def build(self) -> v.View:
        actions: list[v.View] = []
        if self.strokes:
            actions.append(v.ImageButton(id="menu_undo", desc="Undo", icon="back", on_click=self._undo))
        actions += [v.ImageButton(id="menu_save", desc="Save", icon="save", on_click=self._ask_save),
                    v.ImageButton(id="menu_clear", desc="Clear", icon="delete", on_click=self._clear)]
        canvas = v.Canvas(id="my_canvas", widget_class="com.simplemobiletools.draw.pro.views.MyCanvas",
                          weight=1, on_stroke=self._stroke, on_paint=self._paint)
        return v.LinearLayout(children=[app_bar("Simple Draw Pro", actions=actions), canvas, self._tools()])

    def _tools(self) -> v.View:
        eraser = bool(self.state.get("eraser"))
        return v.LinearLayout(vertical=False, align_center=True, spacing=12, height=72, padding=8, children=[
            v.ImageButton(id="color_picker", desc="Change color", icon="brightness", tint="primary",
                          on_click=self._ask_color),
            v.SeekBar(id="stroke_width_bar", progress=self.app.brush_size, max=MAX_BRUSH, weight=1,
                      on_change=self._set_size),
            v.ImageButton(id="eraser", desc="Eraser", icon="edit", selected=eraser,
                          on_click=self._toggle_eraser),
        ])

    def _paint(self, painter: Painter, box: tuple[int, int, int, int]) -> None:
        left, top, right, bottom = box
        painter.draw.rectangle(box, fill=BACKGROUND)  # paper stays white in the dark theme too
        for x1, y1, x2, y2, color, width in self.strokes:
            painter.draw.line((left + x1, top + y1, left + x2, top + y2), fill=color, width=max(1, int(width)))
        painter.draw.rectangle((left, bottom - 1, right, bottom), fill="#e0e0e0")

    # -- drawing -----------------------------------------------------------------------------------------------
    def _stroke(self, stroke: v.Stroke) -> None:
        eraser = bool(self.state.get("eraser"))
        color = BACKGROUND if eraser else self.app.brush_color
        self.state["strokes"] = [*self.strokes, [*stroke, color, max(1, self.app.brush_size)]]

    def _undo(self) -> None:
        self.state["strokes"] = self.strokes[:-1]

    def _clear(self) -> None:
        self.state["strokes"] = []

    def _set_size(self, size: int) -> None:
        self.app.put_prefs(brush_size=f"{float(max(1, size))}")

    def _toggle_eraser(self) -> None:
        self.state["eraser"] = not self.state.get("eraser")

    # -- colour ------------------------------------------------------------------------------------------------
    def _ask_color(self) -> None:
        self.state.update(dialog="color", pending_color=self.app.brush_color)

    def _pick_color(self, color: str) -> None:
        self.state["pending_color"] = color

    def _apply_color(self) -> None:
        self.app.put_prefs(brush_color=str(self.state.get("pending_color", self.app.brush_color)))
        self.state["eraser"] = False
        self.close_dialog()

    # -- saving ------------------------------------------------------------------------------------------------
    def _ask_save(self) -> None:
        name = f"image_{self.host.clock.now():%Y_%m_%d_%H_%M_%S}"
        self.state.update(dialog="save", save_name=name, save_ext=self.app.save_extension(),
                          save_folder=self.app.save_folder())
        self.request_focus(dialogs.NAME_FIELD)

    def _on_name(self, text: str) -> None:
        self.state["save_name"] = text.replace("\n", "")

    def _on_extension(self, extension: str) -> None:
        self.state["save_ext"] = extension

    def _target(self) -> str:
        folder, name = str(self.state["save_folder"]), str(self.state.get("save_name", "")).strip()
        return posixpath.join(folder, f"{name}.{self.state['save_ext']}")

    def _confirm_save(self) -> None:
        """The app appends the chosen format's extension to whatever name is typed ("a.png" -> "a.png.png")."""
        name = str(self.state.get("save_name", "")).strip()
        if not name:
            self.toast("Filename cannot be empty")
            return
        if "/" in name or name in (".", ".."):
            self.toast("Filename contains invalid characters")
            return
        if self.host.fs.host_path(self._target()).exists():
            self.state["dialog"] = "overwrite"
            self.clear_focus()
            return
        self._write()

    def _write(self) -> None:
        write(self.host.fs.host_path(self._target()), self.strokes, CANVAS_SIZE)
        self.app.put_prefs(last_save_folder=str(self.state["save_folder"]),
                           last_save_extension=str(self.state["save_ext"]))
        self.toast("File saved successfully")
        self.close_dialog()

    # -- the folder picker -------------------------------------------------------------------------------------
    def _ask_folder(self) -> None:
        self.state.update(dialog="folder", picker_path=self.state.get("save_folder"))
        self.clear_focus()

    def _folders(self, path: str) -> list[str]:
        host = self.host.fs.host_path(path)
        if not host.is_dir():
            return []
        return sorted((p.name for p in host.iterdir() if p.is_dir() and not p.name.startswith(".")), key=str.lower)

    def _open_folder(self, name: str) -> None:
        self.state["picker_path"] = posixpath.join(str(self.state["picker_path"]), name)

    def _folder_up(self) -> None:
        self.state["picker_path"] = posixpath.dirname(str(self.state["picker_path"]))

    def _pick_folder(self) -> None:
        self.state.update(dialog="save", save_folder=self.state.pop("picker_path"))
        self.request_focus(dialogs.NAME_FIELD)

    def _back_to_save(self) -> None:
        self.state["dialog"] = "save"
        self.state.pop("picker_path", None)
        self.request_focus(dialogs.NAME_FIELD)

    # -- dialogs -----------------------------------------------------------------------------------------------
    def dialog(self) -> v.Dialog | None:
        which = self.state.get("dialog")
        if which == "color":
            return dialogs.color_dialog(str(self.state.get("pending_color")), self._pick_color, self.close_dialog,
                                        self._apply_color)
        if which == "save":
            return dialogs.save_dialog(str(self.state["save_folder"]), str(self.state.get("save_name", "")),
                                       str(self.state["save_ext"]), self._ask_folder, self._on_name,
                                       self._on_extension, self.close_dialog, self._confirm_save)
        if which == "folder":
            path = str(self.state["picker_path"])
            return dialogs.folder_dialog(path, self._folders(path), path != STORAGE_ROOT, self._open_folder,
                                         self._folder_up, self._back_to_save, self._pick_folder)
        if which == "overwrite":
            return alert_dialog(f'Are you sure you want to overwrite "{posixpath.basename(self._target())}"?',
                                "Yes", self._write, "No", self._back_to_save)
        return None

    def close_dialog(self) -> None:
        for key in DIALOG_KEYS:
            self.state.pop(key, None)
        self.clear_focus()
