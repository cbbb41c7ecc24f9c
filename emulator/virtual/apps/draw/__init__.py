"""Simple Draw Pro (`com.simplemobiletools.draw.pro`), Simple Mobile Tools' drawing app that AndroidWorld uses.

The drawing is the screen's state until it is saved; a saved drawing is a real image file wherever the user saves
it (AndroidWorld's check looks for the file name in `/storage/emulated/0/Pictures`). Preferences live where the
real app keeps them, `shared_prefs/com.simplemobiletools.draw.pro_preferences.xml`: `brush_color` (`#rrggbb`),
`brush_size` (pixels), `last_save_folder`, `last_save_extension`.

Screen `.activities.MainActivity` (launcher): app bar "Simple Draw Pro" with `menu_undo` "Undo" (while there are
strokes), `menu_save` "Save", `menu_clear` "Clear"; the canvas `my_canvas` (class `...views.MyCanvas`; every
swipe on it draws a stroke in the brush colour and size); at the bottom `color_picker` "Change color" (a palette
dialog of named colours, Cancel / OK), the brush-size SeekBar `stroke_width_bar` (1-100) and `eraser` "Eraser".
"Save" opens "Save as": the folder `save_image_path` (tap: the folder picker, `filepicker_breadcrumbs` and
`filepicker_list` rows, ".." to go up, Cancel / OK picks the folder shown), the name `save_image_filename`
(proposed `image_YYYY_MM_DD_HH_MM_SS`), the format radios `save_image_radio_png` / `_svg` / `_jpg`, Cancel / OK.
As in the real app the chosen format's extension is appended to the typed name ("a.png" saves "a.png.png"); an
existing file asks before it is overwritten. The dialog starts in the last folder used, at first the storage
root.

Seed API on `SimpleDrawApp`: `set_brush(color, size)`, `reset()` (forget the preferences),
`list_pictures(folder="/storage/emulated/0/Pictures")`.
"""

from droidpilot.emulator.virtual.apps.draw.app import SimpleDrawApp

__all__ = ["SimpleDrawApp"]
