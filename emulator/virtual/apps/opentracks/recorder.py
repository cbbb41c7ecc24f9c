"""Recording a track: start, pause, resume, stop, with the simulated GPS advancing as the clock moves.

The recording's state lives in OpenTracks' shared preferences (`recording_track_id`, `recording_paused`, and
the moving time banked before the current segment), so it survives the app's screens and snapshots.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.opentracks import store

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.opentracks.app import OpenTracksApp

POINT_EVERY_MS = 5000
NO_TRACK = "-1"


class Recorder:
    def __init__(self, app: OpenTracksApp) -> None:
        self.app = app

    # -- preferences --------------------------------------------------------------------------------------------
    @property
    def prefs_path(self) -> Path:
        return self.app.data_dir / "shared_prefs" / f"{self.app.PACKAGE}_preferences.xml"

    def prefs(self) -> dict[str, str]:
        if not self.prefs_path.exists():
            return {}
        return {e.get("name", ""): e.get("value", e.text or "") for e in ET.parse(self.prefs_path).getroot()}

    def _save(self, values: dict[str, str]) -> None:
        root = ET.Element("map")
        for name, value in sorted(values.items()):
            kind = "boolean" if value in ("true", "false") else "string"
            item = ET.SubElement(root, kind, name=name)
            if kind == "boolean":
                item.set("value", value)
            else:
                item.text = value
        self.prefs_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.prefs_path.with_suffix(".tmp")
        ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
        tmp.replace(self.prefs_path)

    # -- state ----------------------------------------------------------------------------------------------------
    def track_id(self) -> int | None:
        value = int(self.prefs().get("recording_track_id", NO_TRACK))
        return None if value < 0 else value

    def paused(self) -> bool:
        return self.prefs().get("recording_paused") == "true"

    def recording(self) -> dict[str, Any] | None:
        """The track being recorded, brought up to the clock; None when nothing records."""
        track_id = self.track_id()
        if track_id is None:
            return None
        self.refresh(self.app.host.clock.now_ms())
        with self.app.db() as conn:
            return store.track(conn, track_id)

    # -- actions --------------------------------------------------------------------------------------------------
    def start(self, category: str = "") -> int:
        now = self.app.host.clock.now_ms()
        with self.app.db() as conn:
            track_id = store.insert_track(conn, _default_name(now), category, now, 0, 0.0)
            store.add_point(conn, track_id, now, 0.0, store.SEGMENT_START_MANUAL)
        self._save({"recording_track_id": str(track_id), "recording_paused": "false", "banked_ms": "0",
                    "segment_start_ms": str(now), "last_point_ms": str(now)})
        return track_id

    def start_again(self, track_id: int) -> None:
        """Resume a track that was just stopped: it records on from now, its moving time kept."""
        now = self.app.host.clock.now_ms()
        with self.app.db() as conn:
            row = store.track(conn, track_id)
            if row is None:
                return
            store.add_point(conn, track_id, now, float(row["totaldistance"] or 0), store.SEGMENT_START_MANUAL)
        self._save({"recording_track_id": str(track_id), "recording_paused": "false",
                    "banked_ms": str(int(row["movingtime"] or 0)), "segment_start_ms": str(now),
                    "last_point_ms": str(now)})

    def refresh(self, now_ms: int) -> None:
        """Advance the recording track to `now_ms`: times, distance, a fix every few seconds."""
        prefs = self.prefs()
        track_id = int(prefs.get("recording_track_id", NO_TRACK))
        if track_id < 0 or prefs.get("recording_paused") == "true":
            return
        moving = int(prefs["banked_ms"]) + max(0, now_ms - int(prefs["segment_start_ms"]))
        metres = moving / 1000 * store.WALKING_SPEED
        with self.app.db() as conn:
            row = store.track(conn, track_id)
            if row is None:  # deleted from under the recording
                self._save({"recording_track_id": NO_TRACK, "recording_paused": "false"})
                return
            total = now_ms - int(row["starttime"])
            store.update_track(conn, track_id, stoptime=now_ms, totaltime=total, movingtime=moving,
                               totaldistance=metres, maxspeed=store.WALKING_SPEED if moving else 0.0,
                               avgspeed=metres / (total / 1000) if total else 0.0,
                               avgmovingspeed=store.WALKING_SPEED if moving else 0.0)
            if now_ms - int(prefs["last_point_ms"]) >= POINT_EVERY_MS:
                store.add_point(conn, track_id, now_ms, metres, store.TRACKPOINT)
                self._save({**prefs, "last_point_ms": str(now_ms)})

    def pause(self) -> None:
        now = self.app.host.clock.now_ms()
        self.refresh(now)
        prefs, track_id = self.prefs(), self.track_id()
        if track_id is None or prefs.get("recording_paused") == "true":
            return
        banked = int(prefs["banked_ms"]) + max(0, now - int(prefs["segment_start_ms"]))
        with self.app.db() as conn:
            store.add_point(conn, track_id, now, banked / 1000 * store.WALKING_SPEED, store.SEGMENT_END_MANUAL)
        self._save({**prefs, "recording_paused": "true", "banked_ms": str(banked)})

    def resume(self) -> None:
        now = self.app.host.clock.now_ms()
        prefs, track_id = self.prefs(), self.track_id()
        if track_id is None or prefs.get("recording_paused") != "true":
            return
        with self.app.db() as conn:
            store.add_point(conn, track_id, now, int(prefs["banked_ms"]) / 1000 * store.WALKING_SPEED,
                            store.SEGMENT_START_MANUAL)
        self._save({**prefs, "recording_paused": "false", "segment_start_ms": str(now), "last_point_ms": str(now)})

    def stop(self) -> int | None:
        """End the recording; returns the finished track's id."""
        track_id = self.track_id()
        if track_id is None:
            return None
        self.pause()
        now = self.app.host.clock.now_ms()
        with self.app.db() as conn:
            row = store.track(conn, track_id)
            if row is not None:
                store.update_track(conn, track_id, stoptime=now, totaltime=now - int(row["starttime"]))
        self._save({"recording_track_id": NO_TRACK, "recording_paused": "false"})
        return track_id


def _default_name(now_ms: int) -> str:
    """OpenTracks names a new track after its start: `2026-10-15T15:34`."""
    return datetime.fromtimestamp(now_ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M")
