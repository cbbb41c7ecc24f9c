"""A note or to-do (Joplin's note screen): title, body, the to-do's checkbox, its notebook and tags.

Every change is saved at once (Joplin saves as you type). A new note (extras `folder_id`, `is_todo`) is written
on its first non-empty title or body, so opening "New note" and leaving at once leaves nothing behind.
State keys: `note_id` (once saved), `dialog` (`menu`, `folder`, `tags`, `delete`) and `new_tag` (the tag field).
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.joplin import store
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import alert_dialog, dialog_buttons, popup_menu

TAG_FIELD = "new_tag"


class NoteActivity(Activity):
    NAME: ClassVar[str] = ".NoteActivity"
    LABEL: ClassVar[str] = "Note"

    def on_create(self) -> None:
        extras = self.intent.extras
        if extras.get("note_id"):
            self.state["note_id"] = extras["note_id"]
        else:
            self.state.update(folder_id=extras.get("folder_id", ""), is_todo=bool(extras.get("is_todo")))
            self.request_focus("title")

    # -- data -----------------------------------------------------------------------------------------------
    def _note(self) -> dict[str, Any]:
        """The saved note, or the unsaved new one as a row of defaults."""
        note_id = self.state.get("note_id")
        if note_id:
            with self.app.db() as conn:
                row = store.note(conn, str(note_id))
                if row is not None:
                    return {**row, "tags": store.tags_of(conn, row["id"])}
        return {"id": "", "title": "", "body": "", "parent_id": self.state.get("folder_id", ""),
                "is_todo": int(bool(self.state.get("is_todo"))), "todo_completed": 0, "tags": []}

    def _save(self, **fields: Any) -> None:
        now = self.host.clock.now_ms()
        with self.app.db() as conn:
            note_id = self.state.get("note_id")
            if note_id:
                store.update_note(conn, str(note_id), now, **fields)
                return
            if not any(str(fields.get(k, "")).strip() for k in ("title", "body")):
                return
            fresh = self._note()
            self.state["note_id"] = store.insert_note(conn, fresh["parent_id"], fields.get("title", ""),
                                                      fields.get("body", ""), bool(fresh["is_todo"]), 0, now)

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        note = self._note()
        with self.app.db() as conn:
            folders = {f["id"]: f["title"] for f in store.folders(conn)}
        head: list[v.View] = []
        if note["is_todo"]:
            head.append(v.CheckBox(id="todo_checkbox", desc="Completed", width=48,
                                   is_checked=bool(note["todo_completed"]), on_change=self._complete))
        head.append(v.EditText(id="title", hint="Title", text=note["title"], weight=1,
                               on_change=lambda t: self._save(title=t)))
        details: list[v.View] = [
            v.ViewGroup(vertical=False, align_center=True, padding=4, spacing=4, children=head),
            v.TextView(id="folder", text=f"Notebook: {folders.get(note['parent_id'], '')}", size=14,
                       color="text_secondary", padding=8, on_click=self._choose_folder)]
        if note["tags"]:
            details.append(v.TextView(id="tags", text="Tags: " + ", ".join(note["tags"]), size=14,
                                      color="text_secondary", padding=8))
        details.append(v.EditText(id="body", hint="Type your note here", text=note["body"], multiline=True,
                                  on_change=lambda t: self._save(body=t)))
        bar = v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
            v.ImageButton(desc="Back", icon="back", on_click=self.finish), v.View(weight=1),
            v.ImageButton(id="more_options", desc="More options", icon="more", on_click=self._open_menu)])
        body = v.ScrollView(id="note_scroll", weight=1, children=[v.LinearLayout(padding=8, children=details)])
        return v.LinearLayout(children=[bar, body])

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        note = self._note()
        if kind == "menu":
            items: list[tuple[str, v.Handler]] = [
                ("Convert to note" if note["is_todo"] else "Convert to to-do", self._convert)]
            if note["id"]:
                items += [("Tags", self._open_tags), ("Delete", partial(self.state.update, dialog="delete"))]
            return popup_menu(items)
        if kind == "folder":
            with self.app.db() as conn:
                rows = [v.RadioButton(id="folder_option", text=f["title"], is_checked=f["id"] == note["parent_id"],
                                      on_change=partial(self._move, f["id"])) for f in store.folders(conn)]
            return v.Dialog(children=[v.TextView(id="android:id/alertTitle", text="Move to notebook", size=22),
                                      *rows])
        if kind == "tags":
            return self._tags_dialog(note["tags"])
        if kind == "delete":
            return alert_dialog("Delete note?", "Delete", self._delete, "Cancel", self.close_dialog)
        return None

    def _tags_dialog(self, current: list[str]) -> v.Dialog:
        name = str(self.state.get("new_tag", ""))
        boxes = [v.CheckBox(id="tag_option", text=t, is_checked=True, on_change=partial(self._untag, t))
                 for t in current]
        return v.Dialog(children=[
            v.TextView(id="android:id/alertTitle", text="Tags", size=22), *boxes,
            v.EditText(id=TAG_FIELD, hint="New tag", text=name, on_change=lambda t: self.state.update(new_tag=t),
                       on_submit=self._add_tag),
            dialog_buttons("Close", "Add", self._close_tags, self._add_tag if name.strip() else None)])

    # -- actions --------------------------------------------------------------------------------------------
    def _complete(self, done: bool) -> None:
        self._save(todo_completed=self.host.clock.now_ms() if done else 0)

    def _open_menu(self) -> None:
        self.clear_focus()
        self.state["dialog"] = "menu"

    def _convert(self) -> None:
        self.close_dialog()
        if not self.state.get("note_id"):
            self.state["is_todo"] = not self.state.get("is_todo")
            return
        note = self._note()
        self._save(is_todo=0 if note["is_todo"] else 1, todo_completed=0)

    def _choose_folder(self) -> None:
        if self.state.get("note_id"):
            self.clear_focus()
            self.state["dialog"] = "folder"

    def _move(self, folder_id: str, _checked: bool) -> None:
        self.close_dialog()
        self._save(parent_id=folder_id)

    def _open_tags(self) -> None:
        self.state.update(dialog="tags", new_tag="")
        self.request_focus(TAG_FIELD)

    def _add_tag(self) -> None:
        name = str(self.state.get("new_tag", "")).strip()
        if name and self.state.get("note_id"):
            with self.app.db() as conn:
                store.tag_note(conn, str(self.state["note_id"]), name, self.host.clock.now_ms())
        self.state["new_tag"] = ""

    def _untag(self, title: str, _checked: bool) -> None:
        with self.app.db() as conn:
            store.untag_note(conn, str(self.state["note_id"]), title)

    def _close_tags(self) -> None:
        self.close_dialog()
        self.state.pop("new_tag", None)
        self.clear_focus()

    def _delete(self) -> None:
        with self.app.db() as conn:
            store.delete_note(conn, str(self.state["note_id"]), self.host.clock.now_ms())
        self.close_dialog()
        self.finish()

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self._close_tags()
            return True
        return False
