"""Tasks (net.droidpilot.tasks), like Tasks.org (org.tasks), the to-do app AndroidWorld's Tasks tasks use.

Screens:
- `com.todoroo.astrid.activity.MainActivity` (launcher): toolbar (`toolbar`, title `toolbar_title` = the
  filter or list name) with "Open navigation drawer", `menu_search` "Search" (turns the toolbar into the
  EditText `search_src_text`: tasks whose title or notes contain the text, completed ones too; "Collapse" /
  Back leaves) and "More options" (CheckBoxes `show_completed` "Show completed", `show_hidden` "Show hidden";
  "Edit list" when a list is shown). The RecyclerView `recycler_view` groups tasks under `header`s (Overdue,
  Today, Tomorrow, `Sat, Oct 17`, No due date; completion days in Completed). A row (`row`) has the CheckBox
  `completeBox` (tap: complete / un-complete; its colour is the priority), `title` (struck through when done),
  `description` (first notes line) and chips `due_date` (Today / Tomorrow / `Oct 20`, `, 2:30 PM` with a time;
  red when overdue) and `chip_list`. FAB `fab` "Create new task". "No tasks" (`empty`) when nothing matches.
  The drawer (hamburger or a swipe right; Back, the `scrim` or a swipe left closes it) lists `drawer_item`s
  with `count`s: My Tasks (active tasks), Today (due today or overdue), Recently modified (last 24 h), High
  priority, Completed; then "Lists" with the user's lists (A-Z) and "New list" (dialog: `name` "Name", colour
  swatches `color`, Cancel / Create; a blank or taken name shows `name_error`). "Edit list" opens the same
  dialog (Save, "Delete list" -> "Delete list?" -> Delete, which deletes its tasks too).
- `com.todoroo.astrid.activity.TaskEditActivity` (extra `task_id`, or a new task preset by `list_id`,
  `due_today`, `importance`; the FAB presets the shown list, Today's date or High priority): `save` "Save",
  "More options" -> "Delete" ("Delete this task?" Cancel / Delete) or "Discard changes"; `completeBox`;
  EditText `title` "Task name"; `due_date` row (date picker; `clear_due_date`), then `due_time` row (time
  picker; `clear_due_time`); RadioButtons `priority_high` / `priority_medium` / `priority_low` /
  `priority_none` (content-descs "High priority", "Medium priority", "Low priority", "No priority"); multiline
  `notes` "Description"; `list` row (dialog of RadioButtons `list_option`, "No list" first). Back saves, like
  Save; a new task with a blank title is dropped.

Database `databases/database` (Tasks.org's name and columns):
- `tasks`: `_id`, `title`, `importance` (priority: 0 high, 1 medium, 2 low, 3 none; the issue's priority 1-3
  is importance + 1), `dueDate` (ms; 0 = none; a date-only due date is noon local time with 0 seconds, a
  date-time has seconds = 1, so `dueDate % 60000 > 0` means "has a time"), `hideUntil` (ms start date; tasks
  whose start is in the future are hidden unless "Show hidden"), `created`, `modified` (ms), `completed` (ms;
  0 = not done), `deleted` (ms; 0 = not; deleting sets it, and such rows are hidden everywhere), `notes` (NULL
  when empty), `parent`, `remoteId`, and Tasks.org's other columns (`estimatedSeconds`, `elapsedSeconds`,
  `timerStart`, `notificationFlags`, `lastNotified`, `recurrence`, `repeat_from`, `calendarUri`, `collapsed`,
  `order`, `read_only`), so AndroidWorld's `sqlite_schema_utils.Task` rows insert as they are.
- `caldav_lists`: `cdl_id`, `cdl_account` ("local"), `cdl_uuid`, `cdl_name`, `cdl_color` (signed ARGB int, 0 =
  none), ...; the view `lists(id, name, color)` reads it.
- `caldav_tasks`: list membership, `cd_task` = `tasks._id`, `cd_calendar` = `caldav_lists.cdl_uuid` (at most
  one row per task; a task without one is in no list).
The device time zone is UTC (the virtual clock). AndroidWorld's questions read straight from `tasks`: due on
a date (`dueDate` within that day), high priority (`importance = 0`), completed on a date (`completed` within
that day), incomplete (`completed = 0`), due next week; always with `deleted = 0`.

Content provider (read-only): `content://net.droidpilot.tasks/tasks` (`/ID` for one): `_id`, `title`,
`importance`, `dueDate`, `completed`, `notes`, `created`, `modified`, `list_id`, `list_name` (not deleted);
`content://net.droidpilot.tasks/lists`: `id`, `name`, `color`, `uuid`.

Seed API on `TasksApp`: `insert_task(title, notes="", due=None (date | datetime), priority=None (1 high, 2
medium, 3 low), completed=False (or the completion datetime), list_name=None, importance=None) -> int`,
`insert_list(name, color=0) -> int`, `tasks(include_deleted=False) -> list[dict]`, `lists() -> list[dict]`,
`clear()`.
"""

from droidpilot.emulator.virtual.apps.tasks.app import TasksApp

__all__ = ["TasksApp"]
