"""Text formats of the Calendar app, as Simple Calendar Pro's `Formatter` writes them (English strings)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from droidpilot.emulator.virtual.apps.calendar.recurrence import DAY, MONTH, WEEK, YEAR, Occurrence, to_date

REMINDER_CHOICES = (-1, 0, 10, 60, 1440)
"""Minutes before the start; -1 is no reminder (REMINDER_OFF)."""
REPEAT_CHOICES = (0, DAY, WEEK, MONTH, YEAR)


def stamp(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


def time_of(ts: int, is_24h: bool) -> str:
    """`09:00 AM` (the app's `hh:mm a`) or `09:00` on a 24-hour phone."""
    return stamp(ts).strftime("%H:%M" if is_24h else "%I:%M %p")


def date_of(day: date, today: date) -> str:
    """`October 15`, with the year when it is not this year: `January 3 2027`."""
    text = f"{day:%B} {day.day}"
    return text if day.year == today.year else f"{text} {day.year}"


def day_title(day: date, today: date) -> str:
    """The day view's and list sections' title: `October 15 (Thu)`."""
    return f"{date_of(day, today)} ({day:%a})"


def month_title(year: int, month: int, today: date) -> str:
    """`October`, or `October 2027` for another year."""
    name = date(year, month, 1).strftime("%B")
    return name if year == today.year else f"{name} {year}"


def time_range(occurrence: Occurrence, is_24h: bool) -> str:
    """`09:00 AM - 10:00 AM`, `09:00 AM` for a zero-length event, `All-day` for all-day ones."""
    if occurrence.all_day:
        return "All-day"
    start = time_of(occurrence.start, is_24h)
    if occurrence.end <= occurrence.start:
        return start
    return f"{start} - {time_of(occurrence.end, is_24h)}"


def notification_text(occurrence: Occurrence, today: date, is_24h: bool) -> str:
    """A reminder's text: the time range, after the date when the occurrence is not today."""
    when = time_range(occurrence, is_24h)
    day = to_date(occurrence.start)
    return when if day == today else f"{day_title(day, today)} {when}"


def reminder_label(minutes: int) -> str:
    if minutes < 0:
        return "No reminder"
    if minutes == 0:
        return "At start"
    for unit, size in (("day", 1440), ("hour", 60), ("minute", 1)):
        if minutes % size == 0:
            count = minutes // size
            return f"{count} {unit}{'s' if count != 1 else ''} before"
    return f"{minutes} minutes before"


def repeat_label(interval: int) -> str:
    """`No repetition`, `Daily`, `Weekly`, `Monthly`, `Yearly`, or `Every 2 weeks` and the like."""
    if interval <= 0:
        return "No repetition"
    units = (("year", YEAR, "Yearly"), ("month", MONTH, "Monthly"), ("week", WEEK, "Weekly"),
             ("day", DAY, "Daily"))
    for unit, size, single in units:
        if interval % size == 0:
            count = interval // size
            return single if count == 1 else f"Every {count} {unit}s"
    return f"Every {interval // 3600} hours" if interval % 3600 == 0 else f"Every {interval} seconds"
