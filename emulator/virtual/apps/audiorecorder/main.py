"""The recorder screen (`.app.main.MainActivity`): record, pause, stop, and the last record with its name.

State: `dialog` ("rename") with the typed `name`, `after_stop` (the dialog the app opens when a recording stops)
and its "Don't ask again" box `dont_ask`. The recording itself lives in the app (its service state), so
leaving the screen does not stop it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.audiorecorder.dialogs import NAME_FIELD, RecordError, clock_text, rename_dialog
from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.audiorecorder.app import AudioRecorderApp

RECORDS = ".app.records.RecordsActivity"


class MainActivity(Activity):
    NAME: ClassVar[str] = ".app.main.MainActivity"
    LABEL: ClassVar[str] = "Audio Recorder"
    app: AudioRecorderApp

    def build(self) -> v.View:
        state = self.app.recording_state()
        active = self.app.active_record() if state == "idle" else None
        if state != "idle":
            time_text, name, status = clock_text(self.app.elapsed_ms()), "", state.capitalize() + "…"
        elif active is not None:
            time_text, name, status = clock_text(active["duration"] // 1000), active["name"], ""
        else:
            time_text, name, status = "00:00", "", "Tap the button to start recording"
        centre: list[v.View] = [
            v.TextView(id="txt_progress", text=time_text, size=56, align="center"),
            v.TextView(id="txt_status", text=status, size=16, align="center", color="text_secondary"),
        ]
        if name:
            centre.append(v.TextView(id="txt_name", text=name, size=20, align="center", padding=8,
                                     on_click=lambda: self._ask_rename(name)))
        body = v.LinearLayout(weight=1, spacing=12, padding=24, children=[v.View(height=160), *centre])
        return v.LinearLayout(children=[app_bar("Audio Recorder"), body, self._controls(state)])

    def _controls(self, state: str) -> v.View:
        record_desc = {"idle": "Start recording", "recording": "Pause recording", "paused": "Resume recording"}
        buttons: list[v.View] = [
            v.ImageButton(id="btn_records_list", desc="Records", icon="menu", on_click=lambda: self.start(RECORDS)),
            v.ImageButton(id="btn_record", desc=record_desc[state], icon="pause" if state == "recording" else "record",
                          tint="error", width=80, height=80, on_click=self._record),
        ]
        if state != "idle":
            buttons.append(v.ImageButton(id="btn_record_stop", desc="Stop recording", icon="stop",
                                         on_click=self._stop))
        return v.LinearLayout(vertical=False, align_center=True, spacing=32, height=120, padding=16,
                              children=[v.View(), *buttons, v.View()])

    def _record(self) -> None:
        if self.app.recording_state() == "recording":
            self.app.pause_recording()
        else:
            self.app.start_recording()

    def _stop(self) -> None:
        if self.app.stop_recording() is None:
            return
        active = self.app.active_record()
        if active is not None and self.app.asks_to_rename():
            self._ask_rename(active["name"], after_stop=True)
        else:
            self.toast("Record saved")

    # -- renaming the shown record ----------------------------------------------------------------------------
    def _ask_rename(self, name: str, after_stop: bool = False) -> None:
        """The name dialog; right after a recording it offers "Don't ask again" (the real app asks by default)."""
        self.state.update(dialog="rename", name=name, after_stop=after_stop, dont_ask=False)
        self.request_focus(NAME_FIELD)

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "rename":
            return None
        dont_ask = None
        if self.state.get("after_stop"):
            dont_ask = v.CheckBox(id="chkbox_dont_ask", text="Don't ask again", is_checked=bool(self.state.get(
                "dont_ask")), on_change=self._on_dont_ask)
        return rename_dialog(str(self.state.get("name", "")), self._on_name, self.close_dialog, self._save_name,
                             dont_ask)

    def _on_dont_ask(self, checked: bool) -> None:
        self.state["dont_ask"] = checked

    def _on_name(self, text: str) -> None:
        self.state["name"] = text.replace("\n", "")

    def _save_name(self) -> None:
        active = self.app.active_record()
        if active is None:
            self.close_dialog()
            return
        try:
            self.app.rename_record(active["_id"], str(self.state.get("name", "")))
        except RecordError as exc:
            self.toast(str(exc))
            return
        self.close_dialog()

    def close_dialog(self) -> None:
        if self.state.get("dont_ask"):
            self.app.set_asks_to_rename(False)
        for key in ("dialog", "name", "after_stop", "dont_ask"):
            self.state.pop(key, None)
        self.clear_focus()
