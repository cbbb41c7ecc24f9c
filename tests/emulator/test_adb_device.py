"""AdbDevice beyond the conformance suite: quoting, lost devices, retries, unstable and failing dumps,
uiautomator2 breaking mid-session, `open_device` and `droidpilot devices`."""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Iterator

import adbutils
import pytest
from typer.testing import CliRunner

from droidpilot.cli.main import app
from droidpilot.emulator import open_device
from droidpilot.emulator.adb_client import list_devices
from droidpilot.emulator.adb_device import AdbDevice, input_text_commands, parse_focus
from droidpilot.emulator.device import DeviceLost, LaunchError
from droidpilot.emulator.virtual.adb_server import AdbServer

HOSTILE = """'; reboot; $(id) "quotes" Zoë 北京"""


@pytest.fixture
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=1, port=0) as srv:
        yield srv


def typed(commands: list[str]) -> str:
    """What the device's `input` would receive, after its shell removed the quoting."""
    out = []
    for command in commands:
        words = shlex.split(command)
        if words[:2] == ["input", "keyevent"]:
            out.append("\n")
            continue
        assert words[:2] == ["input", "text"] and len(words) == 3, command
        out.append(words[2].replace("%s", " "))
    return "".join(out)


@pytest.mark.parametrize("text", [HOSTILE, "100%sure", "a%%sb", "two\nlines", "-x --help", "~ * ? # & |"])
def test_input_text_is_one_quoted_word_per_piece(text: str) -> None:
    commands = input_text_commands(text)
    assert typed(commands) == text
    assert all("%s" not in shlex.split(c)[-1] for c in commands)


def test_parse_focus_reads_window_and_activity_dumps() -> None:
    window = "  mCurrentFocus=Window{3c1b0b2 u0 com.android.settings/com.android.settings.Settings}"
    assert parse_focus(window) == ("com.android.settings", "com.android.settings.Settings")
    record = "  mFocusedApp=ActivityRecord{8f0e1f5 u0 com.android.settings/.Settings t23}"
    assert parse_focus(record) == ("com.android.settings", "com.android.settings.Settings")
    assert parse_focus("mCurrentFocus=null") is None


def test_unknown_serial_is_device_lost(server: AdbServer) -> None:
    with pytest.raises(DeviceLost, match="'emulator-9999' is not attached"):
        AdbDevice("emulator-9999", "127.0.0.1", server.port, uiautomator2=False)


def test_a_vanished_server_is_device_lost_quickly() -> None:
    srv = AdbServer.virtual(devices=1, port=0).start()
    device = AdbDevice("emulator-5554", "127.0.0.1", srv.port, uiautomator2=False)
    srv.close()
    started = time.monotonic()
    with pytest.raises(DeviceLost):
        device.shell("echo hi")
    assert time.monotonic() - started < 3
    with pytest.raises(DeviceLost, match="no ADB server"):
        list_devices("127.0.0.1", srv.port)


def test_transient_errors_are_retried(server: AdbServer) -> None:
    device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise adbutils.AdbTimeout("adb recv timeout")
        return "ok"

    assert device._call("flaky", flaky) == "ok" and len(calls) == 3


def wrap_dump(server: AdbServer, make: Callable[[int, str], str]) -> list[int]:
    """Fault injection at the device: the phone's dump goes through `make(call_number, real_xml)`,
    like a real screen that animates or a UiAutomation that returns null roots."""
    phone = server.slots[0].phone
    real = phone.dump
    calls: list[int] = []

    def dump() -> str:
        calls.append(1)
        return make(len(calls), real())

    phone.dump = dump  # type: ignore[method-assign]
    return calls


def test_observe_waits_for_two_equal_dumps(server: AdbServer) -> None:
    device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)
    calls = wrap_dump(server, lambda n, xml: xml.replace("Settings", f"Settings{n}") if n < 4 else xml)
    observation = device.observe()
    assert len(calls) >= 5
    assert observation.find(text="Settings") and not observation.find(text="Settings3")


def test_failing_dumps_give_a_screenshot_only_observation(server: AdbServer) -> None:
    device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)

    def broken(n: int, xml: str) -> str:
        raise RuntimeError("null root node returned by UiTestAutomationBridge")

    calls = wrap_dump(server, broken)
    observation = device.observe()
    assert len(calls) == device.retries
    assert observation.elements == [] and observation.xml == ""
    assert observation.screenshot is not None and observation.package == "com.android.launcher3"


def test_uiautomator2_breaking_mid_session_falls_back_to_adb(server: AdbServer) -> None:
    device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=True)
    assert device.u2 is not None
    slot = server.slots[0]
    slot.open_socket = lambda target: None  # type: ignore[method-assign]  # the u2 server process died
    settings = device.observe().find(text="Settings")[0]
    assert device.u2 is None
    device.tap(*settings.bounds.center)
    assert device.current_app()[0] == "com.android.settings"


def test_open_device_accepts_adb_uris(server: AdbServer, monkeypatch: pytest.MonkeyPatch) -> None:
    device = open_device(f"adb://127.0.0.1:{server.port}/emulator-5554")
    assert isinstance(device, AdbDevice) and device.serial == "emulator-5554"
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", str(server.port))
    assert open_device("adb:emulator-5554").shell("echo hi").output == "hi\n"


def test_unhandled_deep_links_and_unknown_activities_raise(server: AdbServer) -> None:
    device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)
    with pytest.raises(LaunchError, match="no app handles"):
        device.open_uri("nosuchscheme:thing")
    with pytest.raises(LaunchError, match="does not exist"):
        device.launch("com.android.settings", ".NoSuchActivity")


def test_installed_apps_match_the_launcher(server: AdbServer) -> None:
    from droidpilot.emulator.virtual.device import VirtualDevice

    device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)
    expected = VirtualDevice(server.slots[0].phone).installed_apps()
    assert {(a.package, a.launch_activity) for a in device.installed_apps()} == {
        (a.package, a.launch_activity) for a in expected}


def test_devices_command_lists_serial_state_and_model(server: AdbServer) -> None:
    result = CliRunner().invoke(app, ["devices", "--port", str(server.port)])
    assert result.exit_code == 0, result.output
    assert "emulator-5554" in result.output and "device" in result.output
    assert "Pixel_6" in result.output


def test_devices_command_without_a_server_is_one_clear_error() -> None:
    with AdbServer.virtual(devices=1, port=0) as srv:
        port = srv.port
    result = CliRunner().invoke(app, ["devices", "--port", str(port)])
    assert result.exit_code != 0
    assert f"error: no ADB server answers on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
