"""A conversation (AOSP `ConversationActivity`): with no thread it is the new-conversation contact picker (the
"To" field and its suggestions); once it has a recipient it shows the thread's bubbles and the compose bar."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, unquote

from droidpilot.emulator.virtual.apps.base import ACTION_SEND, EXTRA_MIME, EXTRA_STREAM, EXTRA_TEXT, Activity, Intent
from droidpilot.emulator.virtual.apps.messages import store
from droidpilot.emulator.virtual.apps.messages.common import (
    Bubble,
    avatar,
    contact_phones,
    display_name,
    message_time,
)
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import text_width
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, divider

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.messages.app import MessagesApp

LIST = ".ui.conversationlist.ConversationListActivity"
RECIPIENT, COMPOSE, MESSAGES = "recipient_text_view", "compose_message_text", "message_list"
MAX_BUBBLE_DP = 280.0
BUBBLE_PAD_DP = 12.0


def _from_uri(data: str | None) -> tuple[str, str]:
    """(address, body) of an `sms:` / `smsto:` URI such as `smsto:%2B15550100?body=Hi`."""
    if not data or ":" not in data:
        return "", ""
    rest = data.partition(":")[2].lstrip("/")
    address, _, query = rest.partition("?")
    return unquote(address), parse_qs(query).get("body", [""])[0]


def _attachment_line(message: dict[str, Any]) -> list[v.View]:
    """A sent picture's name above the text, standing in for its thumbnail."""
    path = message.get("attachment")
    if not path:
        return []
    return [v.TextView(id="message_attachment", text="Picture: " + str(path).rpartition("/")[2], size=14,
                       bold=True)]


def _bubble_width(body: str, status: str) -> float:
    longest = max(text_width(line, v.px(16)) for line in body.split("\n"))
    inner = max(longest, text_width(status, v.px(12))) + v.px(4)
    return min(MAX_BUBBLE_DP, inner / v.DP + 2 * BUBBLE_PAD_DP)


class ConversationActivity(Activity):
    NAME: ClassVar[str] = ".ui.conversation.ConversationActivity"
    LABEL: ClassVar[str] = "Messages"
    app: MessagesApp

    def on_create(self) -> None:
        """A new conversation opens with the "To" field focused; an existing thread opens without keyboard."""
        self._adopt_intent()
        if not self.state["address"]:
            self.request_focus(RECIPIENT)

    def on_new_intent(self, intent: Intent) -> None:
        """Another `smsto:` / SEND / notification intent while a conversation is on top: switch to it, keeping
        the current one's unsent text as its draft."""
        self._save_draft()
        self.clear_focus()
        for key in ("address", "thread_id", "compose", "attachment", "attachment_mime", "to", "draft_taken"):
            self.state.pop(key, None)
        self.intent = intent
        self.host.record_of(self).intent = intent
        self.on_create()

    def build(self) -> v.View:
        if "address" not in self.state:
            self._adopt_intent()
        if not self.state["address"]:
            return self._picker()
        return self._thread()

    def _adopt_intent(self) -> None:
        """Take the recipient from the starter: a thread id (list, notification), an `address` extra or an
        `sms:`/`smsto:` URI (Contacts' "Send message", `am start`); none of them means a new conversation."""
        extras = self.intent.extras
        uri_address, uri_body = _from_uri(self.intent.data)
        address = str(extras.get("address") or uri_address)
        with self.app.db() as conn:
            found = store.thread(conn, int(extras["thread_id"])) if "thread_id" in extras else None
            address = found["address"] if found else address
            thread_id = found["_id"] if found else (store.find_thread(conn, address) if address else None)
        self.state["address"] = store.normalize(address) if address else ""
        if thread_id is not None:
            self.state["thread_id"] = thread_id
        body = str(extras.get("sms_body") or extras.get(EXTRA_TEXT) or uri_body)
        if body:
            self.state["compose"] = body
        mime = str(extras.get(EXTRA_MIME, ""))
        if self.intent.action == ACTION_SEND and extras.get(EXTRA_STREAM) and mime.startswith("image/"):
            self.state["attachment"], self.state["attachment_mime"] = str(extras[EXTRA_STREAM]), mime

    # -- new conversation -----------------------------------------------------------------------------------
    def _picker(self) -> v.View:
        query = self.state.get("to", "")
        field = v.EditText(id=RECIPIENT, hint="Type name, phone number, or email", text=query,
                           on_change=lambda t: self.state.__setitem__("to", t), on_submit=self._submit_to)
        label = v.TextView(text="To", width=32, size=16, color="text_secondary")
        to_row = v.ViewGroup(id="recipient_bar", vertical=False, align_center=True, padding=8, spacing=8,
                             children=[label, field])
        suggestions = v.RecyclerView(id="contact_list", children=self._suggestions(query), weight=1)
        return v.LinearLayout(children=[app_bar("New conversation", on_up=self._up), to_row, divider(),
                                        suggestions])

    def _matches(self, query: str) -> list[dict[str, Any]]:
        q, qd = store.fold(query.strip()), store.digits(query)
        rows = [r for r in contact_phones(self.host)
                if not q or q in store.fold(str(r.get("display_name") or ""))
                or (qd and qd in store.digits(str(r["number"])))]
        return sorted(rows, key=lambda r: store.fold(str(r.get("display_name") or "")))

    def _suggestions(self, query: str) -> list[v.View]:
        rows: list[v.View] = []
        if store.digits(query) and not re.search(r"[A-Za-z]", query):
            rows.append(self._suggestion(f"Send to {query.strip()}", "", query, query))
        for r in self._matches(query):
            name, number = str(r.get("display_name") or r["number"]), str(r["number"])
            rows.append(self._suggestion(name, number, number, name))
        if not rows and not query:
            rows.append(v.TextView(id="empty_text", text="No contacts", color="text_secondary", padding=16))
        return rows

    def _suggestion(self, title: str, detail: str, number: str, avatar_name: str) -> v.View:
        texts: list[v.View] = [v.TextView(id="contact_name", text=title, size=16, max_lines=1)]
        if detail:
            texts.append(v.TextView(id="contact_details", text=detail, size=14, color="text_secondary",
                                    max_lines=1))
        icon = avatar(avatar_name, number, "contact_icon", 40)
        return v.ViewGroup(vertical=False, align_center=True, padding=12, spacing=16,
                           on_click=lambda: self._pick(number),
                           children=[icon, v.LinearLayout(children=texts)])

    def _submit_to(self) -> None:
        """Enter commits the typed number, or the top suggestion for a typed name."""
        query = self.state.get("to", "").strip()
        if store.digits(query) and not re.search(r"[A-Za-z]", query):
            self._pick(query)
        elif query:
            matches = self._matches(query)
            self._pick(str(matches[0]["number"])) if matches else self.toast("Invalid recipient")

    def _pick(self, number: str) -> None:
        address = store.normalize(number)
        with self.app.db() as conn:
            thread_id = store.find_thread(conn, address)
        self.state.pop("to", None)
        self.state["address"] = address
        if thread_id is not None:
            self.state["thread_id"] = thread_id
        self.request_focus(COMPOSE)

    # -- thread ---------------------------------------------------------------------------------------------
    def _thread(self) -> v.View:
        address = self.state["address"]
        name = display_name(self.host, address)
        bubbles = [self._bubble(m, address, name) for m in self._load()]
        body = v.RecyclerView(id=MESSAGES, spacing=2, weight=1, from_end=True, children=bubbles)
        text = self.state.get("compose", "")
        field = v.EditText(id=COMPOSE, hint="Text message", text=text,
                           on_change=lambda t: self.state.__setitem__("compose", t))
        attachment = self.state.get("attachment")
        send = v.ImageButton(id="send_message_button", desc="Send SMS", icon="send", tint="primary",
                             enabled=bool(text.strip() or attachment), on_click=self._send)
        compose = v.ViewGroup(id="compose_message_view", vertical=False, align_center=True, padding=8,
                              spacing=4, children=[field, send])
        children: list[v.View] = [app_bar(name, on_up=self._up), body]
        if attachment:
            children.append(self._attachment_chip(str(attachment)))
        return v.LinearLayout(children=[*children, compose])

    def _attachment_chip(self, path: str) -> v.View:
        return v.ViewGroup(id="attachment_draft_view", vertical=False, align_center=True, padding=8, spacing=8,
                           children=[v.ImageView(icon="grid", width=32),
                                     v.TextView(id="attachment_name", text=path.rpartition("/")[2], max_lines=1),
                                     v.ImageButton(id="close_button", desc="Remove attachment", icon="close",
                                                   on_click=lambda: self.state.pop("attachment", None))])

    def _load(self) -> list[dict[str, Any]]:
        """The thread's messages; opening it marks them read and takes over its draft."""
        thread_id = self.state.get("thread_id")
        with self.app.db() as conn:
            if thread_id is not None and store.thread(conn, thread_id) is None:
                thread_id = store.find_thread(conn, self.state["address"])  # deleted meanwhile
            if thread_id is None:
                self.state.pop("thread_id", None)
                return []
            self.state["thread_id"] = thread_id
            if store.mark_read(conn, thread_id):
                self._cancel_notifications(thread_id)
            if not self.state.get("draft_taken"):
                self.state["draft_taken"] = True
                draft = store.take_draft(conn, thread_id)
                if draft and not self.state.get("compose"):
                    self.state["compose"] = draft
            return store.thread_messages(conn, thread_id)

    def _bubble(self, m: dict[str, Any], address: str, name: str) -> v.View:
        incoming = m["type"] == store.INBOX
        status = message_time(self.host, m["date"])
        fill = "surface_variant" if incoming else "primary_container"
        bubble = Bubble(id="message_text_and_info", fill=fill, padding=BUBBLE_PAD_DP,
                        width=_bubble_width(m["body"], status), children=[
                            *_attachment_line(m),
                            v.TextView(id="message_text", text=m["body"], size=16),
                            v.TextView(id="message_status", text=status, size=12, color="text_secondary")])
        kids: list[v.View] = [v.View(), bubble]
        if incoming:
            kids = [avatar(name, address, "conversation_icon", 36), bubble, v.View()]
        return v.ViewGroup(id="message_content", vertical=False, align_center=True, padding=6, spacing=8,
                           children=kids)

    def _send(self) -> None:
        text, attachment = self.state.get("compose", ""), self.state.get("attachment")
        if not text.strip() and not attachment:
            return
        with self.app.db() as conn:
            sms_id = store.insert_sms(conn, self.state["address"], text, store.SENT, self.host.clock.now_ms())
            if attachment:
                store.attach(conn, sms_id, str(attachment), str(self.state.get("attachment_mime", "image/jpeg")))
            self.state["thread_id"] = store.thread_for(conn, self.state["address"])
        self.state["compose"] = ""
        self.state.pop("attachment", None)
        self.reset_scroll(MESSAGES)  # sending jumps back to the newest message

    def _cancel_notifications(self, thread_id: int) -> None:
        for n in list(self.host.state.notifications):
            opens = n.intent.extras.get("thread_id") if n.intent is not None else None
            if n.package == self.app.PACKAGE and opens == thread_id:
                self.host.cancel_notification(n.id)

    # -- navigation -----------------------------------------------------------------------------------------
    def _save_draft(self) -> None:
        """Leaving with unsent text keeps it as the thread's draft (sms type 3), as the real app does."""
        text, address = self.state.get("compose", ""), self.state.get("address", "")
        if text.strip() and address:
            with self.app.db() as conn:
                store.insert_sms(conn, address, text, store.DRAFT, self.host.clock.now_ms())
            self.state["compose"] = ""

    def _to_list(self) -> None:
        """Opened on its own (from a notification): put the conversation list in its place, as the real app's
        back stack has it."""
        self.start(LIST, reason="up")
        self.finish()

    def _up(self) -> None:
        self._save_draft()
        self._to_list() if self.is_task_root() else self.finish()

    def on_back(self) -> bool:
        if super().on_back():
            return True
        self._save_draft()
        if self.is_task_root() and not self.intent.data:
            self._to_list()
            return True
        return False
