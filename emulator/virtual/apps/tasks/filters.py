"""The built-in filters, search, due-date grouping and the date texts the Tasks screens show.

Pure functions over the task dicts `store.all_tasks` returns, so they are easy to test and reuse.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from droidpilot.emulator.virtual.apps.tasks import store

Task = dict[str, Any]

MY_TASKS, TODAY, RECENT, HIGH, COMPLETED = "my_tasks", "today", "recent", "high", "completed"
FILTER_TITLES = {MY_TASKS: "My Tasks", TODAY: "Today", RECENT: "Recently modified", HIGH: "High priority",
                 COMPLETED: "Completed"}
LIST_PREFIX = "list:"
RECENT_MS = 24 * 3600 * 1000  # Tasks.org's "Recently modified" covers the last day


def list_key(list_id: int) -> str:
    return f"{LIST_PREFIX}{list_id}"


def list_of(key: str) -> int | None:
    """The list id a filter key names (`list:3`), or None for a built-in filter."""
    tail = key.removeprefix(LIST_PREFIX)
    return int(tail) if key.startswith(LIST_PREFIX) and tail.isdigit() else None


def _active(task: Task, now_ms: int, show_completed: bool, show_hidden: bool) -> bool:
    """Tasks.org's "active and visible": not completed, and not waiting for a start date in the future."""
    if task["completed"] and not show_completed:
        return False
    return show_hidden or task["hideUntil"] <= now_ms


def _end_of_day(now: datetime) -> int:
    end = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=now.tzinfo)
    return int(end.timestamp() * 1000) - 1


def _sort_key(task: Task) -> tuple[int, int, int, str, int]:
    """Due date first (undated last), then priority, as Tasks.org's automatic sort roughly does."""
    due = task["dueDate"]
    return (1 if not due else 0, due, task["importance"], task["title"].casefold(), task["_id"])


def apply(tasks: list[Task], key: str, now: datetime, show_completed: bool = False,
          show_hidden: bool = False) -> list[Task]:
    """The tasks a filter (or list) shows, in display order."""
    now_ms = int(now.timestamp() * 1000)
    if key == COMPLETED:
        done = [t for t in tasks if t["completed"]]
        return sorted(done, key=lambda t: (-t["completed"], t["_id"]))
    if key == RECENT:
        recent = [t for t in tasks if t["modified"] > now_ms - RECENT_MS]
        return sorted(recent, key=lambda t: (-t["modified"], t["_id"]))
    shown = [t for t in tasks if _active(t, now_ms, show_completed, show_hidden)]
    if key == TODAY:
        shown = [t for t in shown if 0 < t["dueDate"] <= _end_of_day(now)]
    elif key == HIGH:
        shown = [t for t in shown if t["importance"] == store.HIGH]
    elif list_of(key) is not None:
        shown = [t for t in shown if t["list_id"] == list_of(key)]
    return sorted(shown, key=lambda t: (1 if t["completed"] else 0, *_sort_key(t)))


def search(tasks: list[Task], query: str) -> list[Task]:
    """Tasks whose title or notes contain `query` (case-insensitive), completed ones too."""
    q = query.strip().casefold()
    found = [t for t in tasks if q in t["title"].casefold() or q in t["notes"].casefold()]
    return sorted(found, key=lambda t: (1 if t["completed"] else 0, *_sort_key(t)))


def _local(ms: int, now: datetime) -> datetime:
    """`ms` in the device's time zone (the one `now`, from the virtual clock, carries)."""
    return store.to_local(ms, now.tzinfo or UTC)


# -- grouping ------------------------------------------------------------------------------------------------
def _day_header(day: date, today: date) -> str:
    if day == today:
        return "Today"
    if day == today + timedelta(days=1):
        return "Tomorrow"
    if day == today - timedelta(days=1):
        return "Yesterday"
    return short_date(day, today, weekday=True)


def _due_header(task: Task, now: datetime) -> str:
    if task["completed"]:
        return "Completed"
    if not task["dueDate"]:
        return "No due date"
    day = _local(task["dueDate"], now).date()
    return "Overdue" if day < now.date() else _day_header(day, now.date())


def grouped(tasks: list[Task], key: str, now: datetime) -> list[tuple[str, list[Task]]]:
    """Consecutive runs of tasks under their headers: due-date groups, or completion days for Completed."""
    groups: list[tuple[str, list[Task]]] = []
    for task in tasks:
        if key == RECENT:
            header = ""
        elif key == COMPLETED:
            header = _day_header(_local(task["completed"], now).date(), now.date())
        else:
            header = _due_header(task, now)
        if groups and groups[-1][0] == header:
            groups[-1][1].append(task)
        else:
            groups.append((header, [task]))
    return groups


# -- texts ---------------------------------------------------------------------------------------------------
def short_date(day: date, today: date, weekday: bool = False) -> str:
    """`Oct 20` (or `Tue, Oct 20`), with the year when it is not this year."""
    text = f"{day:%b} {day.day}"
    if weekday:
        text = f"{day:%a}, {text}"
    return text if day.year == today.year else f"{text}, {day.year}"


def clock_text(when: datetime, is_24h: bool) -> str:
    if is_24h:
        return f"{when:%H:%M}"
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def due_chip(due_ms: int, now: datetime, is_24h: bool = False) -> str:
    """The row's due-date chip: Today / Tomorrow / Yesterday / `Oct 20`, plus the time when it has one."""
    due = _local(due_ms, now)
    today = now.date()
    names = {today: "Today", today + timedelta(days=1): "Tomorrow", today - timedelta(days=1): "Yesterday"}
    text = names.get(due.date()) or short_date(due.date(), today)
    return f"{text}, {clock_text(due, is_24h)}" if store.has_due_time(due_ms) else text


def is_overdue(due_ms: int, now: datetime) -> bool:
    if not due_ms:
        return False
    due = _local(due_ms, now)
    return due < now if store.has_due_time(due_ms) else due.date() < now.date()


def long_date(ms: int, now: datetime, is_24h: bool = False, with_time: bool = True) -> str:
    """`Thu, Oct 15, 2026` (the editor's due date), optionally with `, 9:00 AM`."""
    when = _local(ms, now)
    text = f"{when:%a}, {when:%b} {when.day}, {when.year}"
    return f"{text}, {clock_text(when, is_24h)}" if with_time else text
