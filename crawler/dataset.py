"""The Parquet export: two tables a Hugging Face `datasets` user loads with `load_dataset("parquet", ...)`.

- screens (`dataset/train-<k>.parquet`): one row per record (a state's content variant): screenshot, view
  hierarchy (raw XML and DroidBot JSON), package, activity, state key and hashes, step of the capture.
- transitions (`dataset/transitions-<k>.parquet`): one row per step, Mobile3M's (page, action, page) triple:
  from-state, the typed action with its target element, to-state, trace (episode) id and step, and both screens
  referenced by their step and image path (never the bytes twice).

Rows go in journal order; row j goes to shard j // shard_rows, one row group per shard. A shard is written
(atomically) only when it is full, and the last, partial one when the crawl ends. On resume the full shards on
disk are kept and everything after them is rebuilt from the journal and the states/ files, so a crash never leaves
a duplicate or a torn row. The image column is the HF `Image` struct {bytes, path}, declared in the schema
metadata, so `datasets` decodes it to a PIL image.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from droidpilot.crawler.events import EVENT_TYPES
from droidpilot.crawler.journal import RecordMeta, StepLine, write_atomic
from droidpilot.crawler.state import LAUNCHER, OUTSIDE, tag_str

SCREENS_PREFIX, TRANSITIONS_PREFIX = "train", "transitions"
SHARD_GLOB = f"{SCREENS_PREFIX}-*.parquet"
TRANSITIONS_GLOB = f"{TRANSITIONS_PREFIX}-*.parquet"
_TARGET = pa.struct([("bounds", pa.list_(pa.int32())), ("text", pa.string()), ("content_desc", pa.string()),
                     ("resource_id", pa.string()), ("class_name", pa.string()), ("view_str", pa.string())])
_ACTION = pa.struct([("kind", pa.string()), ("event_type", pa.string()), ("semantic", pa.string()),
                     ("x", pa.int32()), ("y", pa.int32()), ("text", pa.string()), ("direction", pa.string()),
                     ("target", _TARGET)])
SCREENS_SCHEMA = pa.schema([
    ("image", pa.struct([("bytes", pa.binary()), ("path", pa.string())])),
    ("vh_xml", pa.string()), ("vh_json", pa.string()), ("package", pa.string()), ("activity", pa.string()),
    ("title", pa.string()), ("state", pa.string()), ("structure_hash", pa.string()),
    ("content_hash", pa.string()), ("phash", pa.string()), ("step", pa.int64()),
])
TRANSITIONS_SCHEMA = pa.schema([
    ("trace_id", pa.string()), ("step", pa.int64()), ("package", pa.string()),
    ("from_state", pa.string()), ("action", _ACTION), ("to_state", pa.string()), ("to_activity", pa.string()),
    ("effective", pa.bool_()), ("from_step", pa.int64()), ("to_step", pa.int64()),
    ("from_image", pa.string()), ("to_image", pa.string()),
])
T = TypeVar("T")


def hf_feature(kind: pa.DataType, name: str = "") -> Any:
    """The HF `datasets` feature of an Arrow type (the `image` struct is an Image)."""
    if name == "image":
        return {"_type": "Image"}
    if pa.types.is_struct(kind):
        return {kind.field(i).name: hf_feature(kind.field(i).type) for i in range(kind.num_fields)}
    if pa.types.is_list(kind):
        return {"feature": hf_feature(kind.value_type), "_type": "Sequence"}
    return {"dtype": "bool" if pa.types.is_boolean(kind) else str(kind), "_type": "Value"}


def _with_hf(schema: pa.Schema) -> pa.Schema:
    features = {field.name: hf_feature(field.type, field.name) for field in schema}
    return schema.with_metadata({"huggingface": json.dumps({"info": {"features": features}})})


SCREENS_SCHEMA = _with_hf(SCREENS_SCHEMA)
TRANSITIONS_SCHEMA = _with_hf(TRANSITIONS_SCHEMA)
SCHEMA = SCREENS_SCHEMA


def image_path(package: str, tag: int) -> str | None:
    """A screen's path relative to the crawl folder: the screens table's `image.path`, the transitions'
    `from_image` / `to_image`."""
    return f"{package}/states/screen_{tag_str(tag)}.png" if tag >= 0 else None


class ShardWriter(Generic[T]):
    """Rows of one table of one app, buffered until a shard `<prefix>-<k>.parquet` is full."""

    def __init__(self, directory: Path, prefix: str, schema: pa.Schema, to_row: Callable[[T], dict[str, Any]],
                 shard_rows: int) -> None:
        self.directory, self.prefix, self.schema, self.to_row = directory, prefix, schema, to_row
        self.shard_rows = shard_rows
        self.pending: list[T] = []
        self.finalized = 0
        self.rows = 0

    def shard(self, index: int) -> Path:
        return self.directory / f"{self.prefix}-{index:05d}.parquet"

    def resume(self, items: list[T]) -> None:
        """Keep the full shards on disk, drop anything after them, queue the journal's rows past them."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.finalized = 0
        # a shard is kept only if the journal holds all its rows (a journal cut back, as a Ray retry does, may not)
        while (self.finalized + 1) * self.shard_rows <= len(items) and self._complete(self.finalized):
            self.finalized += 1
        for path in self.directory.iterdir():
            ours = path.name.startswith(f"{self.prefix}-") or path.name.startswith(f".{self.prefix}-")
            if ours and (path.name.startswith(".") or _index(path) >= self.finalized):
                path.unlink()
        self.pending = items[self.finalized * self.shard_rows:]
        self.rows = len(items)

    def _complete(self, index: int) -> bool:
        try:
            return pq.read_metadata(self.shard(index)).num_rows == self.shard_rows
        except (OSError, pa.ArrowException):
            return False

    def add(self, item: T) -> None:
        self.pending.append(item)
        self.rows += 1
        if len(self.pending) >= self.shard_rows:
            self._write(self.pending[: self.shard_rows])
            self.pending = self.pending[self.shard_rows:]
            self.finalized += 1

    def close(self) -> None:
        """Write the partial last shard (rebuilt on resume, since it is not full)."""
        if self.pending:
            self._write(self.pending)

    def _write(self, items: list[T]) -> None:
        table = pa.Table.from_pylist([self.to_row(item) for item in items], schema=self.schema)
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, row_group_size=max(len(items), 1), compression="zstd")
        write_atomic(self.shard(self.finalized), sink.getvalue().to_pybytes())


def screen_writer(directory: Path, states: Path, package: str, shard_rows: int) -> ShardWriter[RecordMeta]:
    """The screens table; `states` is the app's states/ folder the rows' files are read from."""
    def row(meta: RecordMeta) -> dict[str, Any]:
        name = tag_str(meta.tag)
        return {
            "image": {"bytes": (states / f"screen_{name}.png").read_bytes(), "path": image_path(package, meta.tag)},
            "vh_xml": (states / f"window_dump_{name}.xml").read_text(encoding="utf-8"),
            "vh_json": (states / f"state_{name}.json").read_text(encoding="utf-8"),
            "package": meta.package, "activity": meta.activity, "title": meta.title,
            "state": meta.structure_hash, "structure_hash": meta.structure_hash,
            "content_hash": meta.content_hash, "phash": meta.phash, "step": meta.tag,
        }

    return ShardWriter(directory, SCREENS_PREFIX, SCREENS_SCHEMA, row, shard_rows)


def transition_row(line: StepLine, package: str) -> dict[str, Any]:
    event, view = line.event, line.view
    target = None if view is None else {
        "bounds": list(view.bounds), "text": view.text, "content_desc": view.content_desc,
        "resource_id": view.resource_id, "class_name": view.class_name, "view_str": view.view_str}
    return {
        "trace_id": f"{package}/{line.trace:04d}", "step": line.step, "package": package,
        "from_state": line.start_state, "to_state": line.target, "to_activity": line.activity,
        "action": {"kind": event.kind, "event_type": EVENT_TYPES[event.kind], "semantic": event.id,
                   "x": event.x, "y": event.y, "text": event.text, "direction": event.direction,
                   "target": target},
        "effective": line.start_state not in (None, LAUNCHER, line.target) and OUTSIDE not in (line.start_state,
                                                                                                line.target),
        "from_step": line.from_tag if line.from_tag >= 0 else None, "to_step": line.to_tag if line.to_tag >= 0
        else None, "from_image": image_path(package, line.from_tag), "to_image": image_path(package, line.to_tag),
    }


def transition_writer(directory: Path, package: str, shard_rows: int) -> ShardWriter[StepLine]:
    return ShardWriter(directory, TRANSITIONS_PREFIX, TRANSITIONS_SCHEMA, lambda line: transition_row(line, package),
                       shard_rows)


def _index(path: Path) -> int:
    digits = path.name.split(".")[-2].rpartition("-")[2] if path.name.count(".") >= 1 else ""
    return int(digits) if digits.isdigit() else -1
