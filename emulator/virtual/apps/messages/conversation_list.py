"""The conversation list (AOSP `ConversationListActivity`): threads newest first, selection mode, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import SelectionMode
from droidpilot.emulator.virtual.apps.messages import store
from droidpilot.emulator.virtual.apps.messages.common import (
    avatar,
    contact_phones,
    conversation_time,
    format_number,
    name_for,
)
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import app_bar, fab, screen

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.messages.app import MessagesApp

CONVERSATION = ".ui.conversation.ConversationActivity"
EMPTY_TEXT = "Once you start a new conversation, you'll see it listed here"


class ConversationListActivity(SelectionMode):
    NAME: ClassVar[str] = ".ui.conversationlist.ConversationListActivity"
    LABEL: ClassVar[str] = "Messages"
    app: MessagesApp

    def build(self) -> v.View:
        with self.app.db() as conn:
            threads = store.threads(conn)
        phones = contact_phones(self.host)
        rows = [self._row(t, name_for(t["address"], phones) or format_number(t["address"])) for t in threads]
        body: v.View = v.RecyclerView(id="conversation_list", children=rows)
        if not rows:
            body = v.TextView(id="list_empty_text_view", text=EMPTY_TEXT, align="center",
                              color="text_secondary", padding=32)
        if self.selected:
            return screen(self._selection_bar(), body)
        return screen(app_bar("Messages"), body,
                      fab("Start chat", self._start_chat, icon="message", fab_id="start_chat_fab"))

    def _row(self, t: dict[str, Any], name: str) -> v.View:
        tid, unread = int(t["_id"]), not t["read"]
        snippet = f"Draft: {t['snippet']}" if t["last_type"] == store.DRAFT else t["snippet"]
        is_selected = tid in self.selected
        icon: v.View = avatar(name, t["address"], "conversation_icon")
        if is_selected:
            icon = v.ImageView(id="conversation_checkmark", icon="check", tint="primary", width=48, height=48)
        texts = v.LinearLayout(children=[
            v.TextView(id="conversation_name", text=name, size=17, bold=unread, max_lines=1),
            v.TextView(id="conversation_snippet", text=snippet, size=14, bold=unread, max_lines=1,
                       color="text" if unread else "text_secondary"),
            v.TextView(id="conversation_timestamp", text=conversation_time(self.host, t["date"]), size=12,
                       bold=unread, color="text" if unread else "text_secondary"),
        ])
        return v.ViewGroup(id="swipeableContent", vertical=False, align_center=True, padding=12, spacing=16,
                           selected=is_selected, children=[icon, texts],
                           on_click=lambda: self._click(tid), on_long_click=lambda: self.toggle_selection(tid))

    def _selection_bar(self) -> v.View:
        delete = v.ImageButton(id="action_delete", desc="Delete", icon="delete", on_click=self._ask_delete)
        return app_bar(str(len(self.selected)), on_up=self.clear_selection, actions=[delete])

    # -- actions --------------------------------------------------------------------------------------------
    def _click(self, thread_id: int) -> None:
        if self.selected:
            self.toggle_selection(thread_id)
        else:
            self.start(CONVERSATION, thread_id=thread_id)

    def _start_chat(self) -> None:
        """The new conversation opens with the "To" field focused and the keyboard up (its on_create)."""
        self.start(CONVERSATION)

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _delete(self) -> None:
        with self.app.db() as conn:
            store.delete_threads(conn, self.selected)
        self.clear_selection()

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "delete":
            return None
        title = "Delete this conversation?" if len(self.selected) == 1 else "Delete these conversations?"
        return v.Dialog(children=[
            v.TextView(id="android:id/alertTitle", text=title, size=22),
            v.LinearLayout(vertical=False, spacing=8, height=56, children=[
                v.View(),
                v.Button(id="android:id/button2", text="Cancel", style="text", width=112,
                         on_click=self.close_dialog),
                v.Button(id="android:id/button1", text="Delete", style="text", width=112,
                         on_click=self._delete),
            ]),
        ])

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        if self.selected:
            self.clear_selection()
            return True
        return False
