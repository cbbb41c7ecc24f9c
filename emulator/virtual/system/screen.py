"""Screen geometry of the virtual phone (a Pixel-6-class device): 1080x2400 at 420 dpi."""

from droidpilot.emulator.virtual.toolkit.views import px

WIDTH = 1080
HEIGHT = 2400
STATUS_BAR = px(24)
NAV_BAR = px(48)
KEYBOARD = px(264)
CONTENT_TOP = STATUS_BAR
CONTENT_BOTTOM = HEIGHT - NAV_BAR
