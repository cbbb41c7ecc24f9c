"""OpenTracks (de.dennisguse.opentracks): recorded activities with their activity type, start, duration and
distance; record / pause / resume / stop a track; statistics per activity type. Like the OpenTracks app
AndroidWorld's SportsTracker* questions use, with its database.

Screens:
- `.TrackListActivity` (launcher): toolbar "OpenTracks" with `track_list_search` "Search" (the toolbar becomes
  the EditText `search_src_text`: tracks whose name, activity type or description contain the text; "Collapse"
  or Back leaves) and `track_list_aggregated_stats` "Aggregated statistics". RecyclerView `track_list`, newest
  start first, of `track_list_item` rows: `track_list_item_name`, `track_list_item_category` (the activity
  type), `track_list_item_date` (`Oct 12, 2026, 8:00 AM`; `08:00` on a 24-hour phone), `track_list_item_time`
  (total time, H:MM:SS) and `track_list_item_distance` (`7.30 km`). A tap opens the track. "No tracks yet. ..."
  (`track_list_empty_view`) when empty. The FAB `track_list_record` "Start recording" starts a track (or, while
  one records, "Open the recording").
- `.TrackRecordingActivity`: `track_recording_status` (Recording / Paused), `stats_total_time_value`,
  `stats_moving_time_value`, `stats_distance_value`; Buttons `track_recording_pause` (Pause / Resume) and
  `track_recording_stop` "Stop", which opens `.TrackStoppedActivity`. "Navigate up" / Back leave it recording.
- `.TrackStoppedActivity` (extra `track_id`): EditTexts `track_edit_name`, `track_edit_activity_type`,
  `track_edit_description`; `resume_button` "Resume" (records on) and `finish_button` "Save" (Back saves too).
- `.TrackRecordedActivity` (extra `track_id`): title = the name; `stats_activity_type`, `stats_start_datetime`,
  `stats_distance_value`, `stats_total_time_value`, `stats_moving_time_value`, `stats_average_speed_value`
  (km/h), `stats_max_speed_value`, `stats_elevation_gain_value`, `stats_description`; "More options" -> Edit
  (`.TrackEditActivity`: the same three fields, `track_edit_save` "Save") or Delete ("Delete track?" Delete).
- `.AggregatedStatisticsActivity`: RadioButtons `filter_all` "All", `filter_week` "Week" (this week, from
  Monday), `filter_month` "Month", `filter_year` "Year"; one `aggregated_stats_item` per activity type (A-Z):
  `aggregated_stats_type_label`, `aggregated_stats_num_tracks`, `aggregated_stats_distance`,
  `aggregated_stats_time` (total), `aggregated_stats_moving_time`, `aggregated_stats_avg_speed`.

Database `databases/database.db` (OpenTracks' tables): `tracks` (`_id`, name, description, category = the
activity type, activity_type, starttime / stoptime in ms, numpoints, totaldistance in m, totaltime and
movingtime in ms, avgspeed / avgmovingspeed / maxspeed in m/s, min/maxelevation, elevationgain / elevationloss,
icon, uuid (16 bytes), starttime_offset) and `trackpoints` (trackid, latitude / longitude in 1e-6 degrees,
time, altitude, accuracy, speed, bearing, type: -2 segment start, 0 fix, 1 segment end, sensor columns).
AndroidWorld's `SportsActivity` rows insert as they are. While recording, the simulated GPS walks due north at
1.5 m/s as the clock moves (a fix every 5 s); the recording is named in
`shared_prefs/de.dennisguse.opentracks_preferences.xml` (`recording_track_id`, `recording_paused`).

Seed API on `OpenTracksApp`: `add_track(name, category, start (datetime), minutes, metres, description="",
elevation_gain=0, elevation_loss=0) -> _id`, `add_tracks(tracks) -> ids` (a list of `add_track` argument dicts,
`start` as ISO text), `tracks() -> list[dict]` (newest first), `clear()`.
"""

from droidpilot.emulator.virtual.apps.opentracks.app import OpenTracksApp

__all__ = ["OpenTracksApp"]
