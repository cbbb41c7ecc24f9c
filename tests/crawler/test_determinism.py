"""Determinism: each app starts from its device's clean snapshot, so the same command twice gives identical
datasets, and which device crawls which app changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.policies import make_policy
from droidpilot.crawler.runner import crawl_apps
from droidpilot.emulator.pool import DevicePool

APPS = ["com.android.contacts", "net.droidpilot.notes"]


def _crawl(out: Path, apps: list[str], devices: int, policy: str = "random") -> None:
    configs = [CrawlConfig(package=p, out=out, policy=policy, seed=7, max_steps=35) for p in apps]  # type: ignore[arg-type]
    with DevicePool.virtual(devices, same_seed=True) as pool:
        results = crawl_apps(configs, pool, lambda c: make_policy(c.policy))
    assert all(not r.error for r in results), [r.error for r in results]


def _dataset(app_dir: Path) -> dict[str, Any]:
    """Everything but timestamps: both Parquet tables (images included) and the trace's state and event files."""
    tables = {p.name: pq.read_table(p).to_pylist() for p in sorted((app_dir / "dataset").glob("*.parquet"))}
    files = {p.relative_to(app_dir).as_posix(): p.read_bytes()
             for folder in ("states", "events", "views") for p in sorted((app_dir / folder).iterdir())}
    return {"tables": tables, "files": files}


def test_the_same_command_twice_gives_identical_datasets(tmp_path: Path) -> None:
    _crawl(tmp_path / "one", APPS, devices=1)
    _crawl(tmp_path / "two", APPS, devices=1)
    for app in APPS:
        first, second = _dataset(tmp_path / "one" / app), _dataset(tmp_path / "two" / app)
        assert first["tables"] and first == second, app


def test_app_to_device_assignment_does_not_change_results(tmp_path: Path) -> None:
    _crawl(tmp_path / "ab", APPS, devices=2)
    _crawl(tmp_path / "ba", APPS[::-1], devices=2)  # each app now lands on the other phone
    _crawl(tmp_path / "seq", APPS[::-1], devices=1)  # and the second app after another one on the same phone
    for app in APPS:
        expected = _dataset(tmp_path / "ab" / app)
        assert _dataset(tmp_path / "ba" / app) == expected, app
        assert _dataset(tmp_path / "seq" / app) == expected, app
