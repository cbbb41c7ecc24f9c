"""TasksApp: package declaration, seed API and a read-only content provider."""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.tasks import store
from droidpilot.emulator.virtual.apps.tasks.editor import TaskEditActivity
from droidpilot.emulator.virtual.apps.tasks.task_list import TaskListActivity

AUTHORITY = "net.droidpilot.tasks"
# A fresh phone's few tasks: (title, notes, days from today or None, priority 1-3 or None).
_SEED_TASKS = (("Water plants", "Check the soil first; the succulents only need a little.", 0, 3),
               ("Call Grandma", "", 1, 2), ("Renew driver's license", "Check the DMV website.", 5, 1),
               ("Back up computer files", "", None, None),
               ("Plan weekend groceries", "Milk, eggs, bread.", 2, None))


class TasksApp(App):
    PACKAGE: ClassVar[str] = "net.droidpilot.tasks"
    LABEL: ClassVar[str] = "Tasks"
    ICON: ClassVar[str] = "check"
    COLOR: ClassVar[str] = "blue"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (TaskListActivity, TaskEditActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = TaskListActivity
    DATABASE: ClassVar[str] = "database"
    SCHEMA: ClassVar[str] = store.SCHEMA
    CONTENT_AUTHORITIES: ClassVar[tuple[str, ...]] = (AUTHORITY,)

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def insert_task(self, title: str, notes: str = "", due: date | datetime | None = None,
                    priority: int | str | None = None, completed: bool | datetime = False,
                    list_name: str | None = None, importance: int | None = None) -> int:
        """Add a task; returns its `_id`.

        `due`: a `date` (date-only, stored at noon with 0 seconds) or a `datetime` (stored with seconds = 1).
        `priority`: 1 high, 2 medium, 3 low, None no priority (or "high"/"medium"/"low"/"none"); `importance`
        (Tasks.org's 0 high .. 3 none) overrides it. `completed`: True (now) or the completion time.
        `list_name`: the list to put it in, created if missing.
        """
        now = self.host.clock.now()
        tz = now.tzinfo
        assert tz is not None
        due_ms = 0
        if isinstance(due, datetime):
            due_ms = store.due_for_datetime(due, tz)
        elif isinstance(due, date):
            due_ms = store.due_for_date(due, tz)
        done_ms = int(completed.timestamp() * 1000) if isinstance(completed, datetime) else (
            self.host.clock.now_ms() if completed else 0)
        value = store.importance_of(priority) if importance is None else importance
        with self.db() as conn:
            list_id = None
            if list_name is not None:
                list_id = store.list_named(conn, list_name) or store.insert_list(conn, list_name)
            return store.insert_task(conn, self.host.clock.now_ms(), title, notes, value, due_ms, done_ms,
                                     list_id)

    def insert_list(self, name: str, color: int = 0) -> int:
        """Add a list (`color`: an ARGB int, 0 = none); returns its `cdl_id`."""
        with self.db() as conn:
            return store.insert_list(conn, name, color)

    def tasks(self, include_deleted: bool = False) -> list[dict[str, Any]]:
        """Every task by `_id`: all `tasks` columns plus `list_id` / `list_name` (None when in no list)."""
        with self.db() as conn:
            return store.all_tasks(conn, include_deleted)

    def lists(self) -> list[dict[str, Any]]:
        """Every list by name: `id`, `name`, `color`, `uuid`."""
        with self.db() as conn:
            return store.all_lists(conn)

    def clear(self) -> None:
        """Delete every task and list."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        today = self.host.clock.now().date()
        for title, notes, days, priority in rng.sample(_SEED_TASKS, 3):
            due = None if days is None else date.fromordinal(today.toordinal() + days)
            self.insert_task(title, notes, due, priority)

    # -- content provider -----------------------------------------------------------------------------------
    def content_query(self, uri: str) -> list[dict[str, Any]] | None:
        """`content://net.droidpilot.tasks/tasks` (not deleted; `/ID` for one) and `.../lists`."""
        rest = uri.removeprefix("content://").partition("?")[0].rstrip("/")
        authority, _, path = rest.partition("/")
        if authority != AUTHORITY:
            return None
        head, _, tail = path.partition("/")
        if head == "lists" and not tail:
            return self.lists()
        if head != "tasks" or (tail and not tail.isdigit()):
            return None
        rows = [_provider_row(t) for t in self.tasks()]
        return [r for r in rows if r["_id"] == int(tail)] if tail else rows


def _provider_row(task: dict[str, Any]) -> dict[str, Any]:
    keys = ("_id", "title", "importance", "dueDate", "completed", "notes", "created", "modified", "list_id",
            "list_name")
    return {k: task[k] for k in keys}
