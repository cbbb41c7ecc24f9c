"""Crawler throughput on the virtual phone: states and steps per minute per device, the dedup ratio (captures per
distinct state) and screen coverage per app; then the same apps crawled in parallel over a DevicePool.

    python scripts/perf_crawl.py [--apps com.android.settings,com.android.contacts] [--max-steps 400]
                                 [--policy dfs] [--devices 2]

Each run writes everything a real crawl writes (states/, events/, utg.json, Parquet shards, page memory in a
temporary file), so the figures include the disk and SQLite work, not just the exploration.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.models import CrawlResult
from droidpilot.crawler.policies import make_policy
from droidpilot.crawler.runner import crawl_app, crawl_apps
from droidpilot.emulator.pool import DevicePool
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory.store import MemoryStore

DEFAULT_APPS = "com.android.settings,com.android.contacts"


def row(result: CrawlResult, seconds: float) -> str:
    minutes = seconds / 60 if seconds else 1.0
    coverage = (f"{len(result.screens_reached)}/{result.screens_total} ({100 * (result.coverage or 0):.0f}%)"
                if result.screens_total else "n/a")
    return (f"{result.package:<26} {result.steps:>5} {result.states:>6} {result.records:>7} "
            f"{result.steps / minutes:>9.0f} {result.states / minutes:>10.1f} {result.dedup_ratio:>7.1f}  "
            f"{coverage:<12} {result.stop_reason}")


HEADER = (f"{'app':<26} {'steps':>5} {'states':>6} {'records':>7} {'steps/min':>9} {'states/min':>10} "
          f"{'dedup':>7}  {'coverage':<12} stopped")


def sequential(apps: list[str], args: argparse.Namespace, root: Path) -> None:
    print(f"one device, policy {args.policy}, max {args.max_steps} steps per app")
    print(HEADER)
    with MemoryStore(root / "memory.sqlite") as memory:
        for package in apps:
            config = CrawlConfig(package=package, out=root / "seq", policy=args.policy, max_steps=args.max_steps)
            device = VirtualDevice(VirtualPhone(seed=args.seed))
            start = time.perf_counter()
            result = crawl_app(device, config, make_policy(args.policy), memory=memory)
            print(row(result, time.perf_counter() - start))
            device.close()


def parallel(apps: list[str], args: argparse.Namespace, root: Path) -> None:
    configs = [CrawlConfig(package=p, out=root / "par", policy=args.policy, max_steps=args.max_steps) for p in apps]
    print(f"\n{args.devices} devices in parallel ({len(apps)} apps)")
    print(HEADER)
    with DevicePool.virtual(args.devices, seed=args.seed) as pool, MemoryStore(root / "memory2.sqlite") as memory:
        start = time.perf_counter()
        results = crawl_apps(configs, pool, lambda c: make_policy(c.policy), memory=memory)
        wall = time.perf_counter() - start
    for result in results:
        print(row(result, result.session_s))
    steps = sum(r.steps for r in results)
    print(f"total: {steps} steps in {wall:.1f} s wall = {60 * steps / wall:.0f} steps/min over {args.devices} "
          f"devices ({60 * steps / wall / args.devices:.0f} per device; 2 shared cores, so threads share the CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", default=DEFAULT_APPS)
    parser.add_argument("--max-steps", type=int, default=400)
    parser.add_argument("--policy", default="dfs")
    parser.add_argument("--devices", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    apps = [a.strip() for a in args.apps.split(",") if a.strip()]
    with tempfile.TemporaryDirectory(prefix="perf-crawl-") as tmp:
        sequential(apps, args, Path(tmp))
        if args.devices > 1:
            parallel(apps, args, Path(tmp))


if __name__ == "__main__":
    main()
