"""Page identity on real virtual-phone screens: stable, blind to list length and the clock, and telling pages
apart; plus semantic action strings."""

from __future__ import annotations

import statistics
import time

from droidpilot.emulator.device import Observation
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.contacts import ContactsApp
from droidpilot.memory.signature import (
    MAX_KEY_ELEMENTS,
    PageSignature,
    locator,
    page_signature,
    parse_semantic_action,
    semantic_action,
)
from tests.memory.walk import clickable_with_text
from tests.ui import open_app, tap


def sig(phone: VirtualPhone) -> PageSignature:
    return page_signature(phone.observe())


def test_same_screen_twice_gives_the_same_signature(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    first, second = sig(phone), sig(phone)
    assert first == second
    assert (first.package, first.activity, first.title) == ("com.android.settings", "com.android.settings.Settings",
                                                             "Settings")


def test_a_list_of_3_or_30_rows_is_one_page() -> None:
    signatures = []
    for n in (3, 30):
        with VirtualPhone() as phone:
            contacts = phone.host.apps["com.android.contacts"]
            assert isinstance(contacts, ContactsApp)
            contacts.clear()
            for i in range(n):
                contacts.insert_contact(f"Person{i:02d}", chr(ord("A") + i % 26) + "son", f"555-01{i:02d}")
            open_app(phone, "Contacts")
            signatures.append(sig(phone))
    few, many = signatures
    assert few.structure_hash == many.structure_hash
    assert few.content_hash != many.content_hash
    assert few.title == many.title == "Contacts"


def test_the_clock_changes_neither_hash(phone: VirtualPhone) -> None:
    for app in ("Clock", "Settings"):
        open_app(phone, app)
        before = sig(phone)
        phone.advance_clock(7 * 60 * 1000)
        after = sig(phone)
        assert (before.structure_hash, before.content_hash) == (after.structure_hash, after.content_hash), app
    assert before.title == "Settings"


def _node(index: int, cls: str, rid: str = "", text: str = "", pkg: str = "com.example.mail", clickable: bool = False,
          bounds: str = "[0,0][1080,100]", children: str = "") -> str:
    attrs = (f'index="{index}" text="{text}" resource-id="{rid}" class="android.widget.{cls}" package="{pkg}" '
             f'content-desc="" clickable="{str(clickable).lower()}" enabled="true" bounds="{bounds}"')
    return f"<node {attrs}>{children}</node>" if children else f"<node {attrs} />"


def _screen(clock: str | None) -> Observation:
    bar = _node(0, "FrameLayout", "com.android.systemui:id/status_bar", pkg="com.android.systemui",
                children=_node(0, "TextView", "com.android.systemui:id/clock", clock or "", "com.android.systemui"))
    app = (_node(1, "TextView", "com.example.mail:id/toolbar_title", "Inbox")
           + _node(2, "Button", "com.example.mail:id/compose", "Compose", clickable=True, bounds="[0,200][500,300]"))
    root = _node(0, "FrameLayout", children=(bar if clock else "") + app, bounds="[0,0][1080,2400]")
    xml = f'<?xml version="1.0" ?><hierarchy rotation="0">{root}</hierarchy>'
    return Observation(screenshot=None, elements=parse_hierarchy(xml), xml=xml, package="com.example.mail",
                       activity="com.example.mail.InboxActivity")


def test_the_status_bar_is_not_part_of_the_page() -> None:
    at_941, at_1002, without = (page_signature(_screen(c)) for c in ("9:41", "10:02", None))
    assert at_941 == at_1002 == without
    assert at_941.title == "Inbox"
    assert [k.label for k in at_941.key_elements] == ["Compose"]


def test_different_screens_have_different_structures(phone: VirtualPhone) -> None:
    seen = {}
    phone.press_key("HOME")
    seen["home"] = sig(phone)
    tap(phone, text="Settings")
    seen["settings"] = sig(phone)
    tap(phone, text="Display")
    seen["display"] = sig(phone)
    phone.press_key("BACK")
    tap(phone, text="Network & internet")
    seen["network"] = sig(phone)
    tap(phone, text="Internet")
    seen["internet"] = sig(phone)
    assert len({s.structure_hash for s in seen.values()}) == 5
    assert len({s.content_hash for s in seen.values()}) == 5
    assert [s.title for s in seen.values()] == ["Launcher", "Settings", "Display", "Network & internet", "Internet"]


def test_a_toggle_changes_content_not_structure(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    tap(phone, text="Display")
    before = sig(phone)
    tap(phone, text="Dark theme", cls="Switch")
    after = sig(phone)
    assert before.structure_hash == after.structure_hash
    assert before.content_hash != after.content_hash


def test_description_names_the_page_and_what_it_offers(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    tap(phone, text="Display")
    display = sig(phone)
    labels = [k.label for k in display.key_elements]
    assert {"Navigate up", "Brightness level", "Dark theme", "Screen timeout"} <= set(labels)
    assert len(labels) == len({label.casefold() for label in labels}) <= MAX_KEY_ELEMENTS
    assert display.summary.startswith("Display screen of com.android.settings")
    assert "Dark theme" in display.summary and len(display.summary) <= 400
    assert "brightness" in display.search_text


def test_signature_is_fast_on_a_typical_dump(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    observation = phone.observe()
    assert len(observation.elements) > 40
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        page_signature(observation)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.002


def test_semantic_actions_name_elements_not_pixels(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    home = phone.observe()
    row = clickable_with_text(home, "Display")
    assert not row.text and not row.resource_id
    assert semantic_action("tap", row, home) == 'tap text="Display"'
    search = next(e for e in home.elements if e.resource_id.endswith("search_action_bar"))
    assert semantic_action("tap", search) == 'tap id=com.android.settings:id/search_action_bar desc="Search settings"'
    assert semantic_action("press", None, detail="back") == "press back"
    assert semantic_action("open_app", None, detail="Settings") == "open_app Settings"
    assert semantic_action("tap", row) == "tap class=android.view.ViewGroup"  # no observation: nothing to borrow


def test_switch_locators_borrow_their_row_label(phone: VirtualPhone) -> None:
    open_app(phone, "Settings")
    tap(phone, text="Display")
    screen = phone.observe()
    switch = next(e for e in screen.elements if e.class_name.endswith("Switch") and e.text == "Dark theme")
    assert locator(switch, screen) == 'id=android:id/switch_widget text="Dark theme"'


def test_semantic_actions_parse_back() -> None:
    action = semantic_action("scroll", None, detail="down")
    assert parse_semantic_action(action).detail == "down"
    text = 'He said "hi"; reboot Zoë 北京'
    parsed = parse_semantic_action(f'open_app {semantic_action("x", None, detail=text).split(" ", 1)[1]}')
    assert parsed.action_type == "open_app" and parsed.detail == text
    parsed = parse_semantic_action('tap id=com.x:id/send text="Send \\"now\\"" desc="a b"')
    assert parsed == ("tap", "", "com.x:id/send", 'Send "now"', "a b", "")
    assert parse_semantic_action("press back") == ("press", "back", "", "", "", "")
