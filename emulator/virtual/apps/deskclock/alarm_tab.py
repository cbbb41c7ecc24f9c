"""The Alarm tab: alarm cards (tap the time to change it, the switch to turn it on or off, the arrow to expand
repeat days, label, vibrate and Delete), the "Add alarm" FAB, and the time-picker and label dialogs.

State keys: `expanded` (the open card's alarm id), `dialog` (`time` or `label`), `editing` (the alarm a dialog
edits; None while adding one), `picker` (the time picker's state), `label_text`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.deskclock import fmt, store
from droidpilot.emulator.virtual.apps.deskclock.views import DayToggle, Fab, Glyph, TabView
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.pickers import time_picker, time_picker_state

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.deskclock.main import DeskClock


# -- actions -------------------------------------------------------------------------------------------------
def _announce(act: DeskClock, hour: int, minute: int, days: int) -> None:
    now = act.now_ms()
    act.toast(fmt.alarm_set_toast(store.to_ms(store.next_occurrence(hour, minute, days, now)) - now))


def _open_picker(act: DeskClock, alarm: dict[str, Any] | None) -> None:
    if alarm is None:
        now = act.host.clock.now()
        hour, minute = now.hour, now.minute
    else:
        hour, minute = alarm["hour"], alarm["minutes"]
    act.state.update(dialog="time", editing=None if alarm is None else alarm["_id"],
                     picker=time_picker_state(hour, minute, act.is_24h()))


def _close(act: DeskClock) -> None:
    for key in ("dialog", "editing", "picker", "label_text"):
        act.state.pop(key, None)


def _time_set(act: DeskClock, hour: int, minute: int) -> None:
    """OK in the time picker: add the alarm, or move the edited one (which also turns it on, as AOSP does)."""
    editing = act.state.get("editing")
    with act.db() as conn:
        if editing is None:
            alarm_id, days = store.insert_alarm(conn, act.now_ms(), hour, minute), 0
        else:
            store.update_alarm(conn, act.now_ms(), editing, hour=hour, minutes=minute, enabled=1)
            alarm = store.get_alarm(conn, editing)
            alarm_id, days = editing, alarm["daysofweek"] if alarm else 0
    _close(act)
    act.state["expanded"] = alarm_id
    _announce(act, hour, minute, days)


def _set_enabled(act: DeskClock, alarm: dict[str, Any], enabled: bool) -> None:
    with act.db() as conn:
        store.update_alarm(conn, act.now_ms(), alarm["_id"], enabled=int(enabled))
    if enabled:
        _announce(act, alarm["hour"], alarm["minutes"], alarm["daysofweek"])


def _toggle_day(act: DeskClock, alarm: dict[str, Any], day: int) -> None:
    with act.db() as conn:
        store.update_alarm(conn, act.now_ms(), alarm["_id"], daysofweek=alarm["daysofweek"] ^ (1 << day))


def _set_vibrate(act: DeskClock, alarm: dict[str, Any], vibrate: bool) -> None:
    with act.db() as conn:
        store.update_alarm(conn, act.now_ms(), alarm["_id"], vibrate=int(vibrate))


def _delete(act: DeskClock, alarm_id: int) -> None:
    with act.db() as conn:
        store.delete_alarm(conn, alarm_id)
    if act.state.get("expanded") == alarm_id:
        act.state.pop("expanded")
    act.toast("Alarm deleted")


def _toggle_expanded(act: DeskClock, alarm_id: int) -> None:
    if act.state.get("expanded") == alarm_id:
        act.state.pop("expanded")
    else:
        act.state["expanded"] = alarm_id


def _open_label(act: DeskClock, alarm: dict[str, Any]) -> None:
    act.state.update(dialog="label", editing=alarm["_id"], label_text=alarm["label"])


def _save_label(act: DeskClock) -> None:
    with act.db() as conn:
        label = act.state.get("label_text", "").strip()
        store.update_alarm(conn, act.now_ms(), act.state["editing"], label=label)
    _close(act)


# -- views ---------------------------------------------------------------------------------------------------
def _summary(alarm: dict[str, Any], now_ms: int) -> str:
    if alarm["daysofweek"]:
        return fmt.repeat_summary(alarm["daysofweek"])
    if not alarm["enabled"]:
        return "Not scheduled"
    when = store.next_occurrence(alarm["hour"], alarm["minutes"], 0, now_ms)
    return "Today" if when.date() == store.from_ms(now_ms).date() else "Tomorrow"


def _expanded_part(act: DeskClock, alarm: dict[str, Any]) -> list[v.View]:
    days = v.LinearLayout(id="repeat_days", vertical=False, align_center=True, height=52, children=[
        DayToggle(id=f"day_button_{i}", text=fmt.DAY_NAMES[day][0], desc=fmt.DAY_NAMES[day],
                  is_checked=bool(alarm["daysofweek"] & (1 << day)),
                  on_change=v.ignoring_value(partial(_toggle_day, act, alarm, day)))
        for i, day in enumerate(fmt.WEEK_ORDER)])
    label = v.TextView(id="edit_label", text=alarm["label"] or "Add label", size=16, padding=8,
                       color="text" if alarm["label"] else "text_secondary",
                       on_click=lambda: _open_label(act, alarm))
    vibrate = v.CheckBox(id="vibrate_onoff", text="Vibrate", is_checked=bool(alarm["vibrate"]),
                         on_change=lambda c: _set_vibrate(act, alarm, c))
    bottom = v.LinearLayout(vertical=False, align_center=True, height=52, children=[
        v.Button(id="delete", text="Delete", style="text", width=112,
                 on_click=lambda: _delete(act, alarm["_id"])),
        v.View(),
        Glyph(id="arrow", icon="expand_less", desc="Collapse alarm",
              on_click=lambda: _toggle_expanded(act, alarm["_id"])),
    ])
    return [days, label, vibrate, bottom]


def _card(act: DeskClock, alarm: dict[str, Any], now_ms: int) -> v.View:
    expanded = act.state.get("expanded") == alarm["_id"]
    children: list[v.View] = []
    if alarm["label"] and not expanded:
        children.append(v.TextView(id="label", text=alarm["label"], size=14, color="text_secondary",
                                   max_lines=1))
    children.append(v.LinearLayout(vertical=False, align_center=True, height=72, children=[
        v.TextView(id="digital_clock", text=fmt.alarm_time(alarm["hour"], alarm["minutes"], act.is_24h()),
                   size=40, color="text" if alarm["enabled"] else "text_secondary", weight=3,
                   on_click=lambda: _open_picker(act, alarm)),
        v.Switch(id="onoff", is_checked=bool(alarm["enabled"]), width=80,
                 on_change=lambda c: _set_enabled(act, alarm, c)),
    ]))
    if expanded:
        children.extend(_expanded_part(act, alarm))
    else:
        children.append(v.LinearLayout(vertical=False, align_center=True, height=48, children=[
            v.TextView(id="days_of_week", text=_summary(alarm, now_ms), size=14, color="text_secondary"),
            Glyph(id="arrow", icon="expand_more", desc="Expand alarm",
                  on_click=lambda: _toggle_expanded(act, alarm["_id"])),
        ]))
    card = v.ViewGroup(id="alarm_item", bg="surface_variant", padding=12, spacing=2, children=children,
                       on_click=lambda: _toggle_expanded(act, alarm["_id"]),
                       on_long_click=lambda: _delete(act, alarm["_id"]))
    return v.LinearLayout(padding=6, children=[card])


def build(act: DeskClock) -> TabView:
    with act.db() as conn:
        alarms = store.list_alarms(conn)
    now = act.now_ms()
    fab = Fab(id="fab", icon="add", desc="Add alarm", on_click=lambda: _open_picker(act, None))
    if not alarms:
        empty = v.LinearLayout(id="alarms_empty_view", padding=48, children=[
            v.View(height=120),
            v.TextView(text="No alarms", size=18, color="text_secondary", align="center")])
        return empty, (None, fab, None)
    cards = [_card(act, alarm, now) for alarm in alarms]
    return v.RecyclerView(id="alarm_recycler_view", children=cards), (None, fab, None)


def dialog(act: DeskClock) -> v.Dialog | None:
    kind = act.state.get("dialog")
    if kind == "time" and isinstance(act.state.get("picker"), dict):
        return time_picker(act.state["picker"], lambda h, m: _time_set(act, h, m), lambda: _close(act),
                           is_24h=act.is_24h())
    if kind == "label" and act.state.get("editing") is not None:
        return _label_dialog(act)
    return None


def _label_dialog(act: DeskClock) -> v.Dialog:
    def typed(text: str) -> None:
        act.state["label_text"] = text

    return v.Dialog(id="label_dialog", on_dismiss=lambda: _close(act), children=[
        v.TextView(id="android:id/alertTitle", text="Label", size=22),
        v.EditText(id="label_input_field", text=act.state.get("label_text", ""), hint="Label",
                   on_change=typed, on_submit=lambda: _save_label(act)),
        v.LinearLayout(vertical=False, align_center=True, height=52, children=[
            v.View(),
            v.Button(id="android:id/button2", text="Cancel", style="text", width=96,
                     on_click=lambda: _close(act)),
            v.Button(id="android:id/button1", text="OK", style="text", width=72,
                     on_click=lambda: _save_label(act)),
        ]),
    ])
