"""Locators and conditions evaluated against a live observation."""

from __future__ import annotations

import shlex

from droidpilot.emulator.device import Device, Observation, UIElement
from droidpilot.shortcuts.model import AppInForeground, ElementAbsent, ElementPresent, Locator, SettingEquals

ConditionT = AppInForeground | ElementPresent | ElementAbsent | SettingEquals


def _id_matches(wanted: str, actual: str) -> bool:
    """A full id ('pkg:id/name') matches exactly; a bare name matches any package's id of that name."""
    return actual == wanted if ":id/" in wanted else actual.rpartition("/")[2] == wanted


def _class_matches(wanted: str, actual: str) -> bool:
    return actual == wanted if "." in wanted else actual.rpartition(".")[2] == wanted


def matches(element: UIElement, locator: Locator) -> bool:
    if locator.resource_id and not _id_matches(locator.resource_id, element.resource_id):
        return False
    if locator.class_name and not _class_matches(locator.class_name, element.class_name):
        return False
    if locator.text is not None and element.text.strip() != locator.text:
        return False
    if locator.checked is not None and (not element.checkable or element.checked != locator.checked):
        return False
    return locator.content_desc is None or element.content_desc.strip() == locator.content_desc


def find_all(observation: Observation, locator: Locator) -> list[UIElement]:
    return [e for e in observation.elements if matches(e, locator)]


def find(observation: Observation, locator: Locator) -> UIElement | None:
    """The `index_among_matches`-th match in document order, if there are that many."""
    found = find_all(observation, locator)
    return found[locator.index_among_matches] if locator.index_among_matches < len(found) else None


def unmet(condition: ConditionT, observation: Observation, device: Device) -> str | None:
    """None when the condition holds on this screen; otherwise what was seen instead."""
    if isinstance(condition, AppInForeground):
        if observation.package == condition.package and (
                condition.activity is None or observation.activity.endswith(condition.activity)):
            return None
        return f"the foreground is {observation.package}/{observation.activity}"
    if isinstance(condition, ElementPresent):
        return None if find(observation, condition.locator) is not None else "no such element on screen"
    if isinstance(condition, ElementAbsent):
        return "the element is on screen" if find_all(observation, condition.locator) else None
    result = device.shell(f"settings get {condition.namespace} {shlex.quote(condition.key)}")
    value = result.output.strip()
    return None if result.ok and value == condition.value else f"it is {value!r}"
