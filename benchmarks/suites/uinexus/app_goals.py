"""Sub-goals on the newer apps' state (`app_state`): a Retro Music or VLC playlist, an OsmAnd favourite or
marker, a named recording, a Joplin note, a Chrome bookmark. Each `exact` matcher checks the parameters the goal
names; any other change of the same kind in the domain is an attempt at it (attention drift)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from droidpilot.benchmarks.suites.androidworld.datakit import squash
from droidpilot.benchmarks.suites.androidworld.osmand import near
from droidpilot.benchmarks.suites.uinexus.atoms import Change, SubGoal


def _same_name(shown: str, name: str) -> bool:
    """Names are identifiers: equal once case and spacing are normalised (no fuzzy ratio)."""
    return squash(shown).lower() == squash(name).lower()


def retro_playlist_added(name: str, titles: Sequence[str]) -> SubGoal:
    """A new Retro Music playlist named `name` holding exactly `titles`, in order."""
    return SubGoal(f"Retro Music playlist {name!r}", "retro_playlists", "add",
                   lambda c: _same_name(c.row["name"], name) and c.row["songs"] == list(titles))


def vlc_playlist_added(name: str, files: Sequence[str]) -> SubGoal:
    return SubGoal(f"VLC playlist {name!r}", "vlc_playlists", "add",
                   lambda c: _same_name(c.row["name"], name) and c.row["files"] == list(files))


def favorite_added(point: tuple[float, float], place: str) -> SubGoal:
    """An OsmAnd favourite within AndroidWorld's 0.001 degrees of `point`."""
    return SubGoal(f"OsmAnd favourite at {place}", "favorites", "add",
                   lambda c: near((c.row["lat"], c.row["lon"]), point))


def marker_added(point: tuple[float, float], place: str) -> SubGoal:
    return SubGoal(f"OsmAnd marker at {place}", "markers", "add",
                   lambda c: near((c.row["marker_lat"], c.row["marker_lon"]), point))


def recording_named(file_name: str) -> SubGoal:
    """A new recording saved as `file_name` (the app adds ".m4a")."""
    want = f"{file_name}.m4a"
    return SubGoal(f"recording {want!r}", "recordings", "add", lambda c: c.key == want)


def joplin_note_added(title: str, body_ok: Callable[[str], bool], what: str) -> SubGoal:
    def exact(c: Change) -> bool:
        return (_same_name(c.row["title"], title) and not c.row["deleted_time"] and not c.row["is_todo"]
                and body_ok(c.row["body"] or ""))

    return SubGoal(f"Joplin note {title!r} {what}", "joplin", "add", exact)


def bookmark_added(url: str) -> SubGoal:
    return SubGoal(f"bookmark {url}", "bookmarks", "add", lambda c: c.row["url"] == url)

