"""Crawler figures on the virtual phone (issue 14):

1. per policy and app (Settings, Contacts, Calendar): steps/min, unique states and transitions, unique states found
   in each block of 100 steps, activity coverage; each run's discovery curve is drawn to REPORT/<policy>/<app>/;
2. steps/min per device when N devices crawl the apps in parallel;
3. dedup on a labelled set (every record of those crawls, labelled by its state): false merges and misses of the
   near-duplicate rule (dHash within NEAR bits and the same skeleton) next to the old exact-dHash rule.

    python scripts/perf_crawl.py [--apps A,B,C] [--policies dfs,bfs,random,replay] [--max-steps 400]
                                 [--devices 2] [--report DIR]

Each run writes everything a real crawl writes (states/, events/, utg.js, both Parquet tables, report.md).
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from pathlib import Path

from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.models import NEAR, CrawlResult
from droidpilot.crawler.policies import make_policy
from droidpilot.crawler.report import per_hundred
from droidpilot.crawler.runner import crawl_apps
from droidpilot.emulator.pool import DevicePool

DEFAULT_APPS = "com.android.settings,com.android.contacts,com.android.calendar"
HEADER = (f"{'policy':<7} {'app':<22} {'steps':>5} {'states':>6} {'trans':>5} {'steps/min':>9} {'activities':>10}  "
          "new states per 100 steps")


def row(result: CrawlResult) -> str:
    acts = f"{result.activities_reached}/{result.activities_declared}" if result.activities_declared else "-"
    blocks = ", ".join(map(str, per_hundred(result.discovery)))
    return (f"{result.policy:<7} {result.package:<22} {result.steps:>5} {result.states:>6} {result.transitions:>5} "
            f"{result.steps_per_min:>9.0f} {acts:>10}  {blocks}")


def by_policy(apps: list[str], policies: list[str], args: argparse.Namespace, report: Path) -> list[Path]:
    print(f"one device, max {args.max_steps} steps per app; discovery curves in {report}/<policy>/<app>/")
    print(HEADER)
    dirs = []
    for policy in policies:
        configs = [CrawlConfig(package=p, out=report / policy, policy=policy, max_steps=args.max_steps,  # type: ignore[arg-type]
                               seed=args.seed) for p in apps]
        with DevicePool.virtual(1, same_seed=True) as pool:
            for result in crawl_apps(configs, pool, lambda c: make_policy(c.policy)):
                print(row(result) + (f"  ERROR {result.error}" if result.error else ""))
                dirs.append(result.out_dir)
    return dirs


def parallel(apps: list[str], args: argparse.Namespace, root: Path) -> None:
    configs = [CrawlConfig(package=p, out=root / "par", max_steps=args.max_steps) for p in apps]
    with DevicePool.virtual(args.devices, same_seed=True) as pool:
        start = time.perf_counter()
        results = crawl_apps(configs, pool, lambda c: make_policy(c.policy))
        wall = time.perf_counter() - start
    steps = sum(r.steps for r in results)
    print(f"\n{args.devices} devices in parallel, {len(apps)} apps (dfs): {steps} steps in {wall:.1f} s wall = "
          f"{60 * steps / wall / args.devices:.0f} steps/min per device "
          f"(per app: {', '.join(f'{r.package} {r.steps_per_min:.0f}' for r in results)})")


def _records(app_dirs: list[Path]) -> list[dict[str, str]]:
    """Every record of the runs, one per (app, state, content): phash, skeleton and its state as the label."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for app_dir in app_dirs:
        for raw in (app_dir / "journal.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(raw).get("record")
            if record and record.get("skeleton"):
                seen.setdefault((record["package"], record["content_hash"]), record)
    return list(seen.values())


def dedup(app_dirs: list[Path]) -> None:
    """Pairs of distinct states a rule merges (false merges), and pairs of captures of one screen it keeps apart
    (misses: the same state and content met in two crawls, e.g. by two policies)."""
    records = _records(app_dirs)
    by_policy = [r for d in app_dirs for r in _records([d])]
    false_new = false_old = same_app = 0
    for a, b in itertools.combinations(records, 2):
        if a["structure_hash"] == b["structure_hash"]:
            continue
        near = a["skeleton"] == b["skeleton"] and (int(a["phash"], 16) ^ int(b["phash"], 16)).bit_count() <= NEAR
        if a["package"] == b["package"]:  # the registry judges screens of different apps only
            same_app += near
            continue
        false_old += a["phash"] == b["phash"]
        false_new += near
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in by_policy:
        groups.setdefault((r["package"], r["content_hash"]), []).append(r)
    pairs = [(a, b) for g in groups.values() for a, b in itertools.combinations(g, 2)]
    miss_new = sum(1 for a, b in pairs if a["skeleton"] != b["skeleton"]
                   or (int(a["phash"], 16) ^ int(b["phash"], 16)).bit_count() > NEAR)
    miss_old = sum(1 for a, b in pairs if a["phash"] != b["phash"])
    print(f"\ndedup on {len(records)} labelled screens ({len(records) * (len(records) - 1) // 2} pairs; "
          f"{len(pairs)} pairs of repeated captures):")
    print(f"  near-duplicate rule (dHash <= {NEAR} bits + same skeleton): {false_new} false merges, {miss_new} misses")
    print(f"  old exact-dHash rule:                                      {false_old} false merges, {miss_old} misses")
    print(f"  ({same_app} pairs of distinct states of one app look alike to the rule; dedup never applies within an "
          "app, where states are told apart by their structure)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", default=DEFAULT_APPS)
    parser.add_argument("--policies", default="dfs,bfs,random,replay")
    parser.add_argument("--max-steps", type=int, default=400)
    parser.add_argument("--devices", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", type=Path, default=None, help="keep the crawls (and their curves) here")
    args = parser.parse_args()
    apps = [a.strip() for a in args.apps.split(",") if a.strip()]
    policies = [p.strip() for p in args.policies.split(",") if p.strip()]
    with tempfile.TemporaryDirectory(prefix="perf-crawl-") as tmp:
        report = args.report or Path(tmp) / "report"
        dirs = by_policy(apps, policies, args, report)
        if args.devices > 1:
            parallel(apps, args, Path(tmp))
        dedup(dirs)


if __name__ == "__main__":
    main()
