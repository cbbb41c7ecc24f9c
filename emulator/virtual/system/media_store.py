"""MediaStore: the rows MediaProvider keeps for the media files on shared storage (`content://media/...`).

Like MediaProvider, the store lives in a database of its own under the provider's data directory
(`/data/data/com.android.providers.media.module/databases/external.db`), so ids stay stable across queries,
snapshots and restores, and deleted ids are never reused. It is brought up to date with the files at every
query (a scan: new files get a row and the next id, changed ones are re-read, vanished ones lose theirs), which is
what the media scanner does on a phone when files are written. Width, height, duration and tags are read from the
files themselves (Pillow for pictures, PyAV for audio and video).

Hidden files and folders, folders holding `.nomedia`, and `Android/` are skipped, as MediaProvider does.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import av
from PIL import Image

from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.system.javalang import java_hash
from droidpilot.emulator.virtual.system.mimetypes import mime_of

DB_PATH = "com.android.providers.media.module/databases/external.db"
"""Under the phone's app data directory (`/data/data`)."""
STORAGE = "/storage/emulated/0"
MEDIA_TYPES = {"images": 1, "audio": 2, "video": 3}
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    _id INTEGER PRIMARY KEY AUTOINCREMENT, _data TEXT UNIQUE NOT NULL, media_type INTEGER, mime_type TEXT,
    _size INTEGER, date_added INTEGER, date_modified INTEGER, width INTEGER, height INTEGER, duration INTEGER,
    artist TEXT, album TEXT, title TEXT, generation_added INTEGER, generation_modified INTEGER
);
"""


def _kind(mime: str) -> int:
    return {"image": 1, "audio": 2, "video": 3}.get(mime.split("/")[0], 0)


def _probe(path: Path, media_type: int) -> dict[str, Any]:
    """Width and height (pictures, video), duration in ms and tags (audio, video); NULLs when unreadable."""
    found: dict[str, Any] = {"width": None, "height": None, "duration": None, "artist": None, "album": None,
                             "title": None}
    try:
        if media_type == 1:
            with Image.open(path) as image:
                found["width"], found["height"] = image.size
            return found
        with av.open(os.fspath(path)) as container:
            found["duration"] = int(container.duration / 1000) if container.duration else None
            tags = {k.lower(): v for k, v in container.metadata.items()}
            found.update(artist=tags.get("artist"), album=tags.get("album"), title=tags.get("title"))
            if container.streams.video and media_type == 3:
                stream = container.streams.video[0]
                found["width"], found["height"] = stream.codec_context.width, stream.codec_context.height
    except (OSError, ValueError, av.FFmpegError, Image.DecompressionBombError):
        pass
    return found


class MediaStore:
    """The external volume's media rows, kept in step with the files on /sdcard."""

    def __init__(self, fs: VirtualFS, now_ms: Callable[[], int]) -> None:
        self.fs = fs
        self.now_ms = now_ms
        self.path = fs.data / DB_PATH

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self.fs.connect(self.path)  # its journal files too may not be links out of the phone
        conn.row_factory = sqlite3.Row
        try:
            conn.executescript(SCHEMA)
            yield conn
            conn.commit()
        finally:
            conn.close()

    def _media_files(self) -> Iterator[tuple[str, Path]]:
        """(device path under /storage/emulated/0, host path) of every media file MediaProvider would index."""
        for folder, dirs, files in os.walk(self.fs.sdcard):
            rel = Path(folder).relative_to(self.fs.sdcard).as_posix()
            base = self.fs.sdcard if rel == "." else self.fs.sdcard / rel  # a derived path keeps the sandbox
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (rel == "." and d == "Android"))
            if ".nomedia" in files:
                dirs[:] = []
                continue
            for name in sorted(files):
                if not name.startswith(".") and _kind(mime_of(name)):
                    device = f"{STORAGE}/{name}" if rel == "." else f"{STORAGE}/{rel}/{name}"
                    yield device, base / name

    def scan(self) -> None:
        with self._db() as conn:
            known = {r["_data"]: (r["_size"], r["date_modified"]) for r in conn.execute(
                "SELECT _data, _size, date_modified FROM files")}
            generation = int(conn.execute("SELECT COALESCE(MAX(generation_modified), 0) FROM files").fetchone()[0])
            seen = set()
            for device, host in self._media_files():
                seen.add(device)
                stat = host.stat()
                if known.get(device) == (stat.st_size, int(stat.st_mtime)):
                    continue
                generation += 1
                self._upsert(conn, device, host, stat, generation, device in known)
            for gone in set(known) - seen:
                conn.execute("DELETE FROM files WHERE _data = ?", (gone,))

    def _upsert(self, conn: sqlite3.Connection, device: str, host: Path, stat: os.stat_result, generation: int,
                update: bool) -> None:
        mime = mime_of(device)
        media_type = _kind(mime)
        values = {"media_type": media_type, "mime_type": mime, "_size": stat.st_size,
                  "date_modified": int(stat.st_mtime), "generation_modified": generation, **_probe(host, media_type)}
        if update:
            assignments = ", ".join(f"{k} = ?" for k in values)
            conn.execute(f"UPDATE files SET {assignments} WHERE _data = ?", (*values.values(), device))
            return
        values.update(_data=device, date_added=self.now_ms() // 1000, generation_added=generation)
        conn.execute(f"INSERT INTO files ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                     tuple(values.values()))

    def rows(self, kind: str | None, media_id: int | None = None) -> list[dict[str, Any]]:
        """The rows of `images`, `video`, `audio` (or every media file for None), as MediaStore's columns."""
        self.scan()
        sql, args = "SELECT * FROM files WHERE 1 = 1", []
        if kind is not None:
            sql, args = sql + " AND media_type = ?", [MEDIA_TYPES[kind]]
        if media_id is not None:
            sql, args = sql + " AND _id = ?", [*args, media_id]
        with self._db() as conn:
            return [columns(dict(r), kind) for r in conn.execute(sql + " ORDER BY _id", args)]

    def path_of(self, uri: str) -> str | None:
        """The file a `content://media/.../<id>` URI names (what ContentResolver opens), or None."""
        parsed = parse_media_uri(uri)
        if parsed is None or parsed[2] is None or parsed[0] == "internal":
            return None
        found = self.rows(parsed[1], parsed[2])
        return str(found[0]["_data"]) if found else None

    def delete(self, media_ids: list[int]) -> int:
        """Delete the rows and their files (MediaProvider's delete removes the file too); returns the count."""
        rows = [r for i in media_ids for r in self.rows(None, i)]
        for row in rows:
            host = self.fs.host_path(str(row["_data"]))
            with contextlib.suppress(FileNotFoundError):
                host.unlink()
        self.scan()
        return len(rows)


def columns(row: dict[str, Any], kind: str | None) -> dict[str, Any]:
    """A stored row as MediaStore's columns for the collection queried, in MediaProvider's order."""
    data = str(row["_data"])
    folder, name = posixpath.split(data)
    relative = posixpath.relpath(folder, STORAGE)
    relative = "" if relative == "." else relative + "/"
    stem = posixpath.splitext(name)[0]
    out: dict[str, Any] = {
        "_id": row["_id"], "_data": data, "_size": row["_size"], "_display_name": name,
        "mime_type": row["mime_type"], "title": row["title"] or stem, "date_added": row["date_added"],
        "date_modified": row["date_modified"], "media_type": row["media_type"],
        "bucket_id": java_hash(folder.lower()), "bucket_display_name": posixpath.basename(folder) or None,
        "relative_path": relative, "volume_name": "external_primary", "is_pending": 0, "is_trashed": 0,
        "is_favorite": 0, "owner_package_name": None, "width": row["width"], "height": row["height"],
        "generation_added": row["generation_added"], "generation_modified": row["generation_modified"],
    }
    if kind in ("images", "video"):
        out["datetaken"] = row["date_modified"] * 1000
        out["orientation"] = 0
    if kind in ("video", "audio", None):
        out["duration"] = row["duration"]
    if kind == "video" and row["width"]:
        out["resolution"] = f"{row['width']}x{row['height']}"
    if kind in ("audio", "video"):
        out["artist"] = row["artist"] or "<unknown>"
        out["album"] = row["album"] or posixpath.basename(folder)
    if kind == "audio":
        recording = relative.startswith("Recordings/")
        out.update(is_music=int(not recording), is_recording=int(recording), is_ringtone=0, is_alarm=0,
                   is_notification=0, is_podcast=0)
    return out


def parse_media_uri(uri: str) -> tuple[str, str | None, int | None] | None:
    """`content://media/<volume>/<images|video|audio>/media[/<id>]` or `.../file[/<id>]` as (volume, kind, id),
    kind None for `file`; None for a URI MediaProvider would not match."""
    parts = [p for p in uri.removeprefix("content://media/").split("?")[0].split("/") if p]
    if not parts or parts[0] not in ("external", "external_primary", "internal"):
        return None
    rest = parts[1:]
    if rest[:1] == ["file"]:
        kind, tail = None, rest[1:]
    elif len(rest) >= 2 and rest[0] in MEDIA_TYPES and rest[1] == "media":
        kind, tail = rest[0], rest[2:]
    else:
        return None
    if len(tail) > 1 or (tail and not tail[0].isdigit()):
        return None
    return parts[0], kind, int(tail[0]) if tail else None
