"""State readers for the apps that joined the phone with AndroidWorld's last eight (Retro Music, OsmAnd, Audio
Recorder, Joplin, OpenTracks, VLC, Chrome): rows by key, read where the real apps keep them and with the atomic
androidworld tasks' own queries, so `atoms.snapshot` can diff them like the older apps' state.

OsmAnd and Audio Recorder keep their data under /sdcard/Android/data; the folders read here (favourites,
recordings) are left out of the Files domain, so a favourite or a recording counts against its app, not against
Files. Every other file there (an OsmAnd track, say) stays in the Files domain: a change to it is still seen.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.suites.androidworld.audio_recorder import RECORDS_DIR
from droidpilot.benchmarks.suites.androidworld.browser import CHROME
from droidpilot.benchmarks.suites.androidworld.joplin import DATABASE as JOPLIN_DB
from droidpilot.benchmarks.suites.androidworld.joplin import JOPLIN
from droidpilot.benchmarks.suites.androidworld.mediakit import folder_digest
from droidpilot.benchmarks.suites.androidworld.osmand import FAVORITES, GPX, OSMAND
from droidpilot.benchmarks.suites.androidworld.retro_music import RETRO
from droidpilot.benchmarks.suites.androidworld.sports_tracker import DATABASE as TRACKS_DB
from droidpilot.benchmarks.suites.androidworld.sports_tracker import OPENTRACKS
from droidpilot.benchmarks.suites.androidworld.vlc import playlist_rows

Row = dict[str, Any]
APP_PRIVATE = (RECORDS_DIR.replace("/storage/emulated/0/", "/sdcard/", 1) + "/",
               FAVORITES.rpartition("/")[0].replace("/data/media/0/", "/sdcard/", 1) + "/")
"""The app folders the domains below read, as the Files domain lists them (/sdcard/...): not Files' business."""
BOOKMARKS = f"/data/data/{CHROME}/app_chrome/Default/Bookmarks"
RETRO_PLAYLISTS = """
    SELECT pe.playlist_id AS id, pe.playlist_name AS name, se.title AS title
    FROM PlaylistEntity pe LEFT JOIN SongEntity se ON pe.playlist_id = se.playlist_creator_id
    ORDER BY pe.playlist_id, se.song_key"""


def retro_playlists(env: TaskEnv) -> dict[str, Row]:
    """Each Retro Music playlist (by id) with its name and its song titles in order."""
    out: dict[str, Row] = {}
    for r in env.query(RETRO, "playlist.db", RETRO_PLAYLISTS):
        row = out.setdefault(str(r["id"]), {"name": r["name"], "songs": []})
        if r["title"] is not None:
            row["songs"].append(r["title"])
    return out


def osmand_favorites(env: TaskEnv) -> dict[str, Row]:
    """OsmAnd's favourites from favorites.gpx, by name and position."""
    data = env.read_file(FAVORITES)
    if not data:
        return {}
    try:
        points = ET.fromstring(data).findall("gpx:wpt", GPX)
    except ET.ParseError:
        return {"unreadable": {"raw": data.decode(errors="replace")}}
    out: dict[str, Row] = {}
    for wpt in points:
        name = wpt.findtext("gpx:name", "", GPX)
        lat, lon = float(wpt.get("lat", "nan")), float(wpt.get("lon", "nan"))
        out[f"{name}@{lat:.6f},{lon:.6f}"] = {"name": name, "lat": lat, "lon": lon}
    return out


def osmand_markers(env: TaskEnv) -> dict[str, Row]:
    rows = env.query(OSMAND, "map_markers_db", "SELECT marker_id, marker_lat, marker_lon, marker_description, "
                                               "marker_active, title FROM map_markers")
    return {str(r["marker_id"]): r for r in rows}


def recordings(env: TaskEnv) -> dict[str, Row]:
    """Audio Recorder's records folder: file name -> digest (non-empty files, as AndroidWorld reads it)."""
    return {name: {"name": name, "digest": digest} for name, digest in folder_digest(env, RECORDS_DIR).items()}


def joplin_notes(env: TaskEnv) -> dict[str, Row]:
    rows = env.query(JOPLIN, JOPLIN_DB, "SELECT n.id, n.title, n.body, n.is_todo, n.todo_completed, n.deleted_time, "
                                        "f.title AS folder FROM notes n LEFT JOIN folders f ON f.id = n.parent_id")
    return {str(r["id"]): r for r in rows}


def tracks(env: TaskEnv) -> dict[str, Row]:
    rows = env.query(OPENTRACKS, TRACKS_DB, "SELECT _id, name, category, description, starttime, totaltime, "
                                            "totaldistance FROM tracks")
    return {str(r["_id"]): r for r in rows}


def vlc_playlists(env: TaskEnv) -> dict[str, Row]:
    """Each VLC playlist with media (by name) and its file names in order."""
    out: dict[str, Row] = {}
    for r in playlist_rows(env):
        out.setdefault(str(r["playlist_name"]), {"name": r["playlist_name"], "files": []})["files"].append(
            r["media_file_name"])
    return out


def bookmarks(env: TaskEnv) -> dict[str, Row]:
    """Chrome's mobile bookmarks (its Bookmarks JSON file), by URL."""
    data = env.read_file(BOOKMARKS)
    if not data:
        return {}
    try:
        children = json.loads(data)["roots"]["synced"]["children"]
    except (ValueError, KeyError, TypeError):
        return {"unreadable": {"raw": data.decode(errors="replace")}}
    return {str(b.get("url")): {"name": b.get("name"), "url": b.get("url")} for b in children}


APP_READERS: dict[str, Callable[[TaskEnv], dict[str, Row]]] = {
    "retro_playlists": retro_playlists, "favorites": osmand_favorites, "markers": osmand_markers,
    "recordings": recordings, "joplin": joplin_notes, "tracks": tracks, "vlc_playlists": vlc_playlists,
    "bookmarks": bookmarks,
}
APP_DOMAINS = {"retro_playlists": "Retro Music", "favorites": "OsmAnd", "markers": "OsmAnd",
               "recordings": "Audio Recorder", "joplin": "Joplin", "tracks": "OpenTracks", "vlc_playlists": "VLC",
               "bookmarks": "Chrome"}
"""Domain -> the app whose integrity it belongs to."""
