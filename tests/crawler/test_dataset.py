"""Parquet shards: full shards are final, the partial last one is rebuilt; the two tables share a folder."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from droidpilot.crawler.dataset import SCREENS_SCHEMA, screen_writer, transition_writer
from droidpilot.crawler.events import RESTART
from droidpilot.crawler.journal import RecordMeta, StepLine


def fake_records(states: Path, count: int) -> list[RecordMeta]:
    states.mkdir(parents=True, exist_ok=True)
    out = []
    for tag in range(count):
        (states / f"screen_{tag:06d}.png").write_bytes(b"\x89PNG fake")
        (states / f"window_dump_{tag:06d}.xml").write_text("<hierarchy/>")
        (states / f"state_{tag:06d}.json").write_text("{}")
        out.append(RecordMeta(tag=tag, structure_hash="s", content_hash="c", variant="v", phash="0" * 16,
                              package="p", activity="a"))
    return out


def shard_steps(directory: Path, prefix: str = "train") -> list[list[int]]:
    return [pq.read_table(p).column("step").to_pylist() for p in sorted(directory.glob(f"{prefix}-*.parquet"))]


def test_full_shards_are_kept_and_the_rest_rebuilt(tmp_path: Path) -> None:
    records = fake_records(tmp_path / "states", 10)
    writer = screen_writer(tmp_path / "dataset", tmp_path / "states", "p", 4)
    writer.resume([])
    for meta in records:
        writer.add(meta)
    assert shard_steps(tmp_path / "dataset") == [[0, 1, 2, 3], [4, 5, 6, 7]]
    writer.close()
    assert shard_steps(tmp_path / "dataset")[-1] == [8, 9]
    (tmp_path / "dataset" / ".train-00003.parquet.tmp99").write_bytes(b"torn")
    again = screen_writer(tmp_path / "dataset", tmp_path / "states", "p", 4)
    again.resume(records)
    assert again.finalized == 2 and [m.tag for m in again.pending] == [8, 9]
    assert shard_steps(tmp_path / "dataset") == [[0, 1, 2, 3], [4, 5, 6, 7]]
    again.close()
    assert pq.read_schema(sorted((tmp_path / "dataset").glob("*.parquet"))[-1]).equals(SCREENS_SCHEMA,
                                                                                       check_metadata=True)
    assert not list((tmp_path / "dataset").glob(".*"))


def test_resuming_one_table_leaves_the_other_alone(tmp_path: Path) -> None:
    lines = [StepLine(step=i, event=RESTART, source=None, target="s", package="p", activity="a") for i in range(5)]
    moves = transition_writer(tmp_path, "p", 2)
    moves.resume([])
    for line in lines:
        moves.add(line)
    moves.close()
    screens = screen_writer(tmp_path, tmp_path / "states", "p", 2)
    screens.resume([])
    assert shard_steps(tmp_path, "transitions") == [[0, 1], [2, 3], [4]]
    again = transition_writer(tmp_path, "p", 2)
    again.resume(lines[:4])  # the journal ends at step 3: the partial shard of step 4 goes
    assert shard_steps(tmp_path, "transitions") == [[0, 1], [2, 3]] and again.pending == []


def test_a_screen_met_in_two_apps_goes_to_the_dataset_once(tmp_path: Path) -> None:
    from droidpilot.crawler.models import PhashRegistry
    from droidpilot.crawler.runner import seed_registry

    registry = PhashRegistry()
    assert registry.claim("ab" * 8, "bones", "app.one") and registry.claim("ab" * 8, "bones", "app.one")
    assert not registry.claim("ab" * 8, "bones", "app.two")
    assert not registry.claim("ab" * 7 + "a8", "bones", "app.two")  # 2 bits off: a near-duplicate
    assert registry.claim("ab" * 8, "other bones", "app.two")  # same picture, another hierarchy: kept
    assert registry.claim("54" * 8, "bones", "app.two")  # same hierarchy, another picture: kept
    journal = tmp_path / "app.one" / "journal.jsonl"
    journal.parent.mkdir()
    journal.write_text('{"kind": "step", "record": {"phash": "cd", "skeleton": "s", "package": "app.one", '
                       '"dataset": true}}\n'
                       '{"kind": "step", "record": {"phash": "ef", "skeleton": "s", "package": "app.one", '
                       '"dataset": false}}\n{"tor')
    seeded = seed_registry(tmp_path)
    assert not seeded.claim("cd", "s", "app.two") and seeded.claim("ef", "t", "app.two")


def test_dedup_never_merges_distinct_screens_of_the_apps(tmp_path: Path) -> None:
    """A labelled set: captures of every virtual app's launch screen and its screen after one tap. Two captures
    are the same screen exactly when their structure hashes match; dedup must merge none of the distinct ones
    and must merge an identical capture met again."""
    from droidpilot.crawler.models import PhashRegistry
    from droidpilot.crawler.state import dhash, identify, skeleton
    from droidpilot.emulator.virtual import VirtualPhone
    from droidpilot.emulator.virtual.apps import registry as apps
    from droidpilot.emulator.virtual.device import VirtualDevice

    device = VirtualDevice(VirtualPhone())
    seen: dict[str, tuple[str, str]] = {}
    try:
        for app in apps.all_apps():
            if app.LAUNCHER is None or app.PACKAGE == "com.android.launcher3":
                continue
            device.launch(app.PACKAGE)
            for obs in (device.observe(), device.observe()):
                assert obs.screenshot is not None
                seen.setdefault(identify(obs, obs.package).structure_hash, (dhash(obs.screenshot), skeleton(obs)))
    finally:
        device.close()
    dedup = PhashRegistry()
    kept = [dedup.claim(phash, bones, f"owner-{key}") for key, (phash, bones) in seen.items()]
    assert all(kept), "a distinct screen was merged into another"
    phash, bones = next(iter(seen.values()))
    assert not dedup.claim(phash, bones, "someone-else")
