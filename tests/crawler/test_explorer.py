"""The explorer on the virtual phone: coverage of Settings and Contacts, transitions, policies, stop conditions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from droidpilot.crawler.coverage import catalogue_for
from droidpilot.crawler.state import OUTSIDE
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory.store import MemoryStore
from tests.crawler.helpers import assert_consistent, crawl, steps

SETTINGS, CONTACTS = "com.android.settings", "com.android.contacts"


def screen_states(app_dir: Path) -> dict[str, set[str]]:
    """Catalogued screen -> the graph states it was seen as."""
    seen: dict[str, set[str]] = {}
    for line in steps(app_dir):
        if line["screen"]:
            seen.setdefault(line["screen"], set()).add(line["target"])
    return seen


def test_dfs_covers_settings_in_400_steps_with_transitions_and_memory(device: VirtualDevice, out: Path,
                                                                       tmp_path: Path) -> None:
    with MemoryStore(tmp_path / "memory.sqlite") as memory:
        result = crawl(device, out, SETTINGS, memory=memory, max_steps=400)
        route = memory.shortest_path("Settings", "Bluetooth", package=SETTINGS)
        assert route[-1].to_page == memory.resolve_page("Bluetooth", SETTINGS).id and len(route) <= 5
        assert memory.stats().packages[SETTINGS] == result.states
    assert result.coverage is not None and result.coverage >= 0.9, result.screens_missing
    app_dir = out / SETTINGS
    assert_consistent(app_dir)
    utg = json.loads((app_dir / "utg.json").read_text())
    assert utg["num_nodes"] == result.states and utg["num_edges"] > 0
    catalogue = catalogue_for(device, SETTINGS)
    assert catalogue is not None and utg["screens_total"] == len(catalogue.screens) > 19  # dialogs count too
    edges = {(e["from"], e["to"]) for e in utg["edges"]}
    seen = screen_states(app_dir)
    home = seen["Settings"]
    for screen in ("Network Dashboard", "Display Settings", "My Device Info", "App Dashboard",
                   "Connected Device Dashboard"):
        assert any((h, s) in edges for h in home for s in seen[screen]), f"no edge Settings -> {screen}"
        assert any((s, h) in edges for h in home for s in seen[screen]), f"no edge {screen} -> Settings"
    among = {(a, b) for a, b in edges if any(a in v for v in seen.values()) and any(b in v for v in seen.values())}
    assert len(among) >= 18
    assert result.activities_declared and result.activities_reached >= 0.9 * result.activities_declared
    state = json.loads((app_dir / "states" / "state_000000.json").read_text())
    assert state["views"] and state["state_str_content_free"] == utg["nodes"][0]["id"]


def test_dfs_covers_contacts_and_recovers_when_the_app_is_left(device: VirtualDevice, out: Path) -> None:
    result = crawl(device, out, CONTACTS, max_steps=400)
    assert result.screens_missing == ["Quick Contact \u203a delete"]  # only behind the deny-listed Delete
    assert result.stop_reason == "exhausted"
    lines = steps(out / CONTACTS)
    left = [i for i, line in enumerate(lines) if line["target"] == OUTSIDE and line["event"]["kind"] != "back"]
    assert left, "the crawl never left Contacts (tapping a number opens Messages)"
    assert lines[left[0] + 1]["event"]["kind"] in ("back", "restart")
    assert lines[-1]["target"] != OUTSIDE or lines[-1]["event"]["kind"] == "back"
    assert_consistent(out / CONTACTS)


@pytest.mark.parametrize("policy", ["bfs", "random", "replay"])
def test_other_policies_explore_settings(device: VirtualDevice, out: Path, policy: str) -> None:
    result = crawl(device, out, SETTINGS, policy=policy, max_steps=90)
    assert result.states >= 8 and len(result.screens_reached) >= 6, (policy, result.screens_reached)
    assert_consistent(out / SETTINGS)
    if policy == "replay":
        restarts = sum(line["event"]["kind"] == "restart" for line in steps(out / SETTINGS))
        assert restarts >= 10  # Mobile3M: a restart and a replay for each new action


def test_random_is_reproducible_with_a_seed(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        dev = VirtualDevice(VirtualPhone(seed=0))
        crawl(dev, tmp_path / name, SETTINGS, policy="random", seed=3, max_steps=40)
        dev.close()
        runs.append([line["event"]["id"] for line in steps(tmp_path / name / SETTINGS)])
    assert runs[0] == runs[1]


def test_stop_conditions(device: VirtualDevice, tmp_path: Path) -> None:
    assert crawl(device, tmp_path / "a", SETTINGS, max_states=4).stop_reason == "max_states"
    result = crawl(device, tmp_path / "b", SETTINGS, max_steps=None, stagnation=3)
    assert result.stop_reason == "stagnation"
    assert crawl(device, tmp_path / "c", SETTINGS, max_steps=None, time_limit=0.5).stop_reason == "time_limit"
