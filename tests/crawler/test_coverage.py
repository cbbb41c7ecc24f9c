"""Coverage: declared activities read through the Device, the discovery curve and the run's report."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

from droidpilot.crawler.coverage import catalogue_for, declared_activities
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.crawler.helpers import crawl

CONTACTS = "com.android.contacts"


def test_declared_activities_come_from_dumpsys_package(device: VirtualDevice) -> None:
    declared = declared_activities(device, CONTACTS)
    assert "com.android.contacts.activities.PeopleActivity" in declared
    assert "com.android.contacts.activities.QuickContactActivity" in declared
    assert declared_activities(device, "com.example.absent") == set()
    assert all(a.startswith("com.android.settings") for a in declared_activities(device, "com.android.settings"))


def test_the_catalogue_is_the_apps_code_not_a_hand_list() -> None:
    from droidpilot.emulator.virtual.apps import registry

    for app in registry.all_apps():
        catalogue = catalogue_for(app.PACKAGE)
        assert catalogue is not None and catalogue.activities == {a.NAME for a in app.ACTIVITIES}
    assert catalogue_for("com.example.absent") is None


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
