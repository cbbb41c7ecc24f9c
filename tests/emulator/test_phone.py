"""The virtual phone's system behaviour: launcher, navigation, shade, recents, keyboard, persistence."""

from __future__ import annotations

import os
from pathlib import Path

from droidpilot.emulator.virtual import VirtualPhone
from tests.ui import find, need, open_app, tap


def test_boots_to_the_launcher_with_every_app(phone: VirtualPhone) -> None:
    assert phone.current_focus() == ("com.android.launcher3", "com.android.launcher3.Launcher")
    for label in ("Settings", "Contacts", "Messages", "Clock"):
        need(phone, text=label)


def test_screenshot_is_a_phone_sized_png(phone: VirtualPhone) -> None:
    png = phone.screenshot_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert phone.screenshot().size == (1080, 2400)


def test_tapping_an_icon_opens_the_app_and_back_returns_home(phone: VirtualPhone) -> None:
    tap(phone, text="Settings")
    assert phone.current_focus()[0] == "com.android.settings"
    phone.press_key("BACK")
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_navigation_bar_buttons_work_by_touch(phone: VirtualPhone) -> None:
    tap(phone, text="Contacts")
    phone.tap(540, 2360)  # home button
    assert phone.current_focus()[0] == "com.android.launcher3"
    phone.tap(900, 2360)  # recents
    need(phone, desc="Contacts")
    tap(phone, desc="Contacts")
    assert phone.current_focus()[0] == "com.android.contacts"
    phone.tap(180, 2360)  # back
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_recents_clear_all_stops_every_task(phone: VirtualPhone) -> None:
    open_app(phone, "Contacts")
    open_app(phone, "Clock")
    phone.press_key("APP_SWITCH")
    assert phone.current_focus()[1] == "com.android.quickstep.RecentsActivity"
    tap(phone, text="Clear all")
    assert phone.host.recent_tasks() == []
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_app_drawer_opens_with_a_swipe_up_and_searches(phone: VirtualPhone) -> None:
    phone.swipe(540, 1600, 540, 600, 300)
    field = need(phone, rid="search_box_input")
    phone.tap(*field.bounds.center)
    assert phone.frame().keyboard
    phone.input_text("mess")
    assert find(phone, text="Messages") is not None
    assert find(phone, text="Settings") is None
    phone.press_key("BACK")  # hides the keyboard first
    assert not phone.frame().keyboard
    phone.press_key("BACK")  # then closes the drawer
    need(phone, text="Settings")


def test_soft_keyboard_types_what_its_keys_say(phone: VirtualPhone) -> None:
    phone.swipe(540, 1600, 540, 600, 300)
    tap(phone, rid="search_box_input")
    before = phone.screenshot().copy()
    for x, y in ((380, 1610), (70, 1790)):  # the 'r' key on the top row, then 'a' on the middle row
        phone.tap(x, y)
    assert need(phone, rid="search_box_input").text == "ra"
    assert phone.screenshot().tobytes() != before.tobytes()


def test_shade_opens_from_the_top_and_toggles_wifi(phone: VirtualPhone) -> None:
    phone.swipe(540, 5, 540, 1400, 300)
    assert phone.current_focus() == ("com.android.systemui", "NotificationShade")
    assert phone.settings.get("global", "wifi_on") == "1"
    tap(phone, desc="Internet")
    assert phone.settings.get("global", "wifi_on") == "0"
    tap(phone, desc="Airplane mode")
    assert phone.settings.get("global", "airplane_mode_on") == "1"
    phone.press_key("BACK")
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_notifications_show_in_the_shade_and_clear(phone: VirtualPhone) -> None:
    phone.host.notify("com.android.settings", "Update available", "Android 14 QPR2")
    phone.invalidate()
    phone.swipe(540, 5, 540, 1400, 300)
    need(phone, text="Update available")
    tap(phone, text="Clear all")
    assert phone.host.state.notifications == []


def test_same_seed_and_inputs_give_identical_screens() -> None:
    def run() -> tuple[str, bytes]:
        with VirtualPhone(seed=7) as p:
            tap(p, text="Contacts")
            p.press_key("HOME")
            p.swipe(540, 1600, 540, 600, 300)
            return p.dump(), p.screenshot_png()

    assert run() == run()


def test_snapshot_restore_brings_back_screen_and_settings(phone: VirtualPhone) -> None:
    phone.snapshot("clean")
    before = phone.dump()
    tap(phone, text="Settings")
    phone.settings.put("global", "wifi_on", "0")
    phone.restore("clean")
    assert phone.dump() == before
    assert phone.settings.get("global", "wifi_on") == "1"
    assert phone.snapshots() == ["clean"]


def test_restore_rewrites_what_changed_even_within_one_timestamp_tick(phone: VirtualPhone) -> None:
    """A restore leaves unchanged files alone, so it must still catch every change: a same-size rewrite that kept
    the file's time (os.utime back, or a write within the file system's tick), new and deleted files and folders,
    and a file replaced by a folder or a link."""
    phone.shell("mkdir -p /sdcard/Keep/Deep && echo kept > /sdcard/Keep/Deep/a.txt && echo same > /sdcard/b.txt")
    phone.snapshot("s")
    b = phone.fs.sdcard / "b.txt"
    times = b.stat()
    b.write_text("SAME\n")
    os.utime(b, ns=(times.st_atime_ns, times.st_mtime_ns))
    phone.shell("rm -r /sdcard/Keep/Deep && mkdir /sdcard/New && echo x > /sdcard/New/n.txt")
    phone.shell("rm /sdcard/b.txt && mkdir /sdcard/b.txt")
    phone.restore("s")
    assert phone.shell("cat /sdcard/b.txt /sdcard/Keep/Deep/a.txt").stdout == b"same\nkept\n"
    assert phone.shell("ls /sdcard/New").exit_code != 0
    b.unlink()
    b.write_text("SAME\n")
    os.utime(b, ns=(times.st_atime_ns, times.st_mtime_ns))
    phone.restore("s")
    assert b.read_text() == "same\n"


def test_persistent_phone_reopens_on_the_same_screen(tmp_path: Path) -> None:
    with VirtualPhone(tmp_path / "phone") as p:
        tap(p, text="Clock")
        clock_ms = p.clock.now_ms()
    with VirtualPhone(tmp_path / "phone") as p:
        assert p.current_focus()[0] == "com.android.deskclock"
        assert p.clock.now_ms() == clock_ms


def test_frozen_clock_does_not_move_with_input(phone: VirtualPhone) -> None:
    phone.clock.frozen = True
    start = phone.clock.now_ms()
    tap(phone, text="Settings")
    phone.swipe(540, 1500, 540, 500, 800)
    assert phone.clock.now_ms() == start


def _drawer_search(phone: VirtualPhone, text: str) -> None:
    phone.swipe(540, 1600, 540, 600, 300)
    tap(phone, rid="search_box_input")
    phone.input_text(text)


def test_long_press_copy_then_paste_into_another_field(phone: VirtualPhone) -> None:
    _drawer_search(phone, "Clo")
    field = need(phone, rid="search_box_input")
    phone.long_press(*field.bounds.center)
    tap(phone, text="Copy")
    assert phone.host.clipboard == "Clo"
    assert find(phone, text="Copy") is None  # the toolbar closes after an action
    phone.long_press(*field.bounds.center)
    tap(phone, text="Cut")
    assert need(phone, rid="search_box_input").text == "Search apps"  # empty field shows its hint
    phone.long_press(*field.bounds.center)
    tap(phone, text="Paste")
    assert need(phone, rid="search_box_input").text == "Clo"


def test_typing_replaces_a_selection_and_delete_clears_it(phone: VirtualPhone) -> None:
    _drawer_search(phone, "abc")
    field = need(phone, rid="search_box_input")
    phone.long_press(*field.bounds.center)
    phone.input_text("Mes")
    assert need(phone, rid="search_box_input").text == "Mes"
    phone.long_press(*field.bounds.center)
    phone.press_key("DEL")
    assert need(phone, rid="search_box_input").text == "Search apps"


def test_tapping_elsewhere_dismisses_the_selection_toolbar(phone: VirtualPhone) -> None:
    _drawer_search(phone, "abc")
    phone.long_press(*need(phone, rid="search_box_input").bounds.center)
    need(phone, text="Cut")
    phone.tap(540, 1000)
    assert find(phone, text="Cut") is None
    phone.input_text("d")
    assert need(phone, rid="search_box_input").text == "abcd"
