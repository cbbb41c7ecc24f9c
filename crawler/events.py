"""Events: what can be done on a capture (taps, long presses, scrolls, typing, back, restart), the deny-list,
the text-input dictionary, and carrying an event out on a device.

An event's `id` is memory's semantic action (`tap text="Display"`, `scroll down id=...:id/recycler_view`), so it
names the element by what it is, not where it is: the same event is recognised on every capture of a state,
whatever the scroll position, and the transition written to page memory is the same string.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from droidpilot.crawler.config import SEARCH_FIELD
from droidpilot.emulator.device import Device, Key, Observation, UIElement
from droidpilot.memory.signature import covered, is_text_toolbar, parse_semantic_action, semantic_action

EventKind = Literal["tap", "long_press", "type", "scroll", "back", "restart"]
"""The agent's action vocabulary, so transitions in page memory read the same whoever recorded them."""
_UP_LIKE = {"navigate up", "back", "close", "done"}
MAX_CLEAR = 40
"""Characters of an input field's current text deleted before typing (longer texts are typed after)."""


class CrawlEvent(BaseModel):
    """One possible action on a state, or (with x, y, text filled) one performed action."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: EventKind
    direction: str = ""
    label: str = ""
    resource_id: str = ""
    class_name: str = ""
    bounds: tuple[int, int, int, int] | None = None
    priority: int = 0
    x: int = -1
    y: int = -1
    text: str = ""


EVENT_TYPES: dict[str, str] = {"tap": "touch", "long_press": "long_touch", "type": "set_text", "scroll": "scroll",
                               "back": "key", "restart": "intent"}
"""DroidBot's `event_type` of each kind."""
LONG_PRESS_MS = 1000

BACK = CrawlEvent(id="press back", kind="back", label="Back", priority=9)
RESTART = CrawlEvent(id="restart", kind="restart", label="restart the app", priority=10)


class DenyList:
    """Case-insensitive regexes on text, content-desc, resource-id name and row label."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [re.compile(p, re.IGNORECASE) for p in patterns]

    def blocks(self, *texts: str) -> bool:
        return any(p.search(t) for t in texts if t for p in self.patterns)


def _visible(e: UIElement, width: int, height: int) -> bool:
    b = e.bounds
    return b.right > b.left and b.bottom > b.top and b.right > 0 and b.bottom > 0 and b.left < width \
        and b.top < height


def _kinds(e: UIElement) -> list[tuple[EventKind, str, int]]:
    """(kind, direction, priority) of the events an element offers; lower priority is tried first."""
    out: list[tuple[EventKind, str, int]] = []
    if e.editable:
        out.append(("type", "", 1))
    elif e.clickable or e.checkable:
        up_like = (e.content_desc or e.text).casefold() in _UP_LIKE
        out.append(("tap", "", 8 if up_like else 0))
    if e.long_clickable:
        out.append(("long_press", "", 2))
    if e.scrollable:
        horizontal = "Horizontal" in e.class_name or "ViewPager" in e.class_name
        out += [("scroll", d, 3) for d in (("right", "left") if horizontal else ("down", "up"))]
    return out


def extract_events(observation: Observation, deny: DenyList) -> tuple[list[CrawlEvent], dict[str, UIElement], int]:
    """The capture's events in priority then document order, the element behind each event id, and how many
    elements the deny-list held back. Back is always offered, last."""
    width, height = observation.screenshot.size if observation.screenshot is not None else (10**6, 10**6)
    events: dict[str, CrawlEvent] = {}
    elements: dict[str, UIElement] = {}
    denied = 0
    hidden = covered(observation.elements)  # under an open drawer: not touchable, not part of the state
    for e in observation.elements:
        if not e.enabled or not _visible(e, width, height) or (e.package and e.package != observation.package):
            continue
        if e.index in hidden or is_text_toolbar(e):  # the toolbar is transient chrome of a state, not its events
            continue
        kinds = _kinds(e)
        if not kinds:
            continue
        name = e.resource_id.rpartition("/")[2].replace("_", " ")
        first = semantic_action(kinds[0][0], e, observation, detail=kinds[0][1])
        parsed = parse_semantic_action(first)
        label = e.text if not e.editable and e.text else (e.content_desc or parsed.text or name)
        if deny.blocks(e.text, e.content_desc, name, parsed.text, parsed.content_desc):
            denied += 1
            continue
        for kind, direction, priority in kinds:
            event_id = first if (kind, direction) == kinds[0][:2] else semantic_action(kind, e, observation,
                                                                                       detail=direction)
            if event_id in events:
                continue  # two rows with the same label: one event
            b = e.bounds
            events[event_id] = CrawlEvent(id=event_id, kind=kind, direction=direction, label=label[:80],
                                          resource_id=e.resource_id, class_name=e.class_name,
                                          bounds=(b.left, b.top, b.right, b.bottom), priority=priority)
            elements[event_id] = e
    ordered = sorted(events.values(), key=lambda ev: ev.priority)  # stable: document order within a priority
    return [*ordered, BACK], elements, denied


def text_for(element: UIElement | None, inputs: dict[str, str], default: str, words: list[str] | None = None) -> str:
    """The dictionary's text for an input field, chosen by its resource-id, hint/text and description. A search
    field gets a word shown in the app (`words`, most telling first) so that the search finds something."""
    if element is None:
        return default
    hay = " ".join((element.resource_id.rpartition("/")[2].replace("_", " "), element.text, element.content_desc))
    if words and re.search(SEARCH_FIELD, hay, re.IGNORECASE):
        return words[0]
    for pattern, text in inputs.items():
        if re.search(pattern, hay, re.IGNORECASE):
            return text
    return default


def perform(device: Device, event: CrawlEvent, element: UIElement | None, package: str, text: str = "") -> CrawlEvent:
    """Carry the event out; returns it with the coordinates (and text) actually used."""
    if event.kind == "back":
        device.press(Key.BACK)
        return event
    if event.kind == "restart":
        device.shell(f"am force-stop {package}")
        device.launch(package)
        return event
    assert element is not None, f"{event.id} needs its element"
    b = element.bounds
    x, y = b.center
    if event.kind == "tap":
        device.tap(x, y)
    elif event.kind == "long_press":
        device.long_press(x, y, LONG_PRESS_MS)
    elif event.kind == "scroll":
        _scroll(device, element, event.direction)
    elif event.kind == "type":
        _type(device, element, x, y, text)
    return event.model_copy(update={"x": x, "y": y, "text": text})


def _scroll(device: Device, element: UIElement, direction: str) -> None:
    """`down` shows what is below (the finger moves up), as DroidBot's ScrollEvent names directions."""
    b = element.bounds
    cx, cy = b.center
    dy, dx = (b.height * 3 // 10, b.width * 3 // 10)
    moves = {"down": (cx, cy + dy, cx, cy - dy), "up": (cx, cy - dy, cx, cy + dy),
             "right": (cx + dx, cy, cx - dx, cy), "left": (cx - dx, cy, cx + dx, cy)}
    x1, y1, x2, y2 = moves[direction]
    device.swipe(x1, y1, x2, y2, 400)


def _type(device: Device, element: UIElement, x: int, y: int, text: str) -> None:
    device.tap(x, y)
    if element.text and len(element.text) <= MAX_CLEAR:
        device.press("MOVE_END")
        for _ in element.text:
            device.press(Key.DELETE)
    device.input_text(text)
