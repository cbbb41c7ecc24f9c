"""Chrome (`com.android.chrome`), the browser AndroidWorld's Browser* tasks use; offline: it opens `file://` pages
from storage, `data:` URLs and its built-in pages (`chrome://newtab/`, `about:blank`); any http(s) URL shows
Chrome's "No internet" page. `am start -a android.intent.action.VIEW -d URL` and Files (tapping an .html file)
open the URL in a new tab.

Pages are parsed, not scripted: `document.py` lists the supported HTML subset (title, headings, text blocks,
links, buttons, text/number inputs, image alt text). A page's content is exposed as Chrome exposes a WebView's
(`android.webkit.WebView` holding TextView text, android.view.View links, Button buttons and EditText fields).
AndroidWorld's three task pages ("Maze Puzzle", "Memory Task", "Color Challenge", seeded by `SeededRNG(N)`)
behave as their JavaScript does through Python models in `pages.py` (same generator, same maze, numbers and
colours; "Success!" where the page shows it).

State where Chrome keeps it, under `/data/data/com.android.chrome/app_chrome/Default/`: `History` (SQLite,
`urls` with url/title/visit_count/typed_count/last_visit_time in WebKit microseconds, `visits`) and `Bookmarks`
(Chrome's JSON; the phone's bookmarks under `roots.synced`, "Mobile bookmarks"). Tabs are the screen's state.

Screen `com.google.android.apps.chrome.Main`: toolbar `home_button` "Home", `url_bar` (type and press Enter: a
URL, a bare host gets https://, anything else a search), `tab_switcher_button` "Switch or close tabs" (text: the
tab count), `menu_button` "Customize and control Google Chrome" (popup: "Forward", "Bookmark" / "Edit bookmark"
(removes it), "Refresh", "New tab", "History", "Bookmarks"). Back goes back in the tab's history, then leaves.
Tab switcher: rows `tab_title`, "Close ... tab", "New tab". Bookmarks: rows `bookmark_row`, "Delete NAME".
History: rows `history_row`, "Clear browsing data".

Seed API on `ChromeApp`: `add_bookmark(url, name)`, `bookmarks()`, `history()`, `reset()`.
"""

from droidpilot.emulator.virtual.apps.chrome.app import ChromeApp

__all__ = ["ChromeApp"]
