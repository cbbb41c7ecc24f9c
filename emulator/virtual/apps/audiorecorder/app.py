"""AudioRecorderApp: the records table, the recording in progress (the real app's service state, kept in its
preferences) and the seed API. A record is a row in `records.db` plus its `.m4a` file in the records folder."""

from __future__ import annotations

import os
import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.audiorecorder.dialogs import RecordError
from droidpilot.emulator.virtual.apps.audiorecorder.m4a import SAMPLE_RATE, duration_ms, silent_m4a
from droidpilot.emulator.virtual.apps.audiorecorder.main import MainActivity
from droidpilot.emulator.virtual.apps.audiorecorder.records import RecordsActivity
from droidpilot.emulator.virtual.apps.base import Activity, App

RECORDS_DIR = "/storage/emulated/0/Android/data/com.dimowner.audiorecorder/files/Music/records"
EXTENSION = ".m4a"
MIN_RECORDING_MS = 1_000
"""A recording made while the clock stands still (benchmarks freeze it) still holds a second of audio."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    _id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, duration LONG NOT NULL, created LONG NOT NULL,
    added LONG NOT NULL, removed LONG NOT NULL DEFAULT 0, path TEXT NOT NULL, format TEXT NOT NULL,
    size LONG NOT NULL, sample_rate INTEGER NOT NULL, channels INTEGER NOT NULL, bitrate INTEGER NOT NULL,
    bookmark INTEGER NOT NULL DEFAULT 0, waveform_processed INTEGER NOT NULL DEFAULT 0, data BLOB,
    data_str TEXT
);
"""
_SEED_NAMES = ("Lecture notes", "Voice memo", "Band practice", "Interview draft", "Shopping reminder")


class AudioRecorderApp(App):
    PACKAGE: ClassVar[str] = "com.dimowner.audiorecorder"
    LABEL: ClassVar[str] = "Audio Recorder"
    ICON: ClassVar[str] = "mic"
    COLOR: ClassVar[str] = "red"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, RecordsActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    DATABASE: ClassVar[str] = "records.db"
    SCHEMA: ClassVar[str] = SCHEMA

    @property
    def records_dir(self) -> Path:
        return self.host.fs.host_path(RECORDS_DIR)

    def install(self) -> None:
        super().install()
        self.records_dir.mkdir(parents=True, exist_ok=True)

    # -- the recording in progress (the real app's RecordingService; it survives leaving the screen) ------------
    @property
    def prefs_path(self) -> Path:
        return self.data_dir / "shared_prefs" / "com.dimowner.audiorecorder.data.PrefsImpl.xml"

    def prefs(self) -> dict[str, int]:
        try:
            root = ET.parse(self.prefs_path).getroot()
        except (OSError, ET.ParseError):
            return {}
        return {n.get("name", ""): int(n.get("value", "0")) for n in root.findall("long")}

    def _put_prefs(self, values: dict[str, int]) -> None:
        root = ET.Element("map")
        for name, value in sorted(values.items()):
            ET.SubElement(root, "long", name=name, value=str(value))
        self.prefs_path.parent.mkdir(parents=True, exist_ok=True)
        body = ET.tostring(root, encoding="unicode")
        self.prefs_path.write_text(f"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n{body}\n")

    def recording_state(self) -> str:
        """`idle`, `recording` or `paused`."""
        prefs = self.prefs()
        if "recording_since" in prefs:
            return "recording"
        return "paused" if "recorded_ms" in prefs else "idle"

    def elapsed_ms(self) -> int:
        prefs = self.prefs()
        since = prefs.get("recording_since")
        running = self.host.clock.now_ms() - since if since is not None else 0
        return prefs.get("recorded_ms", 0) + max(0, running)

    def start_recording(self) -> None:
        prefs = self.prefs()
        if "recording_since" not in prefs:
            self._put_prefs({**prefs, "recording_since": self.host.clock.now_ms()})

    def pause_recording(self) -> None:
        prefs = self.prefs()
        if "recording_since" in prefs:
            self._put_prefs({**{k: v for k, v in prefs.items() if k != "recording_since"},
                             "recorded_ms": self.elapsed_ms()})

    def stop_recording(self) -> int | None:
        """Save what was recorded as the next `Record-N.m4a`; the new record's id (None when not recording)."""
        if self.recording_state() == "idle":
            return None
        length = max(MIN_RECORDING_MS, self.elapsed_ms())
        prefs = {k: v for k, v in self.prefs().items() if k not in ("recording_since", "recorded_ms")}
        record_id = self.add_record(self._next_name(), length)
        self._put_prefs({**prefs, "active_record": record_id})
        return record_id

    def _next_name(self) -> str:
        taken = {r["name"] for r in self.records()}
        n = 1
        while f"Record-{n}" in taken or (self.records_dir / f"Record-{n}{EXTENSION}").exists():
            n += 1
        return f"Record-{n}"

    def asks_to_rename(self) -> bool:
        """Whether stopping a recording opens the name dialog (the real app's default; "Don't ask again" stops it)."""
        return self.prefs().get("ask_rename_after_stop", 1) != 0

    def set_asks_to_rename(self, ask: bool) -> None:
        self._put_prefs({**self.prefs(), "ask_rename_after_stop": int(ask)})

    def active_record(self) -> dict[str, Any] | None:
        wanted = self.prefs().get("active_record")
        return next((r for r in self.records() if r["_id"] == wanted), None)

    def set_active_record(self, record_id: int) -> None:
        self._put_prefs({**self.prefs(), "active_record": record_id})

    # -- records ------------------------------------------------------------------------------------------------
    def records(self) -> list[dict[str, Any]]:
        """Every record whose file is still there (a file deleted with adb drops out), newest first."""
        with self.db() as conn:
            rows = [dict(r) for r in conn.execute("SELECT * FROM records WHERE removed = 0 ORDER BY added DESC, "
                                                  "_id DESC")]
        return [r for r in rows if self.host.fs.host_path(r["path"]).is_file()]

    def rename_record(self, record_id: int, name: str) -> None:
        """Rename the record and its file to `name` + `.m4a` (the app always adds the extension). RecordError
        with the toast text when the name is empty, holds a slash or is taken."""
        name = name.strip()
        if not name or "/" in name or name in (".", ".."):
            raise RecordError("Incorrect name")
        target = self.records_dir / f"{name}{EXTENSION}"
        row = next((r for r in self.records() if r["_id"] == record_id), None)
        if row is None:
            raise RecordError("Record not found")
        source = self.host.fs.host_path(row["path"])
        if target.exists() and target != source:
            raise RecordError("Record with this name already exists")
        source.rename(target)
        with self.db() as conn:
            conn.execute("UPDATE records SET name = ?, path = ? WHERE _id = ?",
                         (name, f"{RECORDS_DIR}/{target.name}", record_id))

    def delete_record(self, record_id: int) -> None:
        row = next((r for r in self.records() if r["_id"] == record_id), None)
        if row is not None:
            self.host.fs.host_path(row["path"]).unlink(missing_ok=True)
        with self.db() as conn:
            conn.execute("DELETE FROM records WHERE _id = ?", (record_id,))

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def add_record(self, name: str, duration_ms: int = 5_000, created_ms: int | None = None) -> int:
        """Write `name.m4a` (that much silent AAC) into the records folder and its row; returns the record id."""
        created = self.host.clock.now_ms() if created_ms is None else created_ms
        data = silent_m4a(duration_ms, created // 1000)
        path = self.records_dir / f"{name}{EXTENSION}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, (created / 1000, created / 1000))
        with self.db() as conn:
            cursor = conn.execute(
                "INSERT INTO records (name, duration, created, added, path, format, size, sample_rate, channels, "
                "bitrate) VALUES (?, ?, ?, ?, ?, 'm4a', ?, ?, 1, 128000)",
                (name, duration_ms * 1000, created, created, f"{RECORDS_DIR}/{path.name}", len(data), SAMPLE_RATE))
            return int(cursor.lastrowid or 0)

    def list_records(self) -> list[str]:
        """The file names in the records folder, sorted (what AndroidWorld's checks list)."""
        return sorted(p.name for p in self.records_dir.iterdir()) if self.records_dir.is_dir() else []

    def record_duration_ms(self, file_name: str) -> int | None:
        """The duration the file's MP4 header declares."""
        return duration_ms((self.records_dir / file_name).read_bytes())

    def clear(self) -> None:
        """Delete every record, its file, and any recording in progress."""
        for path in self.records_dir.glob("*"):
            if path.is_file():
                path.unlink()
        with self.db() as conn:
            conn.execute("DELETE FROM records")
        self.prefs_path.unlink(missing_ok=True)

    def seed_defaults(self, rng: random.Random) -> None:
        start = self.host.clock.now_ms() - 5 * 86_400_000
        for i, name in enumerate(rng.sample(_SEED_NAMES, 2)):
            self.add_record(name, rng.randint(4, 90) * 1000, start + i * 86_400_000)
