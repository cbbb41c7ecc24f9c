"""Run directories on disk: `runs/<run_id>/` with `run.json` (what was asked, with which settings),
`trajectory.jsonl` (one line per step, flushed as it is written), `screenshots/step_NNN.png` and
`step_NNN_som.png`, `result.json` (written atomically, also when the run dies) and `checkpoint.sqlite`.

Everything written goes through the run's redaction first, so secret values never reach the disk.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image
from pydantic import BaseModel, Field

from droidpilot.agent.state import AgentSettings, RoleUsage, StepRecord
from droidpilot.appendlog import clean_temps, intact_length, repair_tail, write_atomic
from droidpilot.emulator.png import encode_png

log = logging.getLogger(__name__)

TRAJECTORY = "trajectory.jsonl"
RESULT = "result.json"
META = "run.json"
CHECKPOINT = "checkpoint.sqlite"
SCREENSHOTS = "screenshots"
NEEDS_USER_EXIT = 5


def new_run_id(now: datetime | None = None) -> str:
    """`20261015-090000-ab12cd`: sortable by time, unique enough for parallel runs."""
    return f"{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"


class RunMeta(BaseModel):
    run_id: str
    goal: str
    created: str = Field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    device: str = ""
    models: dict[str, str] = Field(default_factory=dict)
    settings: AgentSettings = Field(default_factory=AgentSettings)
    secret_names: list[str] = Field(default_factory=list)


class RunResult(BaseModel):
    """The outcome of a run, as `result.json` holds it and `run_task` returns it."""

    run_id: str
    goal: str
    status: str
    answer: str = ""
    message: str = ""
    steps: int = 0
    tokens: dict[str, RoleUsage] = Field(default_factory=dict, description="tokens and calls by role")
    cost_usd: float = 0.0
    time_s: float = 0.0
    models: dict[str, str] = Field(default_factory=dict)
    device: str = ""
    run_dir: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status == "complete"

    @property
    def exit_code(self) -> int:
        """0 goal reached; 1 failed / infeasible / out of steps / stuck / error; 3 model unavailable;
        5 needs the user's answer (resumable with --answer); 130 interrupted (resumable)."""
        return {"complete": 0, "model_unavailable": 3, "needs_user": NEEDS_USER_EXIT, "interrupted": 130}.get(
            self.status, 1)

    @property
    def total_tokens(self) -> int:
        return sum(u.prompt_tokens + u.completion_tokens for u in self.tokens.values())

    @property
    def calls(self) -> int:
        return sum(u.calls for u in self.tokens.values())


def atomic_write(path: Path, text: str) -> None:
    """Temp + fsync + rename; a failed write names `path` (not its temp file) and leaves no temp behind."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


class TrajectoryWriter:
    """Appends step lines (once per step number), saves screenshots in the background, writes the result."""

    def __init__(self, run_dir: Path, redact: Callable[[Any], Any] | None = None, screenshots: bool = True) -> None:
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.redact = redact or (lambda obj: obj)
        self.screenshots = screenshots
        self.path.touch()  # every run has a trajectory, also one that ends before its first step
        repair_tail(self.path)  # a line torn by a kill or a full disk; DamagedLog for damage in the middle
        clean_temps(self.run_dir)
        clean_temps(self.run_dir / SCREENSHOTS)
        self._written = {s.step: bool(s.verdict) for s in read_steps(self.run_dir)}  # step -> judged
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screenshots")
        self._saving: dict[int, list[Future[None]]] = {}  # step -> its screenshots still being written

    @property
    def path(self) -> Path:
        return self.run_dir / TRAJECTORY

    def write_meta(self, meta: RunMeta) -> None:
        atomic_write(self.run_dir / META, json.dumps(self.redact(meta.model_dump(mode="json")), indent=2))

    def append(self, record: StepRecord, extra: dict[str, Any] | None = None) -> bool:
        """Write the step's line unless it is on disk already; True when written. A step written unjudged (the
        run stopped mid-step) is written again once judged, and readers keep the last line of a step."""
        with self._lock:
            if record.step in self._written and (self._written[record.step] or not record.verdict):
                return False
            for pending in self._saving.pop(record.step, []):
                pending.result()  # a step is on record only with its screenshots on disk (kill -9 loses neither)
            line = {**record.model_dump(mode="json", exclude={"t0"}), **(extra or {})}
            try:
                with open(self.path, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(self.redact(line), ensure_ascii=False) + "\n")
                    fh.flush()
            except OSError as exc:  # a write error carries no file name: name the trajectory
                raise OSError(exc.errno, exc.strerror, str(self.path)) from exc
            self._written[record.step] = bool(record.verdict)
            return True

    def save_screens(self, step: int, raw: Image.Image | None, som: Image.Image | None) -> None:
        """Queue `step_NNN.png` and `step_NNN_som.png`; encoding happens off the agent's thread."""
        if not self.screenshots:
            return
        folder = self.run_dir / SCREENSHOTS
        folder.mkdir(exist_ok=True)
        for image, suffix in ((raw, ""), (som, "_som")):
            if image is not None:
                saving = self._pool.submit(_save_png, image.copy(), folder / f"step_{step:03d}{suffix}.png")
                with self._lock:
                    self._saving.setdefault(step, []).append(saving)

    def write_result(self, result: RunResult) -> None:
        atomic_write(self.run_dir / RESULT, json.dumps(self.redact(result.model_dump(mode="json")), indent=2,
                                                       ensure_ascii=False))

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def _save_png(image: Image.Image, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(encode_png(image))
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot save screenshot %s: %s", path, exc)


class RunRecord(BaseModel):
    """A run read back from disk."""

    run_dir: Path
    meta: RunMeta | None
    steps: list[StepRecord]
    result: RunResult | None


def read_steps(run_dir: Path) -> list[StepRecord]:
    """The trajectory's steps in order; a torn last line (a killed writer) is skipped, a damaged line before others
    raises DamagedLog (naming the file and line), and a step written twice (re-executed after a resume) keeps its
    last line."""
    path = Path(run_dir) / TRAJECTORY
    if not path.exists():
        return []
    by_step: dict[int, StepRecord] = {}
    intact = path.read_bytes()[:intact_length(path, StepRecord.model_validate_json)]
    for line in intact.splitlines():
        if line.strip():
            record = StepRecord.model_validate_json(line)
            by_step[record.step] = record
    return [by_step[k] for k in sorted(by_step)]


def read_meta(run_dir: Path) -> RunMeta | None:
    path = Path(run_dir) / META
    return RunMeta.model_validate_json(path.read_text(encoding="utf-8")) if path.exists() else None


def read_result(run_dir: Path) -> RunResult | None:
    path = Path(run_dir) / RESULT
    return RunResult.model_validate_json(path.read_text(encoding="utf-8")) if path.exists() else None


def load_run(run_dir: Path) -> RunRecord:
    run_dir = Path(run_dir)
    return RunRecord(run_dir=run_dir, meta=read_meta(run_dir), steps=read_steps(run_dir), result=read_result(run_dir))
