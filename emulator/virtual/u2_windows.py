"""The windows uiautomator2's dumper sees on the virtual phone, top-most first: the status bar and navigation
bar (SystemUI), the keyboard when shown, the shade or a dialog, then the app's window.

`uiautomator dump` reports only the active window (`VirtualPhone.dump`); uiautomator2's server walks every
window root, so scripts find the clock, the nav buttons and the app behind a dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.system import screen, systemui
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.dump import dump_windows

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone

SYSTEMUI = "com.android.systemui"
IME_PACKAGE = "com.android.inputmethod.latin"


def _placed(view: v.View, left: int, top: int, right: int, bottom: int) -> v.View:
    view.left, view.top, view.right, view.bottom = left, top, right, bottom
    return view


def status_bar(clock_text: str, display: screen.Display) -> v.View:
    bar, width = screen.STATUS_BAR, display.width
    clock = _placed(v.TextView(id=f"{SYSTEMUI}:id/clock", text=clock_text, desc=clock_text), 42, 0, 190, bar)
    icons = _placed(v.LinearLayout(id=f"{SYSTEMUI}:id/system_icons"), width - 260, 0, width - 42, bar)
    container = _placed(v.FrameLayout(id=f"{SYSTEMUI}:id/status_bar_container", children=[clock, icons]),
                        0, 0, width, bar)
    return container


def nav_bar(display: screen.Display) -> v.View:
    top, width = display.content_bottom, display.width // 3
    buttons = [
        _placed(v.ImageButton(id=f"{SYSTEMUI}:id/{name}", desc=desc, on_click=_noop), i * width, top,
                (i + 1) * width, display.height)
        for i, (name, desc) in enumerate((("back", "Back"), ("home", "Home"), ("recent_apps", "Overview")))
    ]
    return _placed(v.FrameLayout(id=f"{SYSTEMUI}:id/navigation_bar_frame", children=buttons), 0, top,
                   display.width, display.height)


def _noop() -> None:
    """The nav buttons act through key events; in the dump they only need to be clickable."""


def keyboard(display: screen.Display) -> v.View:
    return _placed(v.FrameLayout(id=f"{IME_PACKAGE}:id/keyboard_holder"), 0, display.keyboard_top, display.width,
                   display.content_bottom)


def window_roots(phone: VirtualPhone) -> list[tuple[v.View, str]]:
    frame = phone.frame()
    clock_text = phone.clock.now().strftime("%H:%M")
    display = frame.display
    windows: list[tuple[v.View, str]] = [(status_bar(clock_text, display), SYSTEMUI), (nav_bar(display), SYSTEMUI)]
    if frame.keyboard:
        windows.append((keyboard(display), IME_PACKAGE))
    if frame.overlay is not None:
        windows.append((frame.overlay, systemui.overlay_package(frame.overlay)))
    if frame.dialog is not None:
        windows.append((frame.dialog, frame.record.package))
    windows.append((frame.app_root, frame.record.package))
    return windows


def dump_all_windows(phone: VirtualPhone) -> str:
    return dump_windows(window_roots(phone), phone.frame().display.rotation)
