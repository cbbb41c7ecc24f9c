"""The contact card (QuickContactActivity): name, numbers and addresses, favourite star, edit and delete.

Tapping a number (or its message button) opens Messages' compose screen with an SENDTO `smsto:` intent,
since the virtual phone has no dialer.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import quote

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.contacts import store
from droidpilot.emulator.virtual.apps.contacts.widgets import alert, avatar, popup_menu, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

EDITOR = ".activities.ContactEditorActivity"
MESSAGING = "com.android.messaging"
COMPOSE = ".ui.conversation.ConversationActivity"


class QuickContactActivity(Activity):
    NAME: ClassVar[str] = ".activities.QuickContactActivity"
    LABEL: ClassVar[str] = "Contact"

    @property
    def contact_id(self) -> int:
        """From the `contact_id` extra, or the last segment of a `content://.../contacts/ID` view intent."""
        if "contact_id" in self.intent.extras:
            return int(self.intent.extras["contact_id"])
        tail = (self.intent.data or "").rstrip("/").rpartition("/")[2]
        return int(tail) if tail.isdigit() else -1

    def _contact(self) -> dict[str, Any] | None:
        with self.app.db() as conn:
            return store.get_contact(conn, self.contact_id)

    def build(self) -> v.View:
        contact = self._contact()
        if contact is None:
            bar = toolbar("", "back", self.finish)
            return v.LinearLayout(children=[bar, v.TextView(text="Contact not found", align="center",
                                                            color="text_secondary", padding=48)])
        starred = contact["starred"]
        actions: list[v.View] = [
            v.ImageButton(id="menu_star", icon="star" if starred else "star_outline",
                          desc="Remove from favourites" if starred else "Add to favourites",
                          on_click=lambda: self._star(not starred)),
            v.ImageButton(id="menu_edit", icon="edit", desc="Edit contact",
                          on_click=lambda: self.start(EDITOR, contact_id=self.contact_id)),
            v.ImageButton(desc="More options", icon="more", on_click=self._open_menu),
        ]
        name = contact["display_name"]
        children: list[v.View] = [
            avatar(name, 120),
            v.TextView(id="large_title", text=name, size=30, align="center", padding=8),
            v.TextView(text="Contact info", size=14, bold=True, color="primary", padding=8),
        ]
        children.extend(self._phone_row(name, p) for p in contact["phone_rows"])
        children.extend(self._email_row(e) for e in contact["email_rows"])
        if not contact["phone_rows"] and not contact["email_rows"]:
            children.append(v.TextView(text="No contact info", color="text_secondary", padding=8))
        body = v.ScrollView(id="quick_contact_scroll", padding=16, spacing=4, children=children)
        body.weight = 1
        return v.LinearLayout(children=[toolbar("", "back", self.finish, actions), body])

    def _phone_row(self, name: str, phone: dict[str, Any]) -> v.View:
        number, label = phone["number"], store.PHONE_TYPES.get(phone["type"], "Other")
        compose = lambda: self._compose(name, number)  # noqa: E731
        texts = v.LinearLayout(children=[v.TextView(id="header", text=number, size=16, max_lines=1),
                                         v.TextView(id="sub_header", text=label, size=14,
                                                    color="text_secondary")])
        return v.ViewGroup(vertical=False, align_center=True, padding=8, spacing=16, on_click=compose,
                           children=[v.ImageView(icon="phone", width=40, tint="text_secondary"), texts,
                                     v.ImageButton(id="icon_alternate", icon="message", desc="Send message",
                                                   on_click=compose)])

    def _email_row(self, email: dict[str, Any]) -> v.View:
        label = store.EMAIL_TYPES.get(email["type"], "Other")
        texts = v.LinearLayout(children=[v.TextView(id="header", text=email["address"], size=16, max_lines=1),
                                         v.TextView(id="sub_header", text=label, size=14,
                                                    color="text_secondary")])
        return v.ViewGroup(vertical=False, align_center=True, padding=8, spacing=16,
                           on_click=lambda: self.toast("No app can perform this action"),
                           children=[v.ImageView(icon="email", width=40, tint="text_secondary"), texts])

    # -- actions --------------------------------------------------------------------------------------------
    def _star(self, starred: bool) -> None:
        with self.app.db() as conn:
            store.set_starred(conn, self.contact_id, starred, self.host.clock.now_ms())

    def _compose(self, name: str, number: str) -> None:
        """ACTION_SENDTO smsto:NUMBER to Messages, naming its compose screen when it has one."""
        if MESSAGING not in self.host.apps:
            self.toast("No app can perform this action")
            return
        messaging = self.host.apps[MESSAGING]
        activity = COMPOSE if messaging.find_activity(COMPOSE) is not None else None
        self.host.start_activity(Intent(package=MESSAGING, activity=activity,
                                        action="android.intent.action.SENDTO", data=f"smsto:{quote(number, safe='')}",
                                        extras={"address": number, "display_name": name}))

    def _open_menu(self) -> None:
        self.state["dialog"] = "menu"

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "menu":
            return popup_menu([("Delete", self._ask_delete)])
        if kind == "delete":
            return alert("Delete this contact?", "Cancel", "Delete", self.close_dialog, self._delete)
        return None

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _delete(self) -> None:
        contact = self._contact()
        with self.app.db() as conn:
            store.delete_contact(conn, self.contact_id)
        self.close_dialog()
        if contact is not None:
            self.toast(f"{contact['display_name']} deleted")
        self.finish()
