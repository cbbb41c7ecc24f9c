"""State identity: which state a capture shows, which variant of it, and a perceptual hash for cross-app dedup.

- The *state* (a node of the transition graph) is memory's `structure_hash`: classes, resource-ids, action kinds
  and visibility, no text, list rows collapsed into a set, status and navigation bars left out. Clocks, counters,
  feeds and the number of rows in a list therefore never create a state.
- A *variant* is a distinct content of one state: memory's short texts (<= 50 characters) and checked/selected
  flags, in document order (so scroll positions differ), with digit runs and clock readings masked and input
  fields' own text left out. A crawl keeps up to `max_variants` records per state.
- `phash` is a 64-bit difference hash (dHash) of the screenshot, so the same screen met in two apps (a system
  dialog, a shared web page) is written to the dataset once.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from PIL import Image
from pydantic import BaseModel

from droidpilot.emulator.device import Observation, UIElement
from droidpilot.memory.signature import (
    MAX_TEXT,
    PageSignature,
    covered,
    is_text_toolbar,
    mask_clock,
    page_signature,
    short_hash,
)

OUTSIDE = "<outside>"
"""The pseudo-state of every screen that does not belong to the crawled app."""
LAUNCHER = "<launcher>"
"""The home screen, as the start of the steps that open the app from its launcher icon."""
_DIGITS = re.compile(r"\d+")


class Capture(BaseModel):
    """What one observation is, for the crawler: its state, its variant, and its page description."""

    state: str
    variant: str
    structure_hash: str
    content_hash: str
    package: str
    activity: str
    title: str
    in_app: bool
    signature: PageSignature


def identify(observation: Observation, package: str) -> Capture:
    """The capture's identity. Screens of other packages are all the one OUTSIDE state."""
    sig = page_signature(observation)
    in_app = observation.package == package
    return Capture(
        state=sig.structure_hash if in_app else OUTSIDE, variant=variant_key(observation, sig.structure_hash),
        structure_hash=sig.structure_hash, content_hash=sig.content_hash, package=observation.package,
        activity=observation.activity, title=sig.title, in_app=in_app, signature=sig)


def is_home(observation: Observation) -> bool:
    """The launcher's home screen (Launcher3, a vendor's `*.home`)."""
    return "launcher" in observation.package or observation.package.endswith(".home")


def _masked(text: str) -> str:
    return _DIGITS.sub("#", mask_clock(text)) if len(text) <= MAX_TEXT else ""


def variant_key(observation: Observation, structure: str) -> str:
    """Short texts and flags in document order, counters and clocks masked; the app's own elements only."""
    parts = [structure]
    hidden = covered(observation.elements)
    for e in observation.elements:
        if (e.package and e.package != observation.package) or e.index in hidden or is_text_toolbar(e):
            continue  # status bar, navigation bar, another window's nodes, the text toolbar, under a drawer
        text = "" if e.editable else _masked(e.text)
        desc = _masked(e.content_desc)
        if text or desc or e.checkable or e.selected:
            parts.append(f"{e.resource_id}|{e.class_name}|{text}|{desc}|{e.checked:d}{e.selected:d}")
    return short_hash(parts)


def skeleton(observation: Observation) -> str:
    """The app's own views as a set of `class|resource-id name` (no package, no text, no system chrome): two
    apps showing the same screen share it; screens whose hierarchies differ in more than chrome do not."""
    own = {f"{e.class_name}|{e.resource_id.rpartition('/')[2]}" for e in observation.elements
           if e.package in ("", observation.package)}
    return short_hash(sorted(own))


_WORD = re.compile(r"[^\W\d_]{3,}")


def list_words(observation: Observation | None) -> list[str]:
    """Words of the rows of the screen's scrolling lists (what a search here would find), first row first."""
    if observation is None:
        return []
    by_index = {e.index: e for e in observation.elements}

    def in_list(e: UIElement) -> bool:
        hop = e.parent
        while hop is not None and hop in by_index:
            if by_index[hop].scrollable:
                return True
            hop = by_index[hop].parent
        return False

    rows = [e.text for e in observation.elements if e.text and not e.editable and in_list(e)]
    return list(dict.fromkeys(w for text in rows for w in _WORD.findall(text)))


def dhash(image: Image.Image, size: int = 8) -> str:
    """Difference hash: a (size+1) x size grayscale thumbnail, one bit per horizontal neighbour comparison."""
    small = image.convert("L").resize((size + 1, size), Image.Resampling.BILINEAR, reducing_gap=2.0)
    pixels = small.tobytes()
    bits = 0
    for row in range(size):
        for col in range(size):
            left, right = pixels[row * (size + 1) + col], pixels[row * (size + 1) + col + 1]
            bits = (bits << 1) | int(left > right)
    return f"{bits:0{size * size // 4}x}"


# -- the DroidBot-like state dict -------------------------------------------------------------------------------

def tag_str(step: int) -> str:
    """A file tag: zero-padded, so DroidBot's readers (which sort file names) see steps in order."""
    return f"{step:06d}"


def foreground(observation: Observation) -> str:
    """`package/.Short` as DroidBot's `foreground_activity` writes it."""
    activity, package = observation.activity, observation.package
    short = activity.removeprefix(package) if activity.startswith(package + ".") else activity
    return f"{package}/{short}"


def _signature(e: UIElement) -> str:
    text = e.text if len(e.text) <= MAX_TEXT else None
    return (f"[class]{e.class_name}[resource_id]{e.resource_id}[text]{text}"
            f"[{'enabled' if e.enabled else ''},{'checked' if e.checked else ''},{'selected' if e.selected else ''}]")


def _children(elements: list[UIElement]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for e in elements:
        if e.parent is not None:
            children.setdefault(e.parent, []).append(e.index)
    return children


def view_str(observation: Observation, element: UIElement, children: dict[int, list[int]] | None = None) -> str:
    """DroidBot's view identity: md5 of the activity, the view's signature, its ancestors' and its descendants'."""
    by_index = {e.index: e for e in observation.elements}
    kids = children if children is not None else _children(observation.elements)
    parents: list[str] = []
    hop = element.parent
    while hop is not None and hop in by_index:
        parents.append(_signature(by_index[hop]))
        hop = by_index[hop].parent
    below: list[str] = []
    stack = list(kids.get(element.index, []))
    while stack:
        child = by_index[stack.pop()]
        below.append(_signature(child))
        stack += kids.get(child.index, [])
    raw = (f"Activity:{foreground(observation)}\nSelf:{_signature(element)}\nParents:{'//'.join(parents[::-1])}"
           f"\nChildren:{'||'.join(sorted(below))}")
    return hashlib.md5(raw.encode("utf-8")).hexdigest()


def view_dict(observation: Observation, e: UIElement, children: dict[int, list[int]] | None = None) -> dict[str, Any]:
    """One entry of DroidBot's `views` list."""
    kids = children if children is not None else _children(observation.elements)
    b = e.bounds
    return {
        "temp_id": e.index, "parent": -1 if e.parent is None else e.parent, "children": kids.get(e.index, []),
        "class": e.class_name, "resource_id": e.resource_id or None, "text": e.text or None,
        "content_description": e.content_desc or None, "package": e.package,
        "bounds": [[b.left, b.top], [b.right, b.bottom]], "size": f"{b.width}*{b.height}",
        "enabled": e.enabled, "visible": b.width > 0 and b.height > 0, "clickable": e.clickable,
        "long_clickable": e.long_clickable, "checkable": e.checkable, "checked": e.checked,
        "selected": e.selected, "editable": e.editable, "scrollable": e.scrollable, "focused": e.focused,
        "focusable": e.focusable, "is_password": e.password, "signature": _signature(e),
        "content_free_signature": f"[class]{e.class_name}[resource_id]{e.resource_id}",
        "view_str": view_str(observation, e, kids),
    }


def state_dict(observation: Observation, capture: Capture, tag: int, phash: str) -> dict[str, Any]:
    """DroidBot's `state_<tag>.json` (research/crawler.md section 1.6) plus our hashes and the page title.
    `state_str` is the crawler's state key, the one events/ and utg.js use, so DroidBot's joins hold."""
    kids = _children(observation.elements)
    width, height = observation.screenshot.size if observation.screenshot is not None else (0, 0)
    return {
        "tag": tag_str(tag), "state_str": capture.state, "state_str_content_free": capture.structure_hash,
        "content_hash": capture.content_hash, "variant": capture.variant, "phash": phash, "title": capture.title,
        "foreground_activity": foreground(observation), "activity_stack": [foreground(observation)],
        "background_services": [], "width": width, "height": height, "keyboard_shown": observation.keyboard_shown,
        "views": [view_dict(observation, e, kids) for e in observation.elements],
    }
