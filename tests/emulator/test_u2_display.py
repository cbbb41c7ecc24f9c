"""The display as phone state, driven through the real clients (uiautomator2 and adbutils) against the virtual
phone's ADB server: rotation lays the screen out in landscape, `wm size` overrides it, selectors search every
window, pinches zoom the OsmAnd map and a Gallery photo, and a long press on the map picks a point. In process on
the same phone: the geometry survives snapshots, and the keyboard and dialogs are laid out for the orientation."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import adbutils
import pytest
import uiautomator2 as u2

from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.apps.gallery import GalleryApp
from droidpilot.emulator.virtual.apps.osmand import OsmAndApp, mapview
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.system import chrome, screen

SERIAL = "emulator-5554"
MAP = "net.osmand:id/map_view"
RULER = "net.osmand:id/map_ruler_text"


@pytest.fixture(scope="module")
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=1, port=0) as srv:
        yield srv


@pytest.fixture
def adb(server: AdbServer) -> Iterator[adbutils.AdbDevice]:
    device = adbutils.AdbClient(host="127.0.0.1", port=server.port).device(SERIAL)
    yield device
    device.shell("wm size reset; wm density reset; settings put system user_rotation 0")


@pytest.fixture
def d(adb: adbutils.AdbDevice) -> u2.Device:
    device = u2.connect(adb)
    device.press("home")
    return device


def phone_of(server: AdbServer) -> VirtualPhone:
    return server.slots[0].phone


def root_bounds(xml: str) -> list[str]:
    return [node.attrib["bounds"] for node in ET.fromstring(xml)]


def test_landscape_rotation_relays_the_screen_and_input_follows(d: u2.Device, adb: adbutils.AdbDevice) -> None:
    d.set_orientation("l")
    assert d.orientation == "left" and d.window_size() == (2400, 1080) == tuple(adb.window_size())
    assert d.screenshot().size == (2400, 1080)
    xml = d.dump_hierarchy()
    assert ET.fromstring(xml).attrib["rotation"] == "1"
    assert root_bounds(xml)[-1] == "[0,0][2400,1080]"  # the launcher's window fills the landscape screen
    assert "[0,954][2400,1080]" in root_bounds(xml)  # the navigation bar along the bottom
    assert "rotation=\"1\"" in adb.shell("uiautomator dump /dev/tty")
    assert "mRotation=1" in adb.shell("dumpsys window displays") and " land " in adb.shell("dumpsys window")
    d.app_start("com.android.settings")
    row = d(resourceId="android:id/title", text="Connected devices").info["bounds"]
    assert row["right"] > 2000  # rows stretch across the landscape width
    d.click(2000, (row["top"] + row["bottom"]) // 2)  # x=2000 exists only in the rotated frame
    assert d.app_current()["activity"].endswith("ConnectedDeviceDashboardActivity")
    d.freeze_rotation(False)  # auto-rotate on: the sensor of a phone held upright turns the screen back
    assert adb.shell("settings get system accelerometer_rotation").strip() == "1"
    assert d.window_size() == (1080, 2400) and d.info["displayRotation"] == 0
    d.set_orientation("l")  # and setOrientation locks rotation again
    assert d.orientation == "left" and adb.shell("settings get system accelerometer_rotation").strip() == "0"


def test_wm_size_override_changes_the_display_for_every_client(d: u2.Device, adb: adbutils.AdbDevice,
                                                               server: AdbServer) -> None:
    adb.shell("wm size 720x1280")
    assert adb.shell("wm size") == "Physical size: 1080x2400\nOverride size: 720x1280"
    assert tuple(adb.window_size()) == (720, 1280) == d.window_size()
    assert (d.info["displayWidth"], d.info["displayHeight"]) == (720, 1280)
    assert adb.screenshot().size == (720, 1280)
    assert "logicalFrame=Rect(0, 0 - 720, 1280)" in adb.shell("dumpsys display")
    d.set_orientation("r")
    assert d.window_size() == (1280, 720) and root_bounds(d.dump_hierarchy())[-1] == "[0,0][1280,720]"
    device = AdbDevice(SERIAL, "127.0.0.1", server.port, uiautomator2=False)  # droidpilot's own client
    assert device.screen_size() == (1280, 720) == device.observe().screenshot.size
    adb.shell("wm density 320")
    assert d.info["displaySizeDpX"] == 640 and "Override density: 320" in adb.shell("wm density")
    adb.shell("wm size reset")
    assert d.window_size() == (2400, 1080)


def test_selectors_find_elements_in_every_window(d: u2.Device) -> None:
    assert d(resourceId="com.android.systemui:id/clock").exists  # the status bar is a window of its own
    d.open_notification()
    assert d(text="Bluetooth").exists and d(resourceId="com.android.systemui:id/back").exists
    d(description="Home").click()  # the navigation bar's button, found outside the active window
    assert not d(text="Bluetooth").exists
    d.app_start("net.osmand")
    d(description="Menu").click()
    assert d(text="My Favorites").exists and d(resourceId=MAP).exists  # the popup and the map behind it
    d.press("back")


def test_pinch_and_gesture_zoom_the_map(d: u2.Device) -> None:
    d.app_start("net.osmand")
    zoom = d(resourceId=RULER).info["contentDescription"]
    assert zoom == "Zoom 11" and d(resourceId=RULER).get_text() == "2 km"
    d(resourceId=MAP).pinch_out(percent=40, steps=10)
    assert d(resourceId=RULER).info["contentDescription"] == "Zoom 14"  # fingers 40 px -> 432 px apart
    before = d.screenshot()
    d(resourceId=MAP).pinch_in(percent=40, steps=10)
    assert d(resourceId=RULER).info["contentDescription"] == "Zoom 11" and d.screenshot() != before
    d(resourceId=MAP).gesture((0.45, 0.5), (0.55, 0.5), (0.35, 0.5), (0.65, 0.5), steps=10)  # 3x apart
    assert d(resourceId=RULER).info["contentDescription"] == "Zoom 13"
    d(resourceId="net.osmand:id/map_zoom_out_button").click()
    d(resourceId="net.osmand:id/map_zoom_out_button").click()


def test_pinch_zooms_a_gallery_photo(d: u2.Device, server: AdbServer) -> None:
    gallery = phone_of(server).host.apps["com.android.gallery3d"]
    assert isinstance(gallery, GalleryApp)
    gallery.add_image("/sdcard/Pictures/zoom_me.png", 600, 400, color="#ffffff", text="ZOOM\nME")
    d.app_start("com.android.gallery3d")
    d(description="zoom_me.png").click()
    photo = d(resourceId="com.android.gallery3d:id/photo_view")
    fitted = d.screenshot()
    photo.pinch_out(percent=30, steps=10)
    zoomed = d.screenshot()
    assert zoomed != fitted
    photo.pinch_in(percent=100, steps=10)
    assert d.screenshot() == fitted  # pinching in stops at the fitted photo
    d(description="Navigate up").click()


def test_long_press_on_the_map_picks_a_point_to_save(d: u2.Device, server: AdbServer) -> None:
    osmand = phone_of(server).host.apps["net.osmand"]
    assert isinstance(osmand, OsmAndApp)
    osmand.clear()
    d.app_start("net.osmand")
    box = d(resourceId=MAP).info["bounds"]
    width, height = box["right"] - box["left"], box["bottom"] - box["top"]
    x, y = box["left"] + width // 2 + 150, box["top"] + height // 2 - 200
    lat, lon = mapview.to_point(150 + width // 2, height // 2 - 200, (47.155, 9.545), 11, (width, height))
    d.long_click(x, y, duration=0.6)
    title = d(resourceId="net.osmand:id/context_menu_line1").get_text()
    assert title == f"{lat:.5f}, {lon:.5f}"
    d(description="Add to favourites").click()
    d(resourceId="net.osmand:id/name_edit").set_text("Picnic spot")
    d(text="Save").click()
    [favourite] = osmand.favorites()
    assert favourite["name"] == "Picnic spot"
    assert abs(favourite["lat"] - lat) < 1e-5 and abs(favourite["lon"] - lon) < 1e-5
    d.long_click(x, y, duration=0.6)
    d(text="Marker").click()
    assert [round(m["marker_lat"], 5) for m in osmand.markers()] == [round(lat, 5)]
    d.click(x, y)  # a tap on the new favourite's star opens its menu by name
    assert d(resourceId="net.osmand:id/context_menu_line1").get_text() == "Picnic spot"
    d.press("back")


# -- in process, on the same phone -------------------------------------------------------------------------


def test_rotation_and_size_override_survive_a_snapshot(server: AdbServer, adb: adbutils.AdbDevice) -> None:
    phone = phone_of(server)
    phone.shell("settings put system user_rotation 3; wm size 900x2000")
    phone.snapshot("turned")
    phone.shell("settings put system user_rotation 0; wm size reset")
    assert VirtualDevice(phone).screen_size() == (1080, 2400)
    phone.restore("turned")
    assert phone.display == screen.Display(900, 2000, 3, size_override=True)
    assert VirtualDevice(phone).screen_size() == (2000, 900) == phone.screenshot().size


def test_soft_keyboard_keys_span_the_landscape_width(server: AdbServer, adb: adbutils.AdbDevice) -> None:
    phone = phone_of(server)
    phone.shell("settings put system user_rotation 1; am start -S -n net.osmand/net.osmand.plus.activities.MapActivity")
    phone.tap(*next(e for e in parse_hierarchy(phone.dump()) if e.content_desc == "Search").bounds.center)
    search = next(e for e in parse_hierarchy(phone.dump()) if e.class_name == "android.widget.EditText")
    phone.tap(*search.bounds.center)
    assert phone.frame().keyboard
    boxes = dict(chrome.keys_of(phone.display))
    assert boxes["enter"][2] == 2400 and boxes["del"][1] >= phone.display.keyboard_top
    for letter in "ok":
        x1, y1, x2, y2 = boxes[letter]
        phone.tap((x1 + x2) / 2, (y1 + y2) / 2)
    field = next(e for e in parse_hierarchy(phone.dump()) if e.class_name == "android.widget.EditText")
    assert field.text == "ok"


def test_dialogs_stay_phone_wide_and_centred_in_landscape(server: AdbServer, adb: adbutils.AdbDevice) -> None:
    phone = phone_of(server)
    phone.shell("settings put system user_rotation 1; am start -S -n net.osmand/net.osmand.plus.activities.MapActivity")
    menu = next(e for e in parse_hierarchy(phone.dump()) if e.content_desc == "Menu")
    phone.tap(*menu.bounds.center)
    phone.tap(*next(e for e in parse_hierarchy(phone.dump()) if e.text == "Plan a route").bounds.center)
    phone.tap(*next(e for e in parse_hierarchy(phone.dump()) if e.text == "Add point").bounds.center)
    phone.tap(*next(e for e in parse_hierarchy(phone.dump()) if e.text == "Add point").bounds.center)
    phone.tap(*next(e for e in parse_hierarchy(phone.dump()) if e.text == "Save").bounds.center)
    dialog = phone.frame().dialog
    assert dialog is not None
    assert dialog.right - dialog.left == screen.WIDTH - 2 * 63 and (dialog.left + dialog.right) // 2 == 1200
