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
    assert registry.claim("ab" * 8, "app.one") and registry.claim("ab" * 8, "app.one")
    assert not registry.claim("ab" * 8, "app.two")
    journal = tmp_path / "app.one" / "journal.jsonl"
    journal.parent.mkdir()
    journal.write_text('{"kind": "step", "record": {"phash": "cd", "package": "app.one", "dataset": true}}\n'
                       '{"kind": "step", "record": {"phash": "ef", "package": "app.one", "dataset": false}}\n{"tor')
    seeded = seed_registry(tmp_path)
    assert not seeded.claim("cd", "app.two") and seeded.claim("ef", "app.two")
