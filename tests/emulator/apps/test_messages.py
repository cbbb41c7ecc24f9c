"""Messages: flows driven through the UI (launcher icon, taps, typing), checked in `mmssms.db`."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.messages import MessagesApp
from tests.ui import elements, find, need, open_app, tap, type_into

PKG = MessagesApp.PACKAGE
THREAD = PKG + ".ui.conversation.ConversationActivity"
LIST = PKG + ".ui.conversationlist.ConversationListActivity"
SMS_KEYS = ["_id", "thread_id", "address", "person", "date", "date_sent", "read", "status", "type", "body"]


def app(phone: VirtualPhone) -> MessagesApp:
    messages = phone.host.apps[PKG]
    assert isinstance(messages, MessagesApp)
    return messages


@pytest.fixture
def messages(phone: VirtualPhone) -> MessagesApp:
    """The phone's Messages with its starting content removed, so each test sees only its own threads."""
    seeded = app(phone)
    seeded.clear()
    return seeded


def rows(phone: VirtualPhone, sql: str, *args: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "mmssms.db")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def texts(phone: VirtualPhone, rid: str) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


def test_start_chat_by_typing_a_number_and_send(phone: VirtualPhone, messages: MessagesApp) -> None:
    open_app(phone, "Messages")
    assert phone.current_focus() == (PKG, LIST)
    need(phone, text="Messages", rid="action_bar_title")
    tap(phone, desc="Start chat", rid="start_chat_fab")
    type_into(phone, "+1 555 0100", rid="recipient_text_view")
    need(phone, text="Send to +1 555 0100")
    phone.press_key("ENTER")
    assert phone.current_focus() == (PKG, THREAD)
    assert need(phone, rid="send_message_button", desc="Send SMS").enabled is False
    type_into(phone, "Hello Zoë 北京", rid="compose_message_text")
    tap(phone, desc="Send SMS")

    sent = rows(phone, "SELECT * FROM sms")
    assert [(r["type"], r["address"], r["body"]) for r in sent] == [(2, "+15550100", "Hello Zoë 北京")]
    thread = rows(phone, "SELECT * FROM threads")
    assert [(t["_id"], t["snippet"], t["message_count"], t["read"]) for t in thread] == [
        (sent[0]["thread_id"], "Hello Zoë 北京", 1, 1)]
    assert texts(phone, "message_text") == ["Hello Zoë 北京"]
    assert need(phone, rid="compose_message_text").text == "Text message"  # cleared, shows its hint
    phone.press_key("BACK")  # hides the keyboard
    phone.press_key("BACK")
    assert phone.current_focus() == (PKG, LIST)
    assert texts(phone, "conversation_snippet") == ["Hello Zoë 北京"]


def test_reply_in_a_seeded_thread_opens_at_the_newest(phone: VirtualPhone, messages: MessagesApp) -> None:
    start = phone.clock.now_ms() - 3_600_000
    for i in range(20):
        messages.insert_message("+1 212-555-0142", f"old message {i}", 1 + i % 2, date_ms=start + i * 60_000,
                                read=True)
    messages.insert_message("+1 212-555-0142", "Are you coming tonight?", 1, date_ms=start + 30 * 60_000)
    open_app(phone, "Messages")
    row_name = need(phone, rid="conversation_name")
    assert row_name.text == "+1 212-555-0142"
    tap(phone, text="Are you coming tonight?")
    assert phone.current_focus() == (PKG, THREAD)
    shown = texts(phone, "message_text")
    assert shown[-1] == "Are you coming tonight?" and "old message 0" not in shown
    assert rows(phone, "SELECT read FROM threads")[0]["read"] == 1

    type_into(phone, "Yes, see you at 8", rid="compose_message_text")
    tap(phone, rid="send_message_button")
    reply = rows(phone, "SELECT * FROM sms ORDER BY _id DESC LIMIT 1")[0]
    incoming = rows(phone, "SELECT * FROM sms WHERE body = ?", "Are you coming tonight?")[0]
    assert (reply["type"], reply["body"]) == (2, "Yes, see you at 8")
    assert reply["thread_id"] == incoming["thread_id"]
    assert reply["address"] == "+12125550142"
    assert texts(phone, "message_text")[-1] == "Yes, see you at 8"
    assert rows(phone, "SELECT message_count FROM threads")[0]["message_count"] == 22


def test_delete_a_thread_by_long_press(phone: VirtualPhone, messages: MessagesApp) -> None:
    messages.insert_message("+1 212-555-0101", "Keep me", 1)
    messages.insert_message("+1 212-555-0102", "Delete me", 1)
    open_app(phone, "Messages")
    phone.long_press(*need(phone, text="Delete me").bounds.center)
    tap(phone, desc="Delete")
    need(phone, text="Delete this conversation?")
    tap(phone, text="Cancel")
    assert len(rows(phone, "SELECT * FROM threads")) == 2
    tap(phone, desc="Delete")
    tap(phone, text="Delete")
    assert [r["address"] for r in rows(phone, "SELECT * FROM threads")] == ["+12125550101"]
    assert [r["body"] for r in rows(phone, "SELECT * FROM sms")] == ["Keep me"]
    assert find(phone, desc="Delete") is None  # selection mode ended
    assert texts(phone, "conversation_snippet") == ["Keep me"]


def test_received_sms_notification_opens_its_thread(phone: VirtualPhone, messages: MessagesApp) -> None:
    sms_id = messages.receive_sms("+1 212 555 0199", "Running late, 10 min")
    assert rows(phone, "SELECT read, type FROM sms WHERE _id = ?", sms_id)[0]["read"] == 0
    phone.press_key("HOME")
    phone.swipe(540, 5, 540, 1500, 300)
    note = need(phone, rid="notification_row", contains="+1 212-555-0199")
    need(phone, text="Running late, 10 min")
    phone.tap(*note.bounds.center)
    assert phone.current_focus() == (PKG, THREAD)
    need(phone, text="+1 212-555-0199", rid="action_bar_title")
    assert texts(phone, "message_text") == ["Running late, 10 min"]
    assert rows(phone, "SELECT read FROM sms WHERE _id = ?", sms_id)[0]["read"] == 1
    phone.press_key("BACK")  # the thread was opened on its own: Back shows the conversation list
    assert phone.current_focus() == (PKG, LIST)


def test_contact_names_and_suggestions(phone: VirtualPhone, messages: MessagesApp) -> None:
    contacts = phone.host.apps.get("com.android.contacts")
    if contacts is None or not hasattr(contacts, "insert_contact"):
        pytest.skip("the Contacts app has no seed API yet")
    contacts.insert_contact("Zoë", "Adams", "+1 555-0177")
    messages.insert_message("+15550177", "Hi from Zoë", 1)
    open_app(phone, "Messages")
    assert texts(phone, "conversation_name") == ["Zoë Adams"]
    tap(phone, desc="Start chat")
    type_into(phone, "zoe", rid="recipient_text_view")
    tap(phone, text="Zoë Adams", rid="contact_name")
    need(phone, text="Zoë Adams", rid="action_bar_title")
    type_into(phone, "On my way", rid="compose_message_text")
    tap(phone, desc="Send SMS")
    assert [(r["address"], r["type"]) for r in rows(phone, "SELECT * FROM sms ORDER BY _id")] == [
        ("+15550177", 1), ("+15550177", 2)]
    assert len(rows(phone, "SELECT * FROM threads")) == 1


def test_unsent_text_is_kept_as_a_draft(phone: VirtualPhone, messages: MessagesApp) -> None:
    messages.insert_message("+1 212-555-0150", "Call me", 1, read=True)
    open_app(phone, "Messages")
    tap(phone, text="Call me")
    type_into(phone, "Sure, in 5", rid="compose_message_text")
    phone.press_key("BACK")
    phone.press_key("BACK")
    assert [r["body"] for r in rows(phone, "SELECT * FROM sms WHERE type = 3")] == ["Sure, in 5"]
    assert texts(phone, "conversation_snippet") == ["Draft: Sure, in 5"]
    tap(phone, text="Draft: Sure, in 5")
    assert need(phone, rid="compose_message_text").text == "Sure, in 5"
    assert rows(phone, "SELECT * FROM sms WHERE type = 3") == []


def test_content_provider(phone: VirtualPhone, messages: MessagesApp) -> None:
    uri = messages.content_insert("content://sms/inbox", {"address": "+1 212-555-0111", "body": "ping"})
    messages.insert_message("+1 212-555-0111", "pong", 2)
    inbox = messages.content_query("content://sms/inbox")
    sent = messages.content_query("content://sms/sent")
    everything = messages.content_query("content://sms")
    assert inbox is not None and sent is not None and everything is not None
    assert [list(r) for r in inbox + sent] == [SMS_KEYS, SMS_KEYS]
    assert [(r["type"], r["body"], r["read"]) for r in inbox] == [(1, "ping", 0)]
    assert uri == f"content://sms/{inbox[0]['_id']}"
    assert [(r["type"], r["body"], r["address"]) for r in sent] == [(2, "pong", "+12125550111")]
    assert {r["body"] for r in everything} == {"ping", "pong"}
    assert inbox[0]["thread_id"] == sent[0]["thread_id"]
    assert messages.content_query("content://sms/nonsense") is None
    assert phone.host.state.notifications == []  # a provider insert is not a received SMS


def test_a_new_smsto_intent_switches_the_open_conversation(phone: VirtualPhone) -> None:
    from droidpilot.emulator.virtual.apps.base import Intent

    phone.start(Intent(action="android.intent.action.VIEW", data="smsto:+15550100"))
    type_into(phone, "first draft", rid="compose_message_text")
    phone.start(Intent(action="android.intent.action.VIEW", data="smsto:+15550123"))
    need(phone, text="+15550123", rid="action_bar_title")
    phone.start(Intent(action="android.intent.action.VIEW", data="smsto:+15550100"))
    assert need(phone, rid="compose_message_text").text == "first draft"  # its draft came back
