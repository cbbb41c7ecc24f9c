"""MessagesApp: package declaration, the SMS content provider and the seed API."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App, Intent
from droidpilot.emulator.virtual.apps.messages import store
from droidpilot.emulator.virtual.apps.messages.common import display_name
from droidpilot.emulator.virtual.apps.messages.conversation import ConversationActivity
from droidpilot.emulator.virtual.apps.messages.conversation_list import ConversationListActivity

DAY_MS = 86_400_000
_BOXES = {"": None, "inbox": store.INBOX, "sent": store.SENT, "draft": store.DRAFT}


def _split(uri: str) -> tuple[str, str]:
    """`content://AUTH/path[?query]` -> (AUTH, path)."""
    rest = uri.removeprefix("content://").partition("?")[0].strip("/")
    authority, _, path = rest.partition("/")
    return authority, path


class MessagesApp(App):
    PACKAGE: ClassVar[str] = "com.android.messaging"
    LABEL: ClassVar[str] = "Messages"
    ICON: ClassVar[str] = "message"
    COLOR: ClassVar[str] = "indigo"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (ConversationListActivity, ConversationActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = ConversationListActivity
    DEEP_LINKS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        ("sms:", ConversationActivity), ("smsto:", ConversationActivity))
    SHARE_TARGETS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (
        ("text/*", ConversationActivity), ("image/*", ConversationActivity))
    DATABASE: ClassVar[str] = "mmssms.db"
    SCHEMA: ClassVar[str] = store.SCHEMA
    CONTENT_AUTHORITIES: ClassVar[tuple[str, ...]] = ("sms", "mms-sms")

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def insert_message(self, address: str, body: str, type: int = store.INBOX, date_ms: int | None = None,
                       read: bool | None = None) -> int:
        """Store one message (type 1 inbox, 2 sent, 3 draft) in `address`'s thread, creating the thread;
        returns its `sms._id`. Incoming messages are unread unless `read`; nothing is notified."""
        when = self.host.clock.now_ms() if date_ms is None else date_ms
        with self.db() as conn:
            return store.insert_sms(conn, address, body, type, when, read)

    def receive_sms(self, address: str, body: str) -> int:
        """An SMS arriving now: stored unread in the inbox and announced by a notification whose tap opens
        the thread. Returns the `sms._id`."""
        sms_id = self.insert_message(address, body, store.INBOX)
        with self.db() as conn:
            thread_id = store.thread_for(conn, address)
        intent = Intent(package=self.PACKAGE, activity=ConversationActivity.NAME,
                        extras={"thread_id": thread_id})
        self.host.notify(self.PACKAGE, title=display_name(self.host, store.normalize(address)), text=body,
                         intent=intent)
        return sms_id

    def messages(self) -> list[dict[str, Any]]:
        """Every sms row, oldest first, keys as `store.SMS_COLUMNS`."""
        with self.db() as conn:
            return list(reversed(store.sms_rows(conn)))

    def threads(self) -> list[dict[str, Any]]:
        """Every thread row, newest first: `_id, address, snippet, date, read, message_count`."""
        with self.db() as conn:
            return [{k: t[k] for k in store.THREAD_COLUMNS} for t in store.threads(conn)]

    def clear(self) -> None:
        """Delete every message and thread."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        now = self.host.clock.now_ms()
        friend = f"+1 415-555-{rng.randrange(100, 10000):04d}"
        self.insert_message(friend, "Are we still on for lunch tomorrow?", store.INBOX, now - 2 * DAY_MS,
                            read=True)
        self.insert_message(friend, "Yes! 12:30 at the usual place.", store.SENT, now - 2 * DAY_MS + 300_000)
        code = rng.randrange(100000, 1000000)
        self.insert_message("22000", f"{code} is your verification code. Don't share it with anyone.",
                            store.INBOX, now - 3 * 3_600_000, read=True)

    # -- content provider -----------------------------------------------------------------------------------
    def content_query(self, uri: str) -> list[dict[str, Any]] | None:
        """`content://sms[/inbox|/sent|/draft|/ID]` rows with `SMS_COLUMNS`, newest first;
        `content://sms/conversations` (`thread_id, msg_count, snippet`) and `content://mms-sms/conversations`
        (thread rows)."""
        authority, path = _split(uri)
        if authority not in self.CONTENT_AUTHORITIES:
            return None
        with self.db() as conn:
            if authority == "sms" and path in _BOXES:
                return store.sms_rows(conn, _BOXES[path])
            if authority == "sms" and path.isdigit():
                return store.sms_rows(conn, sms_id=int(path))
            if path == "conversations":
                rows = store.threads(conn)
                if authority == "sms":
                    return [{"thread_id": t["_id"], "msg_count": t["message_count"], "snippet": t["snippet"]}
                            for t in rows]
                return [{k: t[k] for k in store.THREAD_COLUMNS} for t in rows]
        return None

    def content_insert(self, uri: str, values: dict[str, str]) -> str | None:
        """`content://sms/inbox|sent|draft` (or `content://sms` with `type`) with `address`, `body`, optional
        `date` (ms) and `read`; returns `content://sms/ID`. Unlike `receive_sms`, nothing is notified."""
        authority, path = _split(uri)
        if authority != "sms" or path not in _BOXES:
            return None
        kind = _BOXES[path] or int(values.get("type", store.INBOX))
        date = int(values["date"]) if str(values.get("date", "")).strip() else None
        read = str(values["read"]).strip() not in ("0", "false") if "read" in values else None
        address, body = str(values.get("address", "")), str(values.get("body", ""))
        sms_id = self.insert_message(address, body, kind, date, read)
        return f"content://sms/{sms_id}"
