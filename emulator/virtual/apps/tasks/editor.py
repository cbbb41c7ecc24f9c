"""The task editor (Tasks.org's TaskEditFragment, here its own activity): title, completion box, due date
and time, priority, description and list. Like Tasks.org it saves on Back as well as with "Save"; a new task
with a blank title is discarded.

Extras: `task_id` edits a task; otherwise a new one, optionally preset with `list_id`, `due_today`,
`importance`.
State keys: `form` / `saved_form` (title, notes, importance, due, completed, list_id), `dialog` (`date`,
`time`, `list`, `menu`, `delete`) and `picker` (the open date or time picker's state).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.tasks import filters, store
from droidpilot.emulator.virtual.apps.tasks.editor_views import body, list_chooser
from droidpilot.emulator.virtual.apps.tasks.views import alert, menu_item, popup_menu
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.pickers import date_picker, date_picker_state, time_picker, time_picker_state

if TYPE_CHECKING:
    from datetime import date

DEFAULT_DUE_TIME = time(9, 0)


class TaskEditActivity(Activity):
    NAME: ClassVar[str] = "com.todoroo.astrid.activity.TaskEditActivity"
    LABEL: ClassVar[str] = "Tasks"

    # -- form state -----------------------------------------------------------------------------------------
    @property
    def task_id(self) -> int | None:
        task_id = self.intent.extras.get("task_id")
        return None if task_id is None else int(task_id)

    def form(self) -> dict[str, Any]:
        if "form" not in self.state:
            self.state["form"] = self._initial()
            self.state["saved_form"] = dict(self.state["form"])
        form: dict[str, Any] = self.state["form"]
        return form

    def _initial(self) -> dict[str, Any]:
        if self.task_id is not None:
            with self.app.db() as conn:
                task = store.get_task(conn, self.task_id)
            if task is not None:
                return {"title": task["title"], "notes": task["notes"], "importance": task["importance"],
                        "due": task["dueDate"], "completed": task["completed"], "list_id": task["list_id"],
                        "created": task["created"], "modified": task["modified"]}
        extras = self.intent.extras
        due = store.due_for_date(self.now().date(), self.tz) if extras.get("due_today") else 0
        list_id = extras.get("list_id")
        return {"title": "", "notes": "", "importance": int(extras.get("importance", store.NONE)), "due": due,
                "completed": 0, "list_id": None if list_id is None else int(list_id), "created": 0,
                "modified": 0}

    def now(self) -> datetime:
        return self.host.clock.now()

    @property
    def tz(self) -> Any:
        return self.now().tzinfo

    def is_24h(self) -> bool:
        return self.host.settings.get("system", "time_12_24") == "24"

    def lists(self) -> list[dict[str, Any]]:
        with self.app.db() as conn:
            return store.all_lists(conn)

    def set(self, name: str, value: Any) -> None:
        self.form()[name] = value

    # -- view -----------------------------------------------------------------------------------------------
    def on_create(self) -> None:
        if self.task_id is None:
            self.request_focus("title")  # a new task opens with the keyboard on its name

    def build(self) -> v.View:
        return body(self)

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        picker = self.state.get("picker")
        if kind == "date" and picker is not None:
            return date_picker(picker, self._date_set, self.close_dialog, today=self.now().date(),
                               title="Due date")
        if kind == "time" and picker is not None:
            return time_picker(picker, self._time_set, self.close_dialog, self.is_24h(), title="Due time")
        if kind == "list":
            return list_chooser(self)
        if kind == "menu":
            return popup_menu([menu_item("Delete", lambda: self._open("delete")),
                               menu_item("Discard changes", self.finish)])
        if kind == "delete":
            return alert("Delete this task?", "Cancel", "Delete", self.close_dialog, self._delete)
        return None

    def close_dialog(self) -> None:
        self.state.pop("dialog", None)
        self.state.pop("picker", None)

    # -- due date -------------------------------------------------------------------------------------------
    def due_local(self) -> datetime | None:
        due = int(self.form()["due"])
        return store.to_local(due, self.tz) if due else None

    def open_date(self) -> None:
        due = self.due_local()
        self.clear_focus()
        self.state.update(dialog="date", picker=date_picker_state((due or self.now()).date()))

    def open_time(self) -> None:
        due = self.due_local()
        timed = due is not None and store.has_due_time(int(self.form()["due"]))
        when = due.time() if due is not None and timed else DEFAULT_DUE_TIME
        self.clear_focus()
        self.state.update(dialog="time", picker=time_picker_state(when.hour, when.minute, self.is_24h()))

    def _date_set(self, day: date) -> None:
        """A new date keeps the time the due date had, if any."""
        due, form = self.due_local(), self.form()
        if due is not None and store.has_due_time(int(form["due"])):
            form["due"] = store.due_for_datetime(datetime.combine(day, due.time(), tzinfo=self.tz), self.tz)
        else:
            form["due"] = store.due_for_date(day, self.tz)
        self.close_dialog()

    def _time_set(self, hour: int, minute: int) -> None:
        day = (self.due_local() or self.now()).date()
        self.form()["due"] = store.due_for_datetime(datetime.combine(day, time(hour, minute), tzinfo=self.tz),
                                                    self.tz)
        self.close_dialog()

    def clear_due(self) -> None:
        self.set("due", 0)

    def clear_time(self) -> None:
        due = self.due_local()
        if due is not None:
            self.set("due", store.due_for_date(due.date(), self.tz))

    def due_texts(self) -> tuple[str, str]:
        """The due-date row's text and the due-time row's text."""
        due = int(self.form()["due"])
        if not due:
            return "No due date", ""
        date_text = filters.long_date(due, self.now(), with_time=False)
        if not store.has_due_time(due):
            return date_text, "No time"
        return date_text, filters.clock_text(store.to_local(due, self.tz), self.is_24h())

    # -- actions --------------------------------------------------------------------------------------------
    def _open(self, kind: str) -> None:
        self.clear_focus()
        self.state["dialog"] = kind

    def open_menu(self) -> None:
        self._open("menu")

    def open_lists(self) -> None:
        self._open("list")

    def set_completed(self, done: bool) -> None:
        saved = int(self.state.get("saved_form", {}).get("completed", 0))
        self.set("completed", (saved or self.host.clock.now_ms()) if done else 0)

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        self.save()
        return True

    def save(self) -> None:
        """Write the form (Save, or Back); a new task with no title is dropped, as Tasks.org does."""
        form = self.form()
        title = str(form["title"]).strip()
        if form == self.state.get("saved_form") or (self.task_id is None and not title):
            self.finish()
            return
        now = self.host.clock.now_ms()
        with self.app.db() as conn:
            if self.task_id is None:
                store.insert_task(conn, now, title, str(form["notes"]).strip(), int(form["importance"]),
                                  int(form["due"]), int(form["completed"]), form["list_id"])
            else:
                self._update(conn, form, title, now)
        self.finish()

    def _update(self, conn: Any, form: dict[str, Any], title: str, now: int) -> None:
        assert self.task_id is not None
        saved = self.state.get("saved_form", {})
        store.update_task(conn, self.task_id, now, title=title or saved.get("title", ""),
                          notes=str(form["notes"]).strip() or None, importance=int(form["importance"]),
                          dueDate=int(form["due"]), completed=int(form["completed"]))
        if form["list_id"] != saved.get("list_id"):
            store.set_task_list(conn, self.task_id, form["list_id"])

    def _delete(self) -> None:
        if self.task_id is not None:
            with self.app.db() as conn:
                store.mark_deleted(conn, self.task_id, self.host.clock.now_ms())
            self.toast("Task deleted")
        self.finish()
