"""Gallery (com.android.gallery3d), like AOSP Gallery2: every picture and video on shared storage, a full-screen
viewer with share, delete, "Save a copy" and details. Its state is the files themselves (no database).

Screens:
- `.app.GalleryActivity` (launcher): app bar "Gallery"; RecyclerView `photo_grid` of three-column rows of
  thumbnails (ImageView `thumbnail`, content-desc = file name, clickable) of every .jpg/.jpeg/.png/.webp and
  .mp4 under /sdcard/DCIM, /sdcard/Pictures and /sdcard/Download (recursively, hidden entries skipped), newest
  first by mtime (ties: name descending). Thumbnails are decoded from the files (a video shows its first frame
  and a play badge) and cached in memory by path, mtime and size. "No images available." (`empty_view`) when
  there are none. A VIEW intent for the package itself forwards to the photo page.
- `.app.PhotoPage`: one item fitted on black (ImageView `photo_view`, content-desc = file name). Started with
  the extra `path` (a device path) or a VIEW intent with data `file:///sdcard/...` (any alias of /sdcard; also
  resolved from `am start -a android.intent.action.VIEW -d file:///sdcard/DCIM/...` or `.../Pictures/...`).
  Dark toolbar: "Navigate up", title `action_bar_title` = file name, `action_share` "Share" (the system share
  sheet with the file and its mime type), `action_delete` "Delete" -> "Delete selected item?" (Cancel / OK;
  OK removes the file, toasts "Deleted" and shows the next item, or leaves when none is left), "More options"
  -> "Save a copy" (writes `NAME_copy.EXT` beside the original, then `NAME_copy_2.EXT`, `_3`...; a byte copy
  dated now; toast "Saved a copy as NAME_copy.EXT"), "Copy to" (a "Copy to" dialog listing /sdcard's folders
  and their subfolders, TextViews `folder_name` such as "Download" or "DCIM/Camera", and Cancel: copies the file
  there under the same name, or `NAME_copy...` if taken; toast "Copied to FOLDER/NAME"; this is AndroidWorld's
  SaveCopyOfReceipt flow) and "Details" (Title, Time, Width, Height, File size, Path; "Close").
  Swipe left / right: the next (older) / previous (newer) item in the grid's order.

Seed API on `GalleryApp`: `add_image(device_path, width=640, height=480, color="#4285F4", mtime=None) -> str`,
`images() -> list[str]` (pictures, newest first), `media_files() -> list[str]` (pictures and videos).
"""

from droidpilot.emulator.virtual.apps.gallery.app import GalleryApp

__all__ = ["GalleryApp"]
