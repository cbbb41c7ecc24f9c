"""AndroidWorld's task metadata: its values for its families, and the `task_metadata.json` a run writes.

`androidworld_task_metadata.json` holds, for each of AndroidWorld's 116 families, the difficulty, tags and optimal
steps of its `task_metadata.json` and the complexity its task class declares (the step budget is 10 x complexity).
Our tasks named as AndroidWorld names them take AndroidWorld's difficulty and complexity (`Task.__init_subclass__`).

A run's output dir gets a `task_metadata.json` in AndroidWorld's format (a list of entries with `task_name`,
`task_template`, `difficulty`, `tags`, `optimal_steps`), keyed by task class name like `task_template` in
results.jsonl, so AndroidWorld's `process_episodes` can join it: AndroidWorld's values for its families, ours (the
class's difficulty and tags, the oracle's step count) for the others.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel

METADATA_FILE = "task_metadata.json"
_ANDROIDWORLD = Path(__file__).with_name("androidworld_task_metadata.json")


class AndroidWorldFamily(BaseModel):
    difficulty: str
    complexity: float
    optimal_steps: int
    tags: list[str]


class TaskMetadata(BaseModel):
    """One entry of AndroidWorld's task_metadata.json (`optimal_steps` is a string there, so here too)."""

    task_name: str
    task_template: str
    difficulty: str
    tags: list[str]
    optimal_steps: str


@cache
def androidworld_families() -> dict[str, AndroidWorldFamily]:
    data = json.loads(_ANDROIDWORLD.read_text(encoding="utf-8"))
    return {name: AndroidWorldFamily.model_validate(entry) for name, entry in data["tasks"].items()}


def task_metadata(name: str, template: str, difficulty: str, tags: list[str],
                  oracle_steps: int | None) -> TaskMetadata:
    """AndroidWorld's entry for its families; ours (the oracle's steps as the optimum) for the rest."""
    family = androidworld_families().get(name)
    if family is not None:
        return TaskMetadata(task_name=name, task_template=template, difficulty=family.difficulty, tags=family.tags,
                            optimal_steps=str(family.optimal_steps))
    return TaskMetadata(task_name=name, task_template=template, difficulty=difficulty, tags=tags,
                        optimal_steps=str(oracle_steps) if oracle_steps is not None else "")


def write_task_metadata(out: Path, entries: list[TaskMetadata]) -> None:
    text = json.dumps([e.model_dump() for e in sorted(entries, key=lambda e: e.task_name)], indent=1) + "\n"
    tmp = out / f".{METADATA_FILE}.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out / METADATA_FILE)
