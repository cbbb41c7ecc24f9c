"""Ingestion of live steps and of finished agent runs (written with the agent's own trajectory writer)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.memory import IngestError, MemoryStore, StepRecorder, ingest_observations, ingest_run_dir
from tests.memory.runs import write_run
from tests.memory.walk import Walker, walk_settings

WALK_ACTIONS = ["press back", 'tap text="Network & internet"', 'tap text="Internet"']


@pytest.fixture
def walk(phone: VirtualPhone) -> list:
    return walk_settings(phone)


def test_live_steps_count_each_arrival_once(walk: list, store: MemoryStore) -> None:
    report = ingest_observations(store, walk)
    assert (report.steps, report.visits, report.new_pages, report.transitions) == (5, 6, 5, 5)
    assert {p.title: p.visits for p in store.pages()} == {
        "Launcher": 1, "Settings": 2, "Display": 1, "Network & internet": 1, "Internet": 1}


def test_one_step_at_a_time_counts_the_same(walk: list, store: MemoryStore) -> None:
    recorder = StepRecorder(store)
    reports = [recorder.record(*step) for step in walk]
    assert [r.visits for r in reports] == [2, 1, 1, 1, 1]
    assert {p.title: p.visits for p in store.pages()}["Settings"] == 2
    assert sum(r.transitions for r in reports) == 5


def test_actions_that_change_nothing_are_not_transitions(phone: VirtualPhone, store: MemoryStore) -> None:
    walker = Walker(phone)
    walker.tap("Settings")
    before = walker.device.observe()
    title = next(e for e in before.elements if e.resource_id.endswith("homepage_title"))
    walker.device.tap(*title.bounds.center)  # not clickable: nothing happens
    report = ingest_observations(store, [*walker.steps, (before, ("tap", title), walker.device.observe())])
    assert (report.transitions, report.new_pages) == (1, 2)


def test_steps_with_semantic_strings(walk: list, store: MemoryStore) -> None:
    before, _action, after = walk[1]
    report = ingest_observations(store, [(before, 'tap text="Display"', after)])
    assert report.transitions == 1 and store.transitions()[0].action == 'tap text="Display"'


def test_a_run_is_ingested_once(walk: list, store: MemoryStore, tmp_path: Path) -> None:
    run = write_run(tmp_path / "20261015-090000-abcdef", walk, dumps=True)
    first = ingest_run_dir(store, run)
    assert (first.run_id, first.skipped, first.steps, first.new_pages, first.transitions) == (
        "20261015-090000-abcdef", False, 6, 5, 5)
    stats = store.stats()
    again = ingest_run_dir(store, run)
    assert again.skipped and again.run_id == first.run_id
    assert store.stats() == stats  # no visits, transitions or trajectories counted twice
    (trajectory,) = store.trajectories()
    assert (trajectory.goal, trajectory.success, trajectory.steps, trajectory.run_id) == (
        "open the Wi-Fi settings", True, 6, first.run_id)


def test_parallel_ingestion_of_one_run_counts_it_once(walk: list, tmp_path: Path) -> None:
    run = write_run(tmp_path / "run-1", walk, dumps=True)
    path = tmp_path / "m.sqlite"
    reports = []

    def ingest() -> None:
        with MemoryStore(path) as store:
            reports.append(ingest_run_dir(store, run))

    threads = [threading.Thread(target=ingest) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r.skipped for r in reports) == [False, True, True]
    with MemoryStore(path) as store:
        assert store.stats().trajectories == 1
        assert sum(p.visits for p in store.pages()) == 6


def test_run_with_window_dumps_gives_the_same_pages_as_live_steps(walk: list, store: MemoryStore,
                                                                   tmp_path: Path) -> None:
    ingest_observations(store, walk)
    report = ingest_run_dir(store, write_run(tmp_path / "run-dumps", walk, dumps=True))
    assert report.new_pages == 0 and report.note == ""
    assert [t.action for t in store.shortest_path("Display", "Internet")] == WALK_ACTIONS
    assert next(p for p in store.pages() if p.title == "Settings").visits == 4


def test_run_with_page_signatures_on_its_lines(walk: list, store: MemoryStore, tmp_path: Path) -> None:
    report = ingest_run_dir(store, write_run(tmp_path / "run-sigs", walk, signatures=True))
    assert (report.new_pages, report.transitions, report.note) == (5, 5, "")
    assert [t.action for t in store.shortest_path("Display", "Internet")] == WALK_ACTIONS


def test_run_without_dumps_falls_back_to_activities(walk: list, store: MemoryStore, tmp_path: Path) -> None:
    report = ingest_run_dir(store, write_run(tmp_path / "run-plain", walk))
    assert report.new_pages == 5 and "activity only" in report.note
    assert sorted(p.title for p in store.pages()) == [
        "Display Settings", "Launcher", "Network Dashboard", "Network Provider Settings", "Settings"]
    path = store.shortest_path("Display Settings", "Network Provider Settings")
    assert [t.action for t in path] == WALK_ACTIONS  # row labels come from how the agent showed the rows


def test_torn_and_repeated_lines(walk: list, store: MemoryStore, tmp_path: Path) -> None:
    run = write_run(tmp_path / "run-torn", walk, dumps=True)
    lines = (run / "trajectory.jsonl").read_text().splitlines()
    (run / "trajectory.jsonl").write_text("\n".join([*lines, lines[-1], '{"step": 6, "bef']) + "\n")
    report = ingest_run_dir(store, run)
    assert (report.steps, report.transitions) == (6, 5)


def test_directories_that_are_not_runs(store: MemoryStore, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="is not a directory"):
        ingest_run_dir(store, tmp_path / "missing")
    with pytest.raises(IngestError, match=r"no result\.json"):
        ingest_run_dir(store, tmp_path)
    (tmp_path / "result.json").write_text("[1, 2")
    with pytest.raises(IngestError, match="cannot read"):
        ingest_run_dir(store, tmp_path)
    assert store.stats().pages == 0
