"""A tiny UI driver for tests: find elements in the live dump and touch them, like a person would.

It only reads `uiautomator dump` XML and sends taps, swipes and text, so a test written with it drives the
phone exactly as an agent or a real user does (never the apps' seed API).
"""

from __future__ import annotations

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone


def elements(phone: VirtualPhone) -> list[UIElement]:
    return parse_hierarchy(phone.dump())


def find(phone: VirtualPhone, text: str | None = None, desc: str | None = None, rid: str | None = None,
         cls: str | None = None, contains: str | None = None) -> UIElement | None:
    """The first element matching every given attribute (`rid` matches the id name after `:id/`)."""
    for e in elements(phone):
        if text is not None and e.text != text:
            continue
        if contains is not None and contains not in e.text and contains not in e.content_desc:
            continue
        if desc is not None and e.content_desc != desc:
            continue
        if rid is not None and e.resource_id.rpartition("/")[2] != rid and e.resource_id != rid:
            continue
        if cls is not None and not e.class_name.endswith(cls):
            continue
        return e
    return None


def need(phone: VirtualPhone, **selector: str) -> UIElement:
    element = find(phone, **selector)
    if element is None:
        shown = [e.text or e.content_desc for e in elements(phone) if e.text or e.content_desc]
        raise AssertionError(f"no element {selector} on screen; visible: {shown}")
    return element


def tap(phone: VirtualPhone, **selector: str) -> UIElement:
    element = need(phone, **selector)
    phone.tap(*element.bounds.center)
    return element


def type_into(phone: VirtualPhone, text: str, **selector: str) -> None:
    """Tap a field to focus it, then type with `input text` semantics."""
    tap(phone, **selector)
    phone.input_text(text)


def scroll_to(phone: VirtualPhone, max_swipes: int = 10, **selector: str) -> UIElement:
    """Swipe up until an element appears."""
    for _ in range(max_swipes):
        element = find(phone, **selector)
        if element is not None:
            return element
        phone.swipe(540, 1800, 540, 900, 400)
    return need(phone, **selector)


def open_app(phone: VirtualPhone, label: str) -> None:
    """Go home and tap the app's launcher icon."""
    phone.press_key("HOME")
    tap(phone, text=label)
