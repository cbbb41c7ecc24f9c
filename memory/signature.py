"""Page identity: what screen an Observation shows, independent of its changing content.

`page_signature(observation)` is called once per step by the agent and by the crawler, so it stays cheap
(well under 2 ms for a 50-200 node dump): one pass to build paths, no XML parsing, no pixels.

Two hashes, as DroidBot's `structure_str` / `state_str` (research/crawler.md §1.2), with two fixes:

- `structure_hash` is the *skeleton*: for each element that is interactive or has a resource-id, the path of
  `class#resource-id` tokens from the root, its action kinds and whether it is visible. No text, no positions,
  and the rows of a list are a *set* of paths, so a list with 3 or 30 rows of one layout is one page. Package
  and activity are part of it (DroidBot's idea); unlike DroidBot, visibility is (Omni-Notes PR #159).
- `content_hash` adds texts and content-descs of up to 50 characters (longer ones are feeds, not identity)
  and checked / selected states, in document order.

The status bar and navigation bar are left out entirely, and clock readings (`9:41`, `21:05 PM`) are masked in
texts, so a minute passing changes neither hash.

`semantic_action(action_type, element, observation)` names an action by what it acts on, not where:
`tap id=com.android.settings:id/search_action_bar`, `tap text="Display"`, `press back`. Transitions in page
memory and shortcut steps use these strings; `parse_semantic_action` reads them back.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from droidpilot.emulator.device import Bounds, Observation, UIElement

MAX_TEXT = 50
"""Texts longer than this are left out of the content hash and of locators (DroidBot's rule)."""
MAX_KEY_ELEMENTS = 24
MAX_ROW_REPEATS = 8
"""Key elements with the same skeleton path (list rows) kept before the rest of the list is skipped."""
MAX_LABEL = 60
MAX_SUMMARY = 400
SYSTEMUI = "com.android.systemui"
_BAR_IDS = ("status_bar", "statusbar", "clock", "notification_icon", "battery", "statusicons", "system_icons",
            "navigationbarbackground", "navigation_bar", "statusbarbackground")
_TITLE_WORDS = ("title", "toolbar", "action_bar", "actionbar", "app_bar", "appbar", "header")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?!\d)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:\d|{_MONTH})|{_MONTH}\s+\d{{1,2}}\b"
                   r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|<time>$)", re.IGNORECASE)
_LOCATOR = re.compile(r'(id|text|desc|class)=("(?:[^"\\]|\\.)*"|\S+)')


class KeyElement(BaseModel):
    """An element a person could act on, as page memory describes it."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(description="its text, description, the text of its row, or its resource-id's name")
    resource_id: str = ""
    kind: str = Field("", description="short class name: Button, Switch, EditText, ...")


class PageSignature(BaseModel):
    """A screen's identity and description. Equal `structure_hash` (within a package) means the same page."""

    model_config = ConfigDict(frozen=True)

    package: str
    activity: str
    structure_hash: str = Field(description="skeleton of classes, resource-ids, action kinds, visibility")
    content_hash: str = Field(description="skeleton plus short texts and checked/selected states")
    title: str = ""
    summary: str = ""
    key_elements: list[KeyElement] = Field(default_factory=list)

    @property
    def search_text(self) -> str:
        """What lexical search indexes besides title and summary: labels and resource-id names."""
        return elements_text(self.key_elements)


class SemanticAction(NamedTuple):
    """A parsed semantic action string."""

    action_type: str
    detail: str = ""
    resource_id: str = ""
    text: str = ""
    content_desc: str = ""
    class_name: str = ""


def elements_text(elements: list[KeyElement]) -> str:
    names = (e.resource_id.rpartition("/")[2].replace("_", " ") for e in elements)
    return " ".join(f"{e.label} {n}" for e, n in zip(elements, names, strict=True))


def short_hash(parts: list[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def _is_bar(element: UIElement, app_package: str) -> bool:
    name = element.resource_id.rpartition("/")[2].casefold()
    if any(k in name for k in _BAR_IDS):
        return element.package == SYSTEMUI or element.resource_id.startswith("android:id/")
    return element.package == SYSTEMUI and app_package != SYSTEMUI


def is_text_toolbar(element: UIElement) -> bool:
    """The floating Cut / Copy / Paste toolbar of a text selection: transient chrome, not part of the page."""
    return element.resource_id.rpartition("/")[2].startswith("floating_toolbar")


def _visible(element: UIElement) -> bool:
    b = element.bounds
    return b.right > b.left and b.bottom > b.top and b.right > 0 and b.bottom > 0


def _kinds(element: UIElement) -> str:
    """Action kinds that belong to what an element is. Clickable is left out: a button that is disabled until a
    form is filled loses it (on the virtual phone and in some apps) and is the same page either way."""
    return "".join(flag for flag, on in (("l", element.long_clickable),
                                         ("s", element.scrollable), ("k", element.checkable),
                                         ("e", element.editable)) if on)


def mask_clock(text: str) -> str:
    """`Alarm at 7:30 AM` -> `Alarm at <time>`: wall-clock readings are not part of a screen's identity."""
    return _TIME.sub("<time>", text) if ":" in text else text


class _Tree(NamedTuple):
    kept: list[UIElement]
    by_index: dict[int, UIElement]
    paths: dict[int, str]
    children: dict[int, list[UIElement]]
    in_list: set[int]
    in_interactive: set[int]


_COVER_WORDS = ("drawer", "navigation_view", "nav_view", "navigationview", "scrim")
MIN_COVER = 0.1
"""A layer drawn over the page hides what it covers when it is at least this share of the screen."""


def _area(b: Bounds) -> int:
    return max(0, b.right - b.left) * max(0, b.bottom - b.top)


def _overlap(a: Bounds, b: Bounds) -> int:
    return max(0, min(a.right, b.right) - max(a.left, b.left)) * max(0, min(a.bottom, b.bottom) - max(a.top, b.top))


def _is_cover(element: UIElement, screen: int) -> bool:
    """An open drawer, or a touch-catching layer (the scrim beside a drawer, a dialog's outside) over the page."""
    names = f"{element.resource_id.rpartition('/')[2]} {element.class_name.rpartition('.')[2]}".casefold()
    large = _area(element.bounds) >= MIN_COVER * screen
    return large and _visible(element) and (element.clickable or any(w in names for w in _COVER_WORDS))


def covered(elements: list[UIElement]) -> set[int]:
    """Indexes of the views hidden under a layer drawn after them (an open drawer and its scrim): views whose area
    those layers cover, neither being inside the other. DrawerLayout hides them from touch, so they are not part
    of the page."""
    if not elements:
        return set()
    screen = max(_area(e.bounds) for e in elements)
    by_index = {e.index: e for e in elements}
    covers = [(c, _ancestors(c, by_index)) for c in elements if _is_cover(c, screen)]
    if not covers:
        return set()
    hidden: set[int] = set()
    for e in elements:
        area = _area(e.bounds)
        layers = [c for c, above in covers if c.index > e.index and e.index not in above]
        if area and layers and sum(_overlap(e.bounds, c.bounds) for c in layers) >= area:
            hidden.add(e.index)
    return hidden


def _ancestors(element: UIElement, by_index: dict[int, UIElement]) -> set[int]:
    out: set[int] = set()
    hop = element.parent
    while hop is not None and hop in by_index and hop not in out:
        out.add(hop)
        hop = by_index[hop].parent
    return out


def _tree(observation: Observation) -> _Tree:
    """One pass in document order (parents come before children): skeleton paths, bars dropped, containment."""
    by_index: dict[int, UIElement] = {}
    paths: dict[int, str] = {}
    children: dict[int, list[UIElement]] = {}
    in_list: set[int] = set()
    in_interactive: set[int] = set()
    hidden = covered(observation.elements)
    for e in observation.elements:
        parent = by_index.get(e.parent) if e.parent is not None else None
        if (e.parent is not None and parent is None) or _is_bar(e, observation.package) or is_text_toolbar(e) \
                or e.index in hidden:
            continue  # a bar, the text-selection toolbar, under an open drawer, or inside one of these
        token = f"{e.class_name}#{e.resource_id}" if e.resource_id else e.class_name
        by_index[e.index] = e
        if parent is None:
            paths[e.index] = "/" + token
        else:
            paths[e.index] = f"{paths[parent.index]}/{token}"
            children.setdefault(parent.index, []).append(e)
            if parent.scrollable or parent.index in in_list:
                in_list.add(e.index)
            if parent.interactive or parent.index in in_interactive:
                in_interactive.add(e.index)
    return _Tree(list(by_index.values()), by_index, paths, children, in_list, in_interactive)


def structure_hash(observation: Observation, tree: _Tree | None = None) -> str:
    """The skeleton; a form (two or more input fields) adds its title, which names its mode ("Create contact" vs
    "Edit contact") rather than a record, which is in its fields."""
    tree = tree or _tree(observation)
    skeleton = {f"{tree.paths[e.index]}|{_kinds(e)}|{'v' if _visible(e) else 'h'}"
                for e in tree.kept if e.resource_id or e.interactive or not e.enabled}
    form = sum(e.editable for e in tree.kept) >= 2
    mode = [re.sub(r"\d+", "#", page_title(observation, tree))] if form else []
    return short_hash([observation.package, observation.activity, *mode, *sorted(skeleton)])


def content_hash(observation: Observation, skeleton_hash: str, tree: _Tree | None = None) -> str:
    tree = tree or _tree(observation)
    rows = [skeleton_hash]
    for e in tree.kept:
        text = e.text if len(e.text) <= MAX_TEXT else ""
        desc = e.content_desc if len(e.content_desc) <= MAX_TEXT else ""
        if text or desc or e.checkable or e.selected:
            rows.append(f"{tree.paths[e.index]}|{mask_clock(text)}|{mask_clock(desc)}|{e.checked:d}{e.selected:d}")
    return short_hash(rows)


def page_signature(observation: Observation) -> PageSignature:
    """The page an observation shows: hashes for identity, title / summary / key elements for retrieval."""
    tree = _tree(observation)
    skeleton = structure_hash(observation, tree)
    title = page_title(observation, tree)
    keys = key_elements(observation, tree)
    return PageSignature(
        package=observation.package, activity=observation.activity, structure_hash=skeleton,
        content_hash=content_hash(observation, skeleton, tree), title=title,
        summary=page_summary(observation, tree, title, keys), key_elements=keys,
    )


# -- description -------------------------------------------------------------------------------------------------

def _clean(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_text(element: UIElement, tree: _Tree) -> str:
    """The first text in the element's subtree, not looking inside interactive descendants."""
    for child in tree.children.get(element.index, []):
        if child.interactive:
            continue
        if child.text or child.content_desc:
            return child.text or child.content_desc
        found = _first_text(child, tree)
        if found:
            return found
    return ""


def _title_like(element: UIElement) -> bool:
    name = element.resource_id.rpartition("/")[2].casefold()
    return any(word in name for word in _TITLE_WORDS) or "Toolbar" in element.class_name


def _titular(text: str) -> bool:
    """Dates and clock readings head launchers and clocks but do not name the page."""
    return bool(text) and _DATE.match(mask_clock(text.strip())) is None


def page_title(observation: Observation, tree: _Tree | None = None) -> str:
    """The app bar title when there is one, else the most prominent text outside lists, else the activity."""
    tree = tree or _tree(observation)
    fixed = [e for e in tree.kept if e.index not in tree.in_list and e.index not in tree.in_interactive
             and not e.interactive and _visible(e)]
    for e in fixed:
        if _title_like(e):
            title = e.text or e.content_desc or _first_text(e, tree)
            if _titular(title):
                return _clean(title)
    texts = [e for e in fixed if _titular(e.text) and len(e.text) <= MAX_LABEL]
    if texts:
        return _clean(max(texts, key=lambda e: (e.bounds.height, -e.bounds.top)).text)
    return humanize_activity(observation.activity)


def humanize_activity(activity: str) -> str:
    """`com.android.settings.Settings$DisplaySettingsActivity` -> `Display Settings`."""
    name = re.split(r"[.$]", activity)[-1] if activity else ""
    name = re.sub(r"Activity$", "", name) or name
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)


def _label(element: UIElement, tree: _Tree) -> str:
    if element.text and not element.editable:
        return element.text
    if element.content_desc:
        return element.content_desc
    if not element.scrollable:
        below = _first_text(element, tree)
        if below:
            return below
    if element.checkable and element.parent is not None:
        parent = tree.by_index.get(element.parent)
        row = _first_text(parent, tree) if parent is not None else ""
        if row:
            return row
    return element.text or element.resource_id.rpartition("/")[2].replace("_", " ")




def key_elements(observation: Observation, tree: _Tree | None = None) -> list[KeyElement]:
    """Up to MAX_KEY_ELEMENTS interactive elements, list rows of one layout capped at MAX_ROW_REPEATS."""
    tree = tree or _tree(observation)
    out: list[KeyElement] = []
    seen: set[str] = set()
    repeats: dict[str, int] = {}
    for e in tree.kept:
        if not e.interactive or not e.enabled or not _visible(e):
            continue
        path = tree.paths[e.index]
        repeats[path] = repeats.get(path, 0) + 1
        if repeats[path] > MAX_ROW_REPEATS:
            continue
        key = KeyElement(label=_clean(_label(e, tree)), resource_id=e.resource_id,
                         kind=e.class_name.rpartition(".")[2])
        if key.label.casefold() not in seen:  # a row and its switch: one entry
            seen.add(key.label.casefold())
            out.append(key)
            if len(out) >= MAX_KEY_ELEMENTS:
                break
    return out


def page_summary(observation: Observation, tree: _Tree, title: str, keys: list[KeyElement]) -> str:
    """`Display screen of com.android.settings (Display Settings). Actions: ... Shows: ...`, bounded."""
    screen = humanize_activity(observation.activity)
    head = f"{title} screen of {observation.package}" + (f" ({screen})" if screen and screen != title else "")
    actions = ", ".join(k.label for k in keys if k.label)
    labels = {k.label for k in keys} | {title}
    shown: list[str] = []
    for e in tree.kept:
        if e.text and not e.interactive and len(e.text) <= MAX_TEXT and e.text not in labels:
            labels.add(e.text)
            shown.append(_clean(mask_clock(e.text), 40))
    parts = [head + "."] + ([f"Actions: {actions}."] if actions else []) + (
        [f"Shows: {', '.join(shown)}."] if shown else [])
    return _clean(" ".join(parts), MAX_SUMMARY)


# -- semantic actions --------------------------------------------------------------------------------------------

def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def locator(element: UIElement, observation: Observation | None = None) -> str:
    """`id=... text="..."` / `desc="..."` / `class=...`: how to find the element again on a live screen.

    The resource-id comes first when there is one; then the text (never an input field's text, which is what
    the user typed), else the content-desc, else, given the observation, the text of the row the element is
    (a clickable row's title, a bare switch's row label). Texts over 50 characters are left out.
    """
    parts = [f"id={element.resource_id}"] if element.resource_id else []
    text = element.text if not element.editable and len(element.text) <= MAX_TEXT else ""
    desc = element.content_desc if len(element.content_desc) <= MAX_TEXT else ""
    if text:
        parts.append(f"text={_quote(text)}")
    elif desc:
        parts.append(f"desc={_quote(desc)}")
    elif observation is not None and not element.editable:
        borrowed = _label(element, _tree(observation))
        if borrowed and borrowed != element.resource_id.rpartition("/")[2].replace("_", " "):
            parts.append(f"text={_quote(borrowed[:MAX_TEXT])}")
    if not parts:
        parts.append(f"class={element.class_name or 'View'}")
    return " ".join(parts)


def semantic_action(action_type: str, element: UIElement | None = None, observation: Observation | None = None,
                    detail: str = "") -> str:
    """`tap text="Display"`, `scroll down id=...:id/recycler_view`, `press back`, `open_app "Settings"`.

    `detail` qualifies the action (a key, a direction, an app name) and is quoted when it has spaces.
    """
    head = action_type.strip().lower().replace(" ", "_") or "action"
    if detail:
        head += " " + (_quote(detail) if re.search(r'[\s="]', detail) else detail)
    return f"{head} {locator(element, observation)}" if element is not None else head


def parse_semantic_action(action: str) -> SemanticAction:
    """The inverse of `semantic_action`, for following a path or a shortcut step on a live screen."""
    head, _, rest = action.strip().partition(" ")
    detail = ""
    first = _LOCATOR.match(rest)
    if rest and first is None:
        match = re.match(r'("(?:[^"\\]|\\.)*"|\S+)\s*', rest)
        if match:
            detail = json.loads(match.group(1)) if match.group(1).startswith('"') else match.group(1)
            rest = rest[match.end():]
    fields = {"id": "", "text": "", "desc": "", "class": ""}
    for key, value in _LOCATOR.findall(rest):
        fields[key] = json.loads(value) if value.startswith('"') else value
    return SemanticAction(action_type=head, detail=detail, resource_id=fields["id"], text=fields["text"],
                          content_desc=fields["desc"], class_name=fields["class"])
