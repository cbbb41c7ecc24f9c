"""The virtual phone's `droidpilot` shell command: snapshots, the clock and the apps' seed API from outside."""

from __future__ import annotations

import json

from droidpilot.emulator.virtual import VirtualPhone


def test_snapshot_save_and_restore_through_the_shell(phone: VirtualPhone) -> None:
    assert phone.shell("droidpilot snapshot save base").exit_code == 0
    phone.shell("settings put global wifi_on 0")
    assert phone.shell("droidpilot snapshot restore base").exit_code == 0
    assert phone.shell("settings get global wifi_on").output == "1\n"
    assert phone.shell("droidpilot snapshot list").output == "base\n"
    missing = phone.shell("droidpilot snapshot restore nope")
    assert missing.exit_code == 1 and b"no snapshot named 'nope'" in missing.stderr


def test_clock_set_and_freeze(phone: VirtualPhone) -> None:
    phone.shell("droidpilot clock set 1800000000000; droidpilot clock freeze")
    phone.shell("input tap 540 1200")
    assert phone.shell("droidpilot clock get").output == "1800000000000\n"
    assert phone.shell("date").output.startswith("Fri Jan 15")


def test_seed_calls_an_app_seed_method_with_typed_arguments(phone: VirtualPhone) -> None:
    listing = phone.shell("droidpilot seed com.android.contacts").output
    assert "insert_contact(" in listing and "install" not in listing  # base App API is not a seed method
    new_id = phone.shell("""droidpilot seed com.android.contacts insert_contact '{"first": "Zoë", "phone": "555"}'""")
    assert json.loads(new_id.output) > 0
    names = [c["display_name"] for c in phone.host.apps["com.android.contacts"].contacts()]
    assert "Zoë" in names
    phone.shell("""droidpilot seed net.droidpilot.tasks insert_task '{"title": "Pay rent", "due": "2026-10-20"}'""")
    rent = next(t for t in phone.host.apps["net.droidpilot.tasks"].tasks() if t["title"] == "Pay rent")
    assert rent["dueDate"] > 0  # the ISO date string became a date


def test_seed_errors_are_one_line_and_exit_non_zero(phone: VirtualPhone) -> None:
    for cmd, message in (("droidpilot seed com.example.none insert", b"unknown package"),
                         ("droidpilot seed com.android.contacts install", b"no seed method install"),
                         ("droidpilot seed com.android.contacts insert_contact '{bad'", b"failed"),
                         ("droidpilot frobnicate", b"usage:")):
        result = phone.shell(cmd)
        assert result.exit_code != 0 and message in result.stderr, cmd
