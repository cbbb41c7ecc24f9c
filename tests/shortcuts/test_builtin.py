"""Every built-in shortcut end to end on a fresh virtual phone, checked in the apps' own databases, settings
and files (as a benchmark would check them), never in what the executor claims."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS, builtin
from droidpilot.shortcuts.executor import ShortcutExecutor, ShortcutRun

HOSTILE = "'; reboot; $(id) \"quotes\" Zoë 北京 50% off & more"


def run(phone: VirtualPhone, shortcut_name: str, /, **args: Any) -> ShortcutRun:
    shortcut = builtin(shortcut_name)
    assert shortcut is not None
    result = ShortcutExecutor(VirtualDevice(phone), settle_timeout=0.5).run(shortcut, args)
    assert result.ok, result.summary()
    return result


def rows(phone: VirtualPhone, package: str, db: str, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(phone.data_dir / "data" / package / "databases" / db) as conn:
        return conn.execute(sql).fetchall()


def focus(phone: VirtualPhone) -> str:
    return phone.current_focus()[1]


def texts(phone: VirtualPhone, resource_id: str) -> list[str]:
    return [e.text for e in phone.observe().elements if e.resource_id.endswith(f":id/{resource_id}")]


def test_send_sms_writes_the_sent_row_with_the_literal_body(phone: VirtualPhone) -> None:
    run(phone, "send_sms", number="+1 (555) 010-0142", message=HOSTILE)
    assert rows(phone, "com.android.messaging", "mmssms.db",
                "SELECT address, body FROM sms WHERE type = 2 AND address = '+15550100142'") == [
        ("+15550100142", HOSTILE)]


def test_open_conversation(phone: VirtualPhone) -> None:
    run(phone, "open_conversation", number="555-0199")
    assert focus(phone).endswith(".ui.conversation.ConversationActivity")
    assert texts(phone, "action_bar_title") == ["5550199"]


def test_new_contact_is_saved_in_contacts2(phone: VirtualPhone) -> None:
    run(phone, "new_contact", first_name="Zoë", last_name="O'Brien $(id)", phone="555-0100")
    found = rows(phone, "com.android.contacts", "contacts2.db",
                 "SELECT c.first_name, c.last_name, p.number FROM contacts c JOIN phones p ON p.contact_id = c._id "
                 "WHERE c.first_name = 'Zoë'")
    assert found == [("Zoë", "O'Brien $(id)", "555-0100")]


def test_open_contact_finds_the_card_by_search(phone: VirtualPhone) -> None:
    phone.host.apps["com.android.contacts"].insert_contact("Ada", "Lovelace; $(id)", "555-0111")  # type: ignore[attr-defined]
    run(phone, "open_contact", name="Ada Lovelace; $(id)")
    assert focus(phone).endswith(".activities.QuickContactActivity")
    assert texts(phone, "large_title") == ["Ada Lovelace; $(id)"]


def test_open_contact_starts_afresh_over_a_card_or_search_left_open(phone: VirtualPhone) -> None:
    """Contacts' task still shows another card (or a search): the shortcut's --activity-clear-task start
    finishes that task, as Android does, instead of resuming it where its first step cannot find the search."""
    contacts = phone.host.apps["com.android.contacts"]
    contacts.insert_contact("Ada", "Lovelace", "555-0111")  # type: ignore[attr-defined]
    contacts.insert_contact("Grace", "Hopper", "555-0112")  # type: ignore[attr-defined]
    run(phone, "open_contact", name="Ada Lovelace")
    phone.shell("input keyevent HOME")
    run(phone, "open_contact", name="Grace Hopper")
    assert texts(phone, "large_title") == ["Grace Hopper"]
    phone.shell("input keyevent BACK")
    phone.shell("input keyevent BACK")
    assert focus(phone).endswith(".activities.PeopleActivity")  # one list under the card, not Ada's card
    phone.shell("input keyevent BACK")
    assert "launcher" in focus(phone)


def test_add_contact_to_favorites_stars_once_and_never_unstars(phone: VirtualPhone) -> None:
    contacts = phone.host.apps["com.android.contacts"]
    contacts.insert_contact("Grace", "Hopper $(id)", "555-0112")  # type: ignore[attr-defined]
    starred = "SELECT starred FROM contacts WHERE first_name = 'Grace'"
    assert not run(phone, "add_contact_to_favorites", name="Grace Hopper $(id)").already_done
    assert rows(phone, "com.android.contacts", "contacts2.db", starred) == [(1,)]
    again = run(phone, "add_contact_to_favorites", name="Grace Hopper $(id)")  # her starred card is showing
    assert again.already_done and again.steps == [] and rows(phone, "com.android.contacts", "contacts2.db",
                                                              starred) == [(1,)]


def test_add_contact_to_favorites_leaves_a_favourite_starred(phone: VirtualPhone) -> None:
    phone.host.apps["com.android.contacts"].insert_contact("Alan", "Kay", "555-0113", starred=True)  # type: ignore[attr-defined]
    found = run(phone, "add_contact_to_favorites", name="Alan Kay")  # the card is opened, the star left on
    assert found.already_done and found.steps[-1].skipped
    assert rows(phone, "com.android.contacts", "contacts2.db",
                "SELECT starred FROM contacts WHERE first_name = 'Alan'") == [(1,)]


def test_add_expense_writes_the_expense_row(phone: VirtualPhone) -> None:
    run(phone, "add_expense", name="Taxi; $(id)", amount="23.40", category="Transportation", note=HOSTILE)
    assert rows(phone, "net.droidpilot.expenses", "accounting.db",
                "SELECT name, amount, category, note FROM expense WHERE amount = 2340") == [
        ("Taxi; $(id)", 2340, 7, HOSTILE)]


def test_create_alarm_and_set_timer_write_alarms_db(phone: VirtualPhone) -> None:
    run(phone, "create_alarm", hour="6", minute="45", label="Gym")
    run(phone, "create_alarm", hour=6, minute=45, label="Gym")  # the same alarm again is not duplicated
    assert rows(phone, "com.android.deskclock", "alarms.db",
                "SELECT hour, minutes, enabled, label FROM alarm_templates WHERE label = 'Gym'") == [(6, 45, 1, "Gym")]
    run(phone, "set_timer", seconds="300")
    assert rows(phone, "com.android.deskclock", "alarms.db",
                "SELECT length_ms, state FROM timers") == [(300_000, "RUNNING")]


@pytest.mark.parametrize(("name", "activity"), [
    ("open_wifi_settings", "Settings$NetworkProviderSettingsActivity"),
    ("open_bluetooth_settings", "Settings$BluetoothSettingsActivity"),
    ("open_display_settings", "Settings$DisplaySettingsActivity"),
])
def test_settings_pages(phone: VirtualPhone, name: str, activity: str) -> None:
    run(phone, name)
    assert focus(phone) == f"com.android.settings.{activity}"


def test_wifi_and_bluetooth_switches_change_the_settings_provider(phone: VirtualPhone) -> None:
    assert (phone.settings.get("global", "wifi_on"), phone.settings.get("global", "bluetooth_on")) == ("1", "0")
    run(phone, "turn_off_wifi")
    run(phone, "turn_on_bluetooth")
    assert (phone.settings.get("global", "wifi_on"), phone.settings.get("global", "bluetooth_on")) == ("0", "1")
    run(phone, "turn_on_wifi")
    run(phone, "turn_off_bluetooth")
    assert (phone.settings.get("global", "wifi_on"), phone.settings.get("global", "bluetooth_on")) == ("1", "0")


def test_create_event_writes_events_db(phone: VirtualPhone) -> None:
    run(phone, "create_event", title=HOSTILE, start="2026-10-20 09:00", end="2026-10-20 10:30",
        location="Room 1")
    start = int(datetime(2026, 10, 20, 9, tzinfo=UTC).timestamp())
    assert rows(phone, "com.android.calendar", "events.db",
                f"SELECT title, location, start_ts, end_ts FROM events WHERE start_ts = {start}") == [
        (HOSTILE, "Room 1", start, start + 5400)]


def test_open_date_in_calendar_shows_that_day(phone: VirtualPhone) -> None:
    run(phone, "open_date_in_calendar", date="2026-12-24")
    assert texts(phone, "top_value") == ["December 24 (Thu)"]


def test_view_image_and_text_file(phone: VirtualPhone) -> None:
    phone.host.apps["com.android.gallery3d"].add_image("/sdcard/Pictures/Trip 1 #2.png")  # type: ignore[attr-defined]
    run(phone, "view_image", path="/sdcard/Pictures/Trip 1 #2.png")
    assert [e.content_desc for e in phone.observe().elements if e.resource_id.endswith("photo_view")] == [
        "Trip 1 #2.png"]
    phone.host.apps["com.android.documentsui"].write_file("/sdcard/Download/a b.txt", HOSTILE.encode())  # type: ignore[attr-defined]
    run(phone, "view_text_file", path="/sdcard/Download/a b.txt")
    assert texts(phone, "preview_text") == [HOSTILE]


def test_view_file_opens_the_viewer_for_its_type(phone: VirtualPhone) -> None:
    phone.host.apps["com.android.gallery3d"].add_image("/sdcard/Download/pic 1.png")  # type: ignore[attr-defined]
    phone.host.apps["com.android.documentsui"].write_file("/sdcard/Download/note.txt", b"hi")  # type: ignore[attr-defined]
    run(phone, "view_file", path="/sdcard/Download/pic 1.png")
    assert phone.current_focus() == ("com.android.gallery3d", "com.android.gallery3d.app.PhotoPage")
    run(phone, "view_file", path="/sdcard/Download/note.txt")
    assert texts(phone, "preview_text") == ["hi"]


def test_compose_note_writes_the_file(phone: VirtualPhone) -> None:
    run(phone, "compose_note", title="Groceries", text="- milk\n- eggs $(id)")
    assert phone.host.apps["net.droidpilot.notes"].read_note("Groceries.md") == "- milk\n- eggs $(id)"  # type: ignore[attr-defined]


def test_clock_intents_without_valid_extras_only_open_the_tab(phone: VirtualPhone) -> None:
    """The DeskClock additions: SET_ALARM without HOUR, or with an impossible time, sets nothing (as AOSP)."""
    before = rows(phone, "com.android.deskclock", "alarms.db", "SELECT * FROM alarm_templates")
    for extras in ("", "--ei android.intent.extra.alarm.HOUR 24", "--es android.intent.extra.alarm.HOUR x"):
        assert phone.shell(f"am start -a android.intent.action.SET_ALARM {extras}").exit_code == 0
    assert phone.shell("am start -a android.intent.action.SET_TIMER --ei android.intent.extra.alarm.LENGTH 0").ok
    assert rows(phone, "com.android.deskclock", "alarms.db", "SELECT * FROM alarm_templates") == before
    assert rows(phone, "com.android.deskclock", "alarms.db", "SELECT * FROM timers") == []
    assert phone.current_focus()[0] == "com.android.deskclock"


def test_every_builtin_has_an_end_to_end_test() -> None:
    """A new built-in needs its own test above (checked in this file's text, so test order does not matter)."""
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [s.name for s in BUILTIN_SHORTCUTS if f'"{s.name}"' not in source]
    assert untested == []
