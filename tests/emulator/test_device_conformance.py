"""One Device suite, the same assertions for every implementation: the in-process virtual phone, AdbDevice
over adbutils only, and AdbDevice with uiautomator2 (both through the virtual phone's ADB server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.emulator.device import Device, Key, LaunchError, Observation, UIElement
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone

HOSTILE = """'; reboot; $(id) "quotes" 100%s `ls` \\n Zoë 北京"""
KINDS = ["virtual", "adb", "adb+u2"]


@pytest.fixture(params=KINDS)
def device(request: pytest.FixtureRequest) -> Iterator[Device]:
    phone = VirtualPhone()
    if request.param == "virtual":
        dev: Device = VirtualDevice(phone)
        yield dev
        dev.close()
        return
    from droidpilot.emulator.adb_device import AdbDevice

    with AdbServer([phone], port=0) as server:
        adb = AdbDevice(phone.serial, "127.0.0.1", server.port, uiautomator2=request.param == "adb+u2",
                        stable_timeout=2.0)
        assert (adb.u2 is not None) == (request.param == "adb+u2")
        yield adb
        adb.close()


def find(observation: Observation, **attrs: str) -> UIElement:
    found = observation.find(**attrs)
    assert found, f"no element {attrs}; visible: {[e.label for e in observation.elements if e.label]}"
    return found[0]


def test_observe_the_home_screen(device: Device) -> None:
    observation = device.observe()
    assert observation.screenshot is not None and observation.screenshot.size == (1080, 2400)
    assert device.screen_size() == (1080, 2400)
    assert observation.xml.startswith("<?xml") and observation.elements
    assert observation.package == "com.android.launcher3"
    assert find(observation, text="Settings").clickable
    assert not observation.keyboard_shown


def test_tap_opens_an_app(device: Device) -> None:
    device.tap(*find(device.observe(), text="Settings").bounds.center)
    assert device.current_app() == ("com.android.settings", "com.android.settings.Settings")


def test_swipe_scrolls_a_list(device: Device) -> None:
    device.launch("com.android.settings")
    before = device.observe()
    assert any(e.scrollable for e in before.elements)
    assert not before.find(text="About phone")
    device.swipe(540, 1900, 540, 700, 400)
    after = device.observe()
    assert find(after, text="About phone") and not after.find(text="Network & internet")


@pytest.mark.parametrize("text", [HOSTILE, "café 日本 😀", "plain words"])
def test_unicode_and_hostile_text_arrive_verbatim(device: Device, text: str) -> None:
    """Plain adb types non-ASCII text through ADBKeyboard (installed on the virtual phone, as a user installs
    it on a real one), since Android 14's `input text` refuses it."""
    home = device.observe()
    device.tap(*find(home, text="Search apps").bounds.center)
    field = next(e for e in device.observe().elements if e.editable)
    device.tap(*field.bounds.center)
    opened = device.observe()
    assert find(opened, resource_id=field.resource_id).focused and opened.keyboard_shown
    device.input_text(text)
    typed = device.observe()
    assert find(typed, resource_id=field.resource_id).text == text
    assert device.shell("echo alive").output == "alive\n"


def test_press_keys(device: Device) -> None:
    device.launch("com.android.settings")
    device.press(Key.HOME)
    assert device.current_app()[0] == "com.android.launcher3"
    device.launch("com.android.settings")
    device.press("BACK")
    assert device.current_app()[0] == "com.android.launcher3"


def test_launch_by_package_and_activity(device: Device) -> None:
    device.launch("com.android.contacts")
    assert device.current_app()[0] == "com.android.contacts"
    device.press(Key.HOME)
    device.launch("com.android.settings", ".Settings")
    assert device.current_app() == ("com.android.settings", "com.android.settings.Settings")
    with pytest.raises(LaunchError):
        device.launch("com.example.missing")
    with pytest.raises(LaunchError):
        device.launch("com.android.settings", ".NoSuchActivity")


def test_deep_link_opens_the_handling_screen(device: Device) -> None:
    device.open_uri("smsto:5551234")
    package, activity = device.current_app()
    assert package == "com.android.messaging" and activity.endswith("ConversationActivity")
    with pytest.raises(LaunchError):
        device.open_uri("nosuchscheme:thing")


def test_push_and_pull_round_trip_bytes(device: Device) -> None:
    data = bytes(range(256)) * 1000
    device.push(data, "/sdcard/Download/blob.bin")
    assert device.pull("/sdcard/Download/blob.bin") == data
    assert "blob.bin" in device.shell("ls /sdcard/Download").output
    with pytest.raises(FileNotFoundError):
        device.pull("/sdcard/Download/missing.bin")


def test_current_app_agrees_with_the_observation(device: Device) -> None:
    device.launch("com.android.messaging")
    observation = device.observe()
    assert device.current_app() == (observation.package, observation.activity)
    assert observation.package == "com.android.messaging"


def test_shell_reports_exit_codes(device: Device) -> None:
    assert device.shell("echo hi").output == "hi\n"
    result = device.shell("ls /nope")
    assert result.exit_code != 0 and b"No such file" in result.stderr
