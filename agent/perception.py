"""What the model sees of a screen: a set-of-mark screenshot and a compact, indexed element list.

Only elements the model can act on get a number (clickable, long-clickable, scrollable, checkable, editable);
a clickable row takes the texts of its non-interactive children as its label (as droidrun and mobile-use do),
so "Network & internet | Mobile, Wi-Fi, hotspot" is one target instead of three. Other visible texts are listed
unnumbered as context. Both the list and the image are bounded, whatever the screen holds.

Screen text is untrusted: labels are JSON-quoted data, and nothing here adds instructions around them.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont
from pydantic import BaseModel, ConfigDict, Field

from droidpilot.emulator.device import Bounds, Observation, UIElement

MAX_LABEL = 80
MAX_ABSORBED = 6
STATUS_BAR_IDS = ("status_bar", "clock", "notification_icon", "battery", "statusIcons")
PALETTE = ((230, 25, 75), (0, 130, 200), (60, 180, 75), (245, 130, 48), (145, 30, 180), (0, 128, 128),
           (240, 50, 230), (128, 0, 0), (0, 0, 128), (170, 110, 40))
ID_NOISE = {"edt", "et", "edit", "txt", "input", "field", "view", "tv", "box", ""}
TOGGLES = ("Switch", "ToggleButton", "SwitchCompat", "SwitchMaterial")


class ModelView(BaseModel):
    """One screen as the model gets it. `targets` maps the numbers in `elements_text` to elements."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    image: Image.Image = Field(description="set-of-mark screenshot, long side <= max_side")
    elements_text: str
    targets: dict[int, UIElement]
    labels: dict[int, str] = Field(default_factory=dict, description="the label each number was shown with")
    package: str
    activity: str
    keyboard_shown: bool = False
    fingerprint: str = Field(description="hash of structure and texts, status bar excluded")
    screen_size: tuple[int, int] = (0, 0)
    scale: float = Field(1.0, description="image pixels per screen pixel")
    label_boxes: dict[int, tuple[int, int, int, int]] = Field(default_factory=dict, description="where each "
                                                              "number is drawn on `image`")

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        """Image coordinates (what a model looking at `image` would say) to screen pixels."""
        return round(x / self.scale), round(y / self.scale)

    def describe(self, index: int) -> str:
        """`[3] Button "Save"`: how the element was shown, for outcomes and logs."""
        element = self.targets[index]
        return f"[{index}] {short_class(element)} {quote(self.labels.get(index, element.label))}"


# -- element selection -----------------------------------------------------------------------------------------

def short_class(element: UIElement) -> str:
    return element.class_name.rpartition(".")[2] or "View"


def quote(text: str, limit: int = MAX_LABEL) -> str:
    """JSON-quoted and truncated: screen text stays data, newlines and quotes escaped."""
    clean = " ".join(text.split())
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return json.dumps(clean, ensure_ascii=False)


def _visible(element: UIElement, width: int, height: int) -> bool:
    b = element.bounds
    return b.width > 2 and b.height > 2 and b.right > 0 and b.bottom > 0 and b.left < width and b.top < height


def _children(elements: list[UIElement]) -> dict[int, list[UIElement]]:
    out: dict[int, list[UIElement]] = {}
    for element in elements:
        if element.parent is not None:
            out.setdefault(element.parent, []).append(element)
    return out


def _texts_below(element: UIElement, children: dict[int, list[UIElement]]) -> list[UIElement]:
    """Non-interactive descendants with text, not looking inside interactive descendants."""
    found: list[UIElement] = []
    for child in children.get(element.index, []):
        if child.interactive:
            continue
        if child.text or child.content_desc:
            found.append(child)
        found.extend(_texts_below(child, children))
    return found


def _unique(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in (" ".join(t.split()) for t in texts):
        if text and not any(text.casefold() in seen.casefold() for seen in out):
            out.append(text)
    return out


def _absorbs(element: UIElement, screen_area: int) -> bool:
    """A clickable row or card, not a list or a full-screen container."""
    area = element.bounds.width * element.bounds.height
    return not element.scrollable and not element.editable and area < screen_area // 2


class _Selection(NamedTuple):
    numbered: list[tuple[UIElement, str]]
    context: list[UIElement]


def _wrappers(elements: list[UIElement]) -> set[int]:
    """Unlabelled clickable wrappers around one interactive child of the same size: the child stands for them."""
    out: set[int] = set()
    for element in elements:
        parent = elements[element.parent] if element.parent is not None else None
        if (element.interactive and parent is not None and parent.interactive and not parent.scrollable
                and parent.bounds == element.bounds and not (parent.text or parent.content_desc)):
            out.add(parent.index)
    return out


def _select(elements: list[UIElement], width: int, height: int) -> _Selection:
    children = _children(elements)
    consumed: set[int] = set()
    skipped = _wrappers(elements)
    numbered: list[tuple[UIElement, str]] = []
    for element in elements:
        if not element.interactive or element.index in skipped or not _visible(element, width, height):
            continue
        own = [element.text, element.content_desc]
        below = _texts_below(element, children) if _absorbs(element, width * height) else []
        if len(below) <= MAX_ABSORBED:
            consumed.update(e.index for e in below)
            own += [t for e in below for t in (e.text, e.content_desc)]
        label = " | ".join(_unique(own)) or _borrowed_label(element, elements, children)
        numbered.append((element, label))
    context = [e for e in elements if not e.interactive and (e.text or e.content_desc) and e.index not in consumed
               and _visible(e, width, height)]
    return _Selection(numbered=sorted(numbered, key=lambda p: _reading_key(p[0])),
                      context=sorted(context, key=_reading_key))


def _borrowed_label(element: UIElement, elements: list[UIElement], children: dict[int, list[UIElement]]) -> str:
    """A bare switch or icon button takes its row's text, else its resource-id's name."""
    if element.parent is not None and element.checkable:
        siblings = _texts_below(elements[element.parent], children)
        if siblings:
            return " ".join(siblings[0].text.split()) or siblings[0].content_desc
    return element.resource_id.rpartition("/")[2].replace("_", " ")


def _reading_key(element: UIElement) -> tuple[int, int, int]:
    # A row's items read left to right when their middles are within ~half a line; a tall container counts
    # from near its top, so a list comes before its rows.
    b = element.bounds
    return (b.top + min(b.height // 2, 48)) // 24, b.left, element.index


# -- the element list ------------------------------------------------------------------------------------------

def _hints(xml: str) -> dict[int, str]:
    """Hints by element index, when the dump has a `hint` attribute (androidx uiautomator dumps do)."""
    if "hint=" not in xml:
        return {}
    try:
        nodes = ET.fromstring(xml.strip().encode("utf-8")).iter("node")
    except ET.ParseError:
        return {}
    return {i: node.attrib["hint"] for i, node in enumerate(nodes) if node.attrib.get("hint")}


def _looks_like_hint(element: UIElement, hints: dict[int, str]) -> bool:
    """An empty field reports its hint as its text; without a hint attribute, a text equal to the id's name
    ("First name" for first_name) is taken for one."""
    if element.index in hints:
        return element.text == hints[element.index]
    name = set(element.resource_id.rpartition("/")[2].casefold().split("_")) - ID_NOISE
    return bool(name) and name == set(element.text.casefold().split()) - ID_NOISE


def _flags(element: UIElement, hints: dict[int, str]) -> list[str]:
    flags: list[str] = []
    if element.editable:
        flags += ["(hint)"] if _looks_like_hint(element, hints) else []
        flags += ["focused"] if element.focused else []
        flags += ["password"] if element.password else []
    if element.checkable:
        toggle = short_class(element) in TOGGLES
        flags.append(("on" if element.checked else "off") if toggle else
                     ("checked" if element.checked else "unchecked"))
    flags += ["selected"] if element.selected else []
    flags += ["scrollable"] if element.scrollable else []
    flags += ["long-clickable"] if element.long_clickable and not (element.clickable or element.editable) else []
    flags += ["disabled"] if not element.enabled else []
    return flags


def element_line(number: int, element: UIElement, label: str, hints: dict[int, str] | None = None) -> str:
    parts = [f"[{number}] {short_class(element)}"]
    if label:
        parts.append(quote(label))
    name = element.resource_id.rpartition("/")[2]
    if name and name.replace("_", " ").casefold() != label.casefold():
        parts.append(f"id={name}")
    return " ".join(parts + _flags(element, hints or {}))


def context_line(element: UIElement) -> str:
    texts = _unique([element.text, element.content_desc])
    kind = "" if short_class(element) == "TextView" else short_class(element) + " "
    return f"- {kind}{quote(' | '.join(texts))}"


def _bounded(lines: list[str], max_chars: int) -> str:
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        if used + len(line) + 1 > max_chars:
            out.append(f"(… {len(lines) - i} more lines not shown)")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)


# -- fingerprint -----------------------------------------------------------------------------------------------

def _in_status_bar(element: UIElement) -> bool:
    name = element.resource_id.rpartition("/")[2]
    return element.package == "com.android.systemui" and any(k in name for k in STATUS_BAR_IDS)


def fingerprint(observation: Observation) -> str:
    """Structure, texts and states of the screen; the status bar (clock, battery) is left out."""
    rows = [(e.class_name, e.resource_id, e.text, e.content_desc, e.bounds.to_uiautomator(), e.checked,
             e.selected, e.enabled, e.focused) for e in observation.elements if not _in_status_bar(e)]
    payload = json.dumps([observation.package, observation.activity, rows], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


# -- set-of-mark image -----------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)  # Pillow's bundled font: identical on every machine


def _scaled(bounds: Bounds, scale: float) -> tuple[int, int, int, int]:
    return (round(bounds.left * scale), round(bounds.top * scale), round(bounds.right * scale) - 1,
            round(bounds.bottom * scale) - 1)


Rect = tuple[int, int, int, int]
_MAX_SPOTS = 600


def _overlaps(rect: Rect, placed: list[Rect]) -> bool:
    return any(rect[0] < p[2] and p[0] < rect[2] and rect[1] < p[3] and p[1] < rect[3] for p in placed)


def _spots(box: Rect, w: int, h: int) -> list[tuple[int, int]]:
    """Candidate top-left corners for a label: the element's corners, just outside it, then a grid over the
    element (a list or a card has room inside), then rings around it."""
    left, top, right, bottom = box
    spots = [(left, top), (right - w, top), (left, bottom - h), (right - w, bottom - h), (left, top - h),
             (right - w, top - h), (left, bottom), (right, top), (left - w, top)]
    spots += [(x, y) for y in range(top, bottom - h + 1, h) for x in range(left, right - w + 1, w)]
    for ring in range(1, 8):
        spots += [(left + dx * w, top + dy * h) for dy in range(-ring, ring + 1) for dx in range(-ring, ring + 1)
                  if max(abs(dx), abs(dy)) == ring]
    return spots[:_MAX_SPOTS]


def _label_box(box: Rect, size: tuple[int, int], placed: list[Rect], image_size: tuple[int, int]) -> Rect:
    """Where the number goes: the first free spot (see `_spots`) kept on the image; top-left when none is."""
    w, h = size
    first: Rect | None = None
    for x, y in _spots(box, w, h):
        x, y = max(0, min(x, image_size[0] - w)), max(0, min(y, image_size[1] - h))
        rect = (x, y, x + w, y + h)
        first = first or rect
        if not _overlaps(rect, placed):
            return rect
    assert first is not None
    return first


def place_labels(boxes: dict[int, Rect], sizes: dict[int, tuple[int, int]], image_size: tuple[int, int]
                 ) -> dict[int, Rect]:
    """Non-overlapping number labels for the marked boxes. Small elements choose first: a container has room
    for its number further inside, a button does not."""
    placed: dict[int, Rect] = {}
    for number in sorted(boxes, key=lambda n: ((boxes[n][2] - boxes[n][0]) * (boxes[n][3] - boxes[n][1]), n)):
        placed[number] = _label_box(boxes[number], sizes[number], list(placed.values()), image_size)
    return placed


def draw_marks(screenshot: Image.Image, marks: list[tuple[int, UIElement]], max_side: int = 1024,
               hide: list[Bounds] | None = None) -> tuple[Image.Image, float, dict[int, Rect]]:
    """Downscale so the long side is <= max_side, blank `hide` areas, then draw a coloured box and a number
    label per mark. Returns the image, its scale (image pixels per screen pixel) and each number's label box."""
    scale = min(1.0, max_side / max(screenshot.size))
    size = (max(1, round(screenshot.width * scale)), max(1, round(screenshot.height * scale)))
    image = screenshot.convert("RGB").resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0) if scale < 1 else \
        screenshot.convert("RGB")
    draw = ImageDraw.Draw(image)
    for bounds in hide or []:
        draw.rectangle(_scaled(bounds, scale), fill=(0, 0, 0))
    line = max(2, round(size[0] / 240))
    font = _font(max(12, round(size[0] / 24)))
    for number, element in marks:
        draw.rectangle(_scaled(element.bounds, scale), outline=PALETTE[number % len(PALETTE)], width=line)
    ink = {number: draw.textbbox((0, 0), str(number), font=font) for number, _element in marks}
    sizes = {n: (round(right - left) + 6, round(bottom - top) + 4) for n, (left, top, right, bottom) in ink.items()}
    labels = place_labels({n: _scaled(e.bounds, scale) for n, e in marks}, sizes, size)
    for number, rect in labels.items():
        draw.rectangle(rect, fill=PALETTE[number % len(PALETTE)])
        draw.text((rect[0] + 3 - ink[number][0], rect[1] + 2 - ink[number][1]), str(number), fill=(255, 255, 255),
                  font=font)
    return image, scale, labels


# -- perceive --------------------------------------------------------------------------------------------------

def _screen_size(observation: Observation) -> tuple[int, int]:
    if observation.screenshot is not None:
        return observation.screenshot.size
    roots = [e.bounds for e in observation.elements if e.parent is None]
    return (max((b.right for b in roots), default=1080), max((b.bottom for b in roots), default=2400))


def perceive(observation: Observation, max_elements: int = 60, max_text: int = 60, max_chars: int = 8000,
             max_side: int = 1024, redact: Callable[[str], str] | None = None) -> ModelView:
    """The model's view of `observation`. `redact` (e.g. `SecretVault.redact`) scrubs labels, and fields
    showing a secret are blanked in the image."""
    width, height = _screen_size(observation)
    selection = _select(observation.elements, width, height)
    scrub = redact or (lambda text: text)
    numbered = selection.numbered[:max_elements]
    hints = _hints(observation.xml)
    targets = {n: element for n, (element, _label) in enumerate(numbered)}
    labels = {n: scrub(label) for n, (_element, label) in enumerate(numbered)}
    lines = [(_reading_key(e), element_line(n, e, labels[n], hints)) for n, e in targets.items()]
    lines += [(_reading_key(e), scrub(context_line(e))) for e in selection.context[:max_text]]
    lines.sort(key=lambda pair: pair[0])
    dropped = len(selection.numbered) - len(numbered)
    text = _bounded([line for _b, line in lines], max_chars)
    if dropped > 0:
        text += f"\n({dropped} more elements not numbered; scroll or go back to reach them)"
    hide = [e.bounds for e in observation.elements if redact and redact(e.text) != e.text]
    raw = observation.screenshot if observation.screenshot is not None else Image.new("RGB", (width, height),
                                                                                       (128, 128, 128))
    image, scale, label_boxes = draw_marks(raw, list(targets.items()), max_side, hide)
    return ModelView(image=image, elements_text=text, targets=targets, labels=labels,
                     package=observation.package, activity=observation.activity,
                     keyboard_shown=observation.keyboard_shown, fingerprint=fingerprint(observation),
                     screen_size=(width, height), scale=scale, label_boxes=label_boxes)
