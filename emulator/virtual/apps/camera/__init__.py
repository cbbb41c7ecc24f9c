"""Camera (com.android.camera2), like AOSP Camera2 on Android 14: takes photos and records videos into
/sdcard/DCIM/Camera. It has no database: the files are its state (AndroidWorld's CameraTakePhoto / TakeVideo
check that a new .jpg / .mp4 appeared there).

Screen `com.android.camera.CameraActivity` (launcher; also `am start -a android.media.action.STILL_IMAGE_CAMERA`
or `IMAGE_CAPTURE` for photo mode, `VIDEO_CAMERA` or `VIDEO_CAPTURE` for video mode):
- `preview_content` (TextureView): the viewfinder, a deterministic scene (landscape, or a selfie on the front
  camera) whose layout changes with the virtual clock's minute.
- Mode tabs `mode_photo` / `mode_video` (text and content-desc "Photo" / "Video", the current one selected);
  swiping left / right across the screen also switches to Video / Photo.
- `shutter_button` (ImageButton, content-desc "Shutter"): in Photo mode writes
  `IMG_YYYYMMDD_HHMMSS.jpg` (960x1280 JPEG with EXIF Make/Model/DateTime/DateTimeOriginal); in Video mode starts
  recording: the tabs, thumbnail and switch button hide, `recording_indicator` (red dot) and `recording_time`
  ("MM:SS" from the virtual clock) appear and the shutter's content-desc becomes "Stop"; pressing it again (or
  Back) writes `VID_YYYYMMDD_HHMMSS.mp4` named from the start, lasting the recorded virtual time: a real MP4
  (ftyp, mdat, moov) with one Motion-JPEG track of 240x320 frames, one per recorded second (at most 10).
  A name already taken gets `_1`, `_2`, ... File mtimes come from the virtual clock.
- `rounded_thumbnail_view` (content-desc "Filmstrip", shown once something was captured): opens the newest
  capture in Gallery's `com.android.gallery3d/.app.PhotoPage` (VIEW, data `file:///sdcard/DCIM/Camera/...`,
  extra `path`), on this task so Back returns here.
- `camera_toggle_button` ("Switch to front camera" / "Switch to back camera").

Seed API on `CameraApp`: `captures() -> list[str]` (device paths, oldest first), `last_capture() -> str | None`.
"""

from droidpilot.emulator.virtual.apps.camera.app import CameraApp

__all__ = ["CameraApp"]
