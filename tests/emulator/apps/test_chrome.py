"""Chrome driven through its UI, offline: file:// pages from storage and data: URLs, links, back and forward,
tabs, bookmarks (Chrome's Bookmarks JSON) and history (its History SQLite), VIEW intents from `am start`, and
AndroidWorld's task pages behaving as their scripts do."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.chrome import ChromeApp, pages
from tests.ui import elements, find, need, tap

PKG = ChromeApp.PACKAGE
PROFILE = Path("data") / PKG / "app_chrome" / "Default"


@pytest.fixture
def chrome(phone: VirtualPhone) -> ChromeApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, ChromeApp)
    app.reset()
    sdcard = phone.data_dir / "sdcard" / "Download"
    (sdcard / "a.html").write_text('<title>Page A</title><h1>Hello</h1><p>First page</p><a href="b.html">to B</a>')
    (sdcard / "b.html").write_text("<title>Page B</title><p>This is B</p><script>document.write('no')</script>")
    return app


def view(phone: VirtualPhone, url: str) -> None:
    result = phone.shell(f"am start -a android.intent.action.VIEW -d '{url}'")
    assert result.exit_code == 0, result.stderr


def go_to(phone: VirtualPhone, url: str) -> None:
    field = tap(phone, rid="url_bar")
    for _ in field.text:
        phone.press_key("DEL")
    phone.input_text(url)
    phone.press_key("ENTER")


def history(phone: VirtualPhone) -> list[tuple[str, str, int]]:
    conn = sqlite3.connect(phone.data_dir / PROFILE / "History")
    try:
        return list(conn.execute("SELECT url, title, visit_count FROM urls ORDER BY id"))
    finally:
        conn.close()


def test_a_file_page_shows_as_webview_content_and_links_navigate(phone: VirtualPhone, chrome: ChromeApp) -> None:
    view(phone, "file:///sdcard/Download/a.html")
    assert phone.current_focus() == (PKG, "com.google.android.apps.chrome.Main")
    webview = next(e for e in elements(phone) if e.class_name == "android.webkit.WebView")
    assert webview.content_desc == "Page A"
    assert need(phone, text="Hello").class_name == "android.widget.TextView"
    link = need(phone, text="to B")
    assert link.class_name == "android.view.View" and link.clickable
    tap(phone, text="to B")
    assert need(phone, rid="url_bar").text == "file:///sdcard/Download/b.html"
    assert find(phone, text="This is B") is not None and find(phone, text="no") is None  # scripts do not run
    phone.press_key("BACK")
    assert find(phone, text="First page") is not None
    tap(phone, desc="Customize and control Google Chrome")
    tap(phone, desc="Forward")
    assert find(phone, text="This is B") is not None
    assert [(u.rsplit("/", 1)[1], t) for u, t, _n in history(phone)] == [("a.html", "Page A"), ("b.html", "Page B")]


def test_the_url_bar_opens_data_urls_and_http_is_offline(phone: VirtualPhone, chrome: ChromeApp) -> None:
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    go_to(phone, "data:text/html,<title>Inline</title><h2>Typed page</h2>")
    assert find(phone, text="Typed page") is not None
    go_to(phone, "example.com")
    assert need(phone, rid="url_bar").text == "https://example.com"
    assert find(phone, text="No internet") is not None


def test_tabs_bookmarks_and_history_screens(phone: VirtualPhone, chrome: ChromeApp) -> None:
    view(phone, "file:///sdcard/Download/a.html")
    tap(phone, desc="Customize and control Google Chrome")
    tap(phone, desc="Bookmark")
    stored = json.loads((phone.data_dir / PROFILE / "Bookmarks").read_text())
    assert [(b["name"], b["url"]) for b in stored["roots"]["synced"]["children"]] == [
        ("Page A", "file:///sdcard/Download/a.html")]
    view(phone, "file:///sdcard/Download/b.html")
    assert need(phone, rid="tab_switcher_button").text == "2"
    tap(phone, desc="Switch or close tabs")
    assert [e.text for e in elements(phone) if e.resource_id.endswith("/title")][-2:] == ["Page A", "Page B"]
    tap(phone, desc="Close Page B tab")
    tap(phone, text="Page A")
    assert need(phone, rid="tab_switcher_button").text == "1"
    go_to(phone, "file:///sdcard/Download/b.html")
    tap(phone, desc="Customize and control Google Chrome")
    tap(phone, text="Bookmarks")
    tap(phone, text="Page A")
    assert find(phone, text="First page") is not None
    tap(phone, desc="Customize and control Google Chrome")
    tap(phone, text="History")
    assert find(phone, text="Page B") is not None
    tap(phone, desc="Clear browsing data")
    assert find(phone, text="You'll find your history here") is not None and history(phone) == []


def test_the_maze_page_plays_as_its_script(phone: VirtualPhone, chrome: ChromeApp) -> None:
    # Layouts and numbers computed by the pages' JavaScript in node, for these seeds.
    assert ["".join(r) for r in pages.maze_layout(2718281828)] == ["  ##", "# ##", "#   ", "###$"]
    assert pages.multiply_numbers(0) == [3, 3, 9, 7, 4]
    assert pages.draw_task_colors(12345) == ["#ff0000", "#00ff00", "#ff1493"]
    (phone.data_dir / "sdcard/Download/task.html").write_text(
        "<title>Maze Puzzle</title><script>const rng = new SeededRNG(2718281828);</script>")
    view(phone, "file:///sdcard/Download/task.html")
    assert [e.text for e in elements(phone) if e.text == "X"] == ["X"]
    tap(phone, text="Down")  # a wall: nothing moves
    for move in ("Right", "Down", "Down", "Right", "Right", "Down"):
        assert find(phone, text="Success!") is None
        tap(phone, text=move)
    assert find(phone, text="Success!") is not None


def test_monkey_leaves_chrome_usable(phone: VirtualPhone, chrome: ChromeApp) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 11 --throttle 0 500")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 500" in result.output
    phone.shell("input keyevent HOME")
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.observe()
