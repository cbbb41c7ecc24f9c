"""ChromeApp: loading pages (file://, data:, built-in chrome:// pages; no network), the History database and the
Bookmarks file, where Chrome keeps them under `app_chrome/Default/`."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, unquote_to_bytes

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.chrome.main import ChromeActivity

ACTION_VIEW = "android.intent.action.VIEW"
NEW_TAB = "chrome://newtab/"
SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (id INTEGER PRIMARY KEY AUTOINCREMENT, url LONGVARCHAR, title LONGVARCHAR,
    visit_count INTEGER DEFAULT 0 NOT NULL, typed_count INTEGER DEFAULT 0 NOT NULL,
    last_visit_time INTEGER NOT NULL, hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY AUTOINCREMENT, url INTEGER NOT NULL,
    visit_time INTEGER NOT NULL);
"""
WEBKIT_EPOCH_OFFSET_US = 11_644_473_600_000_000
"""Chrome stores times as microseconds since 1601-01-01."""
NEW_TAB_HTML = "<title>New tab</title><h2>Google</h2><p>Search or type web address</p>"
OFFLINE_HTML = ("<title>{url}</title><h2>No internet</h2><p>Try: Checking the network cables, modem, and router. "
                "Reconnecting to Wi-Fi.</p><p>ERR_INTERNET_DISCONNECTED</p>")
MISSING_HTML = ("<title>{url}</title><h2>Your file couldn’t be accessed</h2><p>It may have been moved, edited, "
                "or deleted.</p><p>ERR_FILE_NOT_FOUND</p>")


class ChromeApp(App):
    PACKAGE: ClassVar[str] = "com.android.chrome"
    LABEL: ClassVar[str] = "Chrome"
    ICON: ClassVar[str] = "search"
    COLOR: ClassVar[str] = "green"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (ChromeActivity,)
    LAUNCHER: ClassVar[type[Activity] | None] = ChromeActivity
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        ("file://", ChromeActivity), ("data:", ChromeActivity), ("http://", ChromeActivity),
        ("https://", ChromeActivity), ("chrome://", ChromeActivity), ("about:", ChromeActivity))
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = ((ACTION_VIEW, ChromeActivity),)
    SCHEMA: ClassVar[str] = SCHEMA
    # No DATABASE: Chrome's History is not under databases/ but in its profile folder (install() creates it).

    @property
    def profile_dir(self) -> Path:
        return self.data_dir / "app_chrome" / "Default"

    @property
    def database_path(self) -> Path:
        return self.profile_dir / "History"

    def install(self) -> None:
        super().install()
        self.database_path.parent.mkdir(parents=True, exist_ok=True)
        with self.db() as conn:
            conn.executescript(SCHEMA)

    @property
    def bookmarks_path(self) -> Path:
        return self.profile_dir / "Bookmarks"

    # -- loading -------------------------------------------------------------------------------------------------
    def load(self, url: str) -> str:
        """The page's HTML: a file from storage, a data: URL, a built-in page, or Chrome's offline error."""
        if url.startswith("file://"):
            path = self.host.fs.host_path(unquote(url[len("file://"):].split("#")[0]))
            if path.is_dir():
                names = sorted(p.name + ("/" if p.is_dir() else "") for p in path.iterdir())
                links = "".join(f'<a href="{url.rstrip("/")}/{n}">{n}</a>' for n in names)
                return f"<title>{url}</title><h2>Index of {url[7:]}</h2>{links}"
            return path.read_text(errors="replace") if path.is_file() else MISSING_HTML.format(url=url)
        if url.startswith("data:"):
            meta, _, payload = url[5:].partition(",")
            data = base64.b64decode(payload) if meta.endswith(";base64") else unquote_to_bytes(payload)
            return data.decode(errors="replace")
        if url in ("", NEW_TAB, "chrome://newtab", "about:blank"):
            return NEW_TAB_HTML if url != "about:blank" else "<title>about:blank</title>"
        return OFFLINE_HTML.format(url=url)

    # -- history -------------------------------------------------------------------------------------------------
    def record_visit(self, url: str, title: str, typed: bool = False) -> None:
        if url.startswith("chrome://") or url == "about:blank":
            return
        when = self.host.clock.now_ms() * 1000 + WEBKIT_EPOCH_OFFSET_US
        with self.db() as conn:
            row = conn.execute("SELECT id FROM urls WHERE url = ?", (url,)).fetchone()
            if row is None:
                url_id = conn.execute("INSERT INTO urls (url, title, visit_count, typed_count, last_visit_time) "
                                      "VALUES (?, ?, 1, ?, ?)", (url, title, int(typed), when)).lastrowid
            else:
                url_id = row["id"]
                conn.execute("UPDATE urls SET title = ?, visit_count = visit_count + 1, typed_count = typed_count "
                             "+ ?, last_visit_time = ? WHERE id = ?", (title, int(typed), when, url_id))
            conn.execute("INSERT INTO visits (url, visit_time) VALUES (?, ?)", (url_id, when))

    def history(self) -> list[dict[str, Any]]:
        with self.db() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM urls ORDER BY last_visit_time DESC, id DESC")]

    def clear_history(self) -> None:
        with self.db() as conn:
            conn.execute("DELETE FROM visits")
            conn.execute("DELETE FROM urls")

    # -- bookmarks (Chrome's JSON file; the phone's are under "Mobile bookmarks", roots.synced) ------------------
    def bookmarks(self) -> list[dict[str, str]]:
        try:
            data = json.loads(self.bookmarks_path.read_text())
        except (OSError, ValueError):
            return []
        return [{"name": b["name"], "url": b["url"]} for b in data["roots"]["synced"]["children"]]

    def _write_bookmarks(self, items: list[dict[str, str]]) -> None:
        children = [{"id": str(i + 4), "type": "url", "name": b["name"], "url": b["url"]} for i, b in enumerate(items)]
        roots: dict[str, dict[str, Any]] = {key: {"id": str(n), "type": "folder", "name": name, "children": []}
                 for n, (key, name) in enumerate((("bookmark_bar", "Bookmarks bar"), ("other", "Other bookmarks"),
                                                  ("synced", "Mobile bookmarks")), start=1)}
        roots["synced"]["children"] = children
        self.bookmarks_path.parent.mkdir(parents=True, exist_ok=True)
        self.bookmarks_path.write_text(json.dumps({"roots": roots, "version": 1}, indent=3))

    def add_bookmark(self, url: str, name: str) -> None:
        """Seed API too: bookmark `url` under `name` (once)."""
        items = [b for b in self.bookmarks() if b["url"] != url]
        self._write_bookmarks([*items, {"name": name or url, "url": url}])

    def remove_bookmark(self, url: str) -> None:
        self._write_bookmarks([b for b in self.bookmarks() if b["url"] != url])

    def is_bookmarked(self, url: str) -> bool:
        return any(b["url"] == url for b in self.bookmarks())

    def reset(self) -> None:
        """Seed API: clear history and bookmarks (Chrome's cleared app data; open tabs go with the task stack)."""
        self.clear_history()
        self.bookmarks_path.unlink(missing_ok=True)
