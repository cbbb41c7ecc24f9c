"""Events from captures: kinds, priority, deny-list, the input dictionary, typing that replaces the text."""

from __future__ import annotations

from droidpilot.crawler.config import DEFAULT_DENY, DEFAULT_INPUTS
from droidpilot.crawler.events import DenyList, extract_events, perform, text_for
from droidpilot.emulator.virtual.device import VirtualDevice

DENY = DenyList(list(DEFAULT_DENY))


def test_settings_home_offers_taps_scrolls_and_back_last(device: VirtualDevice) -> None:
    device.launch("com.android.settings")
    events, elements, denied = extract_events(device.observe(), DENY)
    ids = [e.id for e in events]
    assert 'tap text="Display"' in ids and 'tap text="Network & internet"' in ids
    assert "scroll down id=com.android.settings:id/recycler_view" in ids
    assert ids[-1] == "press back" and denied == 0
    assert all(e.id in elements for e in events if e.kind != "back")
    kinds = [e.kind for e in events]
    assert kinds.index("scroll") > kinds.index("tap")  # taps first, then scrolls, back last


def test_deny_list_holds_back_delete_and_friends() -> None:
    for text in ("Delete", "Log out", "Sign out", "Delete account", "Factory reset", "Uninstall", "Pay now",
                 "Buy", "Force stop", "Send"):
        assert DENY.blocks(text), text
    for text in ("Display", "Network & internet", "Calls & SMS", "Date format", "Sound & vibration"):
        assert not DENY.blocks(text), text
    assert DENY.blocks("", "", "logout button")


def test_the_contact_menu_delete_item_is_never_offered(device: VirtualDevice) -> None:
    contact_id = device.phone.host.apps["com.android.contacts"].contacts()[0]["_id"]
    device.open_uri(f"content://com.android.contacts/contacts/{contact_id}")
    more = next(e for e in device.observe().elements if e.content_desc == "More options")
    device.tap(*more.bounds.center)
    events, _elements, denied = extract_events(device.observe(), DENY)
    assert denied == 1 and [e.id for e in events] == ["press back"]


def test_typing_uses_the_dictionary_and_replaces_the_text(device: VirtualDevice) -> None:
    device.launch("com.android.contacts", ".activities.ContactEditorActivity")
    events, elements, _ = extract_events(device.observe(), DENY)
    email = next(e for e in events if e.id == "type id=com.android.contacts:id/email")
    assert text_for(elements[email.id], DEFAULT_INPUTS, "x") == "alex.crawler@example.com"
    first = next(e for e in events if e.id == "type id=com.android.contacts:id/first_name")
    perform(device, first, elements[first.id], "com.android.contacts", "Ann")
    events, elements, _ = extract_events(device.observe(), DENY)
    again = next(e for e in events if e.id == first.id)
    done = perform(device, again, elements[again.id], "com.android.contacts", "Bea")
    field = next(e for e in device.observe().elements if e.resource_id.endswith("first_name"))
    assert field.text == "Bea" and done.text == "Bea" and done.x > 0
