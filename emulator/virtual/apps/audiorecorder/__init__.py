"""Audio Recorder (`com.dimowner.audiorecorder`), Dmitriy Ponomarenko's recorder that AndroidWorld uses.

A record is a row of `records` in `/data/data/com.dimowner.audiorecorder/databases/records.db` (the real app's
columns: `name`, `duration` in µs, `created`/`added` ms, `path`, `format`, `size`, `sample_rate`, ...) plus its file
`NAME.m4a` in `/storage/emulated/0/Android/data/com.dimowner.audiorecorder/files/Music/records` (AndroidWorld's
`AUDIORECORDER_DATA`, the folder its checks list). Files are real MPEG-4 audio: silent AAC-LC, 44.1 kHz mono, as
long as the recording (`m4a.py`). A recording in progress is the app's service state, kept in
`shared_prefs/com.dimowner.audiorecorder.data.PrefsImpl.xml` (`recording_since`, `recorded_ms`,
`active_record`, `ask_rename_after_stop`), so it goes on while the user is elsewhere; its length is the virtual
clock's elapsed time, at least one second (benchmarks freeze the clock).

Screens:
- `.app.main.MainActivity` (launcher): timer `txt_progress`, `txt_status`, and the last record's name `txt_name`
  (tap: "Record name" dialog, EditText `input_name`, `android:id/button2` Cancel / `button1` Save; the app adds
  `.m4a` to whatever is typed, as the real one does, so "x.m4a" becomes `x.m4a.m4a`; an empty, slashed or taken
  name toasts and keeps the dialog). Bottom: `btn_records_list` "Records", `btn_record` ("Start recording",
  "Pause recording", "Resume recording"), `btn_record_stop` "Stop recording" (while recording or paused; saves
  the next free `Record-N.m4a` and shows it, then, as the real app does by default, opens the "Record name"
  dialog with a `chkbox_dont_ask` "Don't ask again" box; once ticked, Stop only toasts "Record saved").
- `.app.records.RecordsActivity`: RecyclerView `recycler_view` of rows `list_item` (`list_item_name`,
  `list_item_info` = duration and date, `list_item_more` "More options" -> popup "Rename" / "Delete" ("Delete
  record?" dialog)); `txt_empty` "No records". Tapping a row makes it the recorder screen's record.

Seed API on `AudioRecorderApp`: `add_record(name, duration_ms=5000, created_ms=None) -> id`, `list_records()`
(file names in the records folder), `record_duration_ms(file_name)`, `records()` (rows whose file exists),
`clear()`.
"""

from droidpilot.emulator.virtual.apps.audiorecorder.app import RECORDS_DIR, AudioRecorderApp

__all__ = ["RECORDS_DIR", "AudioRecorderApp"]
