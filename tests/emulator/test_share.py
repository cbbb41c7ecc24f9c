"""The share sheet: text or a picture from one app to another, through ACTION_SEND."""

from __future__ import annotations

import sqlite3

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.base import CHOOSER_PACKAGE, EXTRA_MIME, EXTRA_STREAM, EXTRA_TEXT, Intent
from tests.ui import find, need, tap

MESSAGES_DB = ("data", "com.android.messaging", "databases", "mmssms.db")


def open_share_sheet(phone: VirtualPhone, **extras: str) -> None:
    """What an app's Share button does (Activity.share)."""
    phone.start(Intent(package=CHOOSER_PACKAGE, activity=".ChooserActivity", extras=extras))


def send_to_new_number(phone: VirtualPhone, number: str) -> None:
    phone.input_text(number)  # the "To" field has focus
    phone.press_key("ENTER")
    tap(phone, desc="Send SMS")


def sent_rows(phone: VirtualPhone, sql: str) -> list[tuple]:
    with sqlite3.connect(phone.data_dir.joinpath(*MESSAGES_DB)) as conn:
        return conn.execute(sql).fetchall()


def test_text_shared_to_messages_is_sent_as_typed(phone: VirtualPhone) -> None:
    open_share_sheet(phone, **{EXTRA_TEXT: "Pasta tonight? 🍝", EXTRA_MIME: "text/plain"})
    assert phone.current_focus() == (CHOOSER_PACKAGE, CHOOSER_PACKAGE + ".ChooserActivity")
    need(phone, text="Pasta tonight? 🍝")
    tap(phone, desc="Messages")
    assert phone.current_focus()[0] == "com.android.messaging"
    send_to_new_number(phone, "+15550123")
    assert sent_rows(phone, "SELECT address, body, type FROM sms WHERE address = '+15550123'") == [
        ("+15550123", "Pasta tonight? 🍝", 2)]


def test_picture_shared_to_messages_goes_as_an_attachment(phone: VirtualPhone) -> None:
    open_share_sheet(phone, **{EXTRA_STREAM: "/sdcard/Pictures/cat.jpg", EXTRA_MIME: "image/jpeg"})
    assert find(phone, text="Copy") is None  # files are not copied as text
    tap(phone, desc="Messages")
    send_to_new_number(phone, "+15550123")
    assert sent_rows(phone, "SELECT path, mime FROM attachments") == [("/sdcard/Pictures/cat.jpg", "image/jpeg")]
    need(phone, text="Picture: cat.jpg")


def test_copy_puts_shared_text_on_the_clipboard(phone: VirtualPhone) -> None:
    open_share_sheet(phone, **{EXTRA_TEXT: "hello", EXTRA_MIME: "text/plain"})
    tap(phone, text="Copy")
    assert phone.host.clipboard == "hello"
    assert phone.current_focus()[0] != CHOOSER_PACKAGE


def test_only_apps_accepting_the_type_are_offered(phone: VirtualPhone) -> None:
    open_share_sheet(phone, **{EXTRA_STREAM: "/sdcard/Music/song.mp3", EXTRA_MIME: "audio/mpeg"})
    assert find(phone, desc="Messages") is None
    need(phone, text="No apps can perform this action.")
