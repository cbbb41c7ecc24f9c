"""The transitions table: every step is a row, and utg.json's edges are rebuilt from the Parquet alone."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from droidpilot.crawler.state import OUTSIDE
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.crawler.helpers import crawl, steps

CONTACTS = "com.android.contacts"


def _table(app_dir: Path, prefix: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for shard in sorted((app_dir / "dataset").glob(f"{prefix}-*.parquet")):
        rows += pq.read_table(shard).to_pylist()
    return rows


def edges_from_parquet(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(from, to, event_str) -> (first step, count) of the effective in-app moves; restarts are not edges."""
    found: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for row in rows:
        a, b = row["from_state"], row["to_state"]
        if row["action"]["kind"] == "restart" or a is None or a == b or OUTSIDE in (a, b):
            continue
        found[(a, b, row["action"]["semantic"])].append(row["step"])
    return {key: (min(s), len(s)) for key, s in found.items()}


def edges_from_utg(utg: dict[str, Any]) -> dict[tuple[str, str, str], tuple[int, int]]:
    return {(e["from"], e["to"], ev["event_str"]): (ev["event_id"], ev["count"])
            for e in utg["edges"] for ev in e["events"]}


def test_utg_edges_are_rebuilt_from_the_transitions_table(device: VirtualDevice, out: Path) -> None:
    result = crawl(device, out, CONTACTS, max_steps=60, shard_rows=16)
    app_dir = out / CONTACTS
    moves, screens = _table(app_dir, "transitions"), _table(app_dir, "train")
    assert [m["step"] for m in moves] == list(range(result.steps)), "one row per step, in order"
    utg = json.loads((app_dir / "utg.json").read_text())
    rebuilt = edges_from_parquet(moves)
    assert rebuilt and rebuilt == edges_from_utg(utg)
    assert utg["num_edges"] == len({(a, b) for a, b, _e in rebuilt})

    shown = {s["step"]: s for s in screens}
    for move in moves:
        for side in ("from", "to"):
            tag, path = move[f"{side}_step"], move[f"{side}_image"]
            if tag is not None:
                assert (out / path).is_file() and path.endswith(f"screen_{tag:06d}.png")
                if tag in shown:  # the screen table row shows the same state and the same file
                    assert shown[tag]["image"]["path"] == path
                    assert shown[tag]["state"] == move[f"{side}_state"]
    taps = [m for m in moves if m["action"]["kind"] == "tap"]
    assert taps and all(m["action"]["target"]["bounds"][2] > m["action"]["target"]["bounds"][0] for m in taps)
    assert all(m["action"]["target"]["view_str"] for m in taps)
    typed = [m for m in moves if m["action"]["kind"] == "type"]
    assert all(m["action"]["text"] for m in typed)
    assert len({m["trace_id"] for m in moves}) == sum(1 for line in steps(app_dir)
                                                    if line["event"]["kind"] == "restart")


def test_the_card_documents_both_tables_and_the_license(device: VirtualDevice, out: Path) -> None:
    crawl(device, out, CONTACTS, max_steps=12, license="cc-by-4.0")
    text = (out / CONTACTS / "dataset" / "README.md").read_text()
    front = yaml.safe_load(text.split("---")[1])
    assert front["license"] == "cc-by-4.0"
    configs = {c["config_name"]: c["data_files"][0]["path"] for c in front["configs"]}
    assert configs == {"screens": "train-*.parquet", "transitions": "transitions-*.parquet"}
    info = {i["config_name"]: i for i in front["dataset_info"]}
    moves = {f["name"]: f for f in info["transitions"]["features"]}
    assert {"from_state", "to_state", "trace_id", "step", "from_image", "to_image"} <= set(moves)
    action = {f["name"]: f for f in moves["action"]["struct"]}
    assert {"kind", "text", "target"} <= set(action)
    assert [f["name"] for f in action["target"]["struct"]][:2] == ["bounds", "text"]
    assert info["transitions"]["splits"][0]["num_examples"] == 12
    assert "## Table `transitions`" in text and "Privacy: Not redacted" in text
