"""Intents in and out of Files: where an incoming intent points, and which app views a tapped file."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

from droidpilot.emulator.virtual.apps.base import App, Intent
from droidpilot.emulator.virtual.apps.files import storage
from droidpilot.emulator.virtual.apps.files.storage import Entry
from droidpilot.emulator.virtual.fs import VirtualFS

ACTION_VIEW = "android.intent.action.VIEW"
ACTION_VIEW_DOWNLOADS = "android.intent.action.VIEW_DOWNLOADS"
ACTION_BROWSE = "android.provider.action.BROWSE"
EXTERNAL_AUTHORITY = "content://com.android.externalstorage.documents/"
DOWNLOADS_URI = "content://com.android.providers.downloads.documents/root/downloads"
# Apps that view a mime family, in order of preference (the first installed one opens the file).
VIEWERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("image/", ("com.android.gallery3d", "com.simplemobiletools.gallery.pro", "com.google.android.apps.photos")),
    ("video/", ("com.android.gallery3d", "org.videolan.vlc", "com.simplemobiletools.gallery.pro")),
    ("audio/", ("org.videolan.vlc", "code.name.monkey.retromusic", "com.android.music")),
    ("text/html", ("com.android.chrome",)),
    ("application/pdf", ("com.google.android.apps.docs",)),
)


def location_of(fs: VirtualFS, extras: dict[str, Any], data: str | None) -> tuple[str, str] | None:
    """(root key, folder device path) for a `path` extra, an external-storage document/tree/root URI, or the
    Downloads root URI; a file's location is its folder. None when the intent names no place."""
    if data and data.startswith(DOWNLOADS_URI):
        return "downloads", "/sdcard/Download"
    path = str(extras.get("path") or "")
    if not path and data and data.startswith(EXTERNAL_AUTHORITY):
        rest = data[len(EXTERNAL_AUTHORITY):]
        if rest.startswith("root/"):
            path = storage.SDCARD
        elif rest.startswith(("document/", "tree/")):
            doc_id = unquote(rest.partition("/")[2].partition("/")[0])
            volume, _, rel = doc_id.partition(":")
            path = f"{storage.SDCARD}/{rel}".rstrip("/") if volume == "primary" else ""
    if not path:
        return None
    try:
        host = storage.host_path(fs, path)
    except storage.StorageError:
        return None
    folder = storage.device_path(fs, host if host.is_dir() else host.parent)
    return "storage", folder if folder.startswith(storage.SDCARD) else storage.SDCARD


def file_uri(path: str) -> str:
    return "file://" + posixpath.normpath(path)


def viewer_for(apps: dict[str, App], mime: str) -> App | None:
    for prefix, packages in VIEWERS:
        if mime.startswith(prefix):
            return next((apps[p] for p in packages if p in apps), None)
    return None


def view_intent(app: App, e: Entry) -> Intent:
    """ACTION_VIEW of the file for `app`: its activity for `file://` URIs (the longest matching deep link, else
    any `file://` one), or its VIEW action, else its launcher; the path and mime type ride along as extras."""
    uri = file_uri(e.path)
    links = [(prefix, act) for prefix, act in app.DEEP_LINKS if uri.startswith(prefix)]
    # A viewer whose file:// links name other folders still views any file (Android matches by mime type).
    links = links or [(prefix, act) for prefix, act in app.DEEP_LINKS if prefix.startswith("file://")]
    activity = max(links, key=lambda pair: len(pair[0]))[1] if links else None
    if activity is None:
        activity = next((act for action, act in app.ACTIONS if action == ACTION_VIEW), None)
    return Intent(package=app.PACKAGE, activity=app.qualified(activity) if activity is not None else None,
                  action=ACTION_VIEW, data=uri, extras={"path": e.path, "mime": e.mime})
