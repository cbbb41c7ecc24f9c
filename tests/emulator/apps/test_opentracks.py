"""OpenTracks flows driven through the UI, checked against OpenTracks' `database.db` (tracks, trackpoints) and
its shared preferences; the seed API only sets up data."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.opentracks import OpenTracksApp
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = "de.dennisguse.opentracks"


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "database.db")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def seeded(phone: VirtualPhone) -> OpenTracksApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, OpenTracksApp)
    app.clear()
    return app


def texts(phone: VirtualPhone, rid: str) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


def test_record_pause_resume_stop_and_save_writes_a_track_with_its_points(phone: VirtualPhone) -> None:
    seeded(phone)
    open_app(phone, "OpenTracks")
    assert need(phone, rid="track_list_empty_view")
    tap(phone, desc="Start recording")
    assert need(phone, rid="track_recording_status").text == "Recording"
    phone.advance_clock(120_000)
    assert need(phone, rid="stats_distance_value").text == "0.18 km"  # two minutes (and a tap) at 1.5 m/s
    tap(phone, rid="track_recording_pause")
    assert need(phone, rid="track_recording_status").text == "Paused"
    phone.advance_clock(60_000)  # paused: no distance, no moving time
    tap(phone, text="Resume")
    phone.advance_clock(60_000)
    tap(phone, text="Stop")
    type_into(phone, " by the lake", rid="track_edit_name")
    type_into(phone, "walking", rid="track_edit_activity_type")
    tap(phone, text="Save")
    [track] = rows(phone, "SELECT * FROM tracks")
    assert track["name"].endswith(" by the lake") and track["category"] == "walking"
    # taps take a little virtual time too: about four minutes in all, three of them moving
    assert 240_000 <= track["totaltime"] < 250_000 and 180_000 <= track["movingtime"] < 185_000
    assert 60_000 <= track["totaltime"] - track["movingtime"] < 65_000
    assert abs(track["totaldistance"] - track["movingtime"] / 1000 * 1.5) < 1e-6
    assert track["stoptime"] - track["starttime"] == track["totaltime"]
    kinds = [r["type"] for r in rows(phone, "SELECT type FROM trackpoints ORDER BY time, _id")]
    assert kinds[0] == -2 and 1 in kinds and kinds.count(-2) == 2 and kinds.count(0) >= 2
    assert track["numpoints"] == len(kinds)
    assert texts(phone, "track_list_item_category") == ["walking"]
    assert texts(phone, "track_list_item_time")[0].startswith("0:04:")


def test_list_details_edit_search_statistics_and_delete(phone: VirtualPhone) -> None:
    app = seeded(phone)
    app.add_track("Lap swim", "swimming", datetime(2026, 10, 13, 7, 0, tzinfo=UTC), 45, 1500)
    app.add_track("Long ride", "cycling", datetime(2026, 10, 14, 17, 0, tzinfo=UTC), 90, 30000)
    app.add_track("Old ride", "cycling", datetime(2026, 10, 2, 9, 30, tzinfo=UTC), 60, 20000)
    open_app(phone, "OpenTracks")
    assert texts(phone, "track_list_item_name") == ["Long ride", "Lap swim", "Old ride"]
    assert texts(phone, "track_list_item_date")[0] == "Oct 14, 2026, 5:00 PM"
    assert texts(phone, "track_list_item_distance") == ["30.00 km", "1.50 km", "20.00 km"]
    tap(phone, desc="Aggregated statistics")
    assert texts(phone, "aggregated_stats_type_label") == ["cycling", "swimming"]
    assert texts(phone, "aggregated_stats_distance") == ["50.00 km", "1.50 km"]
    tap(phone, rid="filter_week")
    assert texts(phone, "aggregated_stats_distance") == ["30.00 km", "1.50 km"]
    assert texts(phone, "aggregated_stats_time") == ["1:30:00", "0:45:00"]
    phone.press_key("BACK")
    tap(phone, desc="Search")
    phone.input_text("swim")
    assert texts(phone, "track_list_item_name") == ["Lap swim"]
    tap(phone, rid="track_list_item_name", text="Lap swim")
    assert need(phone, rid="stats_total_time_value").text == "0:45:00"
    assert need(phone, rid="stats_average_speed_value").text == "2.0 km/h"
    tap(phone, desc="More options")
    tap(phone, text="Edit")
    type_into(phone, "Pool", rid="track_edit_description")
    tap(phone, rid="track_edit_save")
    assert need(phone, rid="stats_description").text == "Pool"
    tap(phone, desc="More options")
    tap(phone, text="Delete")
    tap(phone, text="Delete")
    assert [r["name"] for r in rows(phone, "SELECT name FROM tracks ORDER BY _id")] == ["Long ride", "Old ride"]
    assert find(phone, rid="track_list_item_name", text="Lap swim") is None


def test_opentracks_survives_500_monkey_events(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 11 --throttle 0 500")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 500" in result.output
    phone.shell("input keyevent HOME")
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.observe()


def test_a_row_written_as_androidworld_writes_it_shows_in_the_list(phone: VirtualPhone) -> None:
    """AndroidWorld's set-up inserts `SportsActivity` rows (without `_id`) into `tracks` with sqlite."""
    seeded(phone)
    start = int(datetime(2026, 10, 12, 8, 0, tzinfo=UTC).timestamp() * 1000)
    row = {"name": "Slow day", "description": "Took it easy.", "category": "running", "activity_type": "running",
           "starttime": start, "stoptime": start + 2_700_000, "numpoints": 0, "totaldistance": 5021.0,
           "totaltime": 2_700_000, "movingtime": 2_700_000, "avgspeed": 1.86, "avgmovingspeed": 1.86,
           "maxspeed": 0.0, "minelevation": 0.0, "maxelevation": 0.0, "elevationgain": 150.0, "icon": None,
           "uuid": b"\x01" * 16, "elevationloss": 150.0, "starttime_offset": 0}
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "database.db")
    with conn:
        conn.execute(f"INSERT INTO tracks ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     tuple(row.values()))
    conn.close()
    open_app(phone, "OpenTracks")
    assert texts(phone, "track_list_item_name") == ["Slow day"]
    assert texts(phone, "track_list_item_date") == ["Oct 12, 2026, 8:00 AM"]
    assert texts(phone, "track_list_item_distance") == ["5.02 km"]
    assert texts(phone, "track_list_item_time") == ["0:45:00"]
