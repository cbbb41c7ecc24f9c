"""The navigation path between two Settings pages after a walk through Settings on the virtual phone, checked by
following it on a fresh phone."""

from __future__ import annotations

import pytest

from droidpilot.emulator.device import Observation, UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory import MemoryStore, NoPath, PageNotFound, ingest_observations, parse_semantic_action
from tests.memory.walk import walk_settings
from tests.ui import open_app, tap

INTERNET = "com.android.settings.Settings$NetworkProviderSettingsActivity"


def _find(observation: Observation, action: str) -> UIElement:
    """Resolve a semantic action's locator on a live screen (what a path follower or shortcut executor does)."""
    parsed = parse_semantic_action(action)
    for element in observation.elements:
        if ((not parsed.resource_id or element.resource_id == parsed.resource_id)
                and (not parsed.text or element.text == parsed.text)
                and (not parsed.content_desc or element.content_desc == parsed.content_desc)):
            return element
    raise AssertionError(f"nothing on screen matches {action!r}")


def follow(device: VirtualDevice, actions: list[str]) -> None:
    for action in actions:
        parsed = parse_semantic_action(action)
        if parsed.action_type == "press":
            device.press(parsed.detail.upper())
        else:
            device.tap(*_find(device.observe(), action).bounds.center)


def test_path_between_two_settings_pages(phone: VirtualPhone, store: MemoryStore) -> None:
    report = ingest_observations(store, walk_settings(phone))
    assert (report.steps, report.new_pages, report.transitions) == (5, 5, 5)

    path = store.shortest_path("Display", "Internet")
    actions = [t.action for t in path]
    assert actions == ["press back", 'tap text="Network & internet"', 'tap text="Internet"']
    assert [store.page(t.to_page).title for t in path] == ["Settings", "Network & internet", "Internet"]

    with VirtualPhone() as fresh:  # the path works on another phone, from the Display page
        open_app(fresh, "Settings")
        tap(fresh, text="Display")
        follow(VirtualDevice(fresh), actions)
        assert fresh.current_focus() == ("com.android.settings", INTERNET)


def test_path_endpoints_by_id_and_unknown_ones(phone: VirtualPhone, store: MemoryStore) -> None:
    ingest_observations(store, walk_settings(phone))
    display, internet = store.resolve_page("Display"), store.resolve_page("Internet")
    assert [t.to_page for t in store.shortest_path(display.id, str(internet.id))][-1] == internet.id
    assert store.shortest_path(display.id, display.id) == []
    with pytest.raises(NoPath, match="no recorded way from 'Internet'"):
        store.shortest_path("Internet", "Display")  # the walk never went back from Internet
    with pytest.raises(PageNotFound):
        store.shortest_path("Display", "zebra crossing wizard")
    with pytest.raises(PageNotFound, match="no page with id 999"):
        store.shortest_path(999, "Display")


def test_the_most_used_of_parallel_edges_is_chosen(store: MemoryStore, phone: VirtualPhone) -> None:
    ingest_observations(store, walk_settings(phone))
    display, home = store.resolve_page("Display"), store.resolve_page("Settings")
    for _ in range(2):
        store.record_transition(display.id, 'tap desc="Navigate up"', home.id)
    assert store.shortest_path("Display", "Settings")[0].action == 'tap desc="Navigate up"'
