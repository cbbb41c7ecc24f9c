"""Composes one frame: the top activity's window, its dialog, the keyboard, and system overlays.

A `Frame` is laid out and knows which window is active (the one `uiautomator dump` reports and that receives
touches). It is rebuilt after every input, so it never holds state of its own.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from PIL import Image

from droidpilot.emulator.virtual.system import chrome, screen, systemui, text_menu
from droidpilot.emulator.virtual.system.host import SystemHost
from droidpilot.emulator.virtual.system.state import ActivityRecord
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.layers import LayerCache, view_key
from droidpilot.emulator.virtual.toolkit.render import Painter, paint_dialog
from droidpilot.emulator.virtual.toolkit.theme import DARK, LIGHT, Theme


@dataclass
class Frame:
    record: ActivityRecord
    app_root: v.View
    dialog: v.Dialog | None
    overlay: v.View | None
    keyboard: bool
    ctx: v.LayoutContext
    display: screen.Display

    @property
    def package(self) -> str:
        """The package of the active window."""
        if self.overlay is not None:
            return systemui.overlay_package(self.overlay)
        return self.record.package

    @property
    def active_root(self) -> v.View:
        return self.overlay or self.dialog or self.app_root

    def focused_field(self) -> v.EditText | None:
        if self.overlay is not None:
            return None
        return next((w for w in text_fields(self.dialog or self.app_root) if w.focused), None)


def text_fields(root: v.View) -> list[v.EditText]:
    return [w for w in root.descendants() if isinstance(w, v.EditText)]


def focus_key(field: v.EditText, fields: list[v.EditText]) -> str:
    """Text fields are identified by resource-id, or by their order in the window when they have none."""
    return field.id or f"#{fields.index(field)}"


def compose(host: SystemHost, display: screen.Display = screen.DEFAULT) -> Frame:
    record = host.top_record()
    activity = host.top_activity()
    content = v.FrameLayout(id="android:id/content", children=[activity.build()])
    dialog = activity.dialog()
    focused = _mark_focus(dialog or content, record)
    keyboard = host.state.keyboard_shown and focused and host.state.overlay is None
    bottom = display.content_bottom - (screen.KEYBOARD if keyboard else 0)
    ctx = v.LayoutContext(scroll=record.scroll, focus_id=record.focus)
    decor = v.FrameLayout(children=[content])
    app_root = v.FrameLayout(children=[decor])
    for view in (app_root, decor):
        view.left, view.top, view.right, view.bottom = display.full
    content.place(0, screen.CONTENT_TOP, display.width, bottom - screen.CONTENT_TOP, ctx)
    if dialog is not None:
        _place_dialog(dialog, display.width, bottom, ctx)
    _attach_text_menu(host, record, dialog or content)
    overlay = systemui.build_overlay(host, ctx, display)
    return Frame(record, app_root, dialog, overlay, keyboard, ctx, display)


def _place_dialog(dialog: v.Dialog, screen_width: int, bottom: int, ctx: v.LayoutContext) -> None:
    if dialog.anchor == "top_end":
        width = v.px(220)
        dialog.place(screen_width - width - v.px(8), screen.CONTENT_TOP + v.px(8), width,
                     dialog.measure(width), ctx)
        return
    # Alert dialogs keep a phone's width in landscape rather than stretching across the whole screen.
    width = min(screen_width, screen.WIDTH) - 2 * v.px(24)
    height = min(dialog.measure(width), bottom - screen.CONTENT_TOP - v.px(48))
    top = screen.CONTENT_TOP + (bottom - screen.CONTENT_TOP - height) // 2
    dialog.place((screen_width - width) // 2, top, width, height, ctx)


def _mark_focus(root: v.View, record: ActivityRecord) -> bool:
    """Flag the focused field in the active window; drop a focus whose field is gone. True if one is focused."""
    fields = text_fields(root)
    for field in fields:
        field.focused = record.focus is not None and focus_key(field, fields) == record.focus
    if record.focus is not None and not any(f.focused for f in fields):
        record.focus = None
    return record.focus is not None


def _attach_text_menu(host: SystemHost, record: ActivityRecord, window: v.View) -> None:
    """The floating Cut/Copy/Paste toolbar joins the active window, on top of its content."""
    field = next((f for f in text_fields(window) if f.focused), None)
    if not record.text_menu or field is None:
        text_menu.close_menu(record)
        return
    toolbar = text_menu.build_toolbar(host, record, field, v.LayoutContext())
    if toolbar is not None:
        window.children.append(toolbar)


def theme_of(host: SystemHost) -> Theme:
    return DARK if host.settings.get("secure", "ui_night_mode") == "2" else LIGHT


def paint(frame: Frame, host: SystemHost, cache: LayerCache | None = None) -> Image.Image:
    """The screen. With a `cache`, the windows under the system bars (app, dialog, keyboard, overlay) are painted
    only when their key changed since a recent frame; the bars and the toast, cheap and clock-driven, always."""
    theme = theme_of(host)
    display = frame.display
    if cache is None:
        image = _paint_windows(frame, theme)
    else:
        key = windows_key(frame, theme)
        windows = cache.get(key)
        if windows is None:
            windows = _paint_windows(frame, theme)
            cache.put(key, windows)
        image = windows.copy()  # the cached layer stays as painted
    chrome.paint_status_bar(image, host, display, theme)
    chrome.paint_nav_bar(image, display, theme)
    if host.state.toast is not None:
        chrome.paint_toast(image, host.state.toast.text, display, theme)
    return image


def windows_key(frame: Frame, theme: Theme) -> Hashable | None:
    """What the windows' pixels depend on (None when that cannot be known: they are painted every time). Whatever
    `_paint_windows` reads must be here, or the cache shows stale pixels (tests/emulator/test_render_cache.py)."""
    trees = [view_key(root) if root is not None else () for root in (frame.app_root, frame.dialog, frame.overlay)]
    if None in trees:
        return None
    return frame.display, theme, frame.keyboard, *trees


def _paint_windows(frame: Frame, theme: Theme) -> Image.Image:
    image = Image.new("RGB", frame.display.size, theme.background)
    Painter(image, theme).paint(frame.app_root)
    if frame.dialog is not None:
        paint_dialog(image, frame.dialog, theme)
    if frame.keyboard:
        chrome.paint_keyboard(image, frame.display, theme)
    if frame.overlay is not None:
        systemui.paint_overlay(image, frame.overlay, theme)
    return image
