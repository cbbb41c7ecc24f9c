"""uiautomator2 methods beyond single selectors: `childByText` / `childByDescription` / `childByInstance`
(which hand back an object name the client then uses in place of a selector), `dragTo`, and the
two-finger `gesture` / `pinchIn` / `pinchOut`.

Two-finger gestures reach the phone as a pinch (start and end points of both fingers); views that zoom (a map,
a photo) get the scale, the others ignore it as on a device.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual.adb.uiselector import match

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.u2_server import U2Service

MAX_SCROLLS = 30
STEP_MS = 5
"""uiautomator's injection rate: one move event every 5 ms."""
FINGER_TOUCH_HALF_WIDTH = 20
"""UiObject's pinches start (pinchOut) or end (pinchIn) with the fingers this far either side of the centre."""
Point = tuple[float, float]
Fingers = tuple[Point, Point]


@dataclass(frozen=True)
class StoredObject:
    """What an object name stands for: the node with this identity (key and text) on the current screen."""

    key: str
    text: str

    def find(self, elements: list[UIElement]) -> list[UIElement]:
        return [e for e in elements if e.key == self.key and e.text == self.text][:1]


class ObjectTable:
    def __init__(self) -> None:
        self._objects: dict[str, StoredObject] = {}

    def store(self, element: UIElement) -> str:
        name = str(uuid.uuid4())
        self._objects[name] = StoredObject(element.key, element.text)
        return name

    def get(self, name: str) -> StoredObject | None:
        return self._objects.get(name)


def _subtree(element: UIElement, elements: list[UIElement]) -> list[UIElement]:
    out = [element]
    for other in elements[element.index + 1 :]:
        if other.depth <= element.depth:
            break
        out.append(other)
    return out


def _child_with(service: U2Service, collection: Any, child: dict[str, Any], test: Any) -> UIElement | None:
    elements = service.elements()
    parents = service.resolve(collection, elements)
    if not parents:
        return None
    pool = _subtree(parents[0], elements)[1:]
    candidates = match(child, pool) if child.get("mask") else pool
    return next((c for c in candidates if any(test(e) for e in _subtree(c, elements))), None)


def child_by(service: U2Service, kind: str, collection: Any, child: dict[str, Any], value: str,
             allow_scroll: bool = True) -> str:
    """`childByText` / `childByDescription`: the first `child` inside `collection` with that text (or
    description) somewhere in its subtree; scrolls a scrollable collection to find it, as UiScrollable does."""

    def test(e: UIElement) -> bool:
        return (e.text if kind == "text" else e.content_desc) == value

    for _ in range(MAX_SCROLLS if allow_scroll else 1):
        found = _child_with(service, collection, child, test)
        if found is not None:
            return service.objects.store(found)
        if not allow_scroll or not isinstance(collection, dict) or not service.scroll_forward(collection):
            break
    raise service.missing(child)


def child_by_instance(service: U2Service, collection: Any, child: dict[str, Any], instance: int) -> str:
    elements = service.elements()
    parents = service.resolve(collection, elements)
    if parents:
        pool = _subtree(parents[0], elements)[1:]
        found = match(child, pool) if child.get("mask") else pool
        if 0 <= int(instance) < len(found):
            return service.objects.store(found[int(instance)])
    raise service.missing(child)


def drag_to(service: U2Service, selector: Any, *target: Any) -> bool:
    """`dragTo(selector, x, y, steps)` or `dragTo(selector, destSelector, steps)`: press on the element,
    hold, and move to the point or the other element's centre."""
    start = service.one(selector).bounds.center
    end: tuple[float, float]
    if target and isinstance(target[0], (dict, str)):
        end, steps = service.one(target[0]).bounds.center, target[1] if len(target) > 1 else 100
    elif len(target) >= 2:
        end, steps = (float(target[0]), float(target[1])), target[2] if len(target) > 2 else 100
    else:
        raise TypeError("dragTo needs a point or a selector")
    with service.lock:
        service.phone.long_press(start[0], start[1], 600)
        service.phone.swipe(start[0], start[1], end[0], end[1], max(10, int(steps) * STEP_MS))
    return True


def pinch_points(element: UIElement, percent: float, outward: bool) -> tuple[Fingers, Fingers]:
    """UiObject.pinchIn / pinchOut: horizontal fingers between the centre and `percent` of the half-width."""
    b = element.bounds
    if b.width <= FINGER_TOUCH_HALF_WIDTH * 2:
        raise RuntimeError("java.lang.IllegalStateException: Object width is too small for operation")
    cx, cy = b.center
    reach = b.width / 2 * min(100.0, max(1.0, float(percent))) / 100
    near = ((cx - FINGER_TOUCH_HALF_WIDTH, cy), (cx + FINGER_TOUCH_HALF_WIDTH, cy))
    far = ((cx - reach, cy), (cx + reach, cy))
    return (near, far) if outward else (far, near)


def pinch(service: U2Service, selector: Any, percent: float, steps: float, outward: bool) -> bool:
    start, end = pinch_points(service.one(selector), percent, outward)
    return two_finger(service, start, end, steps)


def gesture(service: U2Service, selector: Any, points: list[dict[str, float]], steps: float) -> bool:
    """`gesture(selector, start1, start2, end1, end2, steps)`: the points are {x, y} screen pixels."""
    service.one(selector)
    (s1, s2, e1, e2) = ((float(p["x"]), float(p["y"])) for p in points)
    return two_finger(service, (s1, s2), (e1, e2), steps)


def two_finger(service: U2Service, start: Fingers, end: Fingers, steps: float) -> bool:
    """Both fingers move for `steps` x 5 ms, as uiautomator injects them."""
    with service.lock:
        service.phone.pinch(start, end, max(10, int(steps) * STEP_MS))
    return True
