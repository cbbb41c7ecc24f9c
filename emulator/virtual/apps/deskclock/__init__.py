"""Clock (com.android.deskclock), like AOSP DeskClock on Android 14: Alarm, Clock, Timer, Stopwatch tabs.

AlarmClock intents: SHOW_ALARMS / SHOW_TIMERS open a tab; SET_ALARM with `android.intent.extra.alarm.HOUR`
(+ `MINUTES`, `MESSAGE`) sets that alarm, and SET_TIMER with `LENGTH` (seconds) starts a timer (`SKIP_UI` is
accepted; the tab shows either way).
"""

from droidpilot.emulator.virtual.apps.deskclock.app import DeskClockApp

__all__ = ["DeskClockApp"]
