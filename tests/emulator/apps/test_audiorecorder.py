"""Audio Recorder driven through its UI: recordings land as real .m4a files (AAC in MPEG-4) in the folder
AndroidWorld's checks list, with rows in records.db; renaming and deleting change both."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.audiorecorder import AudioRecorderApp
from droidpilot.emulator.virtual.apps.audiorecorder.m4a import SILENT_FRAME, duration_ms, silent_m4a
from tests.ui import elements, find, need, open_app, tap

PKG = AudioRecorderApp.PACKAGE


@pytest.fixture
def recorder(phone: VirtualPhone) -> AudioRecorderApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, AudioRecorderApp)
    app.clear()
    return app


def records_dir(phone: VirtualPhone) -> Path:
    return phone.data_dir / "sdcard/Android/data/com.dimowner.audiorecorder/files/Music/records"


def rows(phone: VirtualPhone) -> list[tuple[str, str, int]]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "records.db")
    try:
        return list(conn.execute("SELECT name, path, duration FROM records ORDER BY _id"))
    finally:
        conn.close()


def record(phone: VirtualPhone, seconds: int) -> None:
    """Record, stop, and keep the proposed name in the dialog the app opens."""
    tap(phone, desc="Start recording")
    phone.advance_clock(seconds * 1000)
    tap(phone, desc="Stop recording")
    tap(phone, text="Cancel")


def rename_to(phone: VirtualPhone, name: str) -> None:
    field = tap(phone, rid="input_name")
    for _ in field.text:
        phone.press_key("DEL")
    phone.input_text(name)
    tap(phone, text="Save")


def test_recording_writes_an_m4a_as_long_as_the_recording(phone: VirtualPhone, recorder: AudioRecorderApp) -> None:
    open_app(phone, "Audio Recorder")
    assert phone.current_focus() == (PKG, PKG + ".app.main.MainActivity")
    tap(phone, desc="Start recording")
    phone.advance_clock(4_000)
    assert need(phone, rid="txt_progress").text == "00:04"
    phone.screenshot()  # renders with the theme's colours
    tap(phone, desc="Pause recording")
    phone.advance_clock(60_000)  # paused time is not recorded
    tap(phone, desc="Resume recording")
    phone.advance_clock(3_000)
    assert recorder.list_records() == []  # nothing is saved before Stop
    tap(phone, desc="Stop recording")
    assert recorder.list_records() == ["Record-1.m4a"]  # saved, and the app asks for a name
    assert need(phone, rid="input_name").text == "Record-1"
    tap(phone, text="Cancel")
    data = (records_dir(phone) / "Record-1.m4a").read_bytes()
    assert data[4:12] == b"ftypM4A " and b"mp4a" in data and b"esds" in data
    assert 7_000 <= (duration_ms(data) or 0) < 8_000  # the clock also runs while the test taps
    assert need(phone, rid="txt_name").text == "Record-1"
    [(name, path, micros)] = rows(phone)
    assert (name, path) == ("Record-1", "/storage/emulated/0/Android/data/com.dimowner.audiorecorder/files/Music/"
                                        "records/Record-1.m4a")
    assert 7_000_000 <= micros < 8_000_000
    assert find(phone, desc="Stop recording") is None


def test_a_recording_goes_on_while_the_user_is_elsewhere(phone: VirtualPhone, recorder: AudioRecorderApp) -> None:
    open_app(phone, "Audio Recorder")
    tap(phone, desc="Start recording")
    phone.press_key("HOME")
    phone.advance_clock(10_000)
    open_app(phone, "Audio Recorder")
    tap(phone, desc="Stop recording")
    tap(phone, text="Cancel")
    phone.clock.frozen = True
    record(phone, 0)  # a frozen clock still gives a one-second record, under the next free name
    assert recorder.list_records() == ["Record-1.m4a", "Record-2.m4a"]
    assert 10_000 <= (recorder.record_duration_ms("Record-1.m4a") or 0) < 11_000
    assert recorder.record_duration_ms("Record-2.m4a") == pytest.approx(1_000, abs=30)


def test_rename_from_the_recorder_adds_the_extension(phone: VirtualPhone, recorder: AudioRecorderApp) -> None:
    open_app(phone, "Audio Recorder")
    tap(phone, desc="Start recording")
    tap(phone, desc="Stop recording")
    rename_to(phone, "meeting_final.m4a")  # the real app appends .m4a to whatever is typed
    assert recorder.list_records() == ["meeting_final.m4a.m4a"]
    tap(phone, rid="txt_name")
    rename_to(phone, "standup")
    assert recorder.list_records() == ["standup.m4a"]
    assert [r[:2] for r in rows(phone)] == [("standup", recorder.records()[0]["path"])]


def test_records_list_renames_deletes_and_refuses_taken_names(phone: VirtualPhone,
                                                              recorder: AudioRecorderApp) -> None:
    recorder.add_record("Old memo", 3_000, created_ms=phone.clock.now_ms() - 86_400_000)
    open_app(phone, "Audio Recorder")
    record(phone, 5)
    tap(phone, desc="Records")
    names = [e.text for e in phone_elements(phone, "list_item_name")]
    assert names == ["Record-1", "Old memo"]  # newest first
    phone.screenshot()
    phone.tap(*phone_elements(phone, "list_item_more")[1].bounds.center)
    tap(phone, text="Rename")
    rename_to(phone, "Record-1")
    assert phone.host.state.toast is not None and "already exists" in phone.host.state.toast.text
    rename_to(phone, "Groceries")
    assert recorder.list_records() == ["Groceries.m4a", "Record-1.m4a"]
    phone.tap(*phone_elements(phone, "list_item_more")[0].bounds.center)
    tap(phone, text="Delete")
    tap(phone, rid="button1")
    assert recorder.list_records() == ["Groceries.m4a"] and [r[0] for r in rows(phone)] == ["Groceries"]
    tap(phone, rid="list_item")  # makes it the recorder's record
    assert need(phone, rid="txt_name").text == "Groceries"


def test_dont_ask_again_stops_the_name_dialog(phone: VirtualPhone, recorder: AudioRecorderApp) -> None:
    open_app(phone, "Audio Recorder")
    tap(phone, desc="Start recording")
    tap(phone, desc="Stop recording")
    tap(phone, text="Don't ask again")
    tap(phone, text="Save")
    tap(phone, desc="Start recording")
    tap(phone, desc="Stop recording")
    assert find(phone, rid="input_name") is None and need(phone, rid="txt_name").text == "Record-2"
    assert recorder.list_records() == ["Record-1.m4a", "Record-2.m4a"]


def test_a_file_deleted_with_adb_leaves_the_list(phone: VirtualPhone, recorder: AudioRecorderApp) -> None:
    recorder.add_record("Gone", 2_000)
    phone.shell("rm /sdcard/Android/data/com.dimowner.audiorecorder/files/Music/records/Gone.m4a")
    open_app(phone, "Audio Recorder")
    tap(phone, desc="Records")
    need(phone, text="No records")


def test_silent_m4a_has_constant_size_frames_and_exact_length() -> None:
    data = silent_m4a(60_000, 1_700_000_000)
    assert len(data) < 12_000  # a minute of silence
    stsz = data.index(b"stsz")
    assert struct.unpack(">II", data[stsz + 8:stsz + 16]) == (len(SILENT_FRAME), 2584)
    assert duration_ms(data) == 2584 * 1024 * 1000 // 44_100


def phone_elements(phone: VirtualPhone, rid: str) -> list[UIElement]:
    return [e for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


def test_500_monkey_events_leave_the_recorder_usable(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 500")
    assert result.exit_code == 0 and "Events injected: 500" in result.output, result.stderr
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.screenshot()
