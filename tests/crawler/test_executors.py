"""Crawl executors (issue 18): worker processes crawl as threads do; the driver alone writes page memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.models import CrawlResult
from droidpilot.crawler.policies import make_policy
from droidpilot.crawler.ray_executor import journal_mark, roll_back
from droidpilot.crawler.runner import crawl_apps
from droidpilot.emulator.pool import DevicePool
from droidpilot.memory.store import MemoryStore

APPS = ["com.android.settings", "com.android.contacts"]
VARIES = {"device", "out_dir", "elapsed_s", "session_s", "discovery"}  # where and how fast, not what was found


def crawl(out: Path, executor: str, memory: MemoryStore | None = None, **kwargs: Any) -> list[CrawlResult]:
    configs = [CrawlConfig(package=p, out=out, max_steps=25) for p in APPS]
    with DevicePool.virtual(2, same_seed=True) as pool:
        return crawl_apps(configs, pool, lambda c: make_policy(c.policy), memory=memory, executor=executor,
                          **kwargs)


def found(results: list[CrawlResult]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", exclude=VARIES) for r in results]


def pages(store: MemoryStore) -> list[tuple[Any, ...]]:
    with store.transaction() as db:
        return sorted(db.execute("SELECT package, structure_hash, visits FROM pages").fetchall())


def test_processes_crawl_what_threads_crawl_and_memory_is_replayed(tmp_path: Path) -> None:
    threads_memory, processes_memory = MemoryStore(tmp_path / "t.db"), MemoryStore(tmp_path / "p.db")
    progress: list[str] = []
    threads = crawl(tmp_path / "t", "thread", threads_memory)
    processes = crawl(tmp_path / "p", "process", processes_memory, on_progress=lambda p: progress.append(p.package))
    assert [r.package for r in processes] == APPS
    assert all(not r.error and r.steps == 25 for r in processes)
    assert found(processes) == found(threads)
    assert pages(processes_memory) == pages(threads_memory) != []
    assert set(progress) == set(APPS)  # progress crosses the process boundary too
    for package in APPS:
        shots = sorted(p.name for p in (tmp_path / "p" / package).rglob("*.png"))
        assert shots and shots == sorted(p.name for p in (tmp_path / "t" / package).rglob("*.png"))


def test_a_crawl_rolled_back_to_its_mark_resumes_as_it_did_the_first_time(tmp_path: Path) -> None:
    """What a Ray retry does to an app that already had a journal: cut back to where the run started, it goes on
    exactly as the lost actor did (small shards: a full shard past the cut is dropped, not kept)."""

    def settings(steps: int) -> CrawlResult:
        config = CrawlConfig(package="com.android.settings", out=tmp_path, max_steps=steps, shard_rows=3)
        with DevicePool.virtual(1, same_seed=True) as pool:
            return crawl_apps([config], pool, lambda c: make_policy(c.policy))[0]

    def rows() -> list[tuple[str, list[int]]]:
        shards = sorted((tmp_path / "com.android.settings" / "dataset").glob("*.parquet"))
        return [(p.name, pq.read_table(p, columns=["step"]).column("step").to_pylist()) for p in shards]

    settings(4)
    mark = journal_mark(CrawlConfig(package="com.android.settings", out=tmp_path))
    first, first_rows = settings(10), rows()
    roll_back(CrawlConfig(package="com.android.settings", out=tmp_path), mark)
    again = settings(10)
    assert mark is not None and first.resumed and found([again]) == found([first])
    assert rows() == first_rows and len(first_rows) > 4
    assert roll_back(CrawlConfig(package="com.android.settings", out=tmp_path), None) is None
    assert not (tmp_path / "com.android.settings").exists()
