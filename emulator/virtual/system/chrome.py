"""System bars, the soft keyboard and toasts: drawn by the system, never part of an app's window dump."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.system import screen
from droidpilot.emulator.virtual.system.host import SystemHost
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, font, text_width
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.theme import Theme
from droidpilot.emulator.virtual.toolkit.views import px

KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROW_H = screen.KEYBOARD // 4
KeyBoxes = tuple[tuple[str, tuple[int, int, int, int]], ...]


def status_time(host: SystemHost) -> str:
    now = host.clock.now()
    if host.settings.get("system", "time_12_24") == "24":
        return now.strftime("%H:%M")
    return f"{now.hour % 12 or 12}:{now.minute:02d}"


def paint_status_bar(image: Image.Image, host: SystemHost, display: screen.Display, theme: Theme) -> None:
    d = ImageDraw.Draw(image)
    d.rectangle((0, 0, display.width, screen.STATUS_BAR - 1), fill=theme.background)
    mid = screen.STATUS_BAR // 2
    d.text((px(16), mid), status_time(host), font=font(px(14), True), fill=theme.text, anchor="lm")
    x = display.width - px(16)
    d.text((x, mid), "100%", font=font(px(12)), fill=theme.text, anchor="rm")
    x -= text_width("100%", px(12)) + px(26)
    d.rounded_rectangle((x, mid - px(6), x + px(20), mid + px(6)), radius=4, fill=theme.text)
    icon = px(16)
    for name, key in (("wifi", "wifi_on"), ("bluetooth", "bluetooth_on"), ("airplane", "airplane_mode_on")):
        if host.settings.get("global", key) == "1":
            x -= icon + px(6)
            draw_icon(d, name, (x, mid - icon // 2, x + icon, mid + icon // 2), theme.text)
    x = px(16) + text_width(status_time(host), px(14), True) + px(12)
    for _ in host.state.notifications[:4]:
        draw_icon(d, "message", (x, mid - icon // 2, x + icon, mid + icon // 2), theme.text_secondary)
        x += icon + px(6)


def nav_button_at(display: screen.Display, x: float, y: float) -> str | None:
    """BACK, HOME or APP_SWITCH for a touch on the 3-button navigation bar."""
    if y < display.content_bottom:
        return None
    third = display.width / 3
    return "BACK" if x < third else "HOME" if x < 2 * third else "APP_SWITCH"


def paint_nav_bar(image: Image.Image, display: screen.Display, theme: Theme) -> None:
    d = ImageDraw.Draw(image)
    top = display.content_bottom
    d.rectangle((0, top, display.width, display.height), fill=theme.bar)
    cy = top + screen.NAV_BAR // 2
    s = px(9)
    third = display.width // 3
    bx = third // 2
    d.polygon([(bx - s, cy), (bx + s, cy - s), (bx + s, cy + s)], outline=theme.bar_icon, width=4)
    hx = third + third // 2
    d.ellipse((hx - s, cy - s, hx + s, cy + s), outline=theme.bar_icon, width=4)
    rx = 2 * third + third // 2
    d.rounded_rectangle((rx - s, cy - s, rx + s, cy + s), radius=4, outline=theme.bar_icon, width=4)


@lru_cache(maxsize=8)
def key_boxes(width: int, keyboard_top: int) -> KeyBoxes:
    """Every key and its rectangle; special keys are named `shift`, `del`, `space`, `enter`, `sym`."""
    keys: list[tuple[str, tuple[int, int, int, int]]] = []
    key_w = width // 10
    for row, letters in enumerate(KEY_ROWS):
        top = keyboard_top + row * _ROW_H
        start = (width - key_w * len(letters)) // 2
        for i, ch in enumerate(letters):
            keys.append((ch, (start + i * key_w, top, start + (i + 1) * key_w, top + _ROW_H)))
    third = keyboard_top + 2 * _ROW_H
    keys.append(("shift", (0, third, key_w * 3 // 2, third + _ROW_H)))
    keys.append(("del", (width - key_w * 3 // 2, third, width, third + _ROW_H)))
    bottom = keyboard_top + 3 * _ROW_H
    keys.append(("sym", (0, bottom, key_w * 3 // 2, bottom + _ROW_H)))
    keys.append((",", (key_w * 3 // 2, bottom, key_w * 5 // 2, bottom + _ROW_H)))
    keys.append(("space", (key_w * 5 // 2, bottom, key_w * 15 // 2, bottom + _ROW_H)))
    keys.append((".", (key_w * 15 // 2, bottom, key_w * 17 // 2, bottom + _ROW_H)))
    keys.append(("enter", (key_w * 17 // 2, bottom, width, bottom + _ROW_H)))
    return tuple(keys)


def keys_of(display: screen.Display) -> KeyBoxes:
    return key_boxes(display.width, display.keyboard_top)


def key_at(display: screen.Display, x: float, y: float) -> str | None:
    return next((name for name, (x1, y1, x2, y2) in keys_of(display) if x1 <= x < x2 and y1 <= y < y2), None)


def paint_keyboard(image: Image.Image, display: screen.Display, theme: Theme) -> None:
    d = ImageDraw.Draw(image)
    d.rectangle((0, display.keyboard_top, display.width, display.content_bottom), fill=theme.surface_variant)
    labels = {"shift": "⇧", "del": "⌫", "space": " ", "enter": "⏎", "sym": "?123"}
    for name, (x1, y1, x2, y2) in keys_of(display):
        d.rounded_rectangle((x1 + 6, y1 + 10, x2 - 6, y2 - 10), radius=px(6), fill=theme.surface)
        d.text(((x1 + x2) // 2, (y1 + y2) // 2), labels.get(name, name), font=font(px(20)), fill=theme.text,
               anchor="mm")


def paint_toast(image: Image.Image, text: str, display: screen.Display, theme: Theme) -> None:
    d = ImageDraw.Draw(image)
    size = px(14)
    w = min(display.width - px(48), text_width(text, size) + px(48))
    cy = display.content_bottom - px(96)
    x1 = (display.width - w) // 2
    d.rounded_rectangle((x1, cy - px(24), x1 + w, cy + px(24)), radius=px(24), fill=(50, 50, 50))
    draw_text(d, (display.width // 2, cy), text, size, False, (240, 240, 240), "mm")
