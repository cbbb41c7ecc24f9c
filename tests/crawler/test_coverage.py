"""Coverage: declared activities read through the Device, the discovery curve and the run's report."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

from droidpilot.crawler.coverage import catalogue_for, declared_activities
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.crawler.helpers import crawl, steps

CONTACTS = "com.android.contacts"
SETTINGS = "com.android.settings"


def test_declared_activities_come_from_dumpsys_package(device: VirtualDevice) -> None:
    declared = declared_activities(device, CONTACTS)
    assert "com.android.contacts.activities.PeopleActivity" in declared
    assert "com.android.contacts.activities.QuickContactActivity" in declared
    assert declared_activities(device, "com.example.absent") == set()
    assert all(a.startswith("com.android.settings") for a in declared_activities(device, "com.android.settings"))


def test_the_catalogue_is_the_apps_code_with_its_dialogs_and_menus(device: VirtualDevice) -> None:
    from droidpilot.emulator.virtual.apps import registry

    for app in registry.all_apps():
        catalogue = catalogue_for(device, app.PACKAGE)
        assert catalogue is not None and catalogue.activities == {a.NAME for a in app.ACTIVITIES}
    contacts = catalogue_for(device, CONTACTS)
    assert contacts is not None
    windows = {(s.activity.rpartition(".")[2], s.window) for s in contacts.screens if s.window}
    assert windows == {("QuickContactActivity", "menu"), ("QuickContactActivity", "delete"),
                       ("ContactEditorActivity", "discard"), ("PeopleActivity", "search results")}
    assert catalogue_for(device, "com.example.absent") is None


def test_an_open_dialog_or_menu_is_a_catalogued_screen_of_its_own(device: VirtualDevice, out: Path) -> None:
    result = crawl(device, out, CONTACTS, max_steps=25)
    assert "Quick Contact \u203a menu" in result.screens_reached  # the overflow menu over a contact card
    assert "Quick Contact" in result.screens_reached
    lines = [line for line in steps(out / CONTACTS) if line["screen"] == "Quick Contact \u203a menu"]
    assert lines and all(line["activity"].endswith("QuickContactActivity") for line in lines)


def test_coverage_tells_policies_apart_on_settings(device: VirtualDevice, out: Path) -> None:
    reached = {}
    device.phone.snapshot("clean")
    for policy in ("dfs", "random"):
        device.phone.restore("clean")
        result = crawl(device, out / policy, SETTINGS, policy=policy, max_steps=25, seed=1)
        assert result.screens_total is not None and len(result.screens_reached) < result.screens_total
        reached[policy] = set(result.screens_reached)
    assert reached["dfs"] != reached["random"]


def test_the_report_plots_unique_states_and_transitions_over_steps(device: VirtualDevice, out: Path) -> None:
    result = crawl(device, out, CONTACTS, max_steps=45)
    curve = result.discovery
    assert [s for s, _a, _b in curve] == list(range(45))
    assert all(a1 <= a2 and b1 <= b2 for (_s, a1, b1), (_t, a2, b2) in itertools.pairwise(curve))
    assert curve[-1][1:] == (result.states, result.transitions)
    assert result.activities_declared and result.activities_reached <= result.activities_declared
    svg = ET.parse(out / CONTACTS / "discovery.svg").getroot()
    assert len(svg.findall("{http://www.w3.org/2000/svg}polyline")) == 2
    report = (out / CONTACTS / "report.md").read_text()
    assert "![unique states and transitions over steps](discovery.svg)" in report
    assert f"| 45 | {result.states} | {result.transitions} |" in report
    again = crawl(device, out, CONTACTS, max_steps=50)  # a resumed crawl continues the same curve
    assert again.discovery[:45] == curve and len(again.discovery) == 50
