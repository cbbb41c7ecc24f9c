"""The records list (`.app.records.RecordsActivity`): every record, newest first, with rename and delete.

State: `dialog` ("menu", "rename" or "delete"), the record it is about (`target`) and the typed `name`.
Tapping a row makes it the record the recorder screen shows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.audiorecorder.dialogs import NAME_FIELD, RecordError, clock_text, rename_dialog
from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, app_bar, popup_menu

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.audiorecorder.app import AudioRecorderApp


class RecordsActivity(Activity):
    NAME: ClassVar[str] = ".app.records.RecordsActivity"
    LABEL: ClassVar[str] = "Records"
    app: AudioRecorderApp

    def build(self) -> v.View:
        rows = [self._row(r) for r in self.app.records()]
        body: v.View = v.RecyclerView(id="recycler_view", weight=1, children=rows)
        if not rows:
            body = v.TextView(id="txt_empty", text="No records", align="center", color="text_secondary", padding=48)
        return v.LinearLayout(children=[app_bar("Records", on_up=self.finish), body])

    def _row(self, record: dict[str, Any]) -> v.View:
        when = datetime.fromtimestamp(record["created"] / 1000, tz=UTC)
        info = f"{clock_text(record['duration'] // 1000)} · {when:%b} {when.day}, {when:%Y}"
        texts = v.LinearLayout(weight=1, children=[
            v.TextView(id="list_item_name", text=record["name"], size=16, max_lines=1),
            v.TextView(id="list_item_info", text=info, size=13, color="text_secondary", max_lines=1),
        ])
        more = v.ImageButton(id="list_item_more", desc="More options", icon="more",
                             on_click=partial(self._show, "menu", record))
        return v.ViewGroup(id="list_item", vertical=False, align_center=True, padding=10, spacing=12,
                           on_click=partial(self._play, record["_id"]),
                           children=[v.ImageView(icon="play", width=40), texts, more])

    def _play(self, record_id: int) -> None:
        self.app.set_active_record(record_id)
        self.finish()

    def _show(self, kind: str, record: dict[str, Any]) -> None:
        self.state.update(dialog=kind, target=record["_id"], name=record["name"])
        if kind == "rename":
            self.request_focus(NAME_FIELD)

    def _target(self) -> dict[str, Any] | None:
        return next((r for r in self.app.records() if r["_id"] == self.state.get("target")), None)

    def dialog(self) -> v.Dialog | None:
        kind, record = self.state.get("dialog"), self._target()
        if kind is None or record is None:
            return None
        if kind == "menu":
            return popup_menu([("Rename", partial(self._show, "rename", record)),
                               ("Delete", partial(self._show, "delete", record))])
        if kind == "rename":
            return rename_dialog(str(self.state.get("name", "")), self._on_name, self.close_dialog, self._rename)
        return alert_dialog(f"Record \"{record['name']}\" will be deleted.", "Delete", self._delete,
                            on_negative=self.close_dialog, title="Delete record?")

    def _on_name(self, text: str) -> None:
        self.state["name"] = text.replace("\n", "")

    def _rename(self) -> None:
        try:
            self.app.rename_record(int(self.state.get("target", 0)), str(self.state.get("name", "")))
        except RecordError as exc:
            self.toast(str(exc))
            return
        self.close_dialog()

    def _delete(self) -> None:
        self.app.delete_record(int(self.state.get("target", 0)))
        self.close_dialog()

    def close_dialog(self) -> None:
        for key in ("dialog", "target", "name"):
            self.state.pop(key, None)
        self.clear_focus()
