"""`droidpilot memory ingest CRAWL_DIR`: a crawl's pages and transitions join a page memory, so crawls made on other
machines (or with --no-memory) feed the agent. Read from each app's journal and its states/ window dumps, the same
way the explorer records them live: a visit on arrival at a page, a transition when a step changed the page, and
the ways across the app's border (home screen -> `open_app` -> page; page -> another app's page)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from droidpilot.crawler.journal import Journal, StepLine
from droidpilot.crawler.state import OUTSIDE, tag_str
from droidpilot.emulator.device import Observation
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.errors import DataError
from droidpilot.memory.signature import page_signature
from droidpilot.memory.store import MemoryStore


class CrawlIngestError(DataError):
    """The folder is not a crawl output (no journal.jsonl in it or in its app folders)."""

    hint = "pass a folder written by 'droidpilot crawl' (OUT or OUT/<package>)"


class CrawlIngestReport(BaseModel):
    package: str
    steps: int = 0
    visits: int = 0
    transitions: int = 0


def is_crawl_dir(folder: Path) -> bool:
    return (folder / "journal.jsonl").is_file() or any(folder.glob("*/journal.jsonl"))


def ingest_crawl_dir(store: MemoryStore, folder: Path) -> list[CrawlIngestReport]:
    """Every app of a crawl output folder (or one app's folder) into `store`."""
    single = (folder / "journal.jsonl").is_file()
    apps = [folder] if single else sorted(p.parent for p in folder.glob("*/journal.jsonl"))
    if not apps:
        raise CrawlIngestError(f"'{folder}' holds no crawl journal (journal.jsonl)")
    return [_ingest_app(store, app_dir) for app_dir in apps]


def _observation(app_dir: Path, tag: int) -> Observation | None:
    name = tag_str(tag)
    try:
        xml = (app_dir / "states" / f"window_dump_{name}.xml").read_text(encoding="utf-8")
        state = json.loads((app_dir / "states" / f"state_{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    package, _, short = str(state.get("foreground_activity", "")).partition("/")
    activity = package + short if short.startswith(".") else short
    return Observation(screenshot=None, elements=parse_hierarchy(xml), xml=xml, package=package, activity=activity)


def _ingest_app(store: MemoryStore, app_dir: Path) -> CrawlIngestReport:
    steps = [line for line in Journal(app_dir / "journal.jsonl").load() if isinstance(line, StepLine)]
    report = CrawlIngestReport(package=app_dir.name, steps=len(steps))
    page: int | None = None
    with store.transaction():
        for line in steps:
            obs = _observation(app_dir, line.to_tag) if line.target != OUTSIDE and line.to_tag >= 0 else None
            if line.left_to is not None and page is not None:  # an intent into another app
                store.record_transition(page, line.event.id, store.record_page(line.left_to))
                report.transitions += 1
            if obs is None:
                page = None
                continue
            previous = page
            here = page if previous is not None and line.source == line.target else None
            if here is None:  # arrived at a page
                here = store.record_page(page_signature(obs))
                report.visits += 1
            page = here
            if line.entry_from is not None:  # opened from the home screen
                store.record_transition(store.record_page(line.entry_from), line.event.id, here)
                report.transitions += 1
            if previous is not None and line.source is not None and line.source != line.target:
                store.record_transition(previous, line.event.id, here)
                report.transitions += 1
    return report
