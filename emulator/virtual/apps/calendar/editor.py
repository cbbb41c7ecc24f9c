"""EventActivity: create an event, or show and edit one (extra `event_id`, optional `event_occurrence_ts`).

State keys: `event_id` (None while creating), `occurrence_ts`, `form` / `saved` (see `form.py`; `saved`
detects unsaved changes), `dialog` (`start_date`, `start_time`, `end_date`, `end_time`, `reminder`, `repeat`,
`delete`, `discard`), `picker` (an open date or time picker's state) and `delete_choice` (0 this occurrence, 1
this and future ones, 2 all). Edits apply to the whole series of a repeating event.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, Intent
from droidpilot.emulator.virtual.apps.calendar import fmt, form, store
from droidpilot.emulator.virtual.apps.calendar.editor_view import build_dialog, build_editor
from droidpilot.emulator.virtual.toolkit import views as v

EVENTS_URI = "content://com.android.calendar/events"


class EventActivity(Activity):
    NAME: ClassVar[str] = ".activities.EventActivity"
    LABEL: ClassVar[str] = "Event"

    def on_create(self) -> None:
        self._load(self.intent)

    def on_new_intent(self, intent: Intent) -> None:
        """A reminder tapped while the editor is on top opens that event instead."""
        self.state.clear()
        self.clear_focus()
        self._load(intent)

    def _load(self, intent: Intent) -> None:
        extras = intent.extras
        event_id = extras.get("event_id")
        tail = (intent.data or "").removeprefix(EVENTS_URI).strip("/")
        if event_id is None and tail.isdigit():
            event_id = int(tail)
        if event_id is not None:
            with self.app.db() as conn:
                event = store.get_event(conn, int(event_id))
            if event is None:
                self.toast("Event not found")
                self.finish()
                return
            loaded = form.from_event(event)
            self.state.update(event_id=int(event_id), occurrence_ts=int(extras.get("event_occurrence_ts",
                                                                                    event["start_ts"])))
        else:
            loaded = self._new_form(extras)
        self.state.update(form=loaded, saved=dict(loaded))

    def _new_form(self, extras: dict[str, Any]) -> form.Form:
        """A blank event at the next full hour, or one prefilled by CalendarContract's INSERT extras."""
        try:
            day = date.fromisoformat(str(extras["day"])) if "day" in extras else None
        except ValueError:
            day = None
        start = form.next_full_hour(self.host.clock.now(), day)
        begin = _seconds(extras.get("beginTime"))
        return form.new_form(start if begin is None else begin, str(extras.get("title", "")),
                             str(extras.get("eventLocation", "")), str(extras.get("description", "")),
                             _seconds(extras.get("endTime")), str(extras.get("allDay", "")).lower() in ("1", "true"))

    # -- helpers the view uses -------------------------------------------------------------------------------
    @property
    def form(self) -> form.Form:
        if "form" not in self.state:  # restored from an older snapshot: start blank rather than crash
            blank = form.new_form(form.next_full_hour(self.host.clock.now()))
            self.state.update(form=blank, saved=dict(blank))
        value: form.Form = self.state["form"]
        return value

    @property
    def editing(self) -> bool:
        return self.state.get("event_id") is not None

    def is_24h(self) -> bool:
        return self.host.settings.get("system", "time_12_24") == "24"

    def today(self) -> date:
        return self.host.clock.now().date()

    def event(self) -> dict[str, Any] | None:
        if not self.editing:
            return None
        with self.app.db() as conn:
            return store.get_event(conn, int(self.state["event_id"]))

    def set_field(self, name: str, value: Any) -> None:
        self.form[name] = value

    def open_dialog(self, kind: str, picker: dict[str, Any] | None = None) -> None:
        self.clear_focus()  # the dialog takes input focus, so the keyboard goes away
        self.state["dialog"] = kind
        if picker is not None:
            self.state["picker"] = picker

    def close(self) -> None:
        for key in ("dialog", "picker", "delete_choice"):
            self.state.pop(key, None)

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        return build_editor(self)

    def dialog(self) -> v.Dialog | None:
        return build_dialog(self)

    # -- actions --------------------------------------------------------------------------------------------
    def changed(self) -> bool:
        return self.form != self.state.get("saved")

    def leave(self) -> None:
        if self.changed():
            self.open_dialog("discard")
        else:
            self.finish()

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close()
        else:
            self.leave()
        return True

    def save(self) -> None:
        self.close()
        error = form.problem(self.form)
        if error is not None:
            self.toast(error)
            return
        now = self.host.clock.now_ms()
        with self.app.db() as conn:
            old = store.get_event(conn, int(self.state["event_id"])) if self.editing else None
            values = form.row_values(self.form, old)
            if old is not None:
                store.update_event(conn, old["id"], now, values)
            else:
                store.insert_event(conn, now, values)
        self.toast("Event updated successfully" if old is not None else "Event added successfully")
        self.finish()

    def delete(self) -> None:
        """Yes in the delete dialog: the event, or for a repeating one the chosen occurrences."""
        event = self.event()
        choice = int(self.state.get("delete_choice", 0))
        self.close()
        if event is None:
            self.finish()
            return
        occurrence = int(self.state.get("occurrence_ts", event["start_ts"]))
        now = self.host.clock.now_ms()
        with self.app.db() as conn:
            whole = choice == 2 or (choice == 1 and occurrence <= event["start_ts"])
            if not event["repeat_interval"] or whole:
                store.delete_event(conn, event["id"])
            elif choice == 0:
                store.set_columns(conn, event["id"], now,
                                  repetition_exceptions=form.without_occurrence(event, occurrence))
            else:
                store.set_columns(conn, event["id"], now, repeat_limit=occurrence - 1)
        self.finish()

    def reminder_text(self) -> str:
        return fmt.reminder_label(int(self.form["reminder"]))


def _seconds(millis: Any) -> int | None:
    """An INSERT extra in epoch milliseconds (CalendarContract's beginTime/endTime) as seconds; None unless digits."""
    text = str(millis or "")
    return int(text) // 1000 if text.isdigit() else None
