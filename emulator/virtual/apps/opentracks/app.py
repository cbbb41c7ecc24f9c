"""OpenTracksApp: package declaration, the recorder and the seed API."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.opentracks import store
from droidpilot.emulator.virtual.apps.opentracks.recorder import Recorder
from droidpilot.emulator.virtual.apps.opentracks.stats import AggregatedStatisticsActivity
from droidpilot.emulator.virtual.apps.opentracks.track_list import TrackListActivity
from droidpilot.emulator.virtual.apps.opentracks.track_screens import (
    TrackEditActivity,
    TrackRecordedActivity,
    TrackRecordingActivity,
    TrackStoppedActivity,
)

DAY_MS = 86_400_000
# A fresh phone's tracks: (name, category, days ago, hour, minutes long, metres).
_SEED_TRACKS = (("Morning run by the river", "running", 1, 7, 42, 7300.0),
                ("Commute", "cycling", 2, 8, 25, 8100.0),
                ("Hill walk", "hiking", 4, 10, 150, 9400.0))


class OpenTracksApp(App):
    PACKAGE: ClassVar[str] = "de.dennisguse.opentracks"
    LABEL: ClassVar[str] = "OpenTracks"
    ICON: ClassVar[str] = "flag"
    COLOR: ClassVar[str] = "orange"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (
        TrackListActivity, TrackRecordingActivity, TrackStoppedActivity, TrackRecordedActivity, TrackEditActivity,
        AggregatedStatisticsActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = TrackListActivity
    DATABASE: ClassVar[str] = "database.db"
    SCHEMA: ClassVar[str] = store.SCHEMA

    @property
    def recorder(self) -> Recorder:
        return Recorder(self)

    def on_tick(self, now_ms: int) -> None:
        self.recorder.refresh(now_ms)

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def add_track(self, name: str, category: str, start: datetime, minutes: float, metres: float,
                  description: str = "", elevation_gain: float = 0.0, elevation_loss: float = 0.0) -> int:
        """A finished track that started at `start` and lasted `minutes` over `metres`; returns its `_id`."""
        with self.db() as conn:
            return store.insert_track(conn, name, category, int(start.timestamp() * 1000), round(minutes * 60_000),
                                      metres, description, elevation_gain, elevation_loss)

    def add_tracks(self, tracks: list[dict[str, Any]]) -> list[int]:
        """Many `add_track`s at once (each a dict of its arguments, `start` an ISO date-time); returns the ids."""
        return [self.add_track(**{**t, "start": datetime.fromisoformat(str(t["start"]))}) for t in tracks]

    def tracks(self) -> list[dict[str, Any]]:
        """Every track, the newest first (`uuid` as hex)."""
        with self.db() as conn:
            return [{**t, "uuid": bytes(t["uuid"] or b"").hex()} for t in store.tracks(conn)]

    def clear(self) -> None:
        """Delete every track and trackpoint (and forget a recording)."""
        self.recorder.stop()
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        now = self.host.clock.now_ms()
        for name, category, days, hour, minutes, metres in _SEED_TRACKS:
            day_start = (now - days * DAY_MS) // DAY_MS * DAY_MS
            start = datetime.fromtimestamp((day_start + hour * 3_600_000) / 1000, tz=self.host.clock.now().tzinfo)
            self.add_track(name, category, start, minutes, metres)
