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

import re
from typing import Any

from PIL import Image
from pydantic import BaseModel

from droidpilot.emulator.device import Observation, UIElement
from droidpilot.memory.signature import MAX_TEXT, PageSignature, mask_clock, page_signature, short_hash

OUTSIDE = "<outside>"
"""The pseudo-state of every screen that does not belong to the crawled app."""
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


def _masked(text: str) -> str:
    return _DIGITS.sub("#", mask_clock(text)) if len(text) <= MAX_TEXT else ""


def variant_key(observation: Observation, structure: str) -> str:
    """Short texts and flags in document order, counters and clocks masked; the app's own elements only."""
    parts = [structure]
    for e in observation.elements:
        if e.package and e.package != observation.package:
            continue  # status bar, navigation bar, another window's nodes
        text = "" if e.editable else _masked(e.text)
        desc = _masked(e.content_desc)
        if text or desc or e.checkable or e.selected:
            parts.append(f"{e.resource_id}|{e.class_name}|{text}|{desc}|{e.checked:d}{e.selected:d}")
    return short_hash(parts)


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

def _view(e: UIElement, children: list[int]) -> dict[str, Any]:
    b = e.bounds
    text = e.text if len(e.text) <= MAX_TEXT else None
    return {
        "temp_id": e.index, "parent": -1 if e.parent is None else e.parent, "children": children,
        "class": e.class_name, "resource_id": e.resource_id or None, "text": e.text or None,
        "content_description": e.content_desc or None, "package": e.package,
        "bounds": [[b.left, b.top], [b.right, b.bottom]], "size": f"{b.width}*{b.height}",
        "enabled": e.enabled, "visible": b.width > 0 and b.height > 0, "clickable": e.clickable,
        "long_clickable": e.long_clickable, "checkable": e.checkable, "checked": e.checked,
        "selected": e.selected, "editable": e.editable, "scrollable": e.scrollable, "focused": e.focused,
        "focusable": e.focusable, "is_password": e.password,
        "signature": f"[class]{e.class_name}[resource_id]{e.resource_id}[text]{text}"
                     f"[{'enabled' if e.enabled else ''},{'checked' if e.checked else ''},"
                     f"{'selected' if e.selected else ''}]",
        "content_free_signature": f"[class]{e.class_name}[resource_id]{e.resource_id}",
    }


def state_dict(observation: Observation, capture: Capture, tag: int, phash: str) -> dict[str, Any]:
    """DroidBot's `state_<tag>.json` (research/crawler.md §1.6) plus our hashes and the page title."""
    children: dict[int, list[int]] = {}
    for e in observation.elements:
        if e.parent is not None:
            children.setdefault(e.parent, []).append(e.index)
    width, height = observation.screenshot.size if observation.screenshot is not None else (0, 0)
    activity = observation.activity
    short = activity.removeprefix(observation.package) if activity.startswith(observation.package + ".") else activity
    return {
        "tag": tag, "state_str": capture.content_hash, "state_str_content_free": capture.structure_hash,
        "variant": capture.variant, "phash": phash, "title": capture.title,
        "foreground_activity": f"{observation.package}/{short}", "activity_stack": [f"{observation.package}/{short}"],
        "background_services": [], "width": width, "height": height, "keyboard_shown": observation.keyboard_shown,
        "views": [_view(e, children.get(e.index, [])) for e in observation.elements],
    }
