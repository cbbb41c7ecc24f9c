"""uiautomator2 `Selector` dicts (mask + fields + child/sibling chain) matched against a hierarchy dump."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from droidpilot.emulator.device import UIElement

Test = Callable[[UIElement, Any], bool]


def _full(pattern: str, value: str) -> bool:
    """Java's `String.matches`: the whole value must match."""
    try:
        return re.fullmatch(pattern, value, re.DOTALL) is not None
    except re.error:
        return False


def _flag(name: str) -> Test:
    return lambda e, v: getattr(e, name) == bool(v)


FIELDS: dict[str, tuple[int, Test]] = {
    "text": (0x01, lambda e, v: e.text == v),
    "textContains": (0x02, lambda e, v: str(v) in e.text),
    "textMatches": (0x04, lambda e, v: _full(v, e.text)),
    "textStartsWith": (0x08, lambda e, v: e.text.startswith(v)),
    "className": (0x10, lambda e, v: e.class_name == v),
    "classNameMatches": (0x20, lambda e, v: _full(v, e.class_name)),
    "description": (0x40, lambda e, v: e.content_desc == v),
    "descriptionContains": (0x80, lambda e, v: str(v) in e.content_desc),
    "descriptionMatches": (0x100, lambda e, v: _full(v, e.content_desc)),
    "descriptionStartsWith": (0x200, lambda e, v: e.content_desc.startswith(v)),
    "checkable": (0x400, _flag("checkable")),
    "checked": (0x800, _flag("checked")),
    "clickable": (0x1000, _flag("clickable")),
    "longClickable": (0x2000, _flag("long_clickable")),
    "scrollable": (0x4000, _flag("scrollable")),
    "enabled": (0x8000, _flag("enabled")),
    "focusable": (0x10000, _flag("focusable")),
    "focused": (0x20000, _flag("focused")),
    "selected": (0x40000, _flag("selected")),
    "packageName": (0x80000, lambda e, v: e.package == v),
    "packageNameMatches": (0x100000, lambda e, v: _full(v, e.package)),
    "resourceId": (0x200000, lambda e, v: e.resource_id == v),
    "resourceIdMatches": (0x400000, lambda e, v: _full(v, e.resource_id)),
    "index": (0x800000, lambda e, v: e.sibling_index == int(v)),
}
INSTANCE_BIT = 0x1000000


def _own_matches(selector: dict[str, Any], candidates: list[UIElement]) -> list[UIElement]:
    mask = int(selector.get("mask", 0))
    tests = [(test, selector[key]) for key, (bit, test) in FIELDS.items() if mask & bit and key in selector]
    found = [e for e in candidates if all(test(e, value) for test, value in tests)]
    if mask & INSTANCE_BIT and "instance" in selector:
        index = int(selector["instance"])
        return found[index : index + 1]
    return found


def _descendants(element: UIElement, elements: list[UIElement]) -> list[UIElement]:
    """Elements after `element` in document order that are deeper than it, until the subtree ends."""
    out = []
    for other in elements[element.index + 1 :]:
        if other.depth <= element.depth:
            break
        out.append(other)
    return out


def _siblings(element: UIElement, elements: list[UIElement]) -> list[UIElement]:
    return [e for e in elements if e.parent == element.parent and e.index != element.index]


def match(selector: dict[str, Any], elements: list[UIElement]) -> list[UIElement]:
    """Every element the selector names, in document order."""
    found = _own_matches(selector, elements)
    relations = selector.get("childOrSibling") or []
    subselectors = selector.get("childOrSiblingSelector") or []
    for relation, sub in zip(relations, subselectors, strict=False):
        related: dict[int, UIElement] = {}
        for element in found:
            pool = _descendants(element, elements) if relation == "child" else _siblings(element, elements)
            related.update((e.index, e) for e in pool)
        found = _own_matches(sub, sorted(related.values(), key=lambda e: e.index))
    return found


def describe(selector: dict[str, Any]) -> str:
    """`UiSelector[TEXT=OK, CLASS=...]`, as the Java exception message shows it."""
    mask = int(selector.get("mask", 0))
    parts = [f"{key.upper()}={selector[key]}" for key, (bit, _) in FIELDS.items()
             if mask & bit and key in selector]
    return f"UiSelector[{', '.join(parts)}]"


def obj_info(element: UIElement, child_count: int) -> dict[str, Any]:
    """The `ObjInfo` JSON the u2 server returns for a node."""
    b = element.bounds
    bounds = {"left": b.left, "top": b.top, "right": b.right, "bottom": b.bottom}
    return {
        "bounds": bounds, "visibleBounds": dict(bounds), "childCount": child_count,
        "className": element.class_name, "contentDescription": element.content_desc or None,
        "packageName": element.package, "resourceName": element.resource_id or None, "text": element.text,
        "checkable": element.checkable, "checked": element.checked, "clickable": element.clickable,
        "enabled": element.enabled, "focusable": element.focusable, "focused": element.focused,
        "longClickable": element.long_clickable, "scrollable": element.scrollable,
        "selected": element.selected,
    }
