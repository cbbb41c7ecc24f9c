"""The per-app trace in `OUT/<package>/`, DroidBot's layout with integer tags (as MobileViews releases it):

    states/state_<n>.json  states/screen_<n>.png  states/window_dump_<n>.xml   (n = the step of the capture)
    events/event_<n>.json                                                      (the event of step n)
    utg.json  journal.jsonl  dataset/train-<k>.parquet  dataset/README.md
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from droidpilot.crawler.events import CrawlEvent
from droidpilot.crawler.journal import write_atomic
from droidpilot.emulator.device import Observation
from droidpilot.emulator.png import encode_png

_TAGGED = re.compile(r"^(?:state|screen|window_dump|event)_(\d+)\.(?:json|png|xml)$")
_EVENT_TYPES = {"tap": "touch", "long_press": "long_touch", "type": "set_text", "scroll": "scroll", "back": "key",
                "restart": "intent"}


class TraceWriter:
    def __init__(self, app_dir: Path) -> None:
        self.app_dir = app_dir
        self.states = app_dir / "states"
        self.events = app_dir / "events"
        self.states.mkdir(parents=True, exist_ok=True)
        self.events.mkdir(parents=True, exist_ok=True)

    def remove_orphans(self, steps: set[int], records: set[int]) -> int:
        """Delete files of steps the journal does not hold (written just before a crash), and temp files."""
        removed = 0
        for folder, keep in ((self.states, records), (self.events, steps)):
            for path in folder.iterdir():
                match = _TAGGED.match(path.name)
                if path.name.startswith(".") or (match is not None and int(match.group(1)) not in keep):
                    path.unlink()
                    removed += 1
        return removed

    def write_record(self, tag: int, observation: Observation, state: dict[str, Any]) -> None:
        assert observation.screenshot is not None, "records need a screenshot"
        write_atomic(self.states / f"screen_{tag}.png", encode_png(observation.screenshot))
        write_atomic(self.states / f"window_dump_{tag}.xml", observation.xml)
        write_atomic(self.states / f"state_{tag}.json", json.dumps(state, ensure_ascii=False))

    def write_event(self, step: int, event: CrawlEvent, start: str | None, stop: str, start_tag: int,
                    stop_tag: int) -> None:
        """DroidBot's event_<n>.json: the event with its view, the states before and after."""
        view = None if event.bounds is None else {
            "resource_id": event.resource_id or None, "class": event.class_name, "label": event.label,
            "bounds": [[event.bounds[0], event.bounds[1]], [event.bounds[2], event.bounds[3]]]}
        record = {
            "tag": step, "event_str": event.id, "start_state": start, "stop_state": stop,
            "start_tag": start_tag, "stop_tag": stop_tag,
            "event": {"event_type": _EVENT_TYPES[event.kind], "name": event.kind, "x": event.x, "y": event.y,
                      "direction": event.direction or None, "text": event.text or None, "view": view},
        }
        write_atomic(self.events / f"event_{step}.json", json.dumps(record, ensure_ascii=False))

    def write_utg(self, utg: dict[str, Any]) -> None:
        write_atomic(self.app_dir / "utg.json", json.dumps(utg, ensure_ascii=False, indent=1))
