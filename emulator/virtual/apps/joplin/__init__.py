"""Joplin (net.cozic.joplin): notebooks, notes, to-dos with a checkbox, tags and search, like the Joplin app
AndroidWorld's Notes* questions use, with its database.

Screens:
- `.MainActivity` (launcher), the note list: toolbar with `side_menu_button` "Open side menu", `screen_title` (All
  notes, the notebook's or the tag's name) and `search_button` "Search" (the toolbar becomes the EditText
  `search_query`: notes whose title or body contain every typed word; "Back" leaves). RecyclerView `note_list`
  of `note_row`s: a to-do has the CheckBox `todo_checkbox` ("Completed"; a tap completes or reopens it), then
  `note_title`. Open to-dos come first, then the most recently changed. "There are currently no notes." / "No
  results" (`empty`). The FAB `fab` "Add" opens a menu: `new_todo` "New to-do", `new_note` "New note" (into the
  notebook shown, else the first A-Z; "Please create a notebook first." without one). The side menu (button or
  swipe right; Back, `scrim` or a swipe left closes it): `side_menu_item` "All notes", NOTEBOOKS (`folder_title`
  rows A-Z with `note_count`; `new_notebook` "New notebook" -> dialog with `folder_name`, OK / Cancel), TAGS
  (`tag_title` rows: the notes with that tag).
- `.NoteActivity` (extra `note_id`, or `folder_id` + `is_todo` for a new one): "Back", `more_options` "More
  options" (Convert to to-do / Convert to note, Tags, Delete -> "Delete note?" Delete); a to-do's
  `todo_checkbox`; EditText `title`; `folder` "Notebook: NAME" (tap: "Move to notebook", RadioButtons
  `folder_option`); `tags` "Tags: a, b"; multiline EditText `body`. Every change is saved at once; a new note is
  written on its first non-empty title or body. The Tags dialog lists the note's tags as CheckBoxes
  (`tag_option`; unchecking removes one) and adds the EditText `new_tag`'s tag with Add (`android:id/button1`).

Database `databases/joplin.sqlite` (Joplin's tables and columns): `folders` (id, title, parent_id, times,
deleted_time), `notes` (id, parent_id = the notebook's id, title, body, `is_todo` 0/1, `todo_completed` = the
completion time in ms or 0, todo_due, created_time / updated_time / user_*_time in ms, deleted_time > 0 for
notes in the trash, and Joplin's other columns), `notes_normalized` (the search index: lower-cased titles),
`tags` (id, title, lower-case) and `note_tags` (note_id, tag_id). AndroidWorld's `JoplinNote` / `JoplinFolder`
rows insert as they are.

Seed API on `JoplinApp`: `add_folder(title) -> id`, `add_note(folder, title, body="", is_todo=False,
todo_completed=False, tags=None) -> id` (the notebook is created if missing; rows are dated a day before the
phone's clock), `add_notes(notes) -> ids` (a list of `add_note` argument dicts), `notes() -> list[dict]` (with
`folder` and `tags`), `folders() -> list[dict]`, `clear()`.
"""

from droidpilot.emulator.virtual.apps.joplin.app import JoplinApp

__all__ = ["JoplinApp"]
