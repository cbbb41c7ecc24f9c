"""Parquet shards: full shards are final, the partial last one is rebuilt; the dataset card's front matter."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import yaml

from droidpilot.crawler.dataset import SCHEMA, ShardWriter, write_app_card
from droidpilot.crawler.events import RESTART
from droidpilot.crawler.journal import RecordMeta


def fake_records(states: Path, count: int) -> list[tuple[RecordMeta, object]]:
    states.mkdir(parents=True, exist_ok=True)
    out = []
    for tag in range(count):
        (states / f"screen_{tag}.png").write_bytes(b"\x89PNG fake")
        (states / f"window_dump_{tag}.xml").write_text("<hierarchy/>")
        (states / f"state_{tag}.json").write_text("{}")
        meta = RecordMeta(tag=tag, structure_hash="s", content_hash="c", variant="v", phash="0" * 16,
                          package="p", activity="a")
        out.append((meta, RESTART))
    return out


def shard_steps(directory: Path) -> list[list[int]]:
    return [pq.read_table(p).column("step").to_pylist() for p in sorted(directory.glob("train-*.parquet"))]


def test_full_shards_are_kept_and_the_rest_rebuilt(tmp_path: Path) -> None:
    records = fake_records(tmp_path / "states", 10)
    writer = ShardWriter(tmp_path / "dataset", tmp_path / "states", "p", 4)
    writer.resume([])
    for meta, event in records:
        writer.add(meta, event)  # type: ignore[arg-type]
    assert shard_steps(tmp_path / "dataset") == [[0, 1, 2, 3], [4, 5, 6, 7]]
    writer.close()
    assert shard_steps(tmp_path / "dataset")[-1] == [8, 9]
    (tmp_path / "dataset" / ".train-00003.parquet.tmp99").write_bytes(b"torn")
    again = ShardWriter(tmp_path / "dataset", tmp_path / "states", "p", 4)
    again.resume(records)  # type: ignore[arg-type]
    assert again.finalized == 2 and [m.tag for m, _e in again.pending] == [8, 9]
    assert shard_steps(tmp_path / "dataset") == [[0, 1, 2, 3], [4, 5, 6, 7]]
    again.close()
    assert pq.read_schema(sorted((tmp_path / "dataset").glob("*.parquet"))[-1]).equals(SCHEMA, check_metadata=True)
    assert not list((tmp_path / "dataset").glob(".*"))


def test_the_card_declares_configs_features_license_and_tasks(tmp_path: Path) -> None:
    write_app_card(tmp_path, "com.android.settings", 12, "cc-by-4.0", "42 states.")
    text = (tmp_path / "README.md").read_text()
    front = yaml.safe_load(text.split("---")[1])
    assert front["license"] == "cc-by-4.0" and "image-to-text" in front["task_categories"]
    assert front["configs"][0]["data_files"][0] == {"split": "train", "path": "train-*.parquet"}
    features = {f["name"]: f for f in front["dataset_info"]["features"]}
    assert features["image"]["dtype"] == "image" and features["step"]["dtype"] == "int64"
    assert [f["name"] for f in features["action"]["struct"]][:2] == ["type", "semantic"]
    assert front["dataset_info"]["splits"][0]["num_examples"] == 12


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
