"""Drive the virtual phone like a person and keep (before, action, after) steps for ingestion."""

from __future__ import annotations

from droidpilot.emulator.device import Observation, UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

Step = tuple[Observation, tuple[str, UIElement | None, str], Observation]


def clickable_with_text(observation: Observation, text: str) -> UIElement:
    """The element a finger on `text` activates: the text itself or its nearest clickable ancestor."""
    element = next(e for e in observation.elements if e.text == text)
    while not element.clickable and element.parent is not None:
        element = observation.elements[element.parent]
    return element


class Walker:
    def __init__(self, phone: VirtualPhone) -> None:
        self.device = VirtualDevice(phone)
        self.steps: list[Step] = []

    def tap(self, text: str) -> None:
        before = self.device.observe()
        element = clickable_with_text(before, text)
        self.device.tap(*element.bounds.center)
        self.steps.append((before, ("tap", element, ""), self.device.observe()))

    def press(self, key: str) -> None:
        before = self.device.observe()
        self.device.press(key.upper())
        self.steps.append((before, ("press", None, key), self.device.observe()))


def walk_settings(phone: VirtualPhone) -> list[Step]:
    """home -> Settings -> Display -> back -> Network & internet -> Internet."""
    walker = Walker(phone)
    walker.device.press("HOME")
    for action in ("Settings", "Display", "back", "Network & internet", "Internet"):
        walker.press(action) if action == "back" else walker.tap(action)
    return walker.steps
