"""VlcApp: the media library (VLC's `vlc_media.db`, kept in `app_db/` as the real app does), the scan that
brings video files into it, playlists, and the seed API."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.vlc.browser import MainActivity
from droidpilot.emulator.virtual.apps.vlc.media import (
    VIDEO_EXTENSIONS,
    message_video,
    messages_video,
    video_duration_ms,
)
from droidpilot.emulator.virtual.apps.vlc.player import VideoPlayerActivity
from droidpilot.emulator.virtual.apps.vlc.playlist import PlaylistActivity
from droidpilot.emulator.virtual.system.media_store import MediaStore

VIDEO_FOLDERS = ("/storage/emulated/0/Movies", "/storage/emulated/0/VLCVideos", "/storage/emulated/0/Download")
"""Where the library looks for videos: the usual Movies folder, the one AndroidWorld's VLC tasks fill, and
Download (where AndroidWorld's MarkorTranscribeVideo puts its videos)."""
MEDIA_VIDEO = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS Media (
    id_media INTEGER PRIMARY KEY AUTOINCREMENT, type INTEGER, subtype INTEGER, duration INTEGER DEFAULT -1,
    last_position REAL DEFAULT -1, last_time INTEGER DEFAULT -1, play_count UNSIGNED INTEGER DEFAULT 0,
    last_played_date UNSIGNED INTEGER, insertion_date UNSIGNED INTEGER, release_date UNSIGNED INTEGER,
    title TEXT COLLATE NOCASE, filename TEXT COLLATE NOCASE, is_favorite BOOLEAN NOT NULL DEFAULT 0,
    is_present BOOLEAN NOT NULL DEFAULT 1, device_id INTEGER, nb_playlists UNSIGNED INTEGER NOT NULL DEFAULT 0,
    folder_id UNSIGNED INTEGER, import_type UNSIGNED INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS File (
    id_file INTEGER PRIMARY KEY AUTOINCREMENT, media_id UNSIGNED INT DEFAULT NULL, playlist_id UNSIGNED INT,
    mrl TEXT, type UNSIGNED INTEGER, last_modification_date UNSIGNED INT, size UNSIGNED INT, folder_id UNSIGNED
    INTEGER, is_removable BOOLEAN NOT NULL DEFAULT 0, is_external BOOLEAN NOT NULL DEFAULT 0, is_network BOOLEAN
    NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS Playlist (
    id_playlist INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT COLLATE NOCASE, file_id UNSIGNED INT DEFAULT NULL,
    creation_date UNSIGNED INT NOT NULL, artwork_mrl TEXT, nb_video UNSIGNED INT NOT NULL DEFAULT 0,
    nb_audio UNSIGNED INT NOT NULL DEFAULT 0, nb_unknown UNSIGNED INT NOT NULL DEFAULT 0,
    duration UNSIGNED INT NOT NULL DEFAULT 0, is_read_only BOOLEAN NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS PlaylistMediaRelation (
    media_id INTEGER, mrl STRING, playlist_id INTEGER, position INTEGER
);
"""


class VlcApp(App):
    PACKAGE: ClassVar[str] = "org.videolan.vlc"
    LABEL: ClassVar[str] = "VLC"
    ICON: ClassVar[str] = "cone"
    COLOR: ClassVar[str] = "orange"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, PlaylistActivity, VideoPlayerActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        *((f"content://media/{volume}/video/media/", VideoPlayerActivity)
          for volume in ("external", "external_primary")),
        *((f"file://{root}{folder.removeprefix('/storage/emulated/0')}/", VideoPlayerActivity)
          for folder in VIDEO_FOLDERS for root in ("/storage/emulated/0", "/sdcard")))
    FILE_TYPES: ClassVar[tuple[str, ...]] = ("video/*",)
    DATABASE: ClassVar[str] = "vlc_media.db"
    DATABASE_DIR: ClassVar[str] = "app_db"
    SCHEMA: ClassVar[str] = SCHEMA

    def install(self) -> None:
        super().install()
        for folder in VIDEO_FOLDERS:
            self.host.fs.host_path(folder).mkdir(parents=True, exist_ok=True)

    # -- the media library --------------------------------------------------------------------------------------
    def _on_disk(self) -> dict[str, Path]:
        """Device path (mrl without `file://`) -> host path of every video in the scanned folders."""
        found: dict[str, Path] = {}
        for folder in VIDEO_FOLDERS:
            root = self.host.fs.host_path(folder)
            if root.is_dir():
                for path in sorted(root.iterdir()):
                    if path.is_file() and path.suffix.lower() in VIDEO_EXTENSIONS:
                        found[f"{folder}/{path.name}"] = path
        return found

    def scan(self) -> None:
        """What VLC's media library does when it starts: add new files, mark vanished ones absent."""
        on_disk = self._on_disk()
        with self.db() as conn:
            known = {r["mrl"]: (r["media_id"], r["is_present"]) for r in conn.execute(
                "SELECT File.mrl AS mrl, Media.id_media AS media_id, Media.is_present AS is_present FROM File "
                "JOIN Media ON Media.id_media = File.media_id")}
            for mrl, (media_id, present) in known.items():
                if (mrl[len("file://"):] in on_disk) != bool(present):
                    conn.execute("UPDATE Media SET is_present = ? WHERE id_media = ?", (int(not present), media_id))
            for device_path, host in on_disk.items():
                if "file://" + device_path not in known:
                    self._add_media(conn, device_path, host)

    def _add_media(self, conn: sqlite3.Connection, device_path: str, host: Path) -> None:
        stat = host.stat()
        data = host.read_bytes()
        cursor = conn.execute(
            "INSERT INTO Media (type, subtype, duration, insertion_date, title, filename, is_present) "
            "VALUES (?, 0, ?, ?, ?, ?, 1)",
            (MEDIA_VIDEO, video_duration_ms(data), self.host.clock.now_ms() // 1000, host.stem, host.name))
        conn.execute("INSERT INTO File (media_id, mrl, type, last_modification_date, size) VALUES (?, ?, 1, ?, ?)",
                     (cursor.lastrowid, "file://" + device_path, int(stat.st_mtime), stat.st_size))

    def videos(self) -> list[dict[str, Any]]:
        """The library's present videos, by title (VLC's default sort)."""
        self.scan()
        with self.db() as conn:
            return [dict(r) for r in conn.execute(
                "SELECT Media.*, File.mrl FROM Media JOIN File ON File.media_id = Media.id_media "
                "WHERE Media.is_present = 1 AND Media.type = ? ORDER BY Media.title COLLATE NOCASE, Media.id_media",
                (MEDIA_VIDEO,))]

    def video(self, media_id: int) -> dict[str, Any] | None:
        return next((v for v in self.videos() if v["id_media"] == media_id), None)

    def media_id_for_uri(self, uri: str) -> int | None:
        """The library's id for the video a VIEW intent names (`file://` or `content://media/...`), if indexed."""
        path = MediaStore(self.host.fs, self.host.clock.now_ms).path_of(uri) if uri.startswith("content://") \
            else uri.removeprefix("file://")
        if not path:
            return None
        mrl = "file://" + self.host.fs.normalize(path).replace("/sdcard/", "/storage/emulated/0/", 1)
        return next((int(v["id_media"]) for v in self.videos() if v["mrl"] == mrl), None)

    # -- playlists --------------------------------------------------------------------------------------------
    def playlists(self) -> list[dict[str, Any]]:
        with self.db() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM Playlist ORDER BY name COLLATE NOCASE, id_playlist")]

    def playlist_items(self, playlist_id: int) -> list[dict[str, Any]]:
        """The playlist's media in order (absent files included: VLC keeps them in the list)."""
        with self.db() as conn:
            return [dict(r) for r in conn.execute(
                "SELECT Media.*, PlaylistMediaRelation.position AS position FROM PlaylistMediaRelation "
                "JOIN Media ON Media.id_media = PlaylistMediaRelation.media_id WHERE playlist_id = ? "
                "ORDER BY position", (playlist_id,))]

    def create_playlist(self, name: str) -> int:
        with self.db() as conn:
            cursor = conn.execute("INSERT INTO Playlist (name, creation_date) VALUES (?, ?)",
                                  (name.strip(), self.host.clock.now_ms() // 1000))
            return int(cursor.lastrowid or 0)

    def append_to_playlist(self, playlist_id: int, media_ids: list[int]) -> None:
        with self.db() as conn:
            position = conn.execute("SELECT COUNT(*) FROM PlaylistMediaRelation WHERE playlist_id = ?",
                                    (playlist_id,)).fetchone()[0]
            for media_id in media_ids:
                mrl = conn.execute("SELECT mrl FROM File WHERE media_id = ?", (media_id,)).fetchone()
                conn.execute("INSERT INTO PlaylistMediaRelation (media_id, mrl, playlist_id, position) "
                             "VALUES (?, ?, ?, ?)", (media_id, mrl[0] if mrl else None, playlist_id, position))
                conn.execute("UPDATE Media SET nb_playlists = nb_playlists + 1 WHERE id_media = ?", (media_id,))
                position += 1
            self._recount(conn, playlist_id)

    def remove_from_playlist(self, playlist_id: int, position: int) -> None:
        with self.db() as conn:
            conn.execute("DELETE FROM PlaylistMediaRelation WHERE playlist_id = ? AND position = ?",
                         (playlist_id, position))
            conn.execute("UPDATE PlaylistMediaRelation SET position = position - 1 WHERE playlist_id = ? AND "
                         "position > ?", (playlist_id, position))
            self._recount(conn, playlist_id)

    def move_in_playlist(self, playlist_id: int, old: int, new: int) -> None:
        """Move the item at position `old` to `new` (outside the list: nothing happens)."""
        with self.db() as conn:
            count = conn.execute("SELECT COUNT(*) FROM PlaylistMediaRelation WHERE playlist_id = ?",
                                 (playlist_id,)).fetchone()[0]
            if old == new or not (0 <= old < count and 0 <= new < count):
                return
            conn.execute("UPDATE PlaylistMediaRelation SET position = -1 WHERE playlist_id = ? AND position = ?",
                         (playlist_id, old))
            if new > old:
                conn.execute("UPDATE PlaylistMediaRelation SET position = position - 1 WHERE playlist_id = ? AND "
                             "position > ? AND position <= ?", (playlist_id, old, new))
            else:
                conn.execute("UPDATE PlaylistMediaRelation SET position = position + 1 WHERE playlist_id = ? AND "
                             "position >= ? AND position < ?", (playlist_id, new, old))
            conn.execute("UPDATE PlaylistMediaRelation SET position = ? WHERE playlist_id = ? AND position = -1",
                         (new, playlist_id))

    def count_play(self, media_id: int) -> None:
        with self.db() as conn:
            conn.execute("UPDATE Media SET play_count = play_count + 1, last_played_date = ? WHERE id_media = ?",
                         (self.host.clock.now_ms() // 1000, media_id))

    def delete_playlist(self, playlist_id: int) -> None:
        with self.db() as conn:
            conn.execute("DELETE FROM PlaylistMediaRelation WHERE playlist_id = ?", (playlist_id,))
            conn.execute("DELETE FROM Playlist WHERE id_playlist = ?", (playlist_id,))

    @staticmethod
    def _recount(conn: sqlite3.Connection, playlist_id: int) -> None:
        conn.execute("UPDATE Playlist SET nb_video = (SELECT COUNT(*) FROM PlaylistMediaRelation WHERE "
                     "playlist_id = ?), duration = (SELECT COALESCE(SUM(MAX(Media.duration, 0)), 0) FROM "
                     "PlaylistMediaRelation JOIN Media ON id_media = media_id WHERE playlist_id = ?) "
                     "WHERE id_playlist = ?", (playlist_id, playlist_id, playlist_id))

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def write_video(self, name: str, seconds: int = 30, message: str = "", folder: str = VIDEO_FOLDERS[1],
                    messages: list[str] | None = None) -> str:
        """Write a real MP4 `folder/name` showing `message` for `seconds` (or each of `messages` for `seconds`
        in turn); returns its device path."""
        path = self.host.fs.host_path(f"{folder}/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        now_s = self.host.clock.now_ms() // 1000
        data = messages_video(messages, seconds, now_s) if messages else message_video(message or name, seconds, now_s)
        path.write_bytes(data)
        os.utime(path, (now_s, now_s))
        return f"{folder}/{name}"

    def clear_videos(self, folder: str = VIDEO_FOLDERS[1]) -> None:
        """Delete every file in `folder` (AndroidWorld clears its VLCVideos folder around each task)."""
        root = self.host.fs.host_path(folder)
        for path in root.glob("*") if root.is_dir() else ():
            if path.is_file():
                path.unlink()

    def clear_library(self) -> None:
        """Empty Playlist, Media, File and PlaylistMediaRelation (AndroidWorld's `_clear_playlist_dbs`)."""
        with self.db() as conn:
            for table in ("PlaylistMediaRelation", "Playlist", "File", "Media"):
                conn.execute(f"DELETE FROM {table}")

    def playlist_rows(self) -> list[dict[str, Any]]:
        """(playlist_name, media_file_name, order_in_playlist) rows, AndroidWorld's playlist query."""
        with self.db() as conn:
            return [dict(r) for r in conn.execute(
                "SELECT Playlist.name AS playlist_name, Media.filename AS media_file_name, "
                "PlaylistMediaRelation.position AS order_in_playlist FROM PlaylistMediaRelation "
                "JOIN Playlist ON Playlist.id_playlist = PlaylistMediaRelation.playlist_id "
                "JOIN Media ON Media.id_media = PlaylistMediaRelation.media_id "
                "ORDER BY Playlist.name, PlaylistMediaRelation.position")]

    def seed_defaults(self, rng: random.Random) -> None:
        for name in rng.sample(("Holiday at the lake.mp4", "Birthday party.mp4", "Skateboard tricks.mp4"), 2):
            self.write_video(name, rng.randint(20, 180), folder=VIDEO_FOLDERS[0])
