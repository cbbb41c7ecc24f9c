"""The contact editor (ContactEditorActivity): create a contact, or edit one (`contact_id` extra).

Like AOSP, leaving with unsaved changes (Back or the close button) asks "Discard changes?"; saving a new
contact opens its card. A create intent may prefill the form with the Insert extras `name`, `phone`, `email`.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.contacts import store
from droidpilot.emulator.virtual.apps.contacts.widgets import alert, avatar, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

DETAIL = ".activities.QuickContactActivity"
FIELDS = ("first_name", "last_name", "phone", "email")
EMPTY_TOAST = "Can't save an empty contact"


class ContactEditorActivity(Activity):
    NAME: ClassVar[str] = ".activities.ContactEditorActivity"
    LABEL: ClassVar[str] = "Edit contact"

    # -- form state -----------------------------------------------------------------------------------------
    def _form(self) -> dict[str, str]:
        """The field values, loaded once from the contact (edit) or the intent extras (create)."""
        if "form" not in self.state:
            self.state["form"] = self._initial()
            self.state["saved_form"] = dict(self.state["form"])
        form: dict[str, str] = self.state["form"]
        return form

    def _initial(self) -> dict[str, str]:
        contact_id = self.intent.extras.get("contact_id")
        if contact_id is None:
            extras = self.intent.extras
            first, _, last = str(extras.get("name", "")).strip().partition(" ")
            return {"first_name": first, "last_name": last, "phone": str(extras.get("phone", "")),
                    "email": str(extras.get("email", ""))}
        with self.app.db() as conn:
            contact = store.get_contact(conn, int(contact_id))
        if contact is None:
            return dict.fromkeys(FIELDS, "")
        return {"first_name": contact["first_name"], "last_name": contact["last_name"],
                "phone": (contact["phones"] or [""])[0], "email": (contact["emails"] or [""])[0]}

    @property
    def _editing(self) -> bool:
        return self.intent.extras.get("contact_id") is not None

    def _set(self, name: str, value: str) -> None:
        self._form()[name] = value

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        form = self._form()
        save = v.Button(id="editor_menu_save_button", text="Save", width=96, on_click=self._save)
        title = "Edit contact" if self._editing else "Create contact"
        bar = toolbar(title, "close", self._leave, actions=[save])
        name = store.display_name(form["first_name"], form["last_name"])
        body = v.ScrollView(id="editor_scroll", padding=16, spacing=12, children=[
            avatar(name, 96),
            self._row("person", [self._field("first_name", "First name"), self._field("last_name", "Last name")]),
            self._row("phone", [self._field("phone", "Phone")], "Mobile"),
            self._row("email", [self._field("email", "Email")], "Home"),
        ])
        body.weight = 1
        return v.LinearLayout(children=[bar, body])

    def _field(self, name: str, hint: str) -> v.EditText:
        return v.EditText(id=name, hint=hint, text=self._form()[name],
                          on_change=partial(self._set, name))

    @staticmethod
    def _row(icon: str, fields: list[v.EditText], kind: str = "") -> v.View:
        """An icon beside one or more stacked fields, and the type label ("Mobile") a spinner would show."""
        column = v.LinearLayout(spacing=8, children=list(fields))
        children: list[v.View] = [v.ImageView(icon=icon, width=40, tint="text_secondary"), column]
        if kind:
            children.append(v.TextView(id="spinner", text=kind, size=14, color="text_secondary", width=64))
        return v.LinearLayout(vertical=False, spacing=8, align_center=True, children=children)

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "discard":
            return None
        return alert("Discard changes?", "Keep editing", "Discard", self.close_dialog, self.finish)

    # -- actions --------------------------------------------------------------------------------------------
    def _changed(self) -> bool:
        return self._form() != self.state.get("saved_form")

    def _leave(self) -> None:
        if self._changed():
            self.clear_focus()  # the dialog takes input focus, so the keyboard goes away
            self.state["dialog"] = "discard"
        else:
            self.finish()

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            return super().on_back()
        self._leave()
        return True

    def _save(self) -> None:
        form = {k: value.strip() for k, value in self._form().items()}
        if not any(form.values()):
            self.toast(EMPTY_TOAST)
            return
        now = self.host.clock.now_ms()
        with self.app.db() as conn:
            if self._editing:
                contact_id = int(self.intent.extras["contact_id"])
                store.update_contact(conn, contact_id, now, form["first_name"], form["last_name"],
                                     form["phone"], form["email"])
            else:
                contact_id = store.insert_contact(conn, now, form["first_name"], form["last_name"],
                                                  form["phone"], form["email"])
        self.toast("Contact saved")
        self.finish()
        if not self._editing:
            self.start(DETAIL, contact_id=contact_id)
