"""Wall time and speed-up of each executor with 1 and 2 workers, for a benchmark and a crawl (issue 18).

    python scripts/perf_scale.py [--tasks A,B,...] [--executors thread,process,ray] [--workers 1,2]
                                 [--apps 12] [--steps 60] [--skip bench|crawl]

Runs the AndroidWorld oracle suite (or the named tasks), then a crawl of the phone's first APPS apps (dfs, STEPS
steps each), once per executor and worker count; checks that every run gives the first run's results (timings
aside) and prints wall time, CPU time (this process and its reaped workers; Ray's workers are not counted) and
the speed-up over the same executor with one worker, and the load average after each run. On a loaded machine
wall time measures the load too.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from droidpilot.benchmarks.agents import OracleAgent
from droidpilot.benchmarks.episode import TIMING_FIELDS
from droidpilot.benchmarks.runner import RESULTS_FILE, RunConfig, run_benchmark
from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.policies import make_policy
from droidpilot.crawler.runner import crawl_apps
from droidpilot.emulator.pool import DevicePool
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

CRAWL_VARIES = {"device", "out_dir", "elapsed_s", "session_s", "discovery"}


def records(out: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in (out / RESULTS_FILE).read_text().splitlines()]
    return [{k: v for k, v in line.items() if k not in TIMING_FIELDS} for line in lines]


def differences(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> str:
    """The first episodes that differ and in which fields (for a DIFFERENT verdict)."""
    if len(got) != len(want):
        return f"{len(got)} records vs {len(want)}"
    diffs = [f"{a['episode_id']}: {', '.join(k for k in a if a[k] != b.get(k))}"
             for a, b in zip(got, want, strict=True) if a != b]
    return "; ".join(diffs[:3])


def cpu_seconds() -> float:
    """This process's CPU time plus its reaped children's (worker processes; Ray's workers are not counted)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def load() -> str:
    """The machine's load after a run (1-minute average, as `uptime` prints it): other processes slow wall time."""
    return f"load {os.getloadavg()[0]:.1f}"


def one_run(base: Path, executor: str, workers: int, tasks: list[str] | None) -> tuple[float, float, Path]:
    out = base / f"{executor}-{workers}"
    config = RunConfig(suite="androidworld", tasks=tasks, out=out, devices=workers, executor=executor)  # type: ignore[arg-type]
    started, cpu = time.monotonic(), cpu_seconds()
    run_benchmark(config, OracleAgent())
    return time.monotonic() - started, cpu_seconds() - cpu, out


def one_crawl(base: Path, executor: str, workers: int, apps: list[str], steps: int,
              ) -> tuple[float, float, list[dict[str, Any]]]:
    configs = [CrawlConfig(package=p, out=base / f"crawl-{executor}-{workers}", max_steps=steps) for p in apps]
    started, cpu = time.monotonic(), cpu_seconds()
    with DevicePool.virtual(workers, same_seed=True) as pool:
        results = crawl_apps(configs, pool, lambda c: make_policy(c.policy), executor=executor)
    wall = time.monotonic() - started
    return wall, cpu_seconds() - cpu, [r.model_dump(mode="json", exclude=CRAWL_VARIES) for r in results]


def crawl_table(base: Path, executors: list[str], counts: list[int], apps: list[str], steps: int) -> None:
    print(f"crawl: {len(apps)} apps x {steps} steps (dfs)")
    reference: list[dict[str, Any]] | None = None
    for executor in executors:
        first: float | None = None
        for workers in counts:
            wall, cpu, got = one_crawl(base, executor, workers, apps, steps)
            reference = reference if reference is not None else got
            first = first or wall
            total = sum(r["steps"] for r in got)
            same = "identical" if got == reference else "DIFFERENT: " + ", ".join(
                a["package"] for a, b in zip(got, reference, strict=True) if a != b)
            print(f"{executor:<8} {workers} worker{'s' if workers > 1 else ' '}  wall {wall:7.1f} s  CPU {cpu:7.1f} s"
                  f"  speed-up {first / wall:4.2f}x  {60 * total / wall:5.0f} steps/min  {same}  {load()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=None, help="comma-separated task names (default: the whole suite)")
    parser.add_argument("--executors", default="thread,process,ray")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--apps", type=int, default=12)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--skip", choices=["bench", "crawl"], default=None)
    args = parser.parse_args()
    tasks = args.tasks.split(",") if args.tasks else None
    counts = [int(n) for n in args.workers.split(",")]
    reference: list[dict[str, Any]] | None = None
    executors = args.executors.split(",")
    with tempfile.TemporaryDirectory(prefix="perf-scale-") as tmp:
        if args.skip != "crawl":
            with VirtualPhone() as phone:
                apps = [a.package for a in VirtualDevice(phone).installed_apps()][: args.apps]
            crawl_table(Path(tmp), executors, counts, apps, args.steps)
        if args.skip == "bench":
            return
        print("bench: androidworld, oracle agent")
        for executor in executors:
            first: float | None = None
            for workers in counts:
                wall, cpu, out = one_run(Path(tmp), executor, workers, tasks)
                got = records(out)
                reference = reference if reference is not None else got
                first = first or wall
                same = "identical" if got == reference else f"DIFFERENT: {differences(got, reference)}"
                print(f"{executor:<8} {workers} worker{'s' if workers > 1 else ' '}  wall {wall:7.1f} s  "
                      f"CPU {cpu:7.1f} s  speed-up {first / wall:4.2f}x  {len(got)} episodes, {same}  {load()}",
                      flush=True)


if __name__ == "__main__":
    main()
