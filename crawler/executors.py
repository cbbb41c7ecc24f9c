"""Crawls on worker processes or Ray actors, so that a crawl uses every core (the virtual phone is pure Python:
threads share one core).

Each worker owns one virtual phone for its life (booted with the seed every crawl phone has, so which worker
crawls an app does not change its result) and crawls one app at a time into OUT/<package>/, a folder no other
worker touches. The shared parts stay with the driver: page memory is written by the driver alone (a worker
records its page visits and transitions and the driver replays them into the store when the app is done), and the
cross-app screen registry lives in the driver (processes reach it through a manager, Ray actors through a small
registry actor), so the first app to write a screen owns it, as with threads.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.managers import BaseManager
from pathlib import Path
from typing import Any, cast

from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.models import CrawlProgress, CrawlResult, PhashRegistry
from droidpilot.crawler.policies import Policy
from droidpilot.emulator import node_devices
from droidpilot.memory.signature import PageSignature
from droidpilot.memory.store import MemoryStore

log = logging.getLogger(__name__)
PolicyFactory = Callable[[CrawlConfig], Policy]
PHONE_SEED = 0
_POLL_SECONDS = 0.3


@dataclass
class MemoryLog:
    """Stands in for the page memory inside a worker: page ids are local; the driver replays the log."""

    ops: list[tuple[Any, ...]] = field(default_factory=list)

    def record_page(self, sig: PageSignature, seen: float | None = None) -> int:
        self.ops.append(("page", sig, seen))
        return len(self.ops) - 1

    def record_transition(self, from_id: int, action: str, to_id: int, seen: float | None = None) -> int:
        self.ops.append(("transition", from_id, action, to_id, seen))
        return len(self.ops) - 1

    def replay(self, store: MemoryStore) -> None:
        """Write the recorded visits and transitions into the real store (the driver's job)."""
        real: dict[int, int] = {}
        for local, op in enumerate(self.ops):
            if op[0] == "page":
                real[local] = store.record_page(op[1], op[2])
            else:
                store.record_transition(real[op[1]], op[2], real[op[3]], op[4])


class RegistryClient(PhashRegistry):
    """The driver's screen registry seen from a worker: every claim is decided by the one in the driver."""

    def __init__(self, remote: Any) -> None:
        super().__init__()
        self._remote = remote

    def claim(self, phash: str, skeleton: str, package: str) -> bool:
        return bool(self._remote.claim(phash, skeleton, package))

    def own(self, phash: str, skeleton: str, package: str) -> None:
        self._remote.own(phash, skeleton, package)


class CrawlWorker:
    """One virtual phone for the worker's life; crawls the apps it is given, one at a time."""

    def __init__(self, index: int, make_policy: PolicyFactory, registry: PhashRegistry,
                 stop: threading.Event | None = None) -> None:
        from droidpilot.crawler.runner import CleanStart
        from droidpilot.emulator.uri import open_device
        from droidpilot.emulator.virtual.adb.server import serial_for
        from droidpilot.emulator.virtual.device import VirtualDevice
        from droidpilot.emulator.virtual.phone import VirtualPhone

        # a device this node declares (DROIDPILOT_NODE_DEVICES), held for the worker's life, else a virtual phone
        self.lease = node_devices.lease() if node_devices.declared() else None
        self.device = open_device(self.lease.uri) if self.lease is not None else \
            VirtualDevice(VirtualPhone(seed=PHONE_SEED, serial=serial_for(index)))
        self.make_policy, self.registry, self.stop = make_policy, registry, stop
        self.clean = CleanStart()

    def crawl(self, config: CrawlConfig, on_progress: Callable[[CrawlProgress], None] | None = None,
              ) -> tuple[CrawlResult, MemoryLog]:
        from droidpilot.crawler.runner import crawl_app, failed_result

        memory = MemoryLog()
        try:
            if config.reset:
                self.clean.prepare(self.device, config.package)
            result = crawl_app(self.device, config, self.make_policy(config), memory=cast(MemoryStore, memory),
                               phashes=self.registry, on_progress=on_progress, stop=self.stop)
        except Exception as exc:  # one app's failure is its result; the worker goes on with the next app
            log.debug("crawl of %s failed", config.package, exc_info=True)
            result = failed_result(config, exc, self.device.serial)
        return result, memory

    def close(self) -> None:
        """Close the phone (a temporary one's folder goes) and give a leased device back."""
        node_devices.close_worker_device(self.device, self.lease)
        self.lease = None


# -- processes -----------------------------------------------------------------------------------------------------
class _RegistryManager(BaseManager):
    pass


def _seeded_registry(out: Path) -> PhashRegistry:
    from droidpilot.crawler.runner import seed_registry

    return seed_registry(out)


_RegistryManager.register("registry", _seeded_registry)


def _process_main(index: int, make_policy: PolicyFactory, registry: Any, jobs: Any, out: Any, stop: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the driver, which sets `stop` for everyone
    worker = CrawlWorker(index, make_policy, RegistryClient(registry), cast(threading.Event, stop))
    try:
        while not stop.is_set() and (config := jobs.get()) is not None:
            result, memory = worker.crawl(config, on_progress=lambda p: out.put(("progress", p)))
            out.put(("result", (result, memory)))
    finally:
        worker.close()  # else the phone's folder outlives the process


def crawl_in_processes(configs: list[CrawlConfig], workers: int, make_policy: PolicyFactory, *,
                       memory: MemoryStore | None,
                       on_progress: Callable[[CrawlProgress], None] | None,
                       on_result: Callable[[CrawlResult], None] | None, stop: threading.Event) -> list[CrawlResult]:
    ctx: Any = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with _RegistryManager(ctx=ctx) as manager:
        shared = manager.registry(configs[0].out)  # type: ignore[attr-defined]  # seeded from OUT's journals
        jobs, out, remote_stop = ctx.Queue(), ctx.Queue(), ctx.Event()
        for config in configs:
            jobs.put(config)
        for _ in range(workers):
            jobs.put(None)
        procs = [ctx.Process(target=_process_main, args=(i, make_policy, shared, jobs, out, remote_stop),
                             daemon=True, name=f"crawl-{i}") for i in range(workers)]
        for proc in procs:
            proc.start()
        try:
            return _collect(len(configs), out, procs, memory, on_progress, on_result, stop, remote_stop)
        finally:
            for proc in procs:
                proc.join(timeout=30)
                if proc.is_alive():
                    proc.terminate()


def _collect(total: int, out: Any, procs: list[Any], memory: MemoryStore | None,
             on_progress: Callable[[CrawlProgress], None] | None, on_result: Callable[[CrawlResult], None] | None,
             stop: threading.Event, remote_stop: Any) -> list[CrawlResult]:
    results: list[CrawlResult] = []
    while len(results) < total:
        try:
            if stop.is_set():
                remote_stop.set()
            kind, payload = out.get(timeout=_POLL_SECONDS)
        except KeyboardInterrupt:
            stop.set()  # every worker stops after its current step; their results still come back
            continue
        except queue.Empty:
            if not any(proc.is_alive() for proc in procs):
                break
            continue
        if kind == "progress":
            if on_progress is not None:
                on_progress(payload)
            continue
        result, recorded = payload
        if memory is not None:
            recorded.replay(memory)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def crawl_elsewhere(executor: str, configs: list[CrawlConfig], workers: int, make_policy: PolicyFactory, *,
                    memory: MemoryStore | None, on_progress: Callable[[CrawlProgress], None] | None,
                    on_result: Callable[[CrawlResult], None] | None, stop: threading.Event,
                    ray_address: str | None = None) -> list[CrawlResult]:
    """Crawl `configs` on `workers` processes or Ray actors, each with its own virtual phone."""
    if executor == "process":
        return crawl_in_processes(configs, workers, make_policy, memory=memory, on_progress=on_progress,
                                  on_result=on_result, stop=stop)
    from droidpilot.crawler.ray_executor import crawl_on_ray

    return crawl_on_ray(configs, workers, make_policy, memory=memory, on_result=on_result, ray_address=ray_address)
