"""The task editor's views: toolbar, title row, due date and time rows, priority buttons, description, list
row, the creation footer, and the list chooser dialog."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.tasks import filters, store
from droidpilot.emulator.virtual.apps.tasks.views import Glyph, PriorityCheckBox, PriorityRadio, buttons
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.tasks.editor import TaskEditActivity

PRIORITIES = ((store.HIGH, "priority_high", "High", "High priority"),
              (store.MEDIUM, "priority_medium", "Medium", "Medium priority"),
              (store.LOW, "priority_low", "Low", "Low priority"),
              (store.NONE, "priority_none", "None", "No priority"))


def body(act: TaskEditActivity) -> v.View:
    form = act.form()
    bar = v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4, children=[
        v.ImageButton(id="save", desc="Save", icon="check", on_click=act.save), v.View(),
        v.ImageButton(desc="More options", icon="more", on_click=act.open_menu)])
    rows: list[v.View] = [_title_row(act, form), v.View(height=1, bg="outline"), *_due_rows(act),
                          _priority_row(act, form), _notes_row(act, form), _list_row(act, form)]
    rows.extend(_footer(act, form))
    scroll = v.ScrollView(id="edit_scroll", padding=8, spacing=8, weight=1, children=rows)
    return v.LinearLayout(children=[bar, scroll])


def _title_row(act: TaskEditActivity, form: dict[str, Any]) -> v.View:
    box = PriorityCheckBox(id="completeBox", is_checked=bool(form["completed"]),
                           priority=int(form["importance"]), on_change=act.set_completed)
    title = v.EditText(id="title", hint="Task name", text=form["title"], size=20,
                       on_change=lambda text: act.set("title", text))
    return v.LinearLayout(vertical=False, align_center=True, spacing=4, children=[box, title])


def _row(row_id: str, icon: str, text: str, on_click: v.Handler, secondary: bool = False,
         clear: v.View | None = None) -> v.View:
    children: list[v.View] = [
        Glyph(icon=icon),
        v.TextView(id=row_id, text=text, size=16, color="text_secondary" if secondary else "text",
                   max_lines=1)]
    if clear is not None:
        children.append(clear)
    return v.ViewGroup(vertical=False, align_center=True, height=56, spacing=12, padding=4, on_click=on_click,
                       children=children)


def _due_rows(act: TaskEditActivity) -> list[v.View]:
    date_text, time_text = act.due_texts()
    has_date = bool(time_text)
    clear_date = v.ImageButton(id="clear_due_date", desc="Clear due date", icon="close",
                               on_click=act.clear_due)
    rows = [_row("due_date", "calendar", date_text, act.open_date, secondary=not has_date,
                 clear=clear_date if has_date else None)]
    if has_date:
        has_time = time_text != "No time"
        clear_time = v.ImageButton(id="clear_due_time", desc="Clear due time", icon="close",
                                   on_click=act.clear_time)
        rows.append(_row("due_time", "history", time_text, act.open_time, secondary=not has_time,
                         clear=clear_time if has_time else None))
    return rows


def _priority_row(act: TaskEditActivity, form: dict[str, Any]) -> v.View:
    radios: list[v.View] = [
        PriorityRadio(id=rid, text=label, desc=desc, priority=value,
                      is_checked=int(form["importance"]) == value,
                      on_change=v.ignoring_value(partial(act.set, "importance", value)))
        for value, rid, label, desc in PRIORITIES]
    return v.LinearLayout(children=[
        v.LinearLayout(vertical=False, align_center=True, spacing=12, height=40, padding=4, children=[
            Glyph(icon="priority"), v.TextView(text="Priority", size=16, color="text_secondary")]),
        v.LinearLayout(id="priority_group", vertical=False, height=64, children=radios)])


def _notes_row(act: TaskEditActivity, form: dict[str, Any]) -> v.View:
    notes = v.EditText(id="notes", hint="Description", text=form["notes"], multiline=True,
                       on_change=lambda text: act.set("notes", text))
    return v.LinearLayout(vertical=False, spacing=4, children=[Glyph(icon="notes", height=56), notes])


def _list_row(act: TaskEditActivity, form: dict[str, Any]) -> v.View:
    name = next((x["name"] for x in act.lists() if x["id"] == form["list_id"]), None)
    return _row("list", "list", name or "No list", act.open_lists, secondary=name is None)


def _footer(act: TaskEditActivity, form: dict[str, Any]) -> list[v.View]:
    now, lines = act.now(), []
    for key, label in (("created", "Created"), ("modified", "Modified"), ("completed", "Completed")):
        if int(form[key]):
            lines.append(f"{label} {filters.long_date(int(form[key]), now, act.is_24h())}")
    return [v.TextView(id=f"info_{i}", text=line, size=12, color="text_secondary", padding=8)
            for i, line in enumerate(lines)]


def list_chooser(act: TaskEditActivity) -> v.Dialog:
    """Pick the task's list (or none); choosing closes the dialog."""
    form = act.form()

    def choose(list_id: int | None) -> None:
        form["list_id"] = list_id
        act.close_dialog()

    options: list[tuple[int | None, str]] = [(None, "No list"), *((x["id"], x["name"]) for x in act.lists())]
    radios: list[v.View] = [
        v.RadioButton(id="list_option", text=name, is_checked=form["list_id"] == list_id,
                      on_change=v.ignoring_value(partial(choose, list_id))) for list_id, name in options]
    return v.Dialog(id="list_picker", children=[
        v.TextView(id="android:id/alertTitle", text="List", size=22),
        v.ScrollView(id="list_options", children=radios),
        buttons("Cancel", "OK", act.close_dialog, act.close_dialog)])
