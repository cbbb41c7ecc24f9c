"""One track's screens: recording (pause / resume / stop), the form after stopping, the recorded track's
statistics (edit, delete) and the edit form.

State keys: `dialog` (`menu`, `delete` on the recorded track) and `form` (the edit fields: name, category,
description).
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.opentracks import store
from droidpilot.emulator.virtual.apps.opentracks.track_list import is_24h, opentracks
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, app_bar, popup_menu

FIELDS = (("name", "track_edit_name", "Name"), ("category", "track_edit_activity_type", "Activity type"),
          ("description", "track_edit_description", "Description"))


def _stat(label: str, value: str, rid: str) -> v.View:
    return v.LinearLayout(padding=8, children=[
        v.TextView(text=label, size=13, color="text_secondary"),
        v.TextView(id=rid, text=value, size=22, bold=True)])


class TrackRecordingActivity(Activity):
    NAME: ClassVar[str] = ".TrackRecordingActivity"
    LABEL: ClassVar[str] = "Recording"

    def build(self) -> v.View:
        recorder = opentracks(self).recorder
        track = recorder.recording()
        if track is None:
            return v.LinearLayout(children=[app_bar("OpenTracks", self.finish),
                                            v.TextView(text="Not recording", size=16, padding=24)])
        paused = recorder.paused()
        buttons = v.LinearLayout(vertical=False, spacing=16, padding=16, children=[
            v.Button(id="track_recording_pause", text="Resume" if paused else "Pause", style="tonal",
                     on_click=recorder.resume if paused else recorder.pause),
            v.Button(id="track_recording_stop", text="Stop", on_click=self._stop)])
        return v.LinearLayout(children=[
            app_bar(track["name"] or "", self.finish),
            v.TextView(id="track_recording_status", text="Paused" if paused else "Recording", size=16,
                       color="primary", padding=16),
            _stat("Total time", store.elapsed(track["totaltime"]), "stats_total_time_value"),
            _stat("Moving time", store.elapsed(track["movingtime"]), "stats_moving_time_value"),
            _stat("Distance", store.distance(track["totaldistance"]), "stats_distance_value"),
            v.View(weight=1), buttons])

    def _stop(self) -> None:
        track_id = opentracks(self).recorder.stop()
        if track_id is not None:
            self.start(".TrackStoppedActivity", track_id=track_id)
        self.finish()


class _TrackForm(Activity):
    """Name, activity type and description of a finished track, saved by a button."""

    def on_create(self) -> None:
        with self.app.db() as conn:
            track = store.track(conn, int(self.intent.extras.get("track_id", -1)))
        if track is not None:
            self.state["form"] = {k: track[k] or "" for k, _, _ in FIELDS}

    def fields(self) -> list[v.View]:
        form = self.state.get("form", {})
        return [v.EditText(id=rid, hint=hint, text=str(form.get(key, "")), multiline=key == "description",
                           on_change=partial(self._set, key)) for key, rid, hint in FIELDS]

    def _set(self, key: str, text: str) -> None:
        self.state.setdefault("form", {})[key] = text

    def save(self) -> None:
        form = self.state.get("form", {})
        with self.app.db() as conn:
            category = str(form.get("category", "")).strip()
            store.update_track(conn, int(self.intent.extras["track_id"]), name=str(form.get("name", "")).strip(),
                               category=category, activity_type=category, icon=category,
                               description=str(form.get("description", "")).strip())
        self.finish()


class TrackStoppedActivity(_TrackForm):
    NAME: ClassVar[str] = ".TrackStoppedActivity"
    LABEL: ClassVar[str] = "Track stopped"

    def build(self) -> v.View:
        buttons = v.LinearLayout(vertical=False, spacing=16, padding=16, children=[
            v.Button(id="resume_button", text="Resume", style="tonal", on_click=self._resume),
            v.Button(id="finish_button", text="Save", on_click=self.save)])
        return v.LinearLayout(children=[app_bar("Track stopped"), v.ScrollView(
            id="track_stopped_scroll", weight=1, children=[v.LinearLayout(padding=16, spacing=8,
                                                                           children=self.fields())]), buttons])

    def _resume(self) -> None:
        """Take the stopped track up again: it records from now on."""
        recorder = opentracks(self).recorder
        recorder.start_again(int(self.intent.extras["track_id"]))
        self.start(".TrackRecordingActivity")
        self.finish()

    def on_back(self) -> bool:
        self.save()  # Back keeps the track as it is, like Save
        return True


class TrackEditActivity(_TrackForm):
    NAME: ClassVar[str] = ".TrackEditActivity"
    LABEL: ClassVar[str] = "Edit track"

    def build(self) -> v.View:
        save = v.Button(id="track_edit_save", text="Save", style="text", width=96, on_click=self.save)
        form = v.LinearLayout(padding=16, spacing=8, children=self.fields())
        return v.LinearLayout(children=[app_bar("Edit track", self.finish, [save]),
                                        v.ScrollView(id="track_edit_scroll", weight=1, children=[form])])


class TrackRecordedActivity(Activity):
    NAME: ClassVar[str] = ".TrackRecordedActivity"
    LABEL: ClassVar[str] = "Track"

    def _track(self) -> dict[str, Any] | None:
        with self.app.db() as conn:
            return store.track(conn, int(self.intent.extras.get("track_id", -1)))

    def build(self) -> v.View:
        track = self._track()
        if track is None:
            return v.LinearLayout(children=[app_bar("OpenTracks", self.finish),
                                            v.TextView(text="This track no longer exists.", size=16, padding=24)])
        more = v.ImageButton(desc="More options", icon="more", on_click=partial(self.state.update, dialog="menu"))
        details: list[v.View] = [
            v.TextView(id="stats_activity_type", text=track["category"] or "", size=16, bold=True, padding=8),
            v.TextView(id="stats_start_datetime", text=store.started(track["starttime"], is_24h(self)), size=14,
                       color="text_secondary", padding=8),
            _stat("Distance", store.distance(track["totaldistance"]), "stats_distance_value"),
            _stat("Total time", store.elapsed(track["totaltime"]), "stats_total_time_value"),
            _stat("Moving time", store.elapsed(track["movingtime"]), "stats_moving_time_value"),
            _stat("Average speed", store.speed(track["avgspeed"]), "stats_average_speed_value"),
            _stat("Max speed", store.speed(track["maxspeed"]), "stats_max_speed_value"),
            _stat("Elevation gain", f"{round(track['elevationgain'] or 0)} m", "stats_elevation_gain_value")]
        if track["description"]:
            details.append(v.TextView(id="stats_description", text=track["description"], size=14, padding=8))
        return v.LinearLayout(children=[app_bar(track["name"] or "", self.finish, [more]), v.ScrollView(
            id="track_detail_scroll", weight=1, children=[v.LinearLayout(padding=8, children=details)])])

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "menu":
            return popup_menu([("Edit", self._edit), ("Delete", self._ask_delete)])
        if kind == "delete":
            return alert_dialog("Delete track?", "Delete", self._delete, "Cancel", self.close_dialog)
        return None

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _edit(self) -> None:
        self.close_dialog()
        self.start(".TrackEditActivity", track_id=int(self.intent.extras["track_id"]))

    def _delete(self) -> None:
        with self.app.db() as conn:
            store.delete_track(conn, int(self.intent.extras["track_id"]))
        self.close_dialog()
        self.finish()
