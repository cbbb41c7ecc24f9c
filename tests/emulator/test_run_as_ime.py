"""`run-as` for the one debuggable app (Joplin) and refusals as Android words them; the ADBKeyboard IME
(`ime` listing and switching, its broadcasts) and AdbDevice typing Unicode through it over the ADB server."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from droidpilot.emulator.adb_device import ADB_IME, AdbDevice
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.adb_server import AdbServer

JOPLIN = "net.cozic.joplin"
LATIN = "com.android.inputmethod.latin/.LatinIME"


@pytest.fixture(scope="module")
def phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as p:
        yield p


def run(phone: VirtualPhone, cmd: str) -> tuple[int, str, str]:
    r = phone.shell(cmd)
    return r.exit_code, r.stdout.decode(), r.stderr.decode()


def test_run_as_enters_the_debuggable_apps_data_dir(phone: VirtualPhone) -> None:
    assert run(phone, f"run-as {JOPLIN} pwd") == (0, f"/data/user/0/{JOPLIN}\n", "")
    assert run(phone, f"run-as {JOPLIN} ls databases")[1] == "joplin.sqlite\n"
    assert run(phone, f"run-as {JOPLIN} head -c 15 databases/joplin.sqlite")[1] == "SQLite format 3"
    code, out, _ = run(phone, f"run-as {JOPLIN} sh -c 'echo hi > files_note && cat files_note && id -u'")
    assert code == 0 and out.splitlines()[0] == "hi" and int(out.splitlines()[1]) >= 10000
    assert run(phone, f"echo 'ls databases' | run-as {JOPLIN}")[1] == "joplin.sqlite\n"  # no command: sh on stdin


def test_run_as_keeps_other_apps_and_the_shell_user_out(phone: VirtualPhone) -> None:
    assert run(phone, f"ls /data/data/{JOPLIN}") == (1, "", f"ls: /data/data/{JOPLIN}: Permission denied\n")
    code, _, err = run(phone, f"run-as {JOPLIN} ls /data/data/org.videolan.vlc")
    assert code == 1 and "Permission denied" in err
    assert run(phone, "run-as org.videolan.vlc ls") == (1, "", "run-as: package not debuggable: org.videolan.vlc\n")
    assert run(phone, "run-as com.example.none ls") == (1, "", "run-as: unknown package: com.example.none\n")
    assert run(phone, "run-as")[2].startswith("usage: run-as <package-name>")
    assert run(phone, "id -u")[1] == "2000\n"  # the context ends with the command


def test_ime_lists_enables_and_selects_adb_keyboard(phone: VirtualPhone) -> None:
    assert run(phone, "ime list -s")[1] == f"{LATIN}\n"
    assert run(phone, "ime list -a -s")[1] == f"{LATIN}\n{ADB_IME}\n"
    assert run(phone, f"ime enable {ADB_IME}")[1] == f"Input method {ADB_IME}: now enabled for user #0\n"
    assert run(phone, f"ime enable {ADB_IME}")[1] == f"Input method {ADB_IME}: already enabled for user #0\n"
    assert run(phone, "ime list -s")[1] == f"{LATIN}\n{ADB_IME}\n"
    assert run(phone, "ime set bogus/.Ime")[2] == "Unknown input method bogus/.Ime cannot be selected for user #0\n"
    assert run(phone, "ime reset")[0] == 0
    assert run(phone, "settings get secure default_input_method")[1] == f"{LATIN}\n"


def _focus_search(phone: VirtualPhone) -> None:
    phone.press_key("HOME")
    phone.shell("input keyevent HOME")
    field = next(e for e in phone.observe().elements if e.text == "Search apps")
    phone.tap(*field.bounds.center)
    field = next(e for e in phone.observe().elements if e.editable)
    phone.tap(*field.bounds.center)


def _field_text(phone: VirtualPhone) -> str:
    return next(e for e in phone.observe().elements if e.editable).text


def test_adb_keyboard_broadcasts_type_only_while_it_is_selected(phone: VirtualPhone) -> None:
    _focus_search(phone)
    payload = base64.b64encode("Zoë".encode()).decode()
    assert "result=0" in run(phone, f"am broadcast -a ADB_INPUT_B64 --es msg {payload}")[1]
    assert _field_text(phone) in ("", "Search apps")  # LatinIME is selected: nobody receives it
    run(phone, f"ime enable {ADB_IME}; ime set {ADB_IME}")
    run(phone, f"am broadcast -a ADB_INPUT_B64 --es msg {payload}")
    run(phone, "am broadcast -a ADB_INPUT_CHARS --eia chars 32,21271")
    assert _field_text(phone) == "Zoë 北"
    run(phone, "am broadcast -a ADB_CLEAR_TEXT")
    run(phone, "am broadcast -a ADB_INPUT_TEXT --es msg plain")
    assert _field_text(phone) == "plain"
    run(phone, "ime reset")


def test_adb_device_types_unicode_through_adb_keyboard() -> None:
    with AdbServer.virtual(devices=1, port=0) as server:
        device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)
        refused = device.shell("input text café")  # what Android 14 does
        assert refused.exit_code == 255 and b"NullPointerException" in refused.stderr
        device.tap(*next(e for e in device.observe().elements if e.text == "Search apps").bounds.center)
        field = next(e for e in device.observe().elements if e.editable)
        device.tap(*field.bounds.center)
        device.input_text("café 日本 😀")
        assert next(e for e in device.observe().elements if e.editable).text == "café 日本 😀"
        assert device.shell("settings get secure default_input_method").output == f"{LATIN}\n"  # given back
