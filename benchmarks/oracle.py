"""`UIDriver`: what oracle solutions use to drive the UI like a person, through the Device API only.

Each touch, key or typed text is one step, so an oracle's step count is the task's optimal step count.
Elements are found in the live hierarchy by text, content-desc or resource-id, never by fixed coordinates.
"""

from __future__ import annotations

from droidpilot.emulator.device import Device, Key, UIElement
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.errors import TaskError


class OracleError(TaskError, RuntimeError):
    """The oracle could not find what it expected on screen: the task or an app changed."""


class UIDriver:
    def __init__(self, device: Device) -> None:
        self.device = device
        self.steps = 0

    # -- looking --------------------------------------------------------------------------------------------
    def elements(self) -> list[UIElement]:
        return parse_hierarchy(self.device.observe().xml)

    def find(self, text: str | None = None, desc: str | None = None, rid: str | None = None,
             contains: str | None = None, cls: str | None = None) -> UIElement | None:
        for e in self.elements():
            if text is not None and e.text != text:
                continue
            if desc is not None and e.content_desc != desc:
                continue
            if rid is not None and e.resource_id.rpartition("/")[2] != rid and e.resource_id != rid:
                continue
            if contains is not None and contains not in e.text and contains not in e.content_desc:
                continue
            if cls is not None and not e.class_name.endswith(cls):
                continue
            return e
        return None

    def need(self, **selector: str) -> UIElement:
        element = self.find(**selector)
        if element is None:
            shown = [e.text or e.content_desc for e in self.elements() if e.text or e.content_desc][:40]
            raise OracleError(f"no element {selector} on screen; visible: {shown}")
        return element

    # -- acting (each call is one step) ------------------------------------------------------------------------
    def tap(self, **selector: str) -> UIElement:
        element = self.need(**selector)
        self.tap_at(*element.bounds.center)
        return element

    def tap_at(self, x: int, y: int) -> None:
        self.steps += 1
        self.device.tap(x, y)

    def long_press(self, **selector: str) -> UIElement:
        element = self.need(**selector)
        self.steps += 1
        self.device.long_press(*element.bounds.center)
        return element

    def type(self, text: str) -> None:
        """Type into the focused field."""
        self.steps += 1
        self.device.input_text(text)

    def type_into(self, text: str, **selector: str) -> None:
        self.tap(**selector)
        self.type(text)

    def press(self, key: Key | str) -> None:
        self.steps += 1
        self.device.press(key)

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int = 400) -> None:
        self.steps += 1
        self.device.swipe(x1, y1, x2, y2, ms)

    def scroll_to(self, max_swipes: int = 12, **selector: str) -> UIElement:
        """Scroll down until an element shows up."""
        for _ in range(max_swipes):
            element = self.find(**selector)
            if element is not None:
                return element
            self.swipe(540, 1700, 540, 800)
        return self.need(**selector)

    def open_app(self, label: str) -> None:
        """The app's launcher icon (going home first unless already there)."""
        if self.find(text=label, cls="TextView") is None or not self.device.current_app()[0].endswith("launcher3"):
            self.press(Key.HOME)
        self.tap(text=label)
