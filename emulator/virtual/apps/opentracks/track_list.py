"""The track list (OpenTracks' TrackListActivity): every recorded track, newest first, with search, the aggregated
statistics and the record button.

State keys: `searching`, `query`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.listing import SearchableList
from droidpilot.emulator.virtual.apps.opentracks import store
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import fab, screen

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.opentracks.app import OpenTracksApp

LIST_ID = "track_list"
SEARCH_FIELD = "search_src_text"


def is_24h(act: Activity) -> bool:
    return act.host.settings.get("system", "time_12_24") == "24"


def opentracks(act: Activity) -> OpenTracksApp:
    from droidpilot.emulator.virtual.apps.opentracks.app import OpenTracksApp

    assert isinstance(act.app, OpenTracksApp)
    return act.app


class TrackListActivity(SearchableList):
    LIST_ID = LIST_ID
    SEARCH_FIELD = SEARCH_FIELD
    NAME: ClassVar[str] = ".TrackListActivity"
    LABEL: ClassVar[str] = "OpenTracks"

    def build(self) -> v.View:
        recording = opentracks(self).recorder.recording()
        with self.app.db() as conn:
            shown = store.tracks(conn, str(self.state.get("query", "")) if self.state.get("searching") else "")
        bar = self._search_bar() if self.state.get("searching") else self._toolbar()
        label = "Open the recording" if recording else "Start recording"
        button = fab(label, self._record, icon="play" if recording is None else "flag", fab_id="track_list_record")
        shown = [t for t in shown if recording is None or t["_id"] != recording["_id"]]
        return screen(bar, self._body(shown), button)

    def _toolbar(self) -> v.View:
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.LinearLayout(padding=8, children=[
                v.TextView(id="action_bar_title", text="OpenTracks", size=22, max_lines=1)]),
            v.ImageButton(id="track_list_search", desc="Search", icon="search", on_click=self.start_search),
            v.ImageButton(id="track_list_aggregated_stats", desc="Aggregated statistics", icon="sort",
                          on_click=partial(self.start, ".AggregatedStatisticsActivity"))])

    def _search_bar(self) -> v.View:
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.ImageButton(desc="Collapse", icon="back", on_click=self.stop_search),
            v.EditText(id=SEARCH_FIELD, hint="Search", text=str(self.state.get("query", "")),
                       on_change=self.set_query, on_submit=self.clear_focus)])

    def _body(self, shown: list[dict[str, Any]]) -> v.View:
        if not shown:
            return v.TextView(id="track_list_empty_view", text="No tracks yet. Tap the button to start recording.",
                              size=16, color="text_secondary", align="center", padding=48)
        rows: list[v.View] = [self._row(t) for t in shown]
        rows.append(v.View(height=88))  # room to scroll the last row out from under the record button
        return v.RecyclerView(id=LIST_ID, children=rows)

    def _row(self, track: dict[str, Any]) -> v.View:
        line = v.LinearLayout(vertical=False, spacing=12, children=[
            v.TextView(id="track_list_item_time", text=store.elapsed(track["totaltime"]), size=14),
            v.TextView(id="track_list_item_distance", text=store.distance(track["totaldistance"]), size=14),
            v.View()])
        texts: list[v.View] = [
            v.TextView(id="track_list_item_name", text=track["name"] or "", size=16, bold=True, max_lines=1),
            v.TextView(id="track_list_item_category", text=track["category"] or "", size=14,
                       color="text_secondary", max_lines=1),
            v.TextView(id="track_list_item_date", text=store.started(track["starttime"], is_24h(self)), size=14,
                       color="text_secondary", max_lines=1),
            line]
        return v.ViewGroup(id="track_list_item", vertical=False, align_center=True, padding=8, spacing=12,
                           on_click=partial(self.start, ".TrackRecordedActivity", track_id=track["_id"]),
                           children=[v.ImageView(id="track_list_item_icon", icon="flag", width=40),
                                     v.LinearLayout(children=texts)])

    # -- actions --------------------------------------------------------------------------------------------
    def _record(self) -> None:
        recorder = opentracks(self).recorder
        if recorder.track_id() is None:
            recorder.start()
        self.start(".TrackRecordingActivity")

