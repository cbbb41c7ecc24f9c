"""Every model call of a run on record: `runs/<id>/calls.jsonl`, one line per call with the role, model and
server, the messages as sent (images as JPEG files under `calls/`, not inline base64), each raw reply, the parsed
output or the error, tokens, latency and retries. What users of every agent framework debug a run from.

Lines go through the run's redaction (secret values become `<secret:NAME>`) before they reach the disk; API keys
are never part of a call (servers are named by their URL without credentials).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image
from pydantic import BaseModel, Field

from droidpilot.agent.llm.base import ImagePart, Message
from droidpilot.agent.llm.images import encode_image
from droidpilot.appendlog import repair_tail

log = logging.getLogger(__name__)

CALLS = "calls.jsonl"
IMAGES = "calls"
_KEEP_IMAGES = 8  # images already written, by identity: one screen goes to several roles in a step


class CallEntry(BaseModel):
    """One line of calls.jsonl."""

    call: int
    step: int = 0
    role: str
    model: str = ""
    server: str = ""
    vision: bool = True
    messages: list[dict[str, Any]] = Field(default_factory=list, description="role, text and image files")
    replies: list[str] = Field(default_factory=list, description="raw reply texts, re-asks included")
    parsed: dict[str, Any] | None = None
    error: str = ""
    note: str = Field("", description="e.g. that a fallback model took over")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    attempts: int = 0
    retries: int = 0
    t: float = Field(default_factory=time.time)


class CallLog:
    """Appends `CallEntry` lines; image files are encoded off the agent's thread."""

    def __init__(self, run_dir: Path, redact: Callable[[Any], Any] | None = None, max_side: int = 1024) -> None:
        self.run_dir = Path(run_dir)
        self.path = self.run_dir / CALLS
        self.path.touch()
        repair_tail(self.path)  # a line torn by a kill or a full disk; DamagedLog for damage in the middle
        self.redact = redact or (lambda obj: obj)
        self.max_side = max_side
        self._count = _count_lines(self.path)
        self._lock = threading.Lock()
        self._images: OrderedDict[int, tuple[Image.Image, str]] = OrderedDict()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="call-images")

    def record(self, entry: dict[str, Any], messages: list[Message]) -> None:
        """Write one call. `entry` holds CallEntry's fields except `call` and `messages`."""
        with self._lock:
            self._count += 1
            number = self._count
            line = CallEntry(call=number, messages=self._messages(number, messages), **entry)
            try:
                with open(self.path, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(self.redact(line.model_dump(mode="json")), ensure_ascii=False) + "\n")
            except OSError as exc:  # a write error carries no file name: name the log
                raise OSError(exc.errno, exc.strerror, str(self.path)) from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def _messages(self, number: int, messages: list[Message]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for message in messages:
            item: dict[str, Any] = {"role": message.role, "text": message.text()}
            if isinstance(message.content, list):
                images = [self._image_file(number, i, p.image)
                          for i, p in enumerate(x for x in message.content if isinstance(x, ImagePart))]
                if images:
                    item["images"] = images
            out.append(item)
        return out

    def _image_file(self, number: int, index: int, image: Image.Image) -> str:
        known = self._images.get(id(image))
        if known is not None and known[0] is image:
            return known[1]
        name = f"{IMAGES}/call_{number:04d}_{index}.jpg"
        self._images[id(image)] = (image, name)
        while len(self._images) > _KEEP_IMAGES:
            self._images.popitem(last=False)
        (self.run_dir / IMAGES).mkdir(exist_ok=True)
        self._pool.submit(_save_jpeg, image.copy(), self.run_dir / name, self.max_side)
        return name


def _save_jpeg(image: Image.Image, path: Path, max_side: int) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(encode_image(image, max_side=max_side))
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot save %s: %s", path, exc)


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def read_calls(run_dir: Path) -> list[CallEntry]:
    """The calls of a run in order; a torn last line is skipped."""
    path = Path(run_dir) / CALLS
    if not path.exists():
        return []
    out: list[CallEntry] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(CallEntry.model_validate_json(line))
        except ValueError:
            continue
    return out
