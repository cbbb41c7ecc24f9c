"""Text formats of the Clock app (AOSP DeskClock strings): alarm times, timer and stopwatch readouts."""

from __future__ import annotations

from datetime import datetime

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""Indexed like `datetime.weekday()` and like the bits of `daysofweek` (Monday = bit 0, Sunday = bit 6)."""
WEEK_ORDER = (6, 0, 1, 2, 3, 4, 5)
"""The order the day buttons show in (a US locale starts the week on Sunday)."""
EVERY_DAY = 0x7F


def alarm_time(hour: int, minute: int, is_24h: bool) -> str:
    """`7:30 AM`, or `07:30` on a 24-hour phone."""
    if is_24h:
        return f"{hour:02d}:{minute:02d}"
    return f"{hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def long_date(when: datetime) -> str:
    return f"{when:%a}, {when:%b} {when.day}"


def repeat_summary(days: int) -> str:
    """The collapsed row's repeat text: `Every day` or `Mon, Wed, Fri` in week order."""
    if days & EVERY_DAY == EVERY_DAY:
        return "Every day"
    return ", ".join(DAY_NAMES[d][:3] for d in WEEK_ORDER if days & (1 << d))


def stopwatch_text(ms: int) -> str:
    """`0:01.50`, `1:05.20`, `1:02:03.45` (hundredths after the point)."""
    ms = max(0, ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, rest = divmod(rest, 1000)
    hundredths = rest // 10
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"
    return f"{minutes}:{seconds:02d}.{hundredths:02d}"


def timer_text(ms: int) -> str:
    """A running timer's remaining time rounded up to the second (`1:30`, `0:29`); expired timers count up
    with a minus sign (`-0:05`), as TimerTextController shows them."""
    negative = ms < 0
    seconds = (-ms) // 1000 if negative else (ms + 999) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return "-" + text if negative else text


def setup_parts(digits: str) -> tuple[int, int, int]:
    """The keypad's digits, entered right-to-left, as (hours, minutes, seconds); minutes and seconds may
    exceed 59 (`90` seconds is a valid entry, as in the real app)."""
    padded = digits.rjust(6, "0")[-6:]
    return int(padded[0:2]), int(padded[2:4]), int(padded[4:6])


def setup_text(digits: str) -> str:
    hours, minutes, seconds = setup_parts(digits)
    return f"{hours:02d}h {minutes:02d}m {seconds:02d}s"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def setup_description(digits: str) -> str:
    hours, minutes, seconds = setup_parts(digits)
    return f"{_plural(hours, 'hour')}, {_plural(minutes, 'minute')}, {_plural(seconds, 'second')}"


def setup_length_ms(digits: str) -> int:
    hours, minutes, seconds = setup_parts(digits)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


def alarm_set_toast(delta_ms: int) -> str:
    """AOSP's "Alarm set for 22 hours and 30 minutes from now." toast."""
    minutes_total = -(-delta_ms // 60_000)  # rounded up, as AlarmUtils does
    days, rest = divmod(minutes_total, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [_plural(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n]
    if not parts:
        return "Alarm set for less than 1 minute from now."
    text = f"{parts[0]}, {parts[1]}, and {parts[2]}" if len(parts) == 3 else " and ".join(parts)
    return f"Alarm set for {text} from now."
