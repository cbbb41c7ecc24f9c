"""Reading a crawl's output back, for the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.models import CrawlResult
from droidpilot.crawler.policies import make_policy
from droidpilot.crawler.runner import crawl_app
from droidpilot.emulator.device import Device
from droidpilot.memory.store import MemoryStore


def crawl(device: Device, out: Path, package: str, policy: str = "dfs", memory: MemoryStore | None = None,
          **limits: Any) -> CrawlResult:
    config = CrawlConfig(package=package, out=out, policy=policy, **limits)  # type: ignore[arg-type]
    return crawl_app(device, config, make_policy(policy, config.replay_depth), memory=memory)


def journal(app_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (app_dir / "journal.jsonl").read_text(encoding="utf-8").splitlines()]


def steps(app_dir: Path) -> list[dict[str, Any]]:
    return [line for line in journal(app_dir) if line["kind"] == "step"]


def dataset_steps(app_dir: Path) -> list[int]:
    out: list[int] = []
    for shard in sorted((app_dir / "dataset").glob("train-*.parquet")):
        out += pq.read_table(shard, columns=["step"]).column("step").to_pylist()
    return out


def tags(folder: Path, prefix: str) -> list[int]:
    return sorted(int(p.name[len(prefix):].split(".")[0]) for p in folder.glob(f"{prefix}*"))


def assert_consistent(app_dir: Path) -> None:
    """One journal line per step, files for exactly the journaled records and events, one row per record."""
    lines = steps(app_dir)
    numbers = [line["step"] for line in lines]
    assert numbers == list(range(len(numbers))), "steps missing or repeated in the journal"
    records = [line["record"]["tag"] for line in lines if line.get("record")]
    assert tags(app_dir / "states", "state_") == records
    assert tags(app_dir / "states", "screen_") == records
    assert tags(app_dir / "states", "window_dump_") == records
    assert tags(app_dir / "events", "event_") == numbers
    in_dataset = [line["record"]["tag"] for line in lines if line.get("record") and line["record"]["dataset"]]
    assert dataset_steps(app_dir) == in_dataset, "dataset rows differ from the journal's records"
    assert not [p for p in app_dir.rglob(".*tmp*")], "temporary files left behind"
