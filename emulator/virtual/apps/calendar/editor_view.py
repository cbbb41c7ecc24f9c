"""The event editor's screen (Simple Calendar's `activity_event` layout) and its dialogs."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.calendar import fmt, form
from droidpilot.emulator.virtual.apps.calendar.recurrence import to_date
from droidpilot.emulator.virtual.apps.calendar.widgets import Glyph, confirm_dialog, icon, radio_dialog
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.pickers import date_picker, date_picker_state, time_picker, time_picker_state
from droidpilot.emulator.virtual.toolkit.widgets import divider

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.calendar.editor import EventActivity

DELETE_CHOICES = (("delete_event_one_only", "Delete only the selected occurrence"),
                  ("delete_event_future", "Delete this and all future occurrences"),
                  ("delete_event_all", "Delete all occurrences"))


def _toolbar(act: EventActivity) -> v.View:
    actions: list[v.View] = []
    if act.editing:
        actions.append(Glyph(id="delete", icon="delete", desc="Delete",
                             on_click=lambda: act.open_dialog("delete")))
    actions.append(Glyph(id="save", icon="check", desc="Save", on_click=act.save))
    title = v.TextView(id="action_bar_title", text="Edit Event" if act.editing else "New Event", size=22,
                       max_lines=1, padding=4)
    return v.ViewGroup(id="event_toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
        v.ImageButton(desc="Navigate up", icon="back", on_click=act.leave), title, *actions])


def _field(act: EventActivity, name: str, view_id: str, hint: str, multiline: bool = False) -> v.EditText:
    return v.EditText(id=view_id, hint=hint, text=act.form[name], multiline=multiline,
                      on_change=lambda value: act.set_field(name, value))


def _clickable(view_id: str, text: str, on_click: v.Handler, width: float | None = None) -> v.TextView:
    return v.TextView(id=view_id, text=text, size=16, padding=12, width=width, on_click=on_click)


def _date_time_row(act: EventActivity, which: str) -> v.View:
    ts = int(act.form[which])
    day = to_date(ts)
    children: list[v.View] = [
        v.View(width=48),
        _clickable(f"event_{which}_date", fmt.day_title(day, act.today()),
                   lambda: act.open_dialog(f"{which}_date", date_picker_state(day))),
    ]
    if not act.form["all_day"]:
        hour, minute = divmod((ts % 86400) // 60, 60)
        children.append(_clickable(f"event_{which}_time", fmt.time_of(ts, act.is_24h()),
                                   lambda: act.open_dialog(f"{which}_time",
                                                           time_picker_state(hour, minute, act.is_24h())),
                                   width=128))
    return v.LinearLayout(vertical=False, align_center=True, children=children)


def _row(glyph: str, view: v.View) -> v.View:
    return v.LinearLayout(vertical=False, align_center=True, spacing=4, children=[icon(glyph), view])


def build_editor(act: EventActivity) -> v.View:
    f = act.form
    rows: list[v.View] = [
        _field(act, "title", "event_title", "Title"),
        _field(act, "location", "event_location", "Location"),
        _field(act, "description", "event_description", "Description", multiline=True),
        divider(),
        _row("clock", v.Switch(id="event_all_day", text="All-day", is_checked=bool(f["all_day"]),
                               on_change=lambda on: act.set_field("all_day", on))),
        _date_time_row(act, "start"),
        _date_time_row(act, "end"),
        divider(),
        _row("bell", _clickable("event_reminder_1", act.reminder_text(),
                                lambda: act.open_dialog("reminder"))),
        divider(),
        _row("repeat", _clickable("event_repetition", fmt.repeat_label(int(f["repeat"])),
                                  lambda: act.open_dialog("repeat"))),
    ]
    if f["repeat"]:
        rows.append(v.LinearLayout(vertical=False, align_center=True, children=[
            v.View(width=52), v.TextView(id="event_repetition_limit_label", text="Repeat till", size=16),
            v.TextView(id="event_repetition_limit", text="Forever", size=16, color="text_secondary",
                       align="right", padding=12)]))
    rows += [divider(), _row("dot", v.TextView(id="event_type", text="Regular event", size=16, padding=12))]
    body = v.ScrollView(id="event_scrollview", padding=16, spacing=8, children=rows)
    body.weight = 1
    return v.LinearLayout(children=[_toolbar(act), body])


# -- dialogs -------------------------------------------------------------------------------------------------
def _choices(current: int, values: tuple[int, ...]) -> list[int]:
    """The dialog's options; a seeded value that is not among them is listed too, so it shows as chosen."""
    return list(values) if current in values else [*values, current]


def _pick(act: EventActivity, name: str, value: int) -> None:
    act.set_field(name, value)
    act.close()


def _date_set(act: EventActivity, which: str, day: date) -> None:
    moved = form.with_date(int(act.form[which]), day)
    form.set_start(act.form, moved) if which == "start" else act.set_field("end", moved)
    act.close()


def _time_set(act: EventActivity, which: str, hour: int, minute: int) -> None:
    moved = form.with_time(int(act.form[which]), hour, minute)
    form.set_start(act.form, moved) if which == "start" else act.set_field("end", moved)
    act.close()


def _delete_dialog(act: EventActivity) -> v.Dialog:
    body: list[v.View] = [v.TextView(id="delete_event_description", size=18,
                                     text="Are you sure you want to proceed with the deletion?")]
    event = act.event()
    if event is not None and event["repeat_interval"]:
        chosen = int(act.state.get("delete_choice", 0))
        body.append(v.TextView(id="delete_event_repeat_description", text="This event is repeatable", size=14,
                               color="text_secondary"))
        body += [v.RadioButton(id=rid, text=label, is_checked=i == chosen,
                               on_change=v.ignoring_value(partial(_choose_delete, act, i)))
                 for i, (rid, label) in enumerate(DELETE_CHOICES)]
    return confirm_dialog(body, "No", "Yes", act.close, act.delete, act.close)


def _choose_delete(act: EventActivity, choice: int) -> None:
    act.state["delete_choice"] = choice


def build_dialog(act: EventActivity) -> v.Dialog | None:
    kind = str(act.state.get("dialog", ""))
    picker = act.state.get("picker")
    which = kind.partition("_")[0]
    if kind.endswith("_date") and isinstance(picker, dict):
        return date_picker(picker, lambda d: _date_set(act, which, d), act.close, today=act.today())
    if kind.endswith("_time") and isinstance(picker, dict):
        return time_picker(picker, lambda h, m: _time_set(act, which, h, m), act.close, is_24h=act.is_24h())
    if kind in ("reminder", "repeat"):
        current = int(act.form[kind])
        values = _choices(current, fmt.REMINDER_CHOICES if kind == "reminder" else fmt.REPEAT_CHOICES)
        label = fmt.reminder_label if kind == "reminder" else fmt.repeat_label
        return radio_dialog("", [(label(x), x == current) for x in values],
                            lambda i: _pick(act, kind, values[i]), act.close)
    if kind == "delete" and act.editing:
        return _delete_dialog(act)
    if kind == "discard":
        message = v.TextView(id="android:id/message", size=16,
                             text="You have unsaved changes. Save before exiting?")
        return confirm_dialog([message], "Discard", "Save", act.finish, act.save, act.close)
    return None
