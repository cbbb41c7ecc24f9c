"""The media scanner's view of /sdcard/Music: every MP3's tags and length, as MediaStore rows Retro reads.

Rows: `id` (stable for a path), `title` (the tag, else the file stem), `artist` ("<unknown>" untagged), `album`
(the tag, else the folder name, as MediaStore does), `album_id`, `artist_id`, `duration` (ms), `data` (device
path), `date_modified` (s). Parsed tags are cached by (path, size, mtime), so unchanged files are read once.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from droidpilot.emulator.virtual.apps.retromusic.mp3 import read_tags
from droidpilot.emulator.virtual.fs import VirtualFS

MUSIC_DIR = "/storage/emulated/0/Music"
AUDIO_EXTENSIONS = (".mp3",)
EXPORT_FOLDERS = ("Download", "Music", "Documents", "Playlists")
"""Where "Save playlist" can write its M3U (folders of /storage/emulated/0)."""
_HEAD_BYTES = 16_384

Song = dict[str, Any]


def _stable_id(text: str) -> int:
    return zlib.crc32(text.encode()) & 0x7FFFFFFF


class MediaScanner:
    def __init__(self, fs: VirtualFS) -> None:
        self.fs = fs
        self._cache: dict[tuple[str, int, int], dict[str, str | int]] = {}

    def songs(self) -> list[Song]:
        """Every song under the music folder, sorted by title (case-insensitive), then path."""
        root = self.fs.host_path(MUSIC_DIR)
        found = [self._song(p) for p in sorted(root.rglob("*")) if p.is_file()
                 and p.suffix.lower() in AUDIO_EXTENSIONS] if root.is_dir() else []
        return sorted(found, key=lambda s: (str(s["title"]).lower(), s["data"]))

    def _song(self, path: Path) -> Song:
        stat = path.stat()
        device = f"{MUSIC_DIR}/{path.relative_to(self.fs.host_path(MUSIC_DIR)).as_posix()}"
        key = (device, stat.st_size, int(stat.st_mtime))
        if key not in self._cache:
            with path.open("rb") as handle:
                self._cache[key] = read_tags(handle.read(_HEAD_BYTES), stat.st_size)
        tags = self._cache[key]
        album = str(tags.get("album") or path.parent.name)
        artist = str(tags.get("artist") or "<unknown>")
        return {"id": _stable_id(device), "title": str(tags.get("title") or path.stem), "artist": artist,
                "album": album, "album_id": _stable_id("album:" + album), "artist_id": _stable_id("artist:" + artist),
                "duration": int(tags["duration"]), "data": device, "date_modified": int(stat.st_mtime),
                "track": 0, "year": 0}
