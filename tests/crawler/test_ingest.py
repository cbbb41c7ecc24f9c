"""`droidpilot memory ingest CRAWL_DIR`: a crawl written without memory gives the memory a live crawl gives."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from droidpilot.cli.main import app
from droidpilot.crawler.ingest import ingest_crawl_dir
from droidpilot.crawler.state import LAUNCHER
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory.signature import PageSignature, page_signature
from droidpilot.memory.store import MemoryStore
from tests.crawler.helpers import crawl, steps

CONTACTS, SETTINGS = "com.android.contacts", "com.android.settings"
LAUNCHER_PACKAGE = "com.android.launcher3"


def _pages(path: Path) -> tuple[set[tuple[str, str]], int]:
    with MemoryStore(path) as store:
        return {(p.title, p.structure_hash) for p in store.pages(CONTACTS, limit=1000)}, store.stats().transitions


def test_a_crawl_folder_joins_a_memory_as_a_live_crawl_would(device: VirtualDevice, tmp_path: Path) -> None:
    device.phone.snapshot("start")  # both crawls start on the home screen of the same phone
    with MemoryStore(tmp_path / "live.sqlite") as live:
        crawl(device, tmp_path / "live", CONTACTS, memory=live, max_steps=50)
    device.phone.restore("start")
    crawl(device, tmp_path / "offline", CONTACTS, max_steps=50)
    result = CliRunner().invoke(app, ["memory", "ingest", str(tmp_path / "offline"), "--memory",
                                      str(tmp_path / "ingested.sqlite")])
    assert result.exit_code == 0, result.output
    assert f"{CONTACTS}: 50 crawl steps" in result.output
    pages, transitions = _pages(tmp_path / "ingested.sqlite")
    assert pages and (pages, transitions) == _pages(tmp_path / "live.sqlite")


def _route_from_home(memory: MemoryStore, home: PageSignature) -> list[str]:
    launcher = memory.find_page(home.package, home.structure_hash)
    assert launcher is not None, "the home screen is not in the memory"
    wifi = [p for p in memory.pages(SETTINGS, limit=1000) if p.activity.endswith("NetworkProviderSettingsActivity")
            and p.title == "Internet"]  # the Wi-Fi list (its dialogs are pages of that activity too)
    assert wifi, "the crawl did not reach the Wi-Fi page"
    return [t.action for t in memory.shortest_path(launcher.id, wifi[0].id)]


def test_a_crawl_records_the_way_in_from_the_home_screen(device: VirtualDevice, tmp_path: Path) -> None:
    home = page_signature(device.observe())  # a fresh phone shows the home screen
    with MemoryStore(tmp_path / "live.sqlite") as live:
        crawl(device, tmp_path / "out", SETTINGS, policy="bfs", memory=live, max_steps=45)
        route = _route_from_home(live, home)
    assert route[0] == "open_app Settings" and len(route) <= 4
    with MemoryStore(tmp_path / "ingested.sqlite") as ingested:
        ingest_crawl_dir(ingested, tmp_path / "out")
        assert _route_from_home(ingested, home) == route
    utg = json.loads((tmp_path / "out" / SETTINGS / "utg.json").read_text())
    entries = [e for e in utg["app_edges"] if e["from"] == LAUNCHER]
    assert entries and entries[0]["event_str"] == "open_app Settings" and entries[0]["to"] == utg["nodes"][0]["id"]
    first = steps(tmp_path / "out" / SETTINGS)[0]
    assert (first["start_state"], first["event"]["id"]) == (LAUNCHER, "open_app Settings")
    moves = pq.read_table(tmp_path / "out" / SETTINGS / "dataset" / "transitions-00000.parquet").to_pylist()
    entry = moves[0]
    assert (entry["from_state"], entry["action"]["semantic"], entry["to_state"]) == (
        LAUNCHER, "open_app Settings", first["target"]) and not entry["effective"]


def test_an_intent_into_another_app_is_an_edge_out_of_the_app(device: VirtualDevice, tmp_path: Path) -> None:
    with MemoryStore(tmp_path / "live.sqlite") as live:
        crawl(device, tmp_path / "out", CONTACTS, memory=live, max_steps=40)
        out_of_app = [(t, live.page(t.to_page)) for t in live.transitions()
                      if (p := live.page(t.to_page)) is not None and p.package not in (CONTACTS, LAUNCHER_PACKAGE)]
    assert out_of_app, "tapping a number opens Messages: that way out was not recorded"
    utg = json.loads((tmp_path / "out" / CONTACTS / "utg.json").read_text())
    assert any(e["to"].startswith("com.android.messaging/") for e in utg["app_edges"])
