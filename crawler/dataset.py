"""The Parquet export: shards of typed rows a Hugging Face `datasets` user loads with
`load_dataset("parquet", data_files="OUT/<package>/dataset/train-*.parquet")`, and the dataset cards.

Rows are the crawl's records in journal order; record j goes to shard j // shard_rows, one row group per shard.
A shard is written (atomically) only when it is full, and the last, partial one when the crawl ends. On resume
the full shards on disk are kept and everything after them is rebuilt from the journal and the states/ files, so
a crash never leaves a duplicate or a torn row. The image column is the HF `Image` struct {bytes, path}, declared
in the schema metadata, so `datasets` decodes it to a PIL image.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from droidpilot.crawler.events import CrawlEvent
from droidpilot.crawler.journal import RecordMeta, write_atomic

SHARD_GLOB = "train-*.parquet"
_STR = {"dtype": "string", "_type": "Value"}
_ACTION_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("type", pa.string()), ("semantic", pa.string()), ("x", pa.int32()), ("y", pa.int32()), ("text", pa.string()),
    ("direction", pa.string()), ("from_step", pa.int64()))
SCHEMA = pa.schema([
    ("image", pa.struct([("bytes", pa.binary()), ("path", pa.string())])),
    ("vh_xml", pa.string()), ("vh_json", pa.string()), ("package", pa.string()), ("activity", pa.string()),
    ("structure_hash", pa.string()), ("content_hash", pa.string()), ("phash", pa.string()), ("step", pa.int64()),
    ("action", pa.struct(list(_ACTION_FIELDS))),
])
HF_FEATURES: dict[str, Any] = {
    "image": {"_type": "Image"}, "vh_xml": _STR, "vh_json": _STR, "package": _STR, "activity": _STR,
    "structure_hash": _STR, "content_hash": _STR, "phash": _STR, "step": {"dtype": "int64", "_type": "Value"},
    "action": {name: {"dtype": str(t), "_type": "Value"} for name, t in _ACTION_FIELDS},
}
SCHEMA = SCHEMA.with_metadata({"huggingface": json.dumps({"info": {"features": HF_FEATURES}})})


def shard_name(index: int) -> str:
    return f"train-{index:05d}.parquet"


class ShardWriter:
    """Rows of one app's records, buffered until a shard is full. `states` is the app's states/ folder."""

    def __init__(self, directory: Path, states: Path, package: str, shard_rows: int) -> None:
        self.directory = directory
        self.states = states
        self.package = package
        self.shard_rows = shard_rows
        self.pending: list[tuple[RecordMeta, CrawlEvent]] = []
        self.finalized = 0
        self.rows = 0

    def resume(self, records: list[tuple[RecordMeta, CrawlEvent]]) -> None:
        """Keep the full shards on disk, drop anything after them, queue the journal's rows past them."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.finalized = 0
        while self.finalized * self.shard_rows < len(records) and self._complete(self.finalized):
            self.finalized += 1
        for path in self.directory.iterdir():
            if path.name.startswith(".") or (path.suffix == ".parquet" and _index(path) >= self.finalized):
                path.unlink()
        self.pending = records[self.finalized * self.shard_rows:]
        self.rows = len(records)

    def _complete(self, index: int) -> bool:
        path = self.directory / shard_name(index)
        try:
            return pq.read_metadata(path).num_rows == self.shard_rows
        except (OSError, pa.ArrowException):
            return False

    def add(self, meta: RecordMeta, event: CrawlEvent) -> None:
        self.pending.append((meta, event))
        self.rows += 1
        if len(self.pending) >= self.shard_rows:
            self._write(self.pending[: self.shard_rows])
            self.pending = self.pending[self.shard_rows:]
            self.finalized += 1

    def close(self) -> None:
        """Write the partial last shard (rebuilt on resume, since it is not full)."""
        if self.pending:
            self._write(self.pending)

    def _write(self, rows: list[tuple[RecordMeta, CrawlEvent]]) -> None:
        table = pa.Table.from_pylist([self._row(meta, event) for meta, event in rows], schema=SCHEMA)
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, row_group_size=max(len(rows), 1), compression="zstd")
        write_atomic(self.directory / shard_name(self.finalized), sink.getvalue().to_pybytes())

    def _row(self, meta: RecordMeta, event: CrawlEvent) -> dict[str, Any]:
        tag = meta.tag
        return {
            "image": {"bytes": (self.states / f"screen_{tag}.png").read_bytes(),
                      "path": f"{self.package}/screen_{tag}.png"},
            "vh_xml": (self.states / f"window_dump_{tag}.xml").read_text(encoding="utf-8"),
            "vh_json": (self.states / f"state_{tag}.json").read_text(encoding="utf-8"),
            "package": meta.package, "activity": meta.activity, "structure_hash": meta.structure_hash,
            "content_hash": meta.content_hash, "phash": meta.phash, "step": tag,
            "action": {"type": event.kind, "semantic": event.id, "x": event.x, "y": event.y, "text": event.text,
                       "direction": event.direction, "from_step": meta.from_tag},
        }


def _index(path: Path) -> int:
    digits = path.stem.rpartition("-")[2]
    return int(digits) if digits.isdigit() else -1


# -- dataset cards ------------------------------------------------------------------------------------------------

def _features_yaml() -> list[str]:
    lines = ["  features:", "  - name: image", "    dtype: image"]
    for name in ("vh_xml", "vh_json", "package", "activity", "structure_hash", "content_hash", "phash"):
        lines += [f"  - name: {name}", "    dtype: string"]
    lines += ["  - name: step", "    dtype: int64", "  - name: action", "    struct:"]
    for name, kind in _ACTION_FIELDS:
        lines += [f"    - name: {name}", f"      dtype: {kind}"]
    return lines


def card_text(title: str, configs: list[tuple[str, str]], rows: int, size: int, license_id: str, body: str) -> str:
    """A README.md whose YAML front matter declares configs (name, data_files glob), features and license."""
    head = ["---", f"license: {license_id}", "task_categories:", "- image-to-text", "- visual-question-answering",
            "tags:", "- gui", "- android", "- screenshots", "- view-hierarchy", "- mobile-agents", "configs:"]
    for name, glob in configs:
        head += [f"- config_name: {name}", "  data_files:", "  - split: train", f"    path: \"{glob}\""]
    head += ["dataset_info:", *_features_yaml(), "  splits:", "  - name: train", f"    num_examples: {rows}",
             f"    num_bytes: {size}", "---"]
    columns = ("| column | type | what |\n|---|---|---|\n"
               "| image | Image {bytes, path} | PNG screenshot of the state |\n"
               "| vh_xml | string | the raw `uiautomator dump` XML |\n"
               "| vh_json | string | DroidBot-like state dict (flattened views with bounds and flags) |\n"
               "| package, activity | string | foreground app and activity |\n"
               "| structure_hash | string | state identity without text (list rows collapsed) |\n"
               "| content_hash | string | structure plus texts up to 50 characters |\n"
               "| phash | string | 64-bit dHash of the screenshot (cross-app dedup) |\n"
               "| step | int64 | crawl step of the capture; `states/state_<step>.json` in the trace |\n"
               "| action | struct | the action that led here: type, semantic (element-based), x, y, text, direction,"
               " from_step (the record it was taken on, -1 after a restart) |\n")
    return "\n".join(head) + f"\n\n# {title}\n\n{body}\n\n## Columns\n\n{columns}"


def write_app_card(directory: Path, package: str, rows: int, license_id: str, summary: str) -> None:
    body = (f"Screens of `{package}` crawled by `droidpilot crawl`. {summary}\n\n"
            "```python\nfrom datasets import load_dataset\n"
            f"ds = load_dataset(\"parquet\", data_files=\"{SHARD_GLOB}\", split=\"train\")\n```")
    size = sum(p.stat().st_size for p in directory.glob(SHARD_GLOB))
    text = card_text(f"{package} GUI crawl", [("default", SHARD_GLOB)], rows, size, license_id, body)
    write_atomic(directory / "README.md", text)


def write_root_card(out: Path, license_id: str) -> None:
    """OUT/README.md: one config per crawled app and a default config with all of them."""
    packages = sorted({p.parent.parent.name for p in out.glob(f"*/dataset/{SHARD_GLOB}")})
    if not packages:
        return
    shards = list(out.glob(f"*/dataset/{SHARD_GLOB}"))
    rows = sum(pq.read_metadata(p).num_rows for p in shards)
    size = sum(p.stat().st_size for p in shards)
    configs = [("default", f"*/dataset/{SHARD_GLOB}")] + [(p, f"{p}/dataset/{SHARD_GLOB}") for p in packages]
    body = ("Screens, view hierarchies and actions crawled by `droidpilot crawl`, one config per app. Each app's "
            "folder also holds the DroidBot-compatible trace: `states/`, `events/` and `utg.json`.")
    write_atomic(out / "README.md", card_text("droidpilot GUI crawl", configs, rows, size, license_id, body))
