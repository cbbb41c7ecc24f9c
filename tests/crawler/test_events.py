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


def test_a_search_field_gets_a_word_that_finds_something(device: VirtualDevice) -> None:
    from droidpilot.crawler.state import list_words

    device.launch("com.android.contacts")
    names = [e.text for e in device.observe().elements if e.resource_id.endswith("cliv_name_textview")]
    search = next(e for e in device.observe().elements if e.resource_id.endswith("menu_search"))
    device.tap(*search.bounds.center)
    shown = device.observe()
    events, elements, _ = extract_events(shown, DENY)
    field = next(e for e in events if e.kind == "type")
    words = list_words(shown) or [w for n in names for w in n.split()]
    word = text_for(elements[field.id], DEFAULT_INPUTS, "x", words)
    assert word != "a" and any(word in n for n in names)
    perform(device, field, elements[field.id], "com.android.contacts", word)
    rows = [e.text for e in device.observe().elements if e.resource_id.endswith("cliv_name_textview")]
    assert rows and all(word.casefold() in r.casefold() for r in rows)


def test_fields_get_values_of_their_kind() -> None:
    from droidpilot.emulator.device import Bounds, UIElement

    def field(rid: str, hint: str = "") -> UIElement:
        return UIElement(index=0, resource_id=f"app:id/{rid}", text=hint, class_name="android.widget.EditText",
                         bounds=Bounds(left=0, top=0, right=10, bottom=10))

    assert text_for(field("alarm_time"), DEFAULT_INPUTS, "x") == "09:30"
    assert text_for(field("hours"), DEFAULT_INPUTS, "x").isdigit()
    assert text_for(field("display_name"), DEFAULT_INPUTS, "x") == "Alex Morgan"
    assert text_for(field("amount"), DEFAULT_INPUTS, "x") == "12"
    assert text_for(field("search_src_text"), DEFAULT_INPUTS, "x", ["Morgan"]) == "Morgan"
