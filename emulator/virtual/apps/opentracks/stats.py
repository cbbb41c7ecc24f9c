"""Aggregated statistics (OpenTracks' AggregatedStatisticsActivity): per activity type, the number of tracks, total
distance, total and moving time and average speed, over all tracks or those started this week (from Monday),
this month or this year.

State keys: `period` (`all`, `week`, `month`, `year`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.opentracks import store
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar

PERIODS = (("all", "All"), ("week", "Week"), ("month", "Month"), ("year", "Year"))


def period_start(period: str, now: datetime) -> datetime | None:
    """Where a period begins (midnight, the device's time zone); None for all time."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        return midnight - timedelta(days=now.weekday())
    if period == "month":
        return midnight.replace(day=1)
    if period == "year":
        return midnight.replace(month=1, day=1)
    return None


def aggregate(tracks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per activity type (A-Z): count, distance, total and moving time, average moving speed."""
    groups: dict[str, dict[str, Any]] = {}
    for t in tracks:
        g = groups.setdefault(t["category"] or "unknown", {"category": t["category"] or "unknown", "count": 0,
                                                         "distance": 0.0, "time": 0, "moving": 0})
        g["count"] += 1
        g["distance"] += float(t["totaldistance"] or 0)
        g["time"] += int(t["totaltime"] or 0)
        g["moving"] += int(t["movingtime"] or 0)
    for g in groups.values():
        g["speed"] = g["distance"] / (g["moving"] / 1000) if g["moving"] else 0.0
    return [groups[k] for k in sorted(groups, key=str.lower)]


class AggregatedStatisticsActivity(Activity):
    NAME: ClassVar[str] = ".AggregatedStatisticsActivity"
    LABEL: ClassVar[str] = "Aggregated statistics"

    def build(self) -> v.View:
        period = str(self.state.get("period", "all"))
        start = period_start(period, self.host.clock.now())
        with self.app.db() as conn:
            tracks = store.tracks(conn)
        if start is not None:
            since = int(start.astimezone(UTC).timestamp() * 1000)
            tracks = [t for t in tracks if t["starttime"] >= since]
        chips = v.LinearLayout(vertical=False, spacing=4, padding=4, children=[
            v.RadioButton(id=f"filter_{key}", text=label, is_checked=key == period, size=13,
                          on_change=partial(self._pick, key)) for key, label in PERIODS])
        rows: list[v.View] = [self._row(g) for g in aggregate(tracks)] or [
            v.TextView(id="aggregated_stats_empty_view", text="No tracks in this period.", size=16,
                       color="text_secondary", padding=24)]
        return v.LinearLayout(children=[app_bar("Aggregated statistics", self.finish), chips,
                                        v.RecyclerView(id="aggregated_stats_list", weight=1, children=rows)])

    def _pick(self, period: str, _checked: bool) -> None:
        self.state["period"] = period
        self.reset_scroll("aggregated_stats_list")

    def _row(self, g: dict[str, Any]) -> v.View:
        pairs = (("Tracks", str(g["count"]), "aggregated_stats_num_tracks"),
                 ("Distance", store.distance(g["distance"]), "aggregated_stats_distance"),
                 ("Total time", store.elapsed(g["time"]), "aggregated_stats_time"),
                 ("Moving time", store.elapsed(g["moving"]), "aggregated_stats_moving_time"),
                 ("Avg. speed", store.speed(g["speed"]), "aggregated_stats_avg_speed"))
        cells: list[v.View] = [v.LinearLayout(children=[v.TextView(text=label, size=12, color="text_secondary"),
                                                       v.TextView(id=rid, text=value, size=15, bold=True)])
                               for label, value, rid in pairs]
        return v.ViewGroup(id="aggregated_stats_item", padding=12, spacing=4, children=[
            v.TextView(id="aggregated_stats_type_label", text=g["category"], size=18, bold=True),
            v.LinearLayout(vertical=False, spacing=8, children=cells[:3]),
            v.LinearLayout(vertical=False, spacing=8, children=[*cells[3:], v.View()])])
