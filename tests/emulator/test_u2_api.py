"""uiautomator2's own Python client against the virtual phone's u2 server, one test per API that used to be
missing: orientation, child-by-text/description/instance, dragTo, pinch and gesture, the multi-window dump."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import adbutils
import pytest
import uiautomator2 as u2

from droidpilot.emulator.virtual.adb_server import AdbServer

U2_ATTRIBUTES = ["index", "text", "resource-id", "class", "package", "content-desc", "checkable", "checked",
                 "clickable", "enabled", "focusable", "focused", "scrollable", "long-clickable", "password",
                 "selected", "visible-to-user", "bounds", "drawing-order", "hint", "display-id"]


@pytest.fixture(scope="module")
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=1, port=0) as srv:
        yield srv


@pytest.fixture
def d(server: AdbServer) -> u2.Device:
    device = u2.connect(adbutils.AdbClient(host="127.0.0.1", port=server.port).device("emulator-5554"))
    device.press("home")
    return device


def test_set_orientation_and_read_it_back(d: u2.Device) -> None:
    d.set_orientation("left")
    assert d.orientation == "left" and d.info["displayRotation"] == 1
    assert "orientation=1," in d.shell("dumpsys display").output  # what adbutils' rotation() parses
    d.set_orientation("n")
    assert d.orientation == "natural" and d.info["displayRotation"] == 0
    with pytest.raises(ValueError):
        d.set_orientation("sideways")


def test_freeze_rotation_turns_auto_rotate_off_and_on(d: u2.Device, server: AdbServer) -> None:
    phone = server.slots[0].phone
    d.freeze_rotation(True)
    assert phone.settings.get("system", "accelerometer_rotation") == "0"
    d.freeze_rotation(False)
    assert d.shell("settings get system accelerometer_rotation").output.strip() == "1"


def test_child_by_text_scrolls_the_list_to_the_item(d: u2.Device) -> None:
    d.app_start("com.android.settings")
    settings_list = d(scrollable=True)
    assert not d(text="About phone").exists
    item = settings_list.child_by_text("Display", className="android.widget.TextView")
    assert item.info["text"] == "Display" and item.exists
    far = settings_list.child_by_text("About phone", allow_scroll_search=True, className="android.widget.TextView")
    assert far.get_text() == "About phone"
    with pytest.raises(u2.UiObjectNotFoundError):
        settings_list.child_by_text("No such row", allow_scroll_search=False, className="android.widget.TextView")


def test_child_by_description_finds_the_row_holding_it(d: u2.Device) -> None:
    d.app_start("com.android.settings")
    target = d(resourceId="com.android.systemui:id/navigation_bar_frame")
    assert target.exists  # selectors search every window, as UiAutomator does with multi-window on
    container = d(resourceId="android:id/content")
    tree = ET.fromstring(d.dump_hierarchy())
    parents = {child: parent for parent in tree.iter("node") for child in parent}
    node = next(n for n in tree.iter("node")
                if n.attrib["package"] == "com.android.settings" and n.attrib["content-desc"])
    desc, cls, holder_cls = node.attrib["content-desc"], node.attrib["class"], parents[node].attrib["class"]
    found = container.child_by_description(desc, allow_scroll_search=False, className=cls)
    assert found.info["contentDescription"] == desc
    holder = container.child_by_description(desc, allow_scroll_search=False, className=holder_cls)
    assert holder.info["className"] == holder_cls and holder.info["childCount"] > 0


def test_child_by_instance_picks_the_nth_match(d: u2.Device) -> None:
    d.app_start("com.android.settings")
    rows = d(scrollable=True)
    titles = [e.info["text"] for e in d(resourceId="android:id/title")]
    second = rows.child_by_instance(1, resourceId="android:id/title")
    assert second.info["text"] == titles[1]
    with pytest.raises(u2.UiObjectNotFoundError):
        rows.child_by_instance(999, resourceId="android:id/title")


def test_drag_to_moves_the_finger_from_the_element(d: u2.Device, server: AdbServer) -> None:
    d.app_start("com.android.settings")
    first = d(resourceId="android:id/title")[0].info["text"]
    d(resourceId="android:id/title", text=first).drag_to(0.5, 0.2, duration=0.2)
    assert d(resourceId="android:id/title")[0].info["text"] != first  # the list was dragged up
    d(scrollable=True).drag_to(text=first, duration=0.1)


def test_pinch_in_and_out_need_the_element_and_take_time(d: u2.Device, server: AdbServer) -> None:
    phone = server.slots[0].phone
    d.app_start("com.android.settings")
    before = phone.clock.now_ms()
    assert d(scrollable=True).pinch_in(percent=50, steps=20) is True
    assert d(scrollable=True).pinch_out(steps=40) is True
    assert phone.clock.now_ms() - before >= 300
    with pytest.raises(u2.UiObjectNotFoundError):
        d(text="Nowhere to pinch").pinch_in()


def test_two_point_gesture(d: u2.Device) -> None:
    d.app_start("com.android.settings")
    assert d(scrollable=True).gesture((0.4, 0.5), (0.6, 0.5), (0.2, 0.5), (0.8, 0.5), steps=10) is True


def test_dump_has_every_window_with_u2_attributes(d: u2.Device) -> None:
    d.app_start("com.android.settings")
    root = ET.fromstring(d.dump_hierarchy())
    assert root.tag == "hierarchy" and root.attrib["rotation"] == "0"
    windows = [w.attrib["package"] for w in root]
    assert windows == ["com.android.systemui", "com.android.systemui", "com.android.settings"]
    for node in root.iter("node"):
        assert list(node.attrib) == U2_ATTRIBUTES
        assert node.attrib["visible-to-user"] == "true" and node.attrib["display-id"] == "0"
    clock = root.find(".//node[@resource-id='com.android.systemui:id/clock']")
    assert clock is not None and clock.attrib["text"] == d.shell("date +%H:%M").output.strip()
    d.set_orientation("right")
    assert ET.fromstring(d.dump_hierarchy()).attrib["rotation"] == "3"
    d.set_orientation("natural")
