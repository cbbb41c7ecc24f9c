"""Clock (com.android.deskclock), like AOSP DeskClock on Android 14: Alarm, Clock, Timer, Stopwatch tabs."""

from emulator.virtual.apps.deskclock.app import DeskClockApp

__all__ = ["DeskClockApp"]
