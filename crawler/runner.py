"""Crawl several apps over a `DevicePool`: one worker thread per device, each leasing a device, crawling one app
to the end, giving the device back and taking the next app from a shared queue (MobileViews' scheduler, in
process). Every app has its own folder, journal and policy; page memory and the cross-app screen registry are
shared.
"""

from __future__ import annotations

import json
import logging
import queue
import shlex
import threading
from collections.abc import Callable
from pathlib import Path

from droidpilot.crawler.card import write_root_card
from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.explorer import Explorer
from droidpilot.crawler.models import CrawlProgress, CrawlResult, DiskProblem, PhashRegistry
from droidpilot.crawler.policies import Policy
from droidpilot.emulator.device import Device
from droidpilot.emulator.pool import DevicePool
from droidpilot.emulator.snapshots import SnapshotsUnsupported, restore_snapshot, save_snapshot
from droidpilot.memory.store import MemoryStore

log = logging.getLogger(__name__)
PolicyFactory = Callable[[CrawlConfig], Policy]
CLEAN_SNAPSHOT = "droidpilot-crawl-clean"


def seed_registry(out: Path) -> PhashRegistry:
    """The screens already in the datasets under `out`, read from the apps' journals."""
    registry = PhashRegistry()
    for journal in sorted(out.glob("*/journal.jsonl")):
        for raw in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            record = line.get("record") if isinstance(line, dict) else None
            if isinstance(record, dict) and record.get("dataset") and record.get("phash"):
                registry.own(str(record["phash"]), str(record.get("skeleton", "")),
                             str(record.get("package", journal.parent.name)))
    return registry


def crawl_app(device: Device, config: CrawlConfig, policy: Policy, *, memory: MemoryStore | None = None,
              phashes: PhashRegistry | None = None, on_progress: Callable[[CrawlProgress], None] | None = None,
              stop: threading.Event | None = None) -> CrawlResult:
    """Crawl one app on one device, resuming from OUT/<package>/journal.jsonl when it exists."""
    explorer = Explorer(device, config, policy, memory=memory, phashes=phashes, on_progress=on_progress,
                        device_name=device.serial, stop=stop)
    return explorer.run()


def failed_result(config: CrawlConfig, error: Exception, device: str = "") -> CrawlResult:
    disk = DiskProblem.of(error)  # a full or read-only disk stops the crawl, as it would inside the app's crawl
    return CrawlResult(package=config.package, device=device, out_dir=config.app_dir, policy=config.policy, steps=0,
                       stop_reason="disk" if disk else "error", error=f"{type(error).__name__}: {error}", disk=disk)


def crawl_apps(configs: list[CrawlConfig], pool: DevicePool, make_policy: PolicyFactory, *,
               memory: MemoryStore | None = None, on_progress: Callable[[CrawlProgress], None] | None = None,
               on_result: Callable[[CrawlResult], None] | None = None, stop: threading.Event | None = None,
               executor: str = "thread", ray_address: str | None = None) -> list[CrawlResult]:
    """Crawl every config's app, `pool.size` at a time. A failing app is reported and does not stop the others;
    Ctrl-C or setting `stop` ends every crawl after its current step (stop reason "interrupted"; resumable).
    `executor` "process" or "ray" crawls on worker processes or Ray actors with virtual phones of their own (the
    pool then only sets how many; crawler.executors)."""
    if not configs:
        return []
    stop = stop or threading.Event()
    if executor != "thread":
        from droidpilot.crawler.executors import crawl_elsewhere

        try:
            crawled = crawl_elsewhere(executor, configs, min(pool.size, len(configs)), make_policy, memory=memory,
                                      on_progress=on_progress, on_result=on_result, stop=stop,
                                      ray_address=ray_address)
        finally:
            _root_card(configs[0])
        order = {c.package: i for i, c in enumerate(configs)}
        return sorted(crawled, key=lambda r: order.get(r.package, 0))
    phashes = seed_registry(configs[0].out)
    todo: queue.Queue[CrawlConfig] = queue.Queue()
    for config in configs:
        todo.put(config)
    results: list[CrawlResult] = []
    lock = threading.Lock()
    clean = CleanStart()

    def worker(done: threading.Event) -> None:
        try:
            while not stop.is_set():
                try:
                    config = todo.get_nowait()
                except queue.Empty:
                    return
                result = _run_one(pool, config, make_policy, memory, phashes, on_progress, stop, clean)
                with lock:
                    results.append(result)
                if on_result is not None:
                    on_result(result)
        finally:
            done.set()

    finished = [threading.Event() for _ in range(min(pool.size, len(configs)))]
    for i, done in enumerate(finished):
        threading.Thread(target=worker, args=(done,), name=f"crawl-{i}", daemon=True).start()
    try:
        _wait(finished, stop)
    finally:
        _root_card(configs[0])
    order = {c.package: i for i, c in enumerate(configs)}
    return sorted(results, key=lambda r: order.get(r.package, 0))


def _wait(finished: list[threading.Event], stop: threading.Event) -> None:
    """Wait for the workers; on Ctrl-C (or SIGTERM turned into it) ask each to stop after its current step and
    wait for that, so every crawl ends with its journal, shards and utg.json written. (Events, not
    `Thread.join`: a join interrupted by KeyboardInterrupt can leave a live thread looking finished.)"""
    try:
        for done in finished:
            while not done.wait(0.2):
                pass
    except KeyboardInterrupt:
        stop.set()
        for done in finished:
            done.wait()


class CleanStart:
    """Every app starts from the state its device had when the crawl leased it first: a snapshot saved then and
    restored before each later app (virtual phones), or the app's data cleared (devices without snapshots), so
    one app's crawl never shapes the next one's (Gallery after Camera) and results do not depend on order."""

    def __init__(self) -> None:
        self._saved: set[str] = set()
        self._lock = threading.Lock()

    def prepare(self, device: Device, package: str) -> str:
        """Reset the device for `package`; returns how: `snapshot` or `cleared`."""
        with self._lock:
            first = device.serial not in self._saved
            self._saved.add(device.serial)
        try:
            (save_snapshot if first else restore_snapshot)(device, CLEAN_SNAPSHOT)
            return "snapshot"
        except SnapshotsUnsupported:
            device.shell(f"pm clear {shlex.quote(package)}")
            return "cleared"


def _run_one(pool: DevicePool, config: CrawlConfig, make_policy: PolicyFactory, memory: MemoryStore | None,
             phashes: PhashRegistry, on_progress: Callable[[CrawlProgress], None] | None,
             stop: threading.Event, clean: CleanStart) -> CrawlResult:
    try:
        with pool.leased() as device:
            if config.reset:
                clean.prepare(device, config.package)
            return crawl_app(device, config, make_policy(config), memory=memory, phashes=phashes,
                             on_progress=on_progress, stop=stop)
    except Exception as exc:  # one app's failure is reported in its result; the other apps go on
        log.debug("crawl of %s failed", config.package, exc_info=True)
        return failed_result(config, exc)


def _root_card(config: CrawlConfig) -> None:
    try:
        write_root_card(config.out, config.license, config.redact)
    except OSError as exc:
        log.warning("could not write %s/README.md: %s", config.out, exc)
