"""uiautomator XML <-> `UIElement` lists. Works on dumps from real devices and from the virtual phone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from droidpilot.emulator.device import Bounds, UIElement
from droidpilot.errors import DataError

_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")
_FLAGS = ("clickable", "long_clickable", "checkable", "checked", "enabled", "focusable", "focused",
          "scrollable", "selected", "password")


class HierarchyError(DataError, ValueError):
    """The text is not a uiautomator hierarchy dump."""


def parse_bounds(text: str) -> Bounds:
    match = _BOUNDS.fullmatch(text.strip())
    if match is None:
        raise HierarchyError(f"bad bounds: {text!r}")
    left, top, right, bottom = (int(g) for g in match.groups())
    return Bounds(left=left, top=top, right=right, bottom=bottom)


def parse_hierarchy(xml: str) -> list[UIElement]:
    """Flatten every `<node>` in document order; `index` is the position in the returned list."""
    try:
        root = ET.fromstring(xml.strip().encode("utf-8"))
    except ET.ParseError as exc:
        raise HierarchyError(f"not a uiautomator dump: {exc}") from None
    if root.tag not in ("hierarchy", "node"):
        raise HierarchyError(f"unexpected root element <{root.tag}>")
    elements: list[UIElement] = []
    if root.tag == "hierarchy":
        _walk(root, elements, None, 0)
    else:
        _visit(root, elements, None, 0)
    return elements


def _walk(parent: ET.Element, out: list[UIElement], parent_index: int | None, depth: int) -> None:
    for node in parent:
        if node.tag == "node":
            _visit(node, out, parent_index, depth)


def _visit(node: ET.Element, out: list[UIElement], parent_index: int | None, depth: int) -> None:
    attrs = node.attrib
    flags = {name: attrs.get(name.replace("_", "-"), "false") == "true" for name in _FLAGS}
    flags["enabled"] = attrs.get("enabled", "true") == "true"
    element = UIElement(
        index=len(out),
        text=attrs.get("text", ""),
        content_desc=attrs.get("content-desc", ""),
        resource_id=attrs.get("resource-id", ""),
        class_name=attrs.get("class", ""),
        package=attrs.get("package", ""),
        bounds=parse_bounds(attrs.get("bounds", "[0,0][0,0]")),
        depth=depth,
        parent=parent_index,
        sibling_index=int(attrs.get("index", "0") or 0),
        **flags,
    )
    out.append(element)
    _walk(node, out, element.index, depth + 1)


def _escape(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;"))


def to_xml(elements: list[UIElement]) -> str:
    """The inverse of `parse_hierarchy`: a one-line dump in uiautomator's attribute order."""
    children: dict[int | None, list[UIElement]] = {}
    for element in elements:
        children.setdefault(element.parent, []).append(element)
    out = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", '<hierarchy rotation="0">']
    for root in children.get(None, []):
        _emit(root, children, out)
    out.append("</hierarchy>")
    return "".join(out)


def _emit(element: UIElement, children: dict[int | None, list[UIElement]], out: list[str]) -> None:
    b = "true", "false"
    attrs = (
        f'index="{element.sibling_index}" text="{_escape(element.text)}" '
        f'resource-id="{_escape(element.resource_id)}" class="{_escape(element.class_name)}" '
        f'package="{_escape(element.package)}" content-desc="{_escape(element.content_desc)}" '
        + " ".join(f'{name.replace("_", "-")}="{b[0] if getattr(element, name) else b[1]}"'
                   for name in ("checkable", "checked", "clickable", "enabled", "focusable", "focused",
                                "scrollable", "long_clickable", "password", "selected"))
        + f' bounds="{element.bounds.to_uiautomator()}"'
    )
    kids = children.get(element.index, [])
    if not kids:
        out.append(f"<node {attrs} />")
        return
    out.append(f"<node {attrs}>")
    for kid in kids:
        _emit(kid, children, out)
    out.append("</node>")
