"""Touch, key and text input: gestures are recognised and routed to the active window, as InputDispatcher does.

Every event advances the virtual clock by its duration, so timers and the status-bar clock move with use.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from droidpilot.emulator.virtual.system import chrome, screen, text_menu
from droidpilot.emulator.virtual.system.host import SystemHost
from droidpilot.emulator.virtual.system.state import SystemState
from droidpilot.emulator.virtual.system.window_manager import Frame, focus_key, text_fields
from droidpilot.emulator.virtual.toolkit import views as v

TAP_MS = 100
KEY_MS = 50
LONG_PRESS_MS = 500
TOUCH_SLOP = v.px(8)
FLING_MS = 150
Point = tuple[float, float]
CHAR_KEYS = {"SPACE": " ", "COMMA": ",", "PERIOD": ".", "TAB": "\t", "AT": "@", "MINUS": "-", "PLUS": "+",
             "SLASH": "/", "EQUALS": "=", "SEMICOLON": ";", "APOSTROPHE": "'", "STAR": "*", "POUND": "#"}


def is_target(view: v.View) -> bool:
    return view.clickable or view.checkable or isinstance(view, (v.EditText, v.SeekBar))


def hit(view: v.View, x: float, y: float, want: Callable[[v.View], bool] = is_target) -> v.View | None:
    """The top-most view under (x, y) that `want`s the event; scrolling lists clip their rows."""
    if not view.visible or not (view.left <= x < view.right and view.top <= y < view.bottom):
        return None
    for child in reversed(view.visible_children()):
        found = hit(child, x, y, want)
        if found is not None:
            return found
    return view if want(view) else None


def _scroller(view: v.View, x: float, y: float, ctx: v.LayoutContext) -> v.ScrollView | None:
    found = hit(view, x, y, lambda w: isinstance(w, v.ScrollView) and w.can_scroll(ctx))
    return found if isinstance(found, v.ScrollView) else None


class InputDispatcher:
    """Routes input to the frame `compose()` returns at the moment of the event."""

    def __init__(self, host: SystemHost, compose: Callable[[], Frame]) -> None:
        self.host = host
        self.compose = compose

    @property
    def state(self) -> SystemState:
        return self.host.state

    def _advance(self, ms: int) -> None:
        self.host.clock.advance(ms)
        self.host.tick()

    # -- touches ------------------------------------------------------------------------------------------
    def tap(self, x: float, y: float) -> None:
        self._advance(TAP_MS)
        frame = self.compose()
        nav = chrome.nav_button_at(frame.display, x, y)
        if nav is not None:
            self.key(nav)
            return
        if y < screen.STATUS_BAR:
            return
        if frame.overlay is not None:
            self._activate(hit(frame.overlay, x, y), x, y, frame)
            return
        if frame.keyboard and y >= frame.display.keyboard_top:
            self._soft_key(chrome.key_at(frame.display, x, y))
            return
        if frame.dialog is not None and hit(frame.dialog, x, y, lambda _w: True) is None:
            self._dismiss_dialog(frame)
            return
        view = hit(frame.dialog or frame.app_root, x, y)
        if view is None or view.id != text_menu.TOOLBAR_ID:
            text_menu.close_menu(frame.record)  # a touch anywhere else dismisses the selection toolbar
        self._activate(view, x, y, frame)

    def _activate(self, view: v.View | None, x: float, y: float, frame: Frame) -> None:
        if view is None or not view.enabled:
            return
        if isinstance(view, v.Canvas) and view.on_tap is not None:
            view.on_tap(round(x) - view.left, round(y) - view.top, view.right - view.left, view.bottom - view.top)
        elif isinstance(view, v.EditText):
            frame.record.focus = focus_key(view, text_fields(frame.dialog or frame.app_root))
            self.state.keyboard_shown = True
            if view.on_click is not None:
                view.on_click()
        elif isinstance(view, v.CompoundButton):
            view.toggle()
        elif isinstance(view, v.SeekBar):
            if view.on_change is not None:
                view.on_change(view.value_at(x))
        elif view.on_click is not None:
            view.on_click()

    def _dismiss_dialog(self, frame: Frame) -> None:
        assert frame.dialog is not None
        if frame.dialog.on_dismiss is not None:
            frame.dialog.on_dismiss()
        else:
            self.host.top_activity().close_dialog()

    def long_press(self, x: float, y: float, ms: int = 1000) -> None:
        self._advance(ms)
        frame = self.compose()
        if frame.overlay is not None or chrome.nav_button_at(frame.display, x, y) or y < screen.STATUS_BAR:
            return
        root = frame.dialog or frame.app_root
        view = hit(root, x, y, lambda w: w.long_clickable or is_target(w))
        if view is None or not view.enabled:
            return
        if isinstance(view, v.EditText):
            self._activate(view, x, y, frame)
            text_menu.open_menu(frame.record, view)
        elif isinstance(view, v.Canvas) and view.on_long_tap is not None:
            view.on_long_tap(round(x) - view.left, round(y) - view.top, view.right - view.left,
                             view.bottom - view.top)
        elif view.on_long_click is not None:
            view.on_long_click()
        else:
            # A view with no long-click handler gets a plain click when the finger lifts.
            self._activate(view, x, y, frame)

    def swipe(self, x1: float, y1: float, x2: float, y2: float, ms: int = 300) -> None:
        dx, dy = x2 - x1, y2 - y1
        if abs(dx) < TOUCH_SLOP and abs(dy) < TOUCH_SLOP:
            self.long_press(x1, y1, ms) if ms >= LONG_PRESS_MS else self.tap(x1, y1)
            return
        self._advance(ms)
        frame = self.compose()
        if y1 < screen.STATUS_BAR + TOUCH_SLOP and dy > 0 and frame.overlay is None:
            self.state.overlay = "shade"
            return
        swipe_up = dy < 0 and abs(dy) > abs(dx)
        shade = frame.overlay if self.state.overlay == "shade" else None
        if swipe_up and shade is not None and _scroller(shade, x1, y1, frame.ctx) is None:
            self.state.overlay = None
            return
        root = frame.overlay or frame.dialog or frame.app_root
        slider = hit(root, x1, y1, lambda w: isinstance(w, v.SeekBar))
        if isinstance(slider, v.SeekBar) and slider.enabled and slider.on_change is not None:
            slider.on_change(slider.value_at(x2))
            return
        canvas = hit(root, x1, y1, lambda w: isinstance(w, v.Canvas))
        if isinstance(canvas, v.Canvas) and canvas.enabled and canvas.on_stroke is not None:
            canvas.on_stroke((round(x1) - canvas.left, round(y1) - canvas.top,
                              round(x2) - canvas.left, round(y2) - canvas.top))
            return
        if abs(dy) >= abs(dx) and self._scroll(root, frame, x1, y1, dy, ms):
            return
        direction = ("up" if dy < 0 else "down") if abs(dy) >= abs(dx) else ("left" if dx < 0 else "right")
        if frame.overlay is None and frame.dialog is None:
            self.host.top_activity().on_swipe(direction)

    def pinch(self, start: tuple[Point, Point], end: tuple[Point, Point], ms: int) -> None:
        """Two fingers moving from `start` to `end`: the view under their first midpoint that zooms gets the
        scale (end distance over start distance); other views ignore multi-touch, as most do."""
        self._advance(ms)
        frame = self.compose()
        (x1, y1), (x2, y2) = start
        fx, fy = (x1 + x2) / 2, (y1 + y2) / 2
        if fy < screen.STATUS_BAR or chrome.nav_button_at(frame.display, fx, fy):
            return
        root = frame.overlay or frame.dialog or frame.app_root
        view = hit(root, fx, fy, lambda w: w.on_pinch is not None)
        before = max(1.0, math.dist(*start))
        if view is not None and view.enabled and view.on_pinch is not None:
            view.on_pinch(math.dist(*end) / before)

    def _scroll(self, root: v.View, frame: Frame, x: float, y: float, dy: float, ms: int) -> bool:
        scroller = _scroller(root, x, y, frame.ctx)
        if scroller is None:
            return False
        distance = -dy * (2 if ms < FLING_MS else 1)
        if scroller.from_end:
            distance = -distance
        limit = frame.ctx.extents.get(scroller.id, 0)
        stored = min(limit, frame.ctx.scroll.get(scroller.id, 0))
        # ctx.scroll is the top activity record's own dict, so the offset persists with the screen.
        frame.ctx.scroll[scroller.id] = int(min(limit, max(0, stored + distance)))
        return True

    # -- keys and text ------------------------------------------------------------------------------------
    def key(self, name: str) -> None:
        self._advance(KEY_MS)
        name = name.upper().removeprefix("KEYCODE_")
        handler = {"BACK": self._back, "HOME": self._home, "APP_SWITCH": self._recents,
                   "ENTER": self._enter, "DEL": self._delete, "NOTIFICATION": self._shade}.get(name)
        if handler is not None:
            handler()
        elif len(name) == 1 and name.isalnum():
            self.text(name.lower())
        elif name in CHAR_KEYS:
            self.text(CHAR_KEYS[name])

    def _back(self) -> None:
        if self.state.overlay is not None:
            self.state.overlay = None
        elif self.state.keyboard_shown and self.host.top_record().focus is not None:
            self.state.keyboard_shown = False
        else:
            frame = self.compose()
            if frame.dialog is not None:
                self._dismiss_dialog(frame)
            else:
                self.host.back()

    def _home(self) -> None:
        self.host.go_home()

    def _recents(self) -> None:
        self.state.overlay = None if self.state.overlay == "recents" else "recents"
        self.state.keyboard_shown = False

    def _shade(self) -> None:
        self.state.overlay = "shade"

    def _enter(self) -> None:
        field = self.compose().focused_field()
        if field is None:
            return
        if field.multiline:
            self._set_text(field, field.text + "\n")
            return
        if field.on_submit is not None:
            field.on_submit()
        self.state.keyboard_shown = False

    def _delete(self) -> None:
        frame = self.compose()
        field = frame.focused_field()
        if field is None or not field.text:
            return
        selected = frame.record.text_selected
        text_menu.close_menu(frame.record)
        self._set_text(field, "" if selected else field.text[:-1])

    def _soft_key(self, name: str | None) -> None:
        special = {"del": "DEL", "enter": "ENTER", "space": "SPACE"}
        if name in special:
            self.key(special[name])
        elif name is not None and name not in ("shift", "sym"):
            self.text(name)

    def text(self, text: str) -> None:
        """Type `text` into the focused field at the end; with no focused field it goes nowhere."""
        self._advance(10 * len(text))
        frame = self.compose()
        field = frame.focused_field()
        if field is not None and field.enabled:
            self._set_text(field, text_menu.typed_value(frame.record, field, text))

    @staticmethod
    def _set_text(field: v.EditText, value: str) -> None:
        if field.on_change is not None:
            field.on_change(value)
