"""What a virtual app is: an `App` (package, label, database, seed API) and its `Activity` screens.

An activity keeps everything it needs in `self.state`, a JSON-serialisable dict that the system saves with the
activity stack (so `virtual:PATH` phones and snapshots restore the exact screen), and builds its view tree from
that state and its database on every frame. Handlers mutate state or the database; the next frame shows it.
"""

from __future__ import annotations

import fnmatch
import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, Field

from droidpilot.emulator.virtual.toolkit.views import Dialog, View

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.system.host import SystemHost


ACTION_SEND = "android.intent.action.SEND"
ACTION_VIEW = "android.intent.action.VIEW"
EXTRA_TEXT = "android.intent.extra.TEXT"
EXTRA_STREAM = "android.intent.extra.STREAM"
EXTRA_MIME = "mime"
CHOOSER_PACKAGE = "com.android.intentresolver"


class Intent(BaseModel):
    """An explicit or implicit request to start an activity."""

    package: str | None = None
    activity: str | None = None
    action: str | None = None
    categories: list[str] = Field(default_factory=list)
    data: str | None = None
    extras: dict[str, Any] = Field(default_factory=dict)


class Notification(BaseModel):
    """A posted notification; tapping it sends `intent`."""

    id: int
    package: str
    title: str
    text: str = ""
    posted_ms: int = 0
    intent: Intent | None = None
    tag: str = ""


class Activity:
    """One screen. Subclasses set `NAME` (relative to the package, e.g. `.Settings`) and implement `build`."""

    NAME: ClassVar[str] = ".MainActivity"
    LABEL: ClassVar[str] = ""

    def __init__(self, app: App, state: dict[str, Any], intent: Intent) -> None:
        self.app = app
        self.state = state
        self.intent = intent

    @property
    def host(self) -> SystemHost:
        return self.app.host

    def on_create(self) -> None:
        """Called once when the screen is started (not when it is restored from saved state)."""

    def on_pause(self) -> None:
        """The screen stopped being the one on top (Home, another screen, another app): save or stop work."""

    def on_new_intent(self, intent: Intent) -> None:
        """An intent for this screen arrived while it was already on top of its task (singleTop)."""

    def build(self) -> View:
        raise NotImplementedError

    def dialog(self) -> Dialog | None:
        """The modal dialog or popup menu currently shown over this screen, if any."""
        return None

    def on_back(self) -> bool:
        """Handle Back inside the screen (close a dialog, leave search). False lets the system finish it."""
        if self.state.get("dialog"):
            self.state.pop("dialog")
            return True
        return False

    def on_swipe(self, direction: str) -> bool:
        """A swipe that no scrolling list consumed: `up`, `down`, `left` or `right`."""
        return False

    def finish(self) -> None:
        self.host.finish_activity(self)

    def start(self, activity: str, **extras: Any) -> None:
        """Start another activity of this app."""
        self.start_intent(Intent(package=self.app.PACKAGE, activity=activity, extras=extras))

    def start_intent(self, intent: Intent) -> None:
        """Start any activity from this screen; it joins this task, so Back comes back here (as on Android)."""
        self.host.start_activity(intent, new_task=False)

    def share(self, text: str = "", path: str = "", mime: str = "text/plain") -> None:
        """Open the system share sheet for `text` or the file at device `path`; the chosen app gets ACTION_SEND."""
        extras = {EXTRA_TEXT: text, EXTRA_STREAM: path, EXTRA_MIME: mime}
        self.start_intent(Intent(package=CHOOSER_PACKAGE, activity=".ChooserActivity", extras=extras))

    def request_focus(self, field_id: str) -> None:
        """Focus the text field with this resource-id and show the keyboard, as `requestFocus()` does."""
        self.host.record_of(self).focus = field_id
        self.host.state.keyboard_shown = True

    def clear_focus(self) -> None:
        self.host.record_of(self).focus = None
        self.host.state.keyboard_shown = False

    def is_task_root(self) -> bool:
        """True when nothing is under this screen in its task (Back would leave to the home screen)."""
        return any(t.activities[0].state is self.state for t in self.host.state.tasks)

    def reset_scroll(self, list_id: str) -> None:
        """Scroll a list back to its top (after a new search, say)."""
        self.host.record_of(self).scroll.pop(list_id, None)

    def toast(self, text: str) -> None:
        self.host.toast(text)

    def close_dialog(self) -> None:
        self.state.pop("dialog", None)


class SelectionMode(Activity):
    """A list screen with long-press selection (contextual action mode): the chosen ids live in
    `state["selected"]`, and emptying the selection leaves the mode, as Android's ActionMode does."""

    @property
    def selected(self) -> list[int]:
        return list(self.state.get("selected", []))

    def set_selection(self, ids: list[int]) -> None:
        if ids:
            self.state["selected"] = list(ids)
        else:
            self.clear_selection()

    def toggle_selection(self, item_id: int) -> None:
        chosen = self.selected
        chosen.remove(item_id) if item_id in chosen else chosen.append(item_id)
        self.set_selection(chosen)

    def clear_selection(self) -> None:
        self.state.pop("selected", None)
        self.close_dialog()


class App:
    """An installed app. Subclasses declare their package, activities and deep links, and own a database."""

    PACKAGE: ClassVar[str]
    LABEL: ClassVar[str]
    ICON: ClassVar[str] = ""
    COLOR: ClassVar[str] = "blue"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = ()
    LAUNCHER: ClassVar[type[Activity] | None] = None
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = ()
    """(URI prefix, activity) pairs for `am start -a VIEW -d URI`; the longest matching prefix wins."""
    FILE_TYPES: ClassVar[tuple[str, ...]] = ()
    """MIME patterns (`video/*`) a `file://` deep link of this app accepts, judged by the file's extension as
    MimeTypeMap does; empty accepts any file."""
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = ()
    """(intent action, activity) pairs, e.g. `android.settings.WIFI_SETTINGS`, for `am start -a ACTION`."""
    INTENT_TYPES: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(intent action, MIME type) pairs its filters declare (`vnd.android.cursor.dir/event`); an intent that
    names a type resolves only to an app declaring a matching one, as PackageManager does."""
    SHARE_TARGETS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = ()
    """(mime pattern such as `text/*`, activity) pairs this app offers in the share sheet."""
    DATABASE: ClassVar[str] = ""
    DATABASE_DIR: ClassVar[str] = "databases"  # under /data/data/PKG; a few apps (VLC) keep theirs elsewhere
    SCHEMA: ClassVar[str] = ""
    CONTENT_AUTHORITIES: ClassVar[tuple[str, ...]] = ()
    """Content-provider authorities this app answers for `content query|insert --uri content://AUTH/...`."""
    DEBUGGABLE: ClassVar[bool] = False
    """Built with `android:debuggable` (a developer build): `run-as PKG` may enter its private files."""

    def __init__(self, host: SystemHost) -> None:
        self.host = host

    @classmethod
    def qualified(cls, activity: type[Activity] | str) -> str:
        name = activity if isinstance(activity, str) else activity.NAME
        return cls.PACKAGE + name if name.startswith(".") else name

    @classmethod
    def find_activity(cls, name: str) -> type[Activity] | None:
        for activity in cls.ACTIVITIES:
            if cls.qualified(activity) == cls.qualified(name):
                return activity
        return None

    @property
    def data_dir(self) -> Path:
        return self.host.fs.data / self.PACKAGE

    @property
    def database_path(self) -> Path:
        return self.data_dir / self.DATABASE_DIR / self.DATABASE

    def install(self) -> None:
        """Create the app's storage on first boot; must be idempotent."""
        if self.DATABASE:
            self.database_path.parent.mkdir(parents=True, exist_ok=True)
            with self.db() as conn:
                conn.executescript(self.SCHEMA)

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection that commits on success, so the file is always consistent on disk."""
        conn = self.host.fs.connect(self.database_path)
        conn.row_factory = sqlite3.Row
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    def seed_defaults(self, rng: random.Random) -> None:
        """Fill a brand-new phone with the app's starting content (deterministic for a given seed)."""

    def share_target(self, mime: str) -> type[Activity] | None:
        """The activity that receives a share of `mime`, if this app accepts it."""
        return next((a for pattern, a in self.SHARE_TARGETS if fnmatch.fnmatchcase(mime, pattern)), None)

    def content_query(self, uri: str) -> list[dict[str, Any]] | None:
        """Rows for a `content://` URI of one of this app's authorities; None if the path is unknown."""
        return None

    def content_insert(self, uri: str, values: dict[str, str]) -> str | None:
        """Insert a row through the provider; the new row's URI, or None if the path is unknown."""
        return None

    def on_tick(self, now_ms: int) -> None:
        """Called when the clock moves, for alarms and timers that fire notifications."""
