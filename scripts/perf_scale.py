"""Wall time and speed-up of each benchmark executor with 1 and 2 workers (issue 18).

    python scripts/perf_scale.py [--tasks A,B,...] [--executors thread,process,ray] [--workers 1,2]

Runs the AndroidWorld oracle suite (or the named tasks) once per executor and worker count, checks that every run
gives the same records (timings aside), and prints wall time, the driver's and workers' CPU time, and the speed-up
over the same executor with one worker. On a loaded machine wall time measures the load too: compare CPU time.
The crawl is not in this table yet: crawls still run on threads (issue 18 item 1 covers bench only so far).
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


def one_run(base: Path, executor: str, workers: int, tasks: list[str] | None) -> tuple[float, float, Path]:
    out = base / f"{executor}-{workers}"
    config = RunConfig(suite="androidworld", tasks=tasks, out=out, devices=workers, executor=executor)  # type: ignore[arg-type]
    started, cpu = time.monotonic(), cpu_seconds()
    run_benchmark(config, OracleAgent())
    return time.monotonic() - started, cpu_seconds() - cpu, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=None, help="comma-separated task names (default: the whole suite)")
    parser.add_argument("--executors", default="thread,process,ray")
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    tasks = args.tasks.split(",") if args.tasks else None
    counts = [int(n) for n in args.workers.split(",")]
    reference: list[dict[str, Any]] | None = None
    with tempfile.TemporaryDirectory(prefix="perf-scale-") as tmp:
        for executor in args.executors.split(","):
            first: float | None = None
            for workers in counts:
                wall, cpu, out = one_run(Path(tmp), executor, workers, tasks)
                got = records(out)
                reference = reference if reference is not None else got
                first = first or wall
                same = "identical" if got == reference else f"DIFFERENT: {differences(got, reference)}"
                print(f"{executor:<8} {workers} worker{'s' if workers > 1 else ' '}  wall {wall:7.1f} s  "
                      f"CPU {cpu:7.1f} s  speed-up {first / wall:4.2f}x  {len(got)} episodes, {same}", flush=True)


if __name__ == "__main__":
    main()
