"""Parallel writers on one memory file: threads sharing a store, and processes each opening the file (a new
one, so they also race on creating and migrating it). No error, no lost count."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from pathlib import Path

from droidpilot.memory import MemoryStore
from droidpilot.memory.signature import PageSignature

PAGES = 8
ROUNDS = 15


def _page(i: int) -> PageSignature:
    return PageSignature(package="com.example.shop", activity="Main", structure_hash=f"s{i}", content_hash=f"c{i}",
                         title=f"Page {i}", summary=f"Shop page number {i}")


def _work(store: MemoryStore, worker: int) -> None:
    """Every worker visits the same pages, so upserts and counter bumps collide."""
    for _round in range(ROUNDS):
        ids = [store.record_page(_page(i)) for i in range(PAGES)]
        for a, b in itertools.pairwise(ids):
            store.record_transition(a, "tap", b)
        store.use_tip(store.add_tip("com.example.shop", "shared tip"))
        with store.transaction():  # a batch, as ingestion does
            store.record_page(_page(100 + worker))
            store.add_trajectory(f"goal {worker}", True, 1, run_id=f"run-{worker}-{_round}")


def _process_main(path: str, worker: int) -> None:
    with MemoryStore(path) as store:
        _work(store, worker)


def _check(store: MemoryStore, workers: int) -> None:
    pages = {p.title: p.visits for p in store.pages(limit=1000)}
    assert all(pages[f"Page {i}"] == workers * ROUNDS for i in range(PAGES))
    assert all(pages[f"Page {100 + w}"] == ROUNDS for w in range(workers))
    assert all(t.count == workers * ROUNDS for t in store.transitions())
    assert len(store.transitions()) == PAGES - 1
    (tip,) = store.tips()
    assert tip.uses == workers * ROUNDS
    assert store.stats().trajectories == workers * ROUNDS


def test_threads_sharing_one_store(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def run(worker: int) -> None:
        try:
            _work(store, worker)
        except BaseException as exc:  # collected: an exception in a thread would not fail the test
            errors.append(exc)

    with MemoryStore(tmp_path / "m.sqlite") as store:
        threads = [threading.Thread(target=run, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert errors == []
        _check(store, 4)


def test_processes_writing_one_new_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    context = multiprocessing.get_context("spawn")  # no inherited connections or locks
    procs = [context.Process(target=_process_main, args=(str(path), w)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with MemoryStore(path) as store:
        _check(store, 3)


def test_a_store_used_after_fork_opens_its_own_connection(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "m.sqlite")
    store.record_page(_page(1))
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_work, args=(store, 7))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0
    assert next(p for p in store.pages() if p.title == "Page 1").visits == 1 + ROUNDS
    store.close()
