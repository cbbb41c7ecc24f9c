"""Notes (net.droidpilot.notes), a plain-file notes app behaving like Markor (the app AndroidWorld uses).

Notes are ordinary files under `/sdcard/Documents/Notes` (`.md` or `.txt`, any depth of sub-folders); there is no
database, so a benchmark checks a task by reading files (`adb shell cat /sdcard/Documents/Notes/x.md`, `ls -l`).
Writes set mtimes from the virtual clock. The only other state is the sort order, in
`/data/data/net.droidpilot.notes/shared_prefs/net.droidpilot.notes_preferences.xml`
(`<string name="pref_key__file_browser__sort_by">name|date</string>`).

Screens:
- `.activity.MainActivity` (launcher), the file browser: toolbar title "Notes" (a sub-folder shows its name and
  "Navigate up"), actions `action_search` "Search" (the toolbar becomes EditText `search_src_text`; it filters the
  current folder, folders by name and notes by name or text; "Collapse", `search_close_btn` "Clear query") and
  `action_sort` "Sort by" (popup: RadioButtons `action_sort_by_name` "Name" A-Z, `action_sort_by_date` "Date"
  newest first; persisted). RecyclerView `ui__filesystem_dialog__list`: folders first, then notes; rows
  `ui__filesystem_item__root` with `ui__filesystem_item__title` (file name) and `ui__filesystem_item__description`
  (modified, `Oct 15, 2026, 09:00`); `empty_hint` when empty. Tap a folder to enter it (Back or Navigate up
  returns to its parent), a note to edit it. FAB `fab_add_new_item` "Create new" -> "Create new" dialog
  (`create_new_note` "Note", `create_new_folder` "Folder") -> "New note" (EditText `new_file_dialog__name`,
  RadioButtons `new_file_dialog__type_md` "Markdown (.md)" / `new_file_dialog__type_txt` "Plain text (.txt)"; the
  extension is added unless the name already ends in .md/.txt) or "New folder"; OK (`android:id/button1`)
  creates it (an empty note opens in the editor), Cancel is `android:id/button2`. Names with `/`, `\\` or `..`
  toast "Invalid file name"; a taken name toasts "A file or folder with this name already exists".
- Long-press a row: selection mode (tap toggles more rows; checked rows are `selected`). Toolbar title: the count,
  "Done" closes it; `action_share_files` "Share" (notes only: the system share sheet with their text),
  `action_rename_selected_item` "Rename" (one row: dialog with `new_file_dialog__name` prefilled),
  `action_move_selected_items` "Move" ("Move to" dialog listing "Notes" (the root) and every folder by relative
  path, rows `folder_item`; a tap moves), `action_delete_selected_items` "Delete" ("Delete" dialog: Cancel /
  Delete; folders are deleted with their content), "More options" -> "Select all". There is no merge, as in
  Markor: notes are merged by hand.
- `.activity.DocumentActivity` (extra `path`, relative to the notes folder): toolbar with the file name,
  "Navigate up" and `action_save` "Save"; the full-screen multiline EditText
  `document__fragment__edit__highlighting_editor`. Every change is written to the file at once (Markor's
  auto-save); an unchanged note is never rewritten.
- `.activity.ShareIntoActivity`, the `text/*` share target (ACTION_SEND with `android.intent.extra.TEXT`, or a
  text file's device path in `android.intent.extra.STREAM`): writes a new note in the root named after
  `android.intent.extra.SUBJECT` or the text's first line (`Shared note YYYY-MM-DD HH-MM.md` if empty; ` (2)`
  when taken) and shows it in the editor.

Seed API on `NotesApp` (paths relative to the notes folder; ValueError for one leaving it):
`write_note(rel, content="", mtime_ms=None)`, `make_folder(rel)`, `read_note(rel) -> str`,
`list_notes() -> list[str]` (every file, recursive), `list_folders() -> list[str]`, `clear()`,
`notes_dir` (host Path), `sort_order()` / `set_sort_order("name"|"date")`.
"""

from droidpilot.emulator.virtual.apps.notes.app import NOTES_DIR, NotesApp

__all__ = ["NOTES_DIR", "NotesApp"]
