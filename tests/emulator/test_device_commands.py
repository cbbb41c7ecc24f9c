"""The virtual phone's Android device commands (emulator/virtual/shell/commands.py and friends): exact
Android 14 output formats and exit codes, driven through `phone.shell()` as `adb shell` would."""

from __future__ import annotations

import io
import re
import shlex
import struct

from PIL import Image

from droidpilot.emulator.device import ShellResult, UIElement
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone

HOSTILE = "'; reboot; $(id) \"q\" Zoë 北京"
SETTINGS_FOCUS = re.compile(r"^  mCurrentFocus=Window\{[0-9a-f]+ u0 "
                            r"com\.android\.settings/com\.android\.settings\.Settings\}$")


def sh(phone: VirtualPhone, cmd: str, stdin: bytes = b"") -> ShellResult:
    return phone.shell(cmd, stdin)


def out(phone: VirtualPhone, cmd: str) -> str:
    return phone.shell(cmd).stdout.decode()


def err(phone: VirtualPhone, cmd: str) -> str:
    return phone.shell(cmd).stderr.decode()


def element(phone: VirtualPhone, **attrs: str) -> UIElement:
    found = [e for e in parse_hierarchy(phone.dump()) if all(getattr(e, k) == v for k, v in attrs.items())]
    assert found, f"no element {attrs}"
    return found[0]


def focus_line(phone: VirtualPhone) -> str:
    return out(phone, "dumpsys window | grep mCurrentFocus").rstrip("\n")


def focus_search_field(phone: VirtualPhone) -> UIElement:
    """Tap the home "Search apps" bar (it opens the drawer search) and make sure the field is focused."""
    x, y = element(phone, text="Search apps").bounds.center
    assert sh(phone, f"input tap {x} {y}").exit_code == 0
    field = element(phone, resource_id="com.android.launcher3:id/search_box_input")
    if not field.focused:
        sh(phone, "input tap {} {}".format(*field.bounds.center))
    return element(phone, resource_id="com.android.launcher3:id/search_box_input")


# --- input -------------------------------------------------------------------------------------------------


def test_tap_settings_icon_from_the_home_dump(phone: VirtualPhone) -> None:
    dumped = sh(phone, "uiautomator dump /sdcard/home.xml && cat /sdcard/home.xml")
    assert dumped.exit_code == 0
    text = dumped.stdout.decode()
    assert text.startswith("UI hierchary dumped to: /sdcard/home.xml\n<?xml")
    icon = next(e for e in parse_hierarchy(text.split("\n", 1)[1]) if e.text == "Settings")
    x, y = icon.bounds.center
    result = sh(phone, f"input tap {x} {y}")
    assert (result.stdout, result.stderr, result.exit_code) == (b"", b"", 0)
    assert SETTINGS_FOCUS.match(focus_line(phone)), focus_line(phone)


def test_input_text_types_shell_quoted_text_literally(phone: VirtualPhone) -> None:
    focus_search_field(phone)
    assert "mInputShown=true" in out(phone, "dumpsys input_method")
    hostile = HOSTILE.encode("ascii", "ignore").decode()
    result = sh(phone, f"input text {shlex.quote(hostile)}")
    assert (result.stdout, result.stderr, result.exit_code) == (b"", b"", 0)
    assert element(phone, resource_id="com.android.launcher3:id/search_box_input").text == hostile
    assert phone.current_focus()[0] == "com.android.launcher3"  # `reboot` was typed, not run


def test_input_text_refuses_non_ascii_like_android_14(phone: VirtualPhone) -> None:
    focus_search_field(phone)
    result = sh(phone, f"input text {shlex.quote('Zoë 北京')}")
    assert result.exit_code == 255 and result.stdout == b""
    assert b"java.lang.NullPointerException: Attempt to get length of null array" in result.stderr
    assert element(phone, resource_id="com.android.launcher3:id/search_box_input").text == "Search apps"


def test_input_text_percent_s_and_first_argument_only(phone: VirtualPhone) -> None:
    focus_search_field(phone)
    sh(phone, "input text hello%sworld")
    assert element(phone, resource_id="com.android.launcher3:id/search_box_input").text == "hello world"
    sh(phone, "input keyevent --longpress 67 DEL KEYCODE_DEL DEL DEL DEL DEL DEL DEL DEL DEL")
    sh(phone, "input text two words")  # the device sh splits: only "two" is typed
    assert element(phone, resource_id="com.android.launcher3:id/search_box_input").text == "two"
    sh(phone, "input keyevent 62 29 KEYCODE_B")
    assert element(phone, resource_id="com.android.launcher3:id/search_box_input").text == "two ab"


def test_input_bad_arguments_throw_like_input_shell_command(phone: VirtualPhone) -> None:
    result = sh(phone, "input tap abc 5")
    assert result.exit_code == 255 and result.stdout == b""
    lines = result.stderr.decode().split("\n")
    assert lines[:3] == ["", "Exception occurred while executing 'tap':",
                         "java.lang.IllegalArgumentException: Error: Invalid arguments for command: tap"]
    assert lines[3].startswith("\tat com.android.server.input.InputShellCommand.onCommand(")
    assert "Argument expected after \"100\"" in err(phone, "input tap 100")
    assert "Invalid arguments for command: swipe" in err(phone, "input swipe 1 2 3 4 1.5")
    assert out(phone, "input bogus") == "Unknown command: bogus\n"


def test_keyevents_by_name_and_number(phone: VirtualPhone) -> None:
    sh(phone, "am start -n com.android.settings/.Settings")
    assert sh(phone, "input keyevent KEYCODE_HOME").exit_code == 0
    assert phone.current_focus()[0] == "com.android.launcher3"
    sh(phone, "am start -n com.android.settings/.Settings")
    sh(phone, "input keyevent 3")
    assert phone.current_focus()[0] == "com.android.launcher3"
    assert sh(phone, "input keyevent home").exit_code == 0  # unknown names inject KEYCODE_UNKNOWN


def test_swipe_up_opens_the_app_drawer(phone: VirtualPhone) -> None:
    assert sh(phone, "input swipe 540 1800 540 600 300").exit_code == 0
    assert any(e.resource_id.endswith("search_box_input") for e in parse_hierarchy(phone.dump()))


# --- screen ------------------------------------------------------------------------------------------------


def test_screencap_png_raw_and_file(phone: VirtualPhone) -> None:
    png = sh(phone, "screencap -p").stdout
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(png)).size == (1080, 2400)
    raw = sh(phone, "screencap").stdout
    assert struct.unpack("<IIII", raw[:16]) == (1080, 2400, 1, 1) and len(raw) == 16 + 1080 * 2400 * 4
    written = sh(phone, "screencap -p /sdcard/shot.png")
    assert (written.stdout, written.exit_code) == (b"", 0)
    assert (phone.fs.sdcard / "shot.png").read_bytes().startswith(b"\x89PNG")
    denied = sh(phone, "screencap -p /system/x.png")
    assert denied.exit_code == 1
    assert denied.stderr == b"Error opening file: /system/x.png (Read-only file system)\n"


def test_uiautomator_dump_formats(phone: VirtualPhone) -> None:
    assert out(phone, "uiautomator dump") == "UI hierchary dumped to: /sdcard/window_dump.xml\n"
    assert out(phone, "cat /sdcard/window_dump.xml") == phone.dump()
    tty = out(phone, "uiautomator dump --compressed /dev/tty")
    assert tty == phone.dump() + "UI hierchary dumped to: /dev/tty\n"
    adbutils = out(phone, "rm -f /data/local/tmp/uidump.xml; uiautomator dump /data/local/tmp/uidump.xml && "
                          "echo success")
    assert "success" in adbutils and "ERROR" not in adbutils


def test_wm_size_and_density(phone: VirtualPhone) -> None:
    assert out(phone, "wm size") == "Physical size: 1080x2400\n"
    assert out(phone, "wm density") == "Physical density: 420\n"
    assert out(phone, "cmd window size") == "Physical size: 1080x2400\n"
    assert sh(phone, "wm size 720x1600").exit_code == 0
    assert out(phone, "wm size") == "Physical size: 1080x2400\nOverride size: 720x1600\n"
    assert phone.screenshot().size == (720, 1600)
    assert sh(phone, "wm density 300").exit_code == 0
    assert out(phone, "wm density") == "Physical density: 420\nOverride density: 300\n"
    bad = sh(phone, "wm size 720")
    assert bad.exit_code == 255 and bad.stderr == b"Error: bad size 720\n"
    assert sh(phone, "wm density 50").stderr == b"Error: density must be >= 72\n"
    assert sh(phone, "wm size reset && wm density reset").exit_code == 0
    assert out(phone, "wm size; wm density") == "Physical size: 1080x2400\nPhysical density: 420\n"
    assert phone.screenshot().size == (1080, 2400)


# --- dumpsys -----------------------------------------------------------------------------------------------


def test_dumpsys_focus_lines(phone: VirtualPhone) -> None:
    sh(phone, "am start -n com.android.settings/.Settings")
    lines = out(phone, "dumpsys window windows | grep -E 'mCurrentFocus|mFocusedApp'").splitlines()
    assert SETTINGS_FOCUS.match(lines[0])
    assert re.fullmatch(r"  mFocusedApp=ActivityRecord\{[0-9a-f]+ u0 com\.android\.settings/\.Settings "
                        r"t\d+\}", lines[1])
    activities = out(phone, "dumpsys activity activities")
    record = re.search(r"mResumedActivity: (ActivityRecord\{\S+ u0 com\.android\.settings/\.Settings t\d+\})",
                       activities)
    assert record is not None
    assert f"topResumedActivity={record.group(1)}" in activities
    assert f"  ResumedActivity: {record.group(1)}" in activities
    top = out(phone, "dumpsys activity top")
    assert re.search(r"^  ACTIVITY com\.android\.settings/\.Settings [0-9a-f]+ pid=\d+$", top, re.M)


def test_dumpsys_display_battery_power_and_unknown(phone: VirtualPhone) -> None:
    display = out(phone, "dumpsys display")
    viewport = r"DisplayViewport\{.*?valid=true, .*?orientation=0, .*?deviceWidth=1080, deviceHeight=2400"
    assert re.search(viewport, display)
    assert "  level: 100\n" in out(phone, "dumpsys battery")
    assert "mHoldingDisplaySuspendBlocker=true" in out(phone, "dumpsys power")
    assert "mInputShown=false" in out(phone, "dumpsys input_method")
    unknown = sh(phone, "dumpsys nosuch")
    assert (unknown.stdout, unknown.stderr, unknown.exit_code) == (b"", b"Can't find service: nosuch\n", 0)


def test_dumpsys_package_has_version_lines(phone: VirtualPhone) -> None:
    text = out(phone, "dumpsys package com.android.settings")
    assert "    versionName=14\n" in text and re.search(r"versionCode=34 minSdk", text)
    assert re.search(r"firstInstallTime=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text)
    assert re.search(r"PackageSignatures\{.*?\[(.*)\]\}", text)
    assert out(phone, "pm dump com.android.settings") == text


# --- am / monkey -------------------------------------------------------------------------------------------


def test_am_start_outputs(phone: VirtualPhone) -> None:
    assert out(phone, "am start -n com.android.settings/.Settings") == \
        "Starting: Intent { cmp=com.android.settings/.Settings }\n"
    launcher = sh(phone, "am start -a android.intent.action.MAIN -c android.intent.category.LAUNCHER "
                         "-n com.android.contacts/.activities.PeopleActivity")
    assert launcher.stdout == (b"Starting: Intent { act=android.intent.action.MAIN "
                               b"cat=[android.intent.category.LAUNCHER] cmp=com.android.contacts/.activities"
                               b".PeopleActivity }\n")
    assert phone.current_focus()[0] == "com.android.contacts"
    waited = out(phone, "am start -W -S -n com.android.settings/.Settings").splitlines()
    assert waited[:2] == ["Stopping: com.android.settings",
                          "Starting: Intent { cmp=com.android.settings/.Settings }"]
    assert waited[2:4] == ["Status: ok", "LaunchState: COLD"]
    assert waited[4] == "Activity: com.android.settings/.Settings"
    assert re.fullmatch(r"TotalTime: \d+", waited[5]) and re.fullmatch(r"WaitTime: \d+", waited[6])
    assert waited[7:] == ["Complete"]
    extras = out(phone, "am start -n com.android.settings/.Settings --es k v --ei n 3 --ez b true --el l 9")
    assert extras == "Starting: Intent { cmp=com.android.settings/.Settings (has extras) }\n"


def test_am_start_errors(phone: VirtualPhone) -> None:
    missing = sh(phone, "am start -n com.android.settings/.Nope")
    assert missing.exit_code == 1
    assert missing.stderr == (b"Error type 3\nError: Activity class "
                              b"{com.android.settings/com.android.settings.Nope} does not exist.\n")
    view = sh(phone, "am start -a android.intent.action.VIEW -d ftp://example.com/page?q=1")  # Chrome takes http(s)
    assert view.stdout == b"Starting: Intent { act=android.intent.action.VIEW dat=ftp://example.com/... }\n"
    assert view.stderr == (b"Error: Activity not started, unable to resolve Intent { "
                           b"act=android.intent.action.VIEW dat=ftp://example.com/... flg=0x10000000 }\n")
    assert view.exit_code == 1
    bad = sh(phone, "am start --ei n notanumber -n com.android.settings/.Settings")
    assert bad.exit_code == 255
    assert b'java.lang.NumberFormatException: For input string: "notanumber"' in bad.stderr


def test_am_force_stop_and_broadcast(phone: VirtualPhone) -> None:
    sh(phone, "am start -n com.android.settings/.Settings")
    stopped = sh(phone, "am force-stop com.android.settings")
    assert (stopped.stdout, stopped.exit_code) == (b"", 0)
    assert phone.current_focus()[0] == "com.android.launcher3"
    assert out(phone, "am broadcast -a com.example.PING --es x y") == (
        "Broadcasting: Intent { act=com.example.PING flg=0x400000 (has extras) }\n"
        "Broadcast completed: result=0\n")


def test_monkey_launches_a_package(phone: VirtualPhone) -> None:
    result = sh(phone, "monkey -p com.android.settings -c android.intent.category.LAUNCHER 1")
    assert result.exit_code == 0
    assert "Events injected: 1\n" in result.stdout.decode()
    assert re.search(r"^## Network stats: elapsed time=\d+ms \(0ms mobile, 0ms wifi, \d+ms not connected\)$",
                     result.stdout.decode(), re.M)
    assert SETTINGS_FOCUS.match(focus_line(phone))
    missing = sh(phone, "monkey -p com.example.missing -c android.intent.category.LAUNCHER 1")
    assert "** No activities found to run, monkey aborted.\n" in missing.stdout.decode()
    assert missing.exit_code == 252


def test_monkey_500_events_stays_in_the_package(phone: VirtualPhone) -> None:
    monkey = "monkey -p com.android.settings -s 42 --throttle 10 -v 500"
    result = sh(phone, monkey)
    assert result.exit_code == 0, result.stderr
    text = result.stdout.decode()
    assert ":Monkey: seed=42 count=500\n" in text and "Events injected: 500\n" in text
    assert phone.current_focus()[0] == "com.android.settings"
    again = sh(phone, f"am force-stop com.android.settings; {monkey}")
    assert again.stdout.decode().count(":Sending") == text.count(":Sending")  # seeded: the same event stream
    sh(phone, "input keyevent HOME")
    assert phone.current_focus() == ("com.android.launcher3", "com.android.launcher3.Launcher")


# --- pm ----------------------------------------------------------------------------------------------------


def test_pm_list_path_and_resolve(phone: VirtualPhone) -> None:
    packages = re.findall(r"^package:(\S+)$", out(phone, "pm list packages"), re.M)
    assert {"android", "com.android.systemui", "com.android.shell", "com.android.settings",
            "com.android.launcher3", "com.android.inputmethod.latin"} <= set(packages)
    assert set(phone.host.apps) <= set(packages)
    third_party = sorted(p for p in phone.host.apps if not p.startswith("com.android."))
    assert out(phone, "pm list packages -3") == "".join(f"package:{p}\n" for p in third_party)
    assert "package:/system_ext/priv-app/Settings/Settings.apk=com.android.settings\n" in \
        out(phone, "pm list packages -f")
    assert out(phone, "pm path com.android.settings") == \
        "package:/system_ext/priv-app/Settings/Settings.apk\n"
    assert sh(phone, "pm path com.example.none").exit_code == 1
    resolved = out(phone, "cmd package resolve-activity --brief -c android.intent.category.LAUNCHER "
                          "com.android.settings")
    assert resolved == ("priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n"
                        "com.android.settings/.Settings\n")


def test_pm_clear_install_uninstall(phone: VirtualPhone) -> None:
    people = "content query --uri content://contacts/people --projection display_name"
    assert out(phone, people).startswith("Row: 0 display_name=")  # a new phone has seeded contacts
    sh(phone, "monkey -p com.android.contacts -c android.intent.category.LAUNCHER 1")
    assert out(phone, "pm clear com.android.contacts") == "Success\n"
    assert out(phone, people) == "No result found.\n"  # the database is back, empty
    assert phone.current_focus()[0] == "com.android.launcher3"
    assert err(phone, "pm clear com.example.none") == "Failed\n"
    sh(phone, "echo notanapk > /data/local/tmp/a.apk")
    install = sh(phone, "pm install -r -t /data/local/tmp/a.apk")
    assert install.exit_code == 1 and install.stdout.startswith(b"Failure [INSTALL_FAILED_INVALID_APK: ")
    streamed = sh(phone, "cmd package install -S 5", stdin=b"12345")
    assert streamed.exit_code == 1 and b"Failure [INSTALL_FAILED_" in streamed.stdout
    assert out(phone, "pm uninstall com.android.settings") == "Failure [DELETE_FAILED_INTERNAL_ERROR]\n"


# --- settings, svc, content --------------------------------------------------------------------------------


def test_settings_round_trip_and_errors(phone: VirtualPhone) -> None:
    assert out(phone, "settings put system screen_brightness 200") == ""
    assert out(phone, "settings get system screen_brightness") == "200\n"
    assert phone.settings.get("system", "screen_brightness") == "200"
    assert out(phone, "settings get global no_such_key") == "null\n"
    assert out(phone, "settings delete global no_such_key") == "Deleted 0 rows\n"
    assert "screen_brightness=200\n" in out(phone, "settings list system")
    bad = sh(phone, "settings get nowhere key")
    assert (bad.stderr, bad.exit_code) == (b"Invalid namespace 'nowhere'\n", 255)


def test_svc_and_airplane_mode(phone: VirtualPhone) -> None:
    assert out(phone, "svc wifi disable") == ""
    assert out(phone, "settings get global wifi_on") == "0\n"
    sh(phone, "svc wifi enable; svc bluetooth enable; svc data disable")
    radios = ("wifi_on", "bluetooth_on", "mobile_data")
    assert [phone.settings.get("global", k) for k in radios] == ["1", "1", "0"]
    sh(phone, "cmd connectivity airplane-mode enable")
    assert [phone.settings.get("global", k) for k in ("airplane_mode_on", "wifi_on", "bluetooth_on")] == \
        ["1", "0", "0"]
    assert out(phone, "cmd connectivity airplane-mode") == "enabled\n"


def test_content_query_and_insert_settings(phone: VirtualPhone) -> None:
    query = "content query --uri content://settings/system --projection name:value"
    assert out(phone, f"{query} --where \"name='volume_ring'\"") == "Row: 0 name=volume_ring, value=5\n"
    row = out(phone, "content query --uri content://settings/secure --where \"name='android_id'\"")
    assert re.fullmatch(r"Row: 0 _id=\d+, name=android_id, value=5c7e1d2a9b3f4e60\n", row)
    nothing = out(phone, "content query --uri content://settings/global --where \"name='nope'\"")
    assert nothing == "No result found.\n"
    sh(phone, "content insert --uri content://settings/secure --bind name:s:new_setting "
              "--bind value:s:new_value")
    assert out(phone, "settings get secure new_setting") == "new_value\n"
    unknown = sh(phone, "content query --uri content://no.such.provider/items")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith(b"Error while accessing provider:no.such.provider\njava.lang."
                                     b"IllegalStateException: Could not find provider: no.such.provider\n")


# --- properties, ime, time, processes ----------------------------------------------------------------------


def test_getprop_and_setprop(phone: VirtualPhone) -> None:
    assert out(phone, "getprop ro.build.version.sdk") == "34\n"
    assert out(phone, "getprop ro.product.model") == "Pixel 6\n"
    assert out(phone, "getprop ro.serialno") == f"{phone.serial}\n"
    assert out(phone, "getprop no.such.prop") == "\n"
    listing = out(phone, "getprop").splitlines()
    assert "[sys.boot_completed]: [1]" in listing and listing == sorted(listing)
    denied = sh(phone, "setprop ro.debuggable 0")
    assert denied.exit_code == 1 and b"Failed to set property 'ro.debuggable' to '0'" in denied.stderr
    assert sh(phone, "setprop debug.droidpilot on").exit_code == 0
    assert out(phone, "getprop debug.droidpilot") == "on\n"


def test_ime_list_and_set(phone: VirtualPhone) -> None:
    assert out(phone, "ime list -s") == "com.android.inputmethod.latin/.LatinIME\n"
    assert out(phone, "ime set com.android.inputmethod.latin/.LatinIME") == \
        "Input method com.android.inputmethod.latin/.LatinIME selected for user #0\n"
    assert "cannot be selected" in err(phone, "ime set com.github.uiautomator/.AdbKeyboard")


def test_date_format_set_and_read_back(phone: VirtualPhone) -> None:
    assert out(phone, "date") == "Thu Oct 15 09:00:00 UTC 2026\n"
    assert out(phone, "date +%Y-%m-%d_%H:%M") == "2026-10-15_09:00\n"
    assert out(phone, "date 010203042027.05") == "Sat Jan  2 03:04:05 UTC 2027\n"
    assert out(phone, "date") == "Sat Jan  2 03:04:05 UTC 2027\n"
    sh(phone, "date -s '2026-12-24 18:30:00'")
    assert out(phone, "date +%s") == "1798137000\n"
    assert phone.clock.now_ms() == 1798137000000
    assert sh(phone, "date nonsense").exit_code == 1


def test_sleep_advances_the_virtual_clock(phone: VirtualPhone) -> None:
    before = phone.clock.now_ms()
    result = sh(phone, "sleep 2.5; sleep 1m")
    assert result.exit_code == 0
    assert phone.clock.now_ms() - before == 62_500


def test_ps_pidof_and_misc(phone: VirtualPhone) -> None:
    sh(phone, "am start -n com.android.settings/.Settings")
    table = out(phone, "ps -A").splitlines()
    assert table[0].split() == ["USER", "PID", "PPID", "VSZ", "RSS", "WCHAN", "ADDR", "S", "NAME"]
    row = next(line.split() for line in table if line.endswith(" com.android.settings"))
    assert len(row) == 9 and out(phone, "pidof com.android.settings") == f"{row[1]}\n"
    assert sh(phone, "pidof com.example.none").exit_code == 1
    assert sh(phone, f"kill {row[1]}").exit_code == 0
    assert "I ActivityTaskManager: START u0 {flg=0x10000000 cmp=com.android.settings/.Settings}" in out(
        phone, "logcat -d")
    assert sh(phone, "reboot").exit_code == 0
    assert phone.current_focus()[0] == "com.android.launcher3" and not phone.host.recent_tasks()


def test_notification_post_and_statusbar(phone: VirtualPhone) -> None:
    posted = out(phone, "cmd notification post -t Title tag1 'Body text'")
    assert posted.startswith("posting:\n  Notification(channel=shellcmd ")
    note = phone.host.state.notifications[0]
    assert (note.package, note.title, note.text) == ("com.android.shell", "Title", "Body text")
    assert note.tag == "tag1"
    sh(phone, "cmd statusbar expand-notifications")
    assert focus_line(phone).endswith(" u0 NotificationShade}")
    sh(phone, "cmd statusbar collapse")
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_unknown_commands(phone: VirtualPhone) -> None:
    unknown = sh(phone, "frobnicate --now")
    assert unknown.stderr == b"/system/bin/sh: frobnicate: inaccessible or not found\n"
    assert unknown.exit_code == 127
    no_service = sh(phone, "cmd nosuch")
    assert (no_service.stderr, no_service.exit_code) == (b"cmd: Can't find service: nosuch\n", 20)
    assert sh(phone, "am bogus").exit_code == 255 and out(phone, "am bogus") == "Unknown command: bogus\n"


def test_wifi_connectivity_audio_input_dumps_and_run_as(phone: VirtualPhone) -> None:
    assert out(phone, "dumpsys wifi | grep 'Wi-Fi is'") == "Wi-Fi is enabled\n"
    assert "Active default network: 100" in out(phone, "dumpsys connectivity")
    assert "inet addr:10.0.2.16" in out(phone, "ifconfig wlan0")
    sh(phone, "svc wifi disable")
    assert out(phone, "dumpsys wifi | head -1") == "Wi-Fi is disabled\n"
    assert "Active default network: none" in out(phone, "dumpsys connectivity")
    assert sh(phone, "ifconfig wlan0").exit_code == 1
    sh(phone, "settings put system volume_music 3")
    audio = out(phone, "dumpsys audio")
    assert "- STREAM_MUSIC:\n   Muted: false\n   Min: 0\n   Max: 15\n   streamVolume:3\n" in audio
    assert "SurfaceOrientation: 0" in out(phone, "dumpsys input")
    denied = sh(phone, "run-as com.android.settings ls")
    assert (denied.stderr, denied.exit_code) == (b"run-as: package not debuggable: com.android.settings\n", 1)


def test_am_start_resolves_by_mime_type(phone: VirtualPhone) -> None:
    contact = sh(phone, "am start -a android.intent.action.INSERT -t vnd.android.cursor.dir/contact")
    assert contact.exit_code == 1
    assert b"Error: Activity not started, unable to resolve Intent { act=android.intent.action.INSERT " \
           b"typ=vnd.android.cursor.dir/contact" in contact.stderr
    assert phone.current_focus()[0] == "com.android.launcher3"
    assert sh(phone, "am start -a android.intent.action.INSERT -t vnd.android.cursor.dir/event").exit_code == 0
    assert phone.current_focus()[0] == "com.android.calendar"
