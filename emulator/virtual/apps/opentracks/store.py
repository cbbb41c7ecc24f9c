"""`databases/database.db`: OpenTracks' tables (tracks, trackpoints), the queries the app runs and how it shows
times and distances.

Times are epoch milliseconds, durations milliseconds, distances metres and speeds metres per second, as in
OpenTracks. A track being recorded is the one `recording_track_id` (shared preferences) names.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS tracks (
    _id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, description TEXT, category TEXT, activity_type TEXT,
    starttime INTEGER, stoptime INTEGER, numpoints INTEGER, totaldistance FLOAT, totaltime INTEGER,
    movingtime INTEGER, avgspeed FLOAT, avgmovingspeed FLOAT, maxspeed FLOAT, minelevation FLOAT,
    maxelevation FLOAT, elevationgain FLOAT, icon TEXT, uuid BLOB, elevationloss FLOAT,
    starttime_offset INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS track_uuid_index ON tracks(uuid);
CREATE TABLE IF NOT EXISTS trackpoints (
    _id INTEGER PRIMARY KEY AUTOINCREMENT, trackid INTEGER NOT NULL, longitude INTEGER, latitude INTEGER,
    time INTEGER, altitude FLOAT, accuracy FLOAT, speed FLOAT, bearing FLOAT, sensor_heartrate FLOAT,
    sensor_cadence FLOAT, sensor_power FLOAT, elevation_gain FLOAT, elevation_loss FLOAT, type INTEGER NOT NULL,
    sensor_distance FLOAT, accuracy_vertical FLOAT,
    FOREIGN KEY (trackid) REFERENCES tracks(_id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS trackpoints_trackid_index ON trackpoints(trackid);
"""

# TrackPoint.Type in OpenTracks.
SEGMENT_START_MANUAL, TRACKPOINT, SEGMENT_END_MANUAL = -2, 0, 1
WALKING_SPEED = 1.5
"""Metres per second the simulated GPS moves while a track records (the virtual phone has no real fix)."""
ORIGIN = (47.3769, 8.5417)
"""Where a recorded track starts (latitude, longitude); it heads due north."""
METRES_PER_DEGREE = 111_320.0


def insert_track(conn: sqlite3.Connection, name: str, category: str, start_ms: int, total_ms: int,
                 distance_m: float, description: str = "", elevation_gain: float = 0.0,
                 elevation_loss: float = 0.0) -> int:
    """A finished track (speeds derived from distance and time, as the app recomputes them)."""
    speed = distance_m / (total_ms / 1000) if total_ms > 0 else 0.0
    cur = conn.execute(
        "INSERT INTO tracks (name, description, category, activity_type, starttime, stoptime, numpoints, "
        "totaldistance, totaltime, movingtime, avgspeed, avgmovingspeed, maxspeed, minelevation, maxelevation, "
        "elevationgain, icon, uuid, elevationloss, starttime_offset) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, "
        "0, 0, ?, ?, ?, ?, 0)",
        (name, description, category, category, start_ms, start_ms + total_ms, distance_m, total_ms, total_ms,
         speed, speed, speed, elevation_gain, category, uuid.uuid4().bytes, elevation_loss))
    return int(cur.lastrowid or 0)


def update_track(conn: sqlite3.Connection, track_id: int, **fields: Any) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in fields)
    conn.execute(f"UPDATE tracks SET {sets} WHERE _id = :id", {**fields, "id": track_id})


def delete_track(conn: sqlite3.Connection, track_id: int) -> None:
    conn.execute("DELETE FROM trackpoints WHERE trackid = ?", (track_id,))
    conn.execute("DELETE FROM tracks WHERE _id = ?", (track_id,))


def track(conn: sqlite3.Connection, track_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM tracks WHERE _id = ?", (track_id,)).fetchone()
    return None if row is None else dict(row)


def tracks(conn: sqlite3.Connection, query: str = "") -> list[dict[str, Any]]:
    """Every track, the newest start first; `query` keeps those whose name, category or description has it."""
    rows = [dict(r) for r in conn.execute("SELECT * FROM tracks ORDER BY starttime DESC, _id DESC")]
    needle = query.strip().lower()
    if not needle:
        return rows
    return [r for r in rows if any(needle in str(r[k] or "").lower() for k in ("name", "category", "description"))]


def add_point(conn: sqlite3.Connection, track_id: int, when_ms: int, distance_m: float, kind: int) -> None:
    """A simulated GPS fix `distance_m` north of the origin (coordinates in 1e-6 degrees, as OpenTracks stores)."""
    lat = ORIGIN[0] + distance_m / METRES_PER_DEGREE
    conn.execute("INSERT INTO trackpoints (trackid, longitude, latitude, time, altitude, accuracy, speed, bearing, "
                 "type) VALUES (?, ?, ?, ?, 400, 5, ?, 0, ?)",
                 (track_id, round(ORIGIN[1] * 1e6), round(lat * 1e6), when_ms,
                  WALKING_SPEED if kind == TRACKPOINT else 0.0, kind))
    conn.execute("UPDATE tracks SET numpoints = numpoints + 1 WHERE _id = ?", (track_id,))


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM trackpoints")
    conn.execute("DELETE FROM tracks")


# -- how the app shows values ------------------------------------------------------------------------------------
def elapsed(ms: int) -> str:
    """OpenTracks' elapsed time: H:MM:SS."""
    seconds = max(0, int(ms) // 1000)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def distance(metres: float) -> str:
    return f"{(metres or 0) / 1000:.2f} km"


def speed(metres_per_second: float) -> str:
    return f"{(metres_per_second or 0) * 3.6:.1f} km/h"


def started(ms: int, twenty_four: bool) -> str:
    """A track's start as the list shows it: `Oct 12, 2026, 8:00 AM` (or `08:00` on a 24-hour phone)."""
    when = datetime.fromtimestamp(ms / 1000, tz=UTC)
    clock = f"{when:%H:%M}" if twenty_four else f"{when.hour % 12 or 12}:{when:%M} {'AM' if when.hour < 12 else 'PM'}"
    return f"{when:%b} {when.day}, {when.year}, {clock}"
