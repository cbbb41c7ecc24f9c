"""Crawls on Ray actors: one actor per device, each with its own virtual phone; results stream back as apps finish.

An actor that dies (node lost, process killed) has its app crawled again on a fresh actor; the app fails only after
`MAX_TRIES` lost actors. What the lost actor crawled of the app is rolled back first (`roll_back`): resuming from
its last step would restart the app mid-crawl on a fresh phone, which can find other states than the crawl that
was lost, so the retry starts where the lost actor started and is exactly the crawl it would have made. The
cross-app screen registry is a small actor of its own; page memory is written by the driver alone (see
crawler.executors).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from droidpilot.benchmarks.ray_executor import MAX_TRIES, ActorLost, actor_resources, close_actors, connect, import_ray
from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.executors import CrawlWorker, MemoryLog, PolicyFactory, RegistryClient
from droidpilot.crawler.models import CrawlResult
from droidpilot.emulator.virtual import tempphones
from droidpilot.memory.store import MemoryStore

ACTOR_PREFIX = "droidpilot-crawl-"
JOURNAL_FILE = "journal.jsonl"


class _RegistryActor:
    """The screen registry of one output folder, as a Ray actor (seeded from the folder's journals)."""

    def __init__(self, out: Path) -> None:
        from droidpilot.crawler.runner import seed_registry

        self.registry = seed_registry(out)

    def claim(self, phash: str, skeleton: str, package: str) -> bool:
        return self.registry.claim(phash, skeleton, package)

    def own(self, phash: str, skeleton: str, package: str) -> None:
        self.registry.own(phash, skeleton, package)


class _RayRegistry:
    """Blocking calls to the registry actor, for `RegistryClient` inside a crawl actor."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def claim(self, phash: str, skeleton: str, package: str) -> bool:
        return bool(import_ray().get(self.handle.claim.remote(phash, skeleton, package)))

    def own(self, phash: str, skeleton: str, package: str) -> None:
        import_ray().get(self.handle.own.remote(phash, skeleton, package))


class _CrawlActor:
    """A `CrawlWorker` whose phone lives under the driver's run root (gone when the run ends, even if killed)."""

    def __init__(self, index: int, make_policy: PolicyFactory, registry: _RayRegistry, phones: str) -> None:
        tempphones.place_under(Path(phones))
        self.worker = CrawlWorker(index, make_policy, RegistryClient(registry))

    def crawl(self, config: CrawlConfig) -> tuple[CrawlResult, MemoryLog]:
        return self.worker.crawl(config)

    def close(self) -> None:
        self.worker.close()


def crawl_on_ray(configs: list[CrawlConfig], workers: int, make_policy: PolicyFactory, *,
                 memory: MemoryStore | None, on_result: Callable[[CrawlResult], None] | None,
                 ray_address: str | None = None) -> list[CrawlResult]:
    connect(ray_address)
    with tempphones.run_root() as phones:
        return _crawl_actors(configs, workers, make_policy, memory, on_result, str(phones))


def _crawl_actors(configs: list[CrawlConfig], workers: int, make_policy: PolicyFactory, memory: MemoryStore | None,
                  on_result: Callable[[CrawlResult], None] | None, phones: str) -> list[CrawlResult]:
    ray = import_ray()
    registry = _RayRegistry(ray.remote(_RegistryActor).options(num_cpus=0).remote(configs[0].out))
    actor_cls, resources, prefix = ray.remote(_CrawlActor), actor_resources(), f"{ACTOR_PREFIX}{os.getpid()}-"
    waiting, actors, futures = list(configs), {}, {}
    tries: dict[str, int] = {}
    marks = {config.package: journal_mark(config) for config in configs}
    count = iter(range(1 << 30))

    def spawn() -> int:
        index = next(count)
        options = actor_cls.options(name=f"{prefix}{index}", num_cpus=1, resources=resources, max_restarts=0)
        actors[index] = options.remote(index, make_policy, registry, phones)
        return index

    def dispatch(index: int) -> None:
        if waiting:
            config = waiting.pop(0)
            futures[actors[index].crawl.remote(config)] = (index, config)

    for _ in range(workers):
        dispatch(spawn())
    results: list[CrawlResult] = []
    finished = False
    try:
        while futures:
            (ready,), _ = ray.wait(list(futures), num_returns=1)
            index, config = futures.pop(ready)
            try:
                result, recorded = ray.get(ready)
            except ray.exceptions.RayActorError as exc:
                actors.pop(index, None)
                tries[config.package] = tries.get(config.package, 0) + 1
                roll_back(config, marks[config.package])
                if tries[config.package] < MAX_TRIES:
                    waiting.insert(0, config)  # a fresh actor crawls it again, first of all
                    dispatch(spawn())
                    continue
                result, recorded = _lost(config, tries[config.package], exc), MemoryLog()
                index = spawn()
            if memory is not None:
                recorded.replay(memory)
            results.append(result)
            if on_result is not None:
                on_result(result)
            dispatch(index)
        finished = True
    finally:
        close_actors(actors.values(), finished)
        ray.kill(registry.handle)
    return results


def journal_mark(config: CrawlConfig) -> int | None:
    """How far the app's journal went before the run: its size in bytes, None when there was none."""
    path = config.app_dir / JOURNAL_FILE
    return path.stat().st_size if path.is_file() else None


def roll_back(config: CrawlConfig, mark: int | None) -> None:
    """Undo what a lost actor crawled of the app since `mark` (`journal_mark` before the run). The journal is cut
    back to it; the next crawl of the app drops the files of the steps it no longer holds, as after a kill."""
    path = config.app_dir / JOURNAL_FILE
    if mark is None:
        shutil.rmtree(config.app_dir, ignore_errors=True)  # the app's first crawl: it starts from nothing again
    elif path.is_file():
        with open(path, "r+b") as journal:
            journal.truncate(mark)


def _lost(config: CrawlConfig, tries: int, exc: Exception) -> CrawlResult:
    from droidpilot.crawler.runner import failed_result

    return failed_result(config, ActorLost(f"the actor crawling it died {tries} times (last: {type(exc).__name__})"))


