"""`droidpilot memory ingest CRAWL_DIR`: a crawl written without memory gives the memory a live crawl gives."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from droidpilot.cli.main import app
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory.store import MemoryStore
from tests.crawler.helpers import crawl

CONTACTS = "com.android.contacts"


def _pages(path: Path) -> tuple[set[tuple[str, str]], int]:
    with MemoryStore(path) as store:
        return {(p.title, p.structure_hash) for p in store.pages(CONTACTS, limit=1000)}, store.stats().transitions


def test_a_crawl_folder_joins_a_memory_as_a_live_crawl_would(device: VirtualDevice, tmp_path: Path) -> None:
    with MemoryStore(tmp_path / "live.sqlite") as live:
        crawl(device, tmp_path / "live", CONTACTS, memory=live, max_steps=50)
    crawl(device, tmp_path / "offline", CONTACTS, max_steps=50)
    result = CliRunner().invoke(app, ["memory", "ingest", str(tmp_path / "offline"), "--memory",
                                      str(tmp_path / "ingested.sqlite")])
    assert result.exit_code == 0, result.output
    assert f"{CONTACTS}: 50 crawl steps" in result.output
    pages, transitions = _pages(tmp_path / "ingested.sqlite")
    assert pages and (pages, transitions) == _pages(tmp_path / "live.sqlite")
