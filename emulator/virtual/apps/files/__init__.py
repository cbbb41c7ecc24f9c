"""Files (com.android.documentsui), like AOSP DocumentsUI's browse view on Android 13/14.

It browses the real shared storage `/sdcard` (host `fs.sdcard`); the files are the app's only state (no
database), so benchmarks check them directly: existence, content, and mtimes, which every change takes from
the virtual clock.

Screens:
- `.files.FilesActivity` (launcher; also VIEW_DOWNLOADS, `android.provider.action.BROWSE`, VIEW of
  `content://com.android.externalstorage.documents/{root/primary, document/primary%3APATH, tree/...}` and an
  extra `path`). Opens on the Downloads root. Toolbar `toolbar`: "Show roots" (hamburger) opens the roots
  drawer (`drawer_roots`, list `roots_list`: Recent, Images, Videos, Audio, Downloads, then the storage root
  named after the device, "Pixel 6", with "N GB free"; rows `android:id/title`), title `action_bar_title` (the
  root, or the open folder's name), "More options" -> "New folder" (folder roots), "Select all", "Sort by…".
  `horizontal_breadcrumb` (crumbs `breadcrumb_text`, tap to go there); `directory_header` with `header_title`
  ("Files in Download"), sort `sort_dimen_dropdown` (opens the Sort by radio list) and `sort_arrow`
  (Ascending / Descending, tap flips). RecyclerView `dir_list`: folders first, rows `item_root` with
  `android:id/title` (name), `date`, `size` (files), icon `icon_mime` (`icon_check` when selected); "No items"
  (`message`) when empty. Tap a folder to enter it (Back goes up); tap a file: pictures/videos -> the gallery
  (ACTION_VIEW `file:///sdcard/...`, extras `path` and `mime`, package com.android.gallery3d), text ->
  `.preview.TextPreviewActivity`, HTML -> Chrome, else the toast "Can’t open file".
  Long-press a row -> selection mode: bar `action_mode_bar` with `action_mode_close_button` ("Done"),
  "N selected", `action_menu_share` ("Share", one file), `action_menu_delete` ("Delete" -> `Delete "a.txt"?` /
  "Delete 2 files?" ... with Cancel / OK), "More options" -> Select all, Copy to…, Move to…, Rename (one
  item). Taps then toggle rows; Back or Done ends the mode.
  Name dialogs (New folder, Rename): field `android:id/text1`, error `textinput_error` ("Invalid file name"
  for `/` or `..`, "A file with this name already exists." case-insensitively), Cancel / OK. Rename starts
  with the base name selected: typing replaces it and keeps the extension. A new folder is opened.
- `.picker.PickActivity` (Copy to… / Move to…; extras `op`, `paths`, `root`, `path`): the same browser over
  Downloads and storage, files greyed, "More options" -> New folder; `android:id/button2` Cancel and
  `android:id/button1` Copy / Move (disabled for a move into the same folder or a folder into itself). Name
  clashes get "name (1).ext"; copies are dated now, moves keep their mtime.
- `.preview.TextPreviewActivity` (extra `path`): the file name as title, the text in `preview_text`, "Share".

Seed API on `FilesApp` (paths are device paths under /sdcard; anything outside raises ValueError):
`write_file(path, data, mtime=None) -> str`, `make_dir(path) -> str`, `listdir(path) -> list[str]`,
`read_file(path) -> bytes`, `exists(path) -> bool`, `clear_user_files()` (empties the standard folders).
"""

from droidpilot.emulator.virtual.apps.files.app import FilesApp

__all__ = ["FilesApp"]
