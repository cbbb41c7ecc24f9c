"""The Stopwatch tab: elapsed time in a ring, Start/Pause FAB, Reset and Lap buttons and the lap list.

The stopwatch is the `stopwatch` row (state, start_ms, accumulated_ms) plus `laps`, so it keeps counting on
the virtual clock while the app is in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.deskclock import fmt, store
from droidpilot.emulator.virtual.apps.deskclock.views import Fab, Glyph, RingText, TabView
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.deskclock.main import DeskClock


def _run(act: DeskClock, action: str) -> None:
    now = act.now_ms()
    with act.db() as conn:
        {"start": lambda: store.start_stopwatch(conn, now), "pause": lambda: store.pause_stopwatch(conn, now),
         "reset": lambda: store.reset_stopwatch(conn), "lap": lambda: store.add_lap(conn, now)}[action]()


def _lap_row(lap: dict[str, Any]) -> v.View:
    return v.ViewGroup(vertical=False, align_center=True, height=48, padding=8, children=[
        v.TextView(id="lap_number", text=f"# {lap['lap_number']}", size=16, color="text_secondary"),
        v.TextView(id="lap_time", text=fmt.stopwatch_text(lap["lap_time_ms"]), size=16, align="center"),
        v.TextView(id="lap_total", text=fmt.stopwatch_text(lap["total_time_ms"]), size=16, align="right",
                   color="text_secondary"),
    ])


def build(act: DeskClock) -> TabView:
    with act.db() as conn:
        watch, laps = store.stopwatch(conn), store.laps(conn)
    state, elapsed = watch["state"], store.elapsed(watch, act.now_ms())
    ring = RingText(id="stopwatch_time_text", text=fmt.stopwatch_text(elapsed), size=44, height=320,
                    progress=(elapsed % 60_000) / 60_000 if state != "RESET" else 0.0)
    children: list[v.View] = [ring]
    if laps:
        children.append(v.RecyclerView(id="laps_list", weight=1, children=[_lap_row(lap) for lap in laps]))
    running = state == "RUNNING"
    fab = Fab(id="fab", icon="pause" if running else "play", desc="Pause" if running else "Start",
              on_click=lambda: _run(act, "pause" if running else "start"))
    reset = Glyph(id="left_button", icon="reset", desc="Reset", width=64, on_click=lambda: _run(act, "reset"))
    lap = Glyph(id="right_button", icon="lap", desc="Lap", width=64, on_click=lambda: _run(act, "lap"))
    controls = (reset if state != "RESET" else None, fab, lap if running else None)
    return v.LinearLayout(id="stopwatch_view", padding=16, spacing=8, children=children), controls
