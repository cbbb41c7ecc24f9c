"""`uiautomator dump` XML, byte-compatible with AccessibilityNodeInfoDumper: one line, fixed attribute order,
invisible nodes left out, empty elements self-closed."""

from __future__ import annotations

from droidpilot.emulator.virtual.toolkit.views import EditText, View

_HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
# AccessibilityNodeInfoDumper.stripInvalidXMLChars writes "." for characters XML cannot hold (a web page
# showing a binary file, say); NUL is among them here so that the dump always parses.
_NONCHARACTERS = [plane | low for plane in range(0, 0x110000, 0x10000) for low in (0xFFFE, 0xFFFF)]
_INVALID_XML = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0),
                *range(0xD800, 0xE000), *range(0xFDD0, 0xFDE0), *_NONCHARACTERS]
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                          **dict.fromkeys(map(chr, _INVALID_XML), ".")})


def resource_id(view: View, package: str) -> str:
    if not view.id:
        return ""
    return view.id if ":" in view.id else f"{package}:id/{view.id}"


def accessibility_text(view: View) -> str:
    """What AccessibilityNodeInfo reports: an empty field reports its hint, a password field bullets."""
    if isinstance(view, EditText):
        return view.shown_text() or view.hint
    return view.text


def _bool(value: bool) -> str:
    return "true" if value else "false"


Box = tuple[int, int, int, int]


def intersect(a: Box, b: Box) -> Box | None:
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[2] > box[0] and box[3] > box[1] else None


def _attributes(view: View, index: int, package: str, box: Box, extended: bool = False) -> str:
    pairs: tuple[tuple[str, str], ...] = (
        ("index", str(index)),
        ("text", accessibility_text(view)),
        ("resource-id", resource_id(view, package)),
        ("class", view.class_name),
        ("package", package),
        ("content-desc", view.desc),
        ("checkable", _bool(view.checkable)),
        ("checked", _bool(view.checked)),
        ("clickable", _bool(view.clickable and view.enabled)),
        ("enabled", _bool(view.enabled)),
        ("focusable", _bool(view.focusable or view.clickable)),
        ("focused", _bool(view.focused)),
        ("scrollable", _bool(view.scrollable)),
        ("long-clickable", _bool(view.long_clickable and view.enabled)),
        ("password", _bool(view.password)),
        ("selected", _bool(view.selected)),
        ("bounds", f"[{box[0]},{box[1]}][{box[2]},{box[3]}]"),
    )
    if extended:  # what uiautomator2's own dumper adds (API 24+, 26+, 30+)
        pairs = (*pairs[:-1], ("visible-to-user", "true"), pairs[-1], ("drawing-order", str(index + 1)),
                 ("hint", view.hint if isinstance(view, EditText) else ""), ("display-id", "0"))
    return " ".join(f'{name}="{value.translate(_ESCAPES)}"' for name, value in pairs)


def _node(view: View, index: int, package: str, out: list[str], box: Box, extended: bool = False) -> None:
    """Write `view` with its on-screen `box`; children are clipped to it (scrolling lists clip rows)."""
    visible = [(c, intersect(c.box, box)) for c in view.visible_children()]
    kids = [(c, b) for c, b in visible if b is not None]
    attrs = _attributes(view, index, package, box, extended)
    if not kids:
        out.append(f"<node {attrs} />")
        return
    out.append(f"<node {attrs}>")
    for i, (child, child_box) in enumerate(kids):
        _node(child, i, package, out, child_box, extended)
    out.append("</node>")


def dump_windows(windows: list[tuple[View, str]], rotation: int = 0) -> str:
    """uiautomator2's dump: every window's root (top-most first), with the attributes its dumper adds."""
    out = [_HEADER, f'<hierarchy rotation="{rotation}">']
    for root, package in windows:
        _node(root, 0, package, out, root.box, extended=True)
    out.append("</hierarchy>")
    return "".join(out)


def dump_hierarchy(root: View, package: str, rotation: int = 0) -> str:
    """The whole dump for one window whose laid-out root view is `root`."""
    out = [_HEADER, f'<hierarchy rotation="{rotation}">']
    _node(root, 0, package, out, root.box)
    out.append("</hierarchy>")
    return "".join(out)
