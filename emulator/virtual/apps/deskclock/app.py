"""Clock (com.android.deskclock): the app, its seed API, its alarm/timer ticks and its content provider."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App, Intent
from droidpilot.emulator.virtual.apps.deskclock import fmt, store
from droidpilot.emulator.virtual.apps.deskclock.main import INTENT_TABS, DeskClock

AUTHORITY = "com.android.deskclock"
WEEKDAYS = 0x1F
WEEKEND = 0x60


class DeskClockApp(App):
    PACKAGE: ClassVar[str] = "com.android.deskclock"
    LABEL: ClassVar[str] = "Clock"
    ICON: ClassVar[str] = "clock"
    COLOR: ClassVar[str] = "teal"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (DeskClock,)
    LAUNCHER: ClassVar[type[Activity] | None] = DeskClock
    ACTIONS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = tuple((a, DeskClock) for a in INTENT_TABS)
    DATABASE: ClassVar[str] = "alarms.db"
    SCHEMA: ClassVar[str] = store.SCHEMA
    CONTENT_AUTHORITIES: ClassVar[tuple[str, ...]] = (AUTHORITY,)

    def _now(self) -> int:
        return self.host.clock.now_ms()

    def _is_24h(self) -> bool:
        return self.host.settings.get("system", "time_12_24") == "24"

    # -- seed API (tests and benchmark set-up; the UI does its own work) ------------------------------------
    def insert_alarm(self, hour: int, minute: int, enabled: bool = True, label: str = "", days: int = 0,
                     vibrate: bool = True) -> int:
        """Add an alarm at `hour` (0-23):`minute`; `days` is AOSP's bitmask (Monday = 1 ... Sunday = 64,
        0 = rings once). Returns its `_id`."""
        with self.db() as conn:
            return store.insert_alarm(conn, self._now(), hour, minute, enabled, label, days, vibrate)

    def alarms(self) -> list[dict[str, Any]]:
        """Every `alarm_templates` row, by time of day."""
        with self.db() as conn:
            return store.list_alarms(conn)

    def insert_timer(self, length_ms: int, running: bool = False, label: str = "") -> int:
        """Add a timer of `length_ms`, started now if `running` (the Timer tab shows the newest one)."""
        with self.db() as conn:
            return store.start_new_timer(conn, self._now(), length_ms, running, label)

    def timer_state(self) -> dict[str, Any]:
        """The newest timer's row with `remaining_ms` as of now; state `NONE` when there is no timer."""
        with self.db() as conn:
            timer = store.current_timer(conn)
        if timer is None:
            return {"_id": None, "state": "NONE", "length_ms": 0, "remaining_ms": 0, "start_ms": 0,
                    "label": ""}
        return {**timer, "remaining_ms": store.timer_remaining(timer, self._now())}

    def stopwatch_state(self) -> dict[str, Any]:
        """The stopwatch row plus `elapsed_ms` as of now and its `laps` (newest first)."""
        with self.db() as conn:
            watch, laps = store.stopwatch(conn), store.laps(conn)
        return {**watch, "elapsed_ms": store.elapsed(watch, self._now()), "laps": laps}

    def set_stopwatch(self, state: str, start_ms: int = 0, accumulated_ms: int = 0) -> None:
        """Put the stopwatch in `state` (RESET / RUNNING / PAUSED), running since `start_ms` on the virtual clock
        with `accumulated_ms` from earlier runs."""
        with self.db() as conn:
            store.set_stopwatch(conn, state, start_ms, accumulated_ms)

    def clear(self) -> None:
        """Remove all alarms, timers and laps and reset the stopwatch."""
        with self.db() as conn:
            for table in ("alarm_instances", "alarm_templates", "timers", "laps"):
                conn.execute(f"DELETE FROM {table}")
            store.reset_stopwatch(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        """The two disabled alarms AOSP DeskClock creates on first run: 8:30 weekdays, 9:00 weekends."""
        if not self.alarms():
            self.insert_alarm(8, 30, enabled=False, days=WEEKDAYS)
            self.insert_alarm(9, 0, enabled=False, days=WEEKEND)

    # -- ticks ----------------------------------------------------------------------------------------------
    def on_tick(self, now_ms: int) -> None:
        """Ring due alarms and expire finished timers, each with one notification."""
        with self.db() as conn:
            fired = store.fire_due_alarms(conn, now_ms)
            store.sync_instances(conn, now_ms)
            expired = store.expire_due_timers(conn, now_ms)
        alarms, timers = (Intent(package=self.PACKAGE, activity=DeskClock.NAME, extras={"tab": tab})
                          for tab in ("alarm", "timer"))
        for alarm in fired:
            text = fmt.alarm_time(alarm["hour"], alarm["minutes"], self._is_24h())
            if alarm["label"]:
                text = f"{text} · {alarm['label']}"
            self.host.notify(self.PACKAGE, "Alarm", text, alarms, tag=f"alarm:{alarm['_id']}")
        for timer in expired:
            self.host.notify(self.PACKAGE, "Time's up", timer["label"] or "Timer", timers,
                             tag=f"timer:{timer['_id']}")

    # -- content provider -----------------------------------------------------------------------------------
    def content_query(self, uri: str) -> list[dict[str, Any]] | None:
        """`content://com.android.deskclock/alarms` and `/instances` (AOSP ClockProvider paths)."""
        table = {"alarms": "alarm_templates", "instances": "alarm_instances"}.get(_path(uri))
        if table is None:
            return None
        with self.db() as conn:
            return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY _id")]

    def content_insert(self, uri: str, values: dict[str, str]) -> str | None:
        """Insert into `content://com.android.deskclock/alarms` (hour, minutes, enabled, label, daysofweek,
        vibrate); returns the new alarm's URI."""
        if _path(uri) != "alarms":
            return None
        alarm_id = self.insert_alarm(int(values.get("hour", 0)), int(values.get("minutes", 0)),
                                     enabled=values.get("enabled", "1") not in ("0", "false"),
                                     label=values.get("label", ""), days=int(values.get("daysofweek", 0)),
                                     vibrate=values.get("vibrate", "1") not in ("0", "false"))
        return f"content://{AUTHORITY}/alarms/{alarm_id}"


def _path(uri: str) -> str:
    return uri.removeprefix(f"content://{AUTHORITY}").strip("/")
