"""RetroMusicApp: playlists in Retro's Room database `playlist.db` (PlaylistEntity, SongEntity), the playing queue
in `music_playback_state.db` (playing_queue, original_playing_queue), songs from the media scanner, the player's
state, M3U export, and the seed API."""

from __future__ import annotations

import os
import random
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.retromusic.browse import MainActivity
from droidpilot.emulator.virtual.apps.retromusic.details import DetailActivity, PlaylistDetailActivity
from droidpilot.emulator.virtual.apps.retromusic.library import EXPORT_FOLDERS, MUSIC_DIR, MediaScanner, Song
from droidpilot.emulator.virtual.apps.retromusic.mp3 import silent_mp3
from droidpilot.emulator.virtual.apps.retromusic.player import PlayerActivity

SCHEMA = """
CREATE TABLE IF NOT EXISTS PlaylistEntity (
    playlist_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, playlist_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS SongEntity (
    song_key INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, playlist_creator_id INTEGER NOT NULL, id INTEGER NOT NULL,
    title TEXT NOT NULL, track_number INTEGER NOT NULL, year INTEGER NOT NULL, duration INTEGER NOT NULL,
    data TEXT NOT NULL, date_modified INTEGER NOT NULL, album_id INTEGER NOT NULL, album_name TEXT NOT NULL,
    artist_id INTEGER NOT NULL, artist_name TEXT NOT NULL, composer TEXT, album_artist TEXT
);
CREATE TABLE IF NOT EXISTS HistoryEntity (
    id INTEGER PRIMARY KEY NOT NULL, title TEXT NOT NULL, track_number INTEGER NOT NULL, year INTEGER NOT NULL,
    duration INTEGER NOT NULL, data TEXT NOT NULL, date_modified INTEGER NOT NULL, album_id INTEGER NOT NULL,
    album_name TEXT NOT NULL, artist_id INTEGER NOT NULL, artist_name TEXT NOT NULL, composer TEXT,
    album_artist TEXT, time_played INTEGER NOT NULL
);
"""
_QUEUE_COLUMNS = ("_id INTEGER NOT NULL, title TEXT NOT NULL, track INTEGER NOT NULL, year INTEGER NOT NULL, "
                  "duration INTEGER NOT NULL, _data TEXT NOT NULL, date_modified INTEGER NOT NULL, album_id INTEGER "
                  "NOT NULL, album TEXT NOT NULL, artist_id INTEGER NOT NULL, artist TEXT NOT NULL, composer TEXT, "
                  "album_artist TEXT")
PLAYBACK_SCHEMA = (f"CREATE TABLE IF NOT EXISTS playing_queue ({_QUEUE_COLUMNS});"
                   f"CREATE TABLE IF NOT EXISTS original_playing_queue ({_QUEUE_COLUMNS});")
if TYPE_CHECKING:
    from droidpilot.emulator.virtual.system.host import SystemHost

_SEED_SONGS = (("Golden Days", "Olivia"), ("Night Drive", "Liam"), ("Rising Sun", "Ava"), ("Reflections", "Noah"))


def _as_song(entity: dict[str, Any]) -> Song:
    """A SongEntity row back in the scanner's shape (its copy of the song, even if the file changed since)."""
    return {**entity, "track": entity["track_number"], "album": entity["album_name"],
            "artist": entity["artist_name"]}


class RetroMusicApp(App):
    PACKAGE: ClassVar[str] = "code.name.monkey.retromusic"
    LABEL: ClassVar[str] = "Retro Music"
    ICON: ClassVar[str] = "music"
    COLOR: ClassVar[str] = "purple"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, PlaylistDetailActivity, DetailActivity,
                                                        PlayerActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    DATABASE: ClassVar[str] = "playlist.db"
    SCHEMA: ClassVar[str] = SCHEMA

    def __init__(self, host: SystemHost) -> None:
        super().__init__(host)
        self.scanner = MediaScanner(host.fs)

    def install(self) -> None:
        super().install()
        self.host.fs.host_path(MUSIC_DIR).mkdir(parents=True, exist_ok=True)
        with self.playback_db() as conn:
            conn.executescript(PLAYBACK_SCHEMA)

    @contextmanager
    def playback_db(self) -> Iterator[sqlite3.Connection]:
        conn = self.host.fs.connect(self.data_dir / "databases" / "music_playback_state.db")
        conn.row_factory = sqlite3.Row
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    # -- songs --------------------------------------------------------------------------------------------------
    def songs(self) -> list[Song]:
        return self.scanner.songs()

    def song(self, song_id: int) -> Song | None:
        return next((s for s in self.songs() if s["id"] == song_id), None)

    # -- playlists ----------------------------------------------------------------------------------------------
    def playlists(self) -> list[dict[str, Any]]:
        with self.db() as conn:
            return [dict(r) for r in conn.execute(
                "SELECT p.playlist_id, p.playlist_name, (SELECT COUNT(*) FROM SongEntity s WHERE "
                "s.playlist_creator_id = p.playlist_id) AS count FROM PlaylistEntity p ORDER BY p.playlist_name "
                "COLLATE NOCASE, p.playlist_id")]

    def playlist(self, playlist_id: int) -> dict[str, Any] | None:
        return next((p for p in self.playlists() if p["playlist_id"] == playlist_id), None)

    def playlist_songs(self, playlist_id: int) -> list[dict[str, Any]]:
        with self.db() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM SongEntity WHERE playlist_creator_id = ? ORDER BY "
                                                  "song_key", (playlist_id,))]

    def create_playlist(self, name: str) -> int | None:
        """A new empty playlist; None when one has that name already (Retro refuses it)."""
        name = name.strip()
        if not name or any(p["playlist_name"] == name for p in self.playlists()):
            return None
        with self.db() as conn:
            return int(conn.execute("INSERT INTO PlaylistEntity (playlist_name) VALUES (?)", (name,)).lastrowid or 0)

    def add_to_playlist(self, playlist_id: int, song_ids: list[int]) -> int:
        """Append the songs (Retro skips ones already in it); how many were added."""
        present = {s["id"] for s in self.playlist_songs(playlist_id)}
        songs = [s for i in song_ids if (s := self.song(i)) is not None and i not in present]
        self._insert(playlist_id, songs)
        return len(songs)

    def _insert(self, playlist_id: int, songs: list[Song]) -> None:
        with self.db() as conn:
            conn.executemany(
                "INSERT INTO SongEntity (playlist_creator_id, id, title, track_number, year, duration, data, "
                "date_modified, album_id, album_name, artist_id, artist_name, composer, album_artist) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '')",
                [(playlist_id, s["id"], s["title"], s["track"], s["year"], s["duration"], s["data"],
                  s["date_modified"], s["album_id"], s["album"], s["artist_id"], s["artist"]) for s in songs])

    def move_in_playlist(self, playlist_id: int, old: int, new: int) -> None:
        """Reorder as Retro does after a drag: the playlist's rows are rewritten in the new order."""
        rows = [_as_song(r) for r in self.playlist_songs(playlist_id)]
        if old == new or not (0 <= old < len(rows) and 0 <= new < len(rows)):
            return
        rows.insert(new, rows.pop(old))
        with self.db() as conn:
            conn.execute("DELETE FROM SongEntity WHERE playlist_creator_id = ?", (playlist_id,))
        self._insert(playlist_id, rows)

    def remove_from_playlist(self, playlist_id: int, song_key: int) -> None:
        with self.db() as conn:
            conn.execute("DELETE FROM SongEntity WHERE playlist_creator_id = ? AND song_key = ?",
                         (playlist_id, song_key))

    def rename_playlist(self, playlist_id: int, name: str) -> bool:
        name = name.strip()
        if not name:
            return False
        with self.db() as conn:
            conn.execute("UPDATE PlaylistEntity SET playlist_name = ? WHERE playlist_id = ?", (name, playlist_id))
        return True

    def delete_playlist(self, playlist_id: int) -> None:
        with self.db() as conn:
            conn.execute("DELETE FROM SongEntity WHERE playlist_creator_id = ?", (playlist_id,))
            conn.execute("DELETE FROM PlaylistEntity WHERE playlist_id = ?", (playlist_id,))

    def export_playlist(self, playlist_id: int, folder: str) -> str | None:
        """Write `NAME.m3u` (extended M3U) into /storage/emulated/0/FOLDER; its device path."""
        playlist = self.playlist(playlist_id)
        if playlist is None or folder not in EXPORT_FOLDERS:
            return None
        lines = ["#EXTM3U"]
        for s in self.playlist_songs(playlist_id):
            lines += [f"#EXTINF:{s['duration'] // 1000},{s['artist_name']} - {s['title']}", s["data"]]
        device = f"/storage/emulated/0/{folder}/{playlist['playlist_name']}.m3u"
        path = self.host.fs.host_path(device)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        now_s = self.host.clock.now_ms() / 1000
        os.utime(path, (now_s, now_s))
        return device

    # -- the playing queue (MusicService's state, saved whenever it changes) --------------------------------------
    def queue(self) -> list[dict[str, Any]]:
        with self.playback_db() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM playing_queue ORDER BY rowid")]

    def _save_queue(self, songs: list[Song]) -> None:
        rows = [(s["id"], s["title"], s["track"], s["year"], s["duration"], s["data"], s["date_modified"],
                 s["album_id"], s["album"], s["artist_id"], s["artist"]) for s in songs]
        with self.playback_db() as conn:
            for table in ("playing_queue", "original_playing_queue"):
                conn.execute(f"DELETE FROM {table}")
                conn.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '')", rows)

    def _queue_songs(self) -> list[Song]:
        by_id = {s["id"]: s for s in self.songs()}
        return [by_id[r["_id"]] for r in self.queue() if r["_id"] in by_id]

    def play_list(self, song_ids: list[int], position: int) -> None:
        """Replace the queue with `song_ids` and play the one at `position` (a tap in a list)."""
        songs = [s for i in song_ids if (s := self.song(i)) is not None]
        self._save_queue(songs)
        self._set_player(position=max(0, min(position, len(songs) - 1)), playing=bool(songs))

    def enqueue(self, song_ids: list[int]) -> None:
        """"Add to playing queue": appended; on an empty queue they become the queue (nothing starts)."""
        songs = [s for i in song_ids if (s := self.song(i)) is not None]
        self._save_queue(self._queue_songs() + songs)

    def play_next(self, song_ids: list[int]) -> None:
        queue = self._queue_songs()
        at = min(self.player()["position"] + 1, len(queue)) if queue else 0
        songs = [s for i in song_ids if (s := self.song(i)) is not None]
        self._save_queue(queue[:at] + songs + queue[at:])

    def remove_from_queue(self, index: int) -> None:
        queue = self._queue_songs()
        if 0 <= index < len(queue):
            del queue[index]
            self._save_queue(queue)
            position = self.player()["position"]
            self._set_player(position=max(0, position - (1 if index < position else 0)))

    def clear_queue(self) -> None:
        self._save_queue([])
        self._set_player(position=0, playing=False)

    @property
    def prefs_path(self) -> Path:
        return self.data_dir / "shared_prefs" / f"{self.PACKAGE}_preferences.xml"

    def player(self) -> dict[str, int]:
        """`position` in the queue and `playing` (0/1), from the service's preferences."""
        try:
            root = ET.parse(self.prefs_path).getroot()
        except (OSError, ET.ParseError):
            return {"position": 0, "playing": 0}
        values = {n.get("name", ""): int(n.get("value", "0")) for n in root.findall("int")}
        return {"position": values.get("POSITION", 0), "playing": values.get("PLAYING", 0)}

    def _set_player(self, position: int | None = None, playing: bool | None = None) -> None:
        now = self.player()
        values = {"POSITION": now["position"] if position is None else position,
                  "PLAYING": now["playing"] if playing is None else int(playing)}
        root = ET.Element("map")
        for name, value in values.items():
            ET.SubElement(root, "int", name=name, value=str(value))
        self.prefs_path.parent.mkdir(parents=True, exist_ok=True)
        body = ET.tostring(root, encoding="unicode")
        self.prefs_path.write_text(f"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n{body}\n")

    def toggle_playing(self) -> None:
        self._set_player(playing=not self.player()["playing"])

    def skip(self, step: int) -> None:
        count = len(self._queue_songs())
        if count:
            self._set_player(position=(self.player()["position"] + step) % count, playing=True)

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def write_song(self, file_name: str, title: str, artist: str, duration_ms: int, album: str = "") -> str:
        """Write a tagged MP3 `/storage/emulated/0/Music/file_name`; returns its device path."""
        device = f"{MUSIC_DIR}/{file_name}"
        path = self.host.fs.host_path(device)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(silent_mp3(title, artist, duration_ms, album))
        now_s = self.host.clock.now_ms() / 1000
        os.utime(path, (now_s, now_s))
        return device

    def clear_music(self) -> None:
        """Delete every file under the music folder."""
        for path in sorted(self.host.fs.host_path(MUSIC_DIR).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()

    def clear_playlists(self) -> None:
        """Empty PlaylistEntity and SongEntity (AndroidWorld's `_clear_playlist_dbs`)."""
        with self.db() as conn:
            conn.execute("DELETE FROM SongEntity")
            conn.execute("DELETE FROM PlaylistEntity")

    def playlist_rows(self) -> list[dict[str, Any]]:
        """AndroidWorld's playlist query: (playlist_name, media_file_name = title, duration_ms, order)."""
        with self.db() as conn:
            return [dict(r) for r in conn.execute(
                "SELECT pe.playlist_name AS playlist_name, se.title AS media_file_name, se.duration AS duration_ms, "
                "ROW_NUMBER() OVER (PARTITION BY pe.playlist_name ORDER BY se.song_key) - 1 AS order_in_playlist "
                "FROM PlaylistEntity pe JOIN SongEntity se ON pe.playlist_id = se.playlist_creator_id "
                "ORDER BY pe.playlist_name, order_in_playlist")]

    def queue_titles(self) -> list[str]:
        return [r["title"] for r in self.queue()]

    def seed_defaults(self, rng: random.Random) -> None:
        for title, artist in rng.sample(_SEED_SONGS, 3):
            self.write_song(f"{title}.mp3", title, artist, rng.randint(150, 280) * 1000, album="Evening Sessions")
