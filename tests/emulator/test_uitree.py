from __future__ import annotations

import re

import pytest

from droidpilot.emulator.uitree import HierarchyError, parse_bounds, parse_hierarchy, to_xml
from droidpilot.emulator.virtual import VirtualPhone

ATTRIBUTE_ORDER = ["index", "text", "resource-id", "class", "package", "content-desc", "checkable", "checked",
                   "clickable", "enabled", "focusable", "focused", "scrollable", "long-clickable", "password",
                   "selected", "bounds"]


def test_dump_is_one_line_with_uiautomator_header(phone: VirtualPhone) -> None:
    xml = phone.dump()
    assert "\n" not in xml
    assert xml.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">")
    assert xml.endswith("</hierarchy>")


def test_every_node_has_attributes_in_uiautomator_order(phone: VirtualPhone) -> None:
    for node in re.findall(r"<node ([^>]*?)\s*/?>", phone.dump()):
        names = re.findall(r'([\w-]+)="', node)
        assert names == ATTRIBUTE_ORDER


def test_parse_then_serialise_gives_back_the_same_bytes(phone: VirtualPhone) -> None:
    xml = phone.dump()
    assert to_xml(parse_hierarchy(xml)) == xml


def test_parse_links_parents_and_depths(phone: VirtualPhone) -> None:
    elements = parse_hierarchy(phone.dump())
    assert elements[0].parent is None and elements[0].depth == 0
    for element in elements[1:]:
        assert element.parent is not None
        assert elements[element.parent].depth == element.depth - 1


def test_escaped_values_round_trip() -> None:
    xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"
           '<node index="0" text="a &amp; &lt;b&gt; &quot;c&quot;&#10;d" resource-id="" class="x" package="p" '
           'content-desc="" checkable="false" checked="false" clickable="true" enabled="true" focusable="false" '
           'focused="false" scrollable="false" long-clickable="false" password="false" selected="false" '
           'bounds="[0,0][10,20]" /></hierarchy>')
    [element] = parse_hierarchy(xml)
    assert element.text == 'a & <b> "c"\nd'
    assert element.clickable and element.bounds.center == (5, 10)
    assert to_xml([element]) == xml


@pytest.mark.parametrize("bad", ["", "<html/>", "not xml at all"])
def test_garbage_is_rejected_with_a_clear_error(bad: str) -> None:
    with pytest.raises(HierarchyError):
        parse_hierarchy(bad)


def test_bounds_parse() -> None:
    assert parse_bounds("[1,2][30,40]").width == 29
    with pytest.raises(HierarchyError):
        parse_bounds("1,2,3,4")


def test_a_page_showing_binary_bytes_still_dumps_and_parses(phone: VirtualPhone) -> None:
    """Chrome showing a binary file puts NUL and control characters in a text view: the dumper writes "." for
    each, as AccessibilityNodeInfoDumper does, so the XML parses."""
    phone.shell("mkdir -p /sdcard/Download")
    phone.shell("cat > /sdcard/Download/blob.txt", stdin=b"head\x00\x01\x07\x1b tail\xef\xbf\xbe end")
    assert phone.shell("am start -a android.intent.action.VIEW -d file:///sdcard/Download/blob.txt").exit_code == 0
    xml = phone.dump()
    assert "\x00" not in xml and "\x1b" not in xml and "\ufffe" not in xml
    texts = [e.text for e in parse_hierarchy(xml)]
    assert any("head...." in t and "tail" in t for t in texts), texts
    phone.observe()
