"""Dataset cards (README.md with HF front matter) for one app's `dataset/` folder and for the crawl folder."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from droidpilot.crawler.dataset import SCREENS_SCHEMA, SHARD_GLOB, TRANSITIONS_GLOB, TRANSITIONS_SCHEMA
from droidpilot.crawler.journal import write_atomic

SCREEN_COLUMNS = """| column | type | what |
|---|---|---|
| image | Image {bytes, path} | PNG screenshot; `path` is `<package>/states/screen_<step>.png` in the trace |
| vh_xml | string | the raw `uiautomator dump` XML |
| vh_json | string | DroidBot's `state_<step>.json` (flattened views with bounds, flags, `view_str`) |
| package, activity, title | string | foreground app, activity and page title |
| state | string | the state key: DroidBot's `state_str` in states/, events/ and utg.js |
| structure_hash | string | state identity without text (list rows collapsed); equals `state` |
| content_hash | string | structure plus texts up to 50 characters |
| phash | string | 64-bit dHash of the screenshot (cross-app dedup) |
| step | int64 | crawl step of the capture (the transitions' `from_step` / `to_step`) |
"""
TRANSITION_COLUMNS = """| column | type | what |
|---|---|---|
| trace_id | string | `<package>/<episode>`: an episode runs from one app (re)start to the next |
| step | int64 | crawl step; `events/event_<step>.json` in the trace |
| package | string | the crawled app |
| from_state | string | state key on screen when the action was taken (null at a session's first step); \
`<launcher>` when the app was opened from the home screen |
| action | struct | kind (tap, long_press, type, scroll, back, restart), event_type (DroidBot's), semantic \
(element-based id, the utg.js `event_str`; `open_app LABEL` for a start from the home screen), x, y, text typed, \
direction, target {bounds [l,t,r,b], text, content_desc, resource_id, class_name, view_str} |
| to_state | string | state key after the action; `<outside>` for any other app's screen |
| to_activity | string | activity after the action |
| effective | bool | from_state and to_state are different states of the app |
| from_step, to_step | int64 | the screens rows (their `step`) showing both states; null when none |
| from_image, to_image | string | the screens' `image.path` (the bytes are in the screens table only) |
"""
PRIVACY = {
    True: "Redacted: e-mail addresses, phone numbers, names and one-time codes are masked in texts and blurred "
          "in screenshots (see `droidpilot crawl --redact`). Review a sample before publishing.",
    False: "Not redacted. The virtual phone's data is synthetic; a crawl of a real device without `--redact` may "
           "hold personal data.",
}


def _features_yaml(schema: pa.Schema, indent: str) -> list[str]:
    lines: list[str] = []
    for field in schema:
        lines += _feature_yaml(field.name, field.type, indent)
    return lines


def _feature_yaml(name: str, kind: pa.DataType, indent: str) -> list[str]:
    head = f"{indent}- name: {name}"
    if name == "image":
        return [head, f"{indent}  dtype: image"]
    if pa.types.is_struct(kind):
        inner: list[str] = []
        for i in range(kind.num_fields):
            inner += _feature_yaml(kind.field(i).name, kind.field(i).type, indent + "  ")
        return [head, f"{indent}  struct:", *inner]
    if pa.types.is_list(kind):
        return [head, f"{indent}  sequence: {kind.value_type}"]
    return [head, f"{indent}  dtype: {'bool' if pa.types.is_boolean(kind) else kind}"]


def _rows(paths: list[Path]) -> tuple[int, int]:
    return sum(pq.read_metadata(p).num_rows for p in paths), sum(p.stat().st_size for p in paths)


def card_text(title: str, configs: list[tuple[str, str]], folder: Path, glob_root: str, license_id: str,
              body: str) -> str:
    """A README.md whose front matter declares configs (name, data_files glob), both tables' features, license."""
    head = ["---", f"license: {license_id}", "task_categories:", "- image-to-text", "- visual-question-answering",
            "tags:", "- gui", "- android", "- screenshots", "- view-hierarchy", "- mobile-agents", "configs:"]
    for name, glob in configs:
        default = ["  default: true"] if name == "screens" else []
        head += [f"- config_name: {name}", *default, "  data_files:", "  - split: train", f"    path: \"{glob}\""]
    head.append("dataset_info:")
    for name, schema, glob in (("screens", SCREENS_SCHEMA, SHARD_GLOB),
                               ("transitions", TRANSITIONS_SCHEMA, TRANSITIONS_GLOB)):
        rows, size = _rows(sorted(folder.glob(glob_root + glob)))
        head += [f"- config_name: {name}", "  features:", *_features_yaml(schema, "  "), "  splits:",
                 "  - name: train", f"    num_examples: {rows}", f"    num_bytes: {size}"]
    head.append("---")
    tables = f"## Table `screens`\n\n{SCREEN_COLUMNS}\n## Table `transitions`\n\n{TRANSITION_COLUMNS}"
    return "\n".join(head) + f"\n\n# {title}\n\n{body}\n\n{tables}"


def write_app_card(directory: Path, package: str, license_id: str, summary: str, redacted: bool) -> None:
    body = (f"Screens and transitions of `{package}` crawled by `droidpilot crawl`. {summary}\n\n"
            f"Privacy: {PRIVACY[redacted]}\n\n"
            "```python\nfrom datasets import load_dataset\n"
            f"screens = load_dataset(\"parquet\", data_files=\"{SHARD_GLOB}\", split=\"train\")\n"
            f"moves = load_dataset(\"parquet\", data_files=\"{TRANSITIONS_GLOB}\", split=\"train\")\n"
            "# a (page, action, page) triple: join moves.from_step / to_step with screens.step\n```")
    configs = [("screens", SHARD_GLOB), ("transitions", TRANSITIONS_GLOB)]
    text = card_text(f"{package} GUI crawl", configs, directory, "", license_id, body)
    write_atomic(directory / "README.md", text)


def write_root_card(out: Path, license_id: str, redacted: bool) -> None:
    """OUT/README.md: both tables over every app, and one config per app and table."""
    packages = sorted({p.parent.parent.name for p in out.glob(f"*/dataset/{SHARD_GLOB}")})
    if not packages:
        return
    configs = [("screens", f"*/dataset/{SHARD_GLOB}"), ("transitions", f"*/dataset/{TRANSITIONS_GLOB}")]
    for p in packages:
        configs += [(p, f"{p}/dataset/{SHARD_GLOB}"), (f"{p}-transitions", f"{p}/dataset/{TRANSITIONS_GLOB}")]
    body = ("Screens, view hierarchies and transitions crawled by `droidpilot crawl`, one config per app and table. "
            "Each app's folder also holds the DroidBot-compatible trace: `states/`, `events/`, `views/`, `utg.js` "
            f"and an offline viewer `index.html`.\n\nPrivacy: {PRIVACY[redacted]}")
    write_atomic(out / "README.md", card_text("droidpilot GUI crawl", configs, out, "*/dataset/", license_id, body))
