"""State identity on the virtual phone: rows collapse, clocks do not make states, perceptual hash."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from droidpilot.crawler.state import OUTSIDE, dhash, identify, state_dict
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

CONTACTS = "com.android.contacts"


def test_list_rows_collapse_into_one_state_with_a_new_variant(device: VirtualDevice) -> None:
    device.launch(CONTACTS)
    before = identify(device.observe(), CONTACTS)
    app = device.phone.host.apps[CONTACTS]
    for i in range(5):
        app.insert_contact(f"Zed{i}", "Quorra", f"+1 555 010{i}")
    device.phone.invalidate()
    after = identify(device.observe(), CONTACTS)
    assert after.state == before.state
    assert after.variant != before.variant


def test_a_clock_ticking_changes_neither_state_nor_variant(device: VirtualDevice) -> None:
    device.launch("com.android.deskclock")
    before = identify(device.observe(), "com.android.deskclock")
    device.phone.advance_clock(3_661_000)
    observation = device.observe()
    after = identify(observation, "com.android.deskclock")
    assert "10:01 AM" in [e.text for e in observation.elements]
    assert (after.state, after.variant) == (before.state, before.variant)


def test_other_apps_are_outside_and_pages_differ(device: VirtualDevice) -> None:
    home = identify(device.observe(), "com.android.settings")
    assert home.state == OUTSIDE and not home.in_app
    device.launch("com.android.settings")
    settings = identify(device.observe(), "com.android.settings")
    device.launch("com.android.settings", ".Settings$DisplaySettingsActivity")
    display = identify(device.observe(), "com.android.settings")
    assert settings.in_app and settings.state != display.state
    assert display.title == "Display"


def test_dhash_is_stable_and_tells_screens_apart(device: VirtualDevice) -> None:
    device.launch("com.android.settings")
    first = device.observe().screenshot
    again = device.observe().screenshot
    device.launch(CONTACTS)
    other = device.observe().screenshot
    assert first is not None and again is not None and other is not None
    assert dhash(first) == dhash(again)
    assert len(dhash(first)) == 16 and int(dhash(first), 16) >= 0
    assert dhash(first) != dhash(other)


def test_state_dict_is_droidbot_like(device: VirtualDevice) -> None:
    device.launch("com.android.settings")
    observation = device.observe()
    capture = identify(observation, "com.android.settings")
    state = json.loads(json.dumps(state_dict(observation, capture, 7, "00ff")))
    assert state["tag"] == "000007" and state["state_str"] == capture.state
    assert state["state_str_content_free"] == capture.structure_hash
    assert state["foreground_activity"] == "com.android.settings/.Settings"
    view = next(v for v in state["views"] if v["text"] == "Display")
    assert view["bounds"][1][0] > view["bounds"][0][0] and "*" in view["size"]
    assert {"signature", "content_free_signature", "children", "parent", "clickable", "view_str"} <= set(view)


@pytest.fixture(scope="module")
def shared() -> Iterator[VirtualDevice]:
    """One phone for the identity tests below, restored to its first state before each."""
    phone = VirtualDevice(VirtualPhone())
    phone.phone.snapshot("base")
    yield phone
    phone.close()


@pytest.fixture
def fresh(shared: VirtualDevice) -> VirtualDevice:
    shared.phone.restore("base")
    return shared


def _tap(device: VirtualDevice, **attrs: str) -> None:
    device.tap(*device.observe().find(**attrs)[0].bounds.center)


def _state(device: VirtualDevice, package: str = CONTACTS) -> tuple[str, str]:
    capture = identify(device.observe(), package)
    return capture.state, capture.variant


def test_the_text_selection_toolbar_makes_no_new_state(fresh: VirtualDevice) -> None:
    device = fresh
    device.launch(CONTACTS, ".activities.ContactEditorActivity")
    field = device.observe().find(resource_id=f"{CONTACTS}:id/first_name")[0]
    device.tap(*field.bounds.center)
    device.input_text("Bob")
    before = _state(device)
    device.long_press(*field.bounds.center)
    shown = device.observe()
    assert {"Cut", "Copy"} <= {e.text for e in shown.elements}  # the toolbar is up
    assert _state(device) == before


def test_a_button_enabled_by_typing_makes_no_new_state(fresh: VirtualDevice) -> None:
    device = fresh
    settings = "com.android.settings"
    device.launch(settings, ".Settings$NetworkProviderSettingsActivity")
    _tap(device, text="NETGEAR47")
    field = next(e for e in device.observe().elements if e.editable)
    device.tap(*field.bounds.center)
    device.input_text("abc")
    connect = device.observe().find(text="Connect")[0]
    before = _state(device, settings)
    device.input_text("defghij")  # eight characters: Connect turns on
    assert device.observe().find(text="Connect")[0].enabled and not connect.enabled
    assert _state(device, settings) == before


def test_views_under_an_open_drawer_do_not_count(fresh: VirtualDevice) -> None:
    device = fresh
    files = "com.android.documentsui"
    device.launch(files)
    downloads = _state(device, files)[0]
    _tap(device, content_desc="Show roots")
    over_downloads = _state(device, files)[0]
    _tap(device, text="Images")
    images = _state(device, files)[0]
    _tap(device, content_desc="Show roots")
    over_images = _state(device, files)[0]
    assert downloads != images  # the pages under the drawer differ ...
    assert over_downloads == over_images  # ... the drawer over them is one state


def test_a_contact_editor_and_its_create_form_do_not_merge(fresh: VirtualDevice) -> None:
    device = fresh
    device.launch(CONTACTS)
    _tap(device, content_desc="Create contact")
    create = _state(device)[0]
    device.press("BACK")
    forms = []
    for name in ("Alex Morgan", "Lena Fischer"):
        _tap(device, text=name)
        _tap(device, content_desc="Edit contact")
        forms.append(_state(device)[0])
        device.press("BACK")
        device.press("BACK")
    assert forms[0] == forms[1]  # editing two contacts: one state
    assert create != forms[0]
