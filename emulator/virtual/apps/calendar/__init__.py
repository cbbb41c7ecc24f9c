"""Calendar (com.android.calendar), behaving like Simple Calendar Pro 6.x, the calendar AndroidWorld uses.

Screens:
- `.activities.MainActivity` (launcher): the search bar `top_app_bar_layout` (search icon
  `top_toolbar_search_icon` "Search", EditText `top_toolbar_search` hint "Search", ImageButtons `go_to_today`
  "Go to today" and `change_view` "Change view"; the latter opens a radio dialog "Daily view" / "Monthly view"
  / "Simple event list"), the chosen view, and the FAB `calendar_fab` "New event". Views:
  - Monthly (default): `top_left_arrow` "Previous month", `top_value` ("October", "January 2027"; tapping it
    opens a "Go to date" date picker), `top_right_arrow` "Next month"; weekday letters (Sunday first); six
    weeks of clickable cells `month_day` (content-desc "October 15") holding `day_monthly_number_id` (selected
    for today, dimmed for other months) and up to four event titles `day_monthly_event_id`. Swipe left/right
    changes the month. Tapping a day opens the daily view of that day; Back returns to the month.
  - Daily: `top_left_arrow` "Previous day", `top_value` "October 15 (Thu)", `top_right_arrow` "Next day";
    RecyclerView `day_events` of event rows, or "No events". The FAB creates an event on that day.
  - Simple event list (agenda): RecyclerView `calendar_events_list` of occurrences from a day ago to a year
    ahead in time order, under `event_section_title` day headers ("October 15 (Thu)"); empty:
    "No upcoming events found.".
  Event rows (`event_item_holder`): `event_item_title`, `event_item_time` ("09:00 AM - 10:00 AM", "All-day";
  24-hour "09:00" when `system time_12_24` is 24), `event_item_description` (location, else description).
  Search (typing in `top_toolbar_search`, two characters or more) lists matching events (title, location or
  description) in RecyclerView `search_results_list`; "Navigate up" or Back leaves it.
- `.activities.EventActivity` (extra `event_id` and optional `event_occurrence_ts` edit; else creates, on
  extra `day` (ISO date) or today, at the next full hour, ending when it starts, reminder 10 minutes before,
  as the real app's defaults): toolbar "Navigate up", `action_bar_title` "New Event" / "Edit Event", `delete`
  "Delete" (editing only), `save` "Save" (checkmark). EditTexts `event_title` ("Title"), `event_location`,
  `event_description`; Switch `event_all_day` "All-day"; `event_start_date`, `event_start_time`,
  `event_end_date`, `event_end_time` open the shared date/time pickers (moving the start moves the end with
  it); `event_reminder_1` opens a radio dialog (No reminder, At start, 10 minutes before, 1 hour before, 1 day
  before); `event_repetition` another (No repetition, Daily, Weekly, Monthly, Yearly; a repeating event shows
  `event_repetition_limit` "Forever"). Save toasts "Title cannot be empty" or "The event cannot end earlier
  than it starts", else writes the row, toasts "Event added successfully" / "Event updated successfully" and
  closes. Back with changes asks "You have unsaved changes. Save before exiting?" (Discard / Save). Delete
  asks "Are you sure you want to proceed with the deletion?" (No / Yes); for a repeating event with radio
  buttons `delete_event_one_only` (default; adds the day to `repetition_exceptions`), `delete_event_future`
  (sets `repeat_limit`), `delete_event_all`. Edits of a repeating event apply to the whole series.
- Intents: VIEW `content://com.android.calendar/time/MILLIS` opens that day; VIEW
  `content://com.android.calendar/events/ID` opens the event; INSERT (data `content://com.android.calendar/events`)
  opens a new event prefilled from CalendarContract extras `title`, `description`, `eventLocation`,
  `beginTime`, `endTime` (ms), `allDay`.
- Reminders: `on_tick` posts a notification (title = event title, text = its time, e.g. "09:30 AM - 10:00 AM",
  after the day when it is not today) when a reminder time (`reminder_1/2/3_minutes` before an occurrence)
  passes, once per occurrence. Tapping it starts EventActivity with extras `event_id`, `event_occurrence_ts`.

Database `databases/events.db` (Simple Calendar Pro's Room schema; what AndroidWorld reads from
`/data/data/com.simplemobiletools.calendar.pro/databases/events.db` with `SELECT * FROM events`):
- `events(id INTEGER PK AUTOINCREMENT, start_ts, end_ts (epoch seconds, UTC), title, location, description,
  reminder_1_minutes, reminder_2_minutes, reminder_3_minutes (-1 = none, 0 = at start), reminder_1_type,
  reminder_2_type, reminder_3_type (0 = notification), repeat_interval (seconds: 0 none, 86400 daily, 604800
  weekly, 2592001 monthly, 31536000 yearly, or multiples), repeat_rule (weekly: weekday bitmask Mon=1 ...
  Sun=64; monthly/yearly: 1 = same day), repeat_limit (0 forever, an end time in seconds, or -count),
  repetition_exceptions (JSON list of "YYYYMMDD"), attendees, import_id, time_zone ("UTC"), flags (1 =
  all-day), event_type (1 = "Regular event"), parent_id, last_updated (ms), source ("simple-calendar"),
  availability, color, type (0 = event))`. All columns have defaults, so a partial INSERT works. An all-day
  event runs from its first day's midnight to its last day's midnight. Duration = end_ts - start_ts.
- `event_types(id, title, color, caldav_calendar_id, caldav_display_name, caldav_email, type)`: row 1 "Regular
  event".

Seed API on `CalendarApp`: `insert_event(title, start, end, location="", description="", reminder_minutes=-1,
repeat_interval=0, repeat_rule=None, all_day=False, **columns) -> id` (start/end as datetimes, naive = UTC, or
epoch seconds), `events() -> list[dict]` (every row by id), `clear()` (ids restart at 1).
"""

from droidpilot.emulator.virtual.apps.calendar.app import CalendarApp

__all__ = ["CalendarApp"]
