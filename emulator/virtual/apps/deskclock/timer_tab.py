"""The Timer tab: a keypad that fills HH:MM:SS from the right while no timer exists, then the timer itself
(remaining time in a ring, +1:00 / Reset, Delete, and a Start/Pause/Stop FAB).

The keypad's digits are screen state (`timer_digits`); the timer is a `timers` row, so it keeps running, and
expires, after the user leaves the app.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.deskclock import fmt, store
from droidpilot.emulator.virtual.apps.deskclock.views import Fab, Glyph, RingText, TabView
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.deskclock.main import DeskClock

MAX_DIGITS = 6
KEYPAD_ROWS = ("123", "456", "789", " 0 ")


# -- keypad --------------------------------------------------------------------------------------------------
def _digits(act: DeskClock) -> str:
    return str(act.state.get("timer_digits", ""))


def _press(act: DeskClock, digit: str) -> None:
    digits = _digits(act)
    if len(digits) >= MAX_DIGITS or (not digits and digit == "0"):
        return  # leading zeros change nothing, and the display holds six digits
    act.state["timer_digits"] = digits + digit


def _backspace(act: DeskClock) -> None:
    act.state["timer_digits"] = _digits(act)[:-1]


def _start_new(act: DeskClock) -> None:
    length = fmt.setup_length_ms(_digits(act))
    if length <= 0:
        return
    with act.db() as conn:
        store.start_new_timer(conn, act.now_ms(), length)
    act.state["timer_digits"] = ""


def _keypad(act: DeskClock) -> TabView:
    digits = _digits(act)
    display = v.LinearLayout(vertical=False, align_center=True, height=96, padding=8, children=[
        v.View(width=48),
        v.TextView(id="timer_setup_time", text=fmt.setup_text(digits), desc=fmt.setup_description(digits),
                   size=36, align="center", color="text" if digits else "text_secondary"),
        Glyph(id="timer_setup_delete", icon="backspace", desc="Delete", enabled=bool(digits),
              on_click=lambda: _backspace(act), on_long_click=lambda: act.state.update(timer_digits="")),
    ])
    rows: list[v.View] = [display, v.View(height=1, bg="outline")]
    for keys in KEYPAD_ROWS:
        cells: list[v.View] = [
            v.View() if key == " " else
            v.Button(id=f"timer_setup_digit_{key}", text=key, style="text", size=30, height=80,
                     on_click=partial(_press, act, key))
            for key in keys]
        rows.append(v.LinearLayout(vertical=False, height=84, padding=2, children=cells))
    fab = Fab(id="fab", icon="play", desc="Start", on_click=lambda: _start_new(act)) if digits else None
    return v.LinearLayout(id="timer_setup", padding=16, spacing=4, children=rows), (None, fab, None)


# -- the timer -----------------------------------------------------------------------------------------------
def _act_on(act: DeskClock, timer: dict[str, Any], action: str) -> None:
    now = act.now_ms()
    with act.db() as conn:
        if action == "pause":
            store.pause_timer(conn, timer, now)
        elif action == "start":
            store.resume_timer(conn, timer, now)
        elif action == "reset":
            store.reset_timer(conn, timer)
        elif action == "add":
            store.add_minute(conn, timer, now)
        elif action == "delete":
            store.delete_timer(conn, timer["_id"])


def _fab(act: DeskClock, timer: dict[str, Any]) -> v.View:
    icon, desc, action = {"RUNNING": ("pause", "Pause", "pause"), "EXPIRED": ("stop", "Stop", "reset")}.get(
        timer["state"], ("play", "Start", "start"))
    return Fab(id="fab", icon=icon, desc=desc, on_click=lambda: _act_on(act, timer, action))


def _reset_add(act: DeskClock, timer: dict[str, Any]) -> v.View:
    if timer["state"] in ("RUNNING", "EXPIRED"):
        text, desc, action = "+1:00", "Add 1 minute", "add"
    elif timer["state"] == "PAUSED":
        text, desc, action = "Reset", "Reset", "reset"
    else:
        return v.View(height=48)
    return v.Button(id="reset_add", text=text, desc=desc, style="tonal", width=128,
                    on_click=lambda: _act_on(act, timer, action))


def _timer_view(act: DeskClock, timer: dict[str, Any]) -> TabView:
    remaining = store.timer_remaining(timer, act.now_ms())
    progress = max(0, remaining) / max(1, timer["length_ms"])
    expired = timer["state"] == "EXPIRED"
    ring = RingText(id="timer_time_text", text=fmt.timer_text(remaining), progress=progress, height=340)
    title = "Time's up" if expired else (timer["label"] or "Timer")
    label = v.TextView(id="timer_label", text=title, size=16,
                       align="center", color="error" if expired else "text_secondary")
    buttons = v.LinearLayout(vertical=False, height=56, children=[v.View(), _reset_add(act, timer), v.View()])
    body = v.LinearLayout(id="timer_view", padding=16, spacing=8, children=[label, ring, buttons])
    delete = Glyph(id="left_button", icon="delete", desc="Delete", width=64,
                   on_click=lambda: _act_on(act, timer, "delete"))
    return body, (delete, _fab(act, timer), None)


def build(act: DeskClock) -> TabView:
    with act.db() as conn:
        timer = store.current_timer(conn)
    return _keypad(act) if timer is None else _timer_view(act, timer)
