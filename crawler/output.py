"""The per-app trace in `OUT/<package>/`, DroidBot's layout with zero-padded integer tags (n = a step number,
six digits, so name order is step order, as DroidBot's replay reads events/):

    states/state_<n>.json  states/screen_<n>.png  states/window_dump_<n>.xml   (a capture of step n)
    events/event_<n>.json                                                      (the event of step n)
    views/view_<view_str>.png                                                  (crops of acted-on elements)
    utg.js  utg.json  index.html  journal.jsonl  dataset/  report.md
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from droidpilot.crawler.events import EVENT_TYPES, LONG_PRESS_MS
from droidpilot.crawler.journal import StepLine, TargetView, write_atomic
from droidpilot.crawler.state import LAUNCHER, OUTSIDE, tag_str
from droidpilot.emulator.device import Observation
from droidpilot.emulator.png import encode_png

_TAGGED = re.compile(r"^(?:state|screen|window_dump|event)_(\d+)\.(?:json|png|xml)$")
VIEWER = Path(__file__).with_name("viewer.html")


def droidbot_event(line: StepLine, package: str) -> dict[str, Any]:
    """The event as DroidBot's `InputEvent.to_dict()` writes it: touch/long_touch/scroll/set_text carry x, y and
    the view dict; key events a key `name`; starting the app is an `intent` event with its command."""
    event = line.event
    if event.kind == "back":
        return {"event_type": "key", "name": "BACK"}
    if event.kind == "restart":
        component = f"{package}/{line.activity}" if line.package == package else package
        return {"event_type": "intent", "intent": f"am start -n {component}" if "/" in component else
                f"monkey -p {package} -c android.intent.category.LAUNCHER 1",
                "stop_intent": f"am force-stop {package}"}
    record: dict[str, Any] = {"event_type": EVENT_TYPES[event.kind], "x": event.x, "y": event.y,
                              "view": _view(line.view)}
    if event.kind == "long_press":
        record["duration"] = LONG_PRESS_MS
    elif event.kind == "scroll":
        record["direction"] = event.direction.upper()
    elif event.kind == "type":
        record["text"] = event.text
    return record


def _view(view: TargetView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    left, top, right, bottom = view.bounds
    return {"view_str": view.view_str, "class": view.class_name, "resource_id": view.resource_id or None,
            "text": view.text or None, "content_description": view.content_desc or None,
            "bounds": [[left, top], [right, bottom]], "size": f"{right - left}*{bottom - top}"}


class TraceWriter:
    def __init__(self, app_dir: Path) -> None:
        self.app_dir = app_dir
        self.states = app_dir / "states"
        self.events = app_dir / "events"
        self.views = app_dir / "views"
        for folder in (self.states, self.events, self.views):
            folder.mkdir(parents=True, exist_ok=True)

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
        name = tag_str(tag)
        write_atomic(self.states / f"screen_{name}.png", encode_png(observation.screenshot))
        write_atomic(self.states / f"window_dump_{name}.xml", observation.xml)
        write_atomic(self.states / f"state_{name}.json", json.dumps(state, ensure_ascii=False))

    def write_view(self, view_str: str, observation: Observation, bounds: tuple[int, int, int, int]) -> None:
        """views/view_<view_str>.png: the element's crop, as DroidBot saves every view an event touched."""
        path = self.views / f"view_{view_str}.png"
        shot = observation.screenshot
        if path.exists() or shot is None:
            return
        left, top = min(shot.width - 1, max(0, bounds[0])), min(shot.height - 1, max(0, bounds[1]))
        right, bottom = min(shot.width, max(left + 1, bounds[2])), min(shot.height, max(top + 1, bounds[3]))
        write_atomic(path, encode_png(shot.crop((left, top, right, bottom))))

    def write_event(self, line: StepLine, package: str) -> None:
        """DroidBot's event_<tag>.json: the event with its view, the states before and after, plus our record
        tags of both screens and the episode."""
        start = line.start_state
        if start == LAUNCHER:  # DroidBot's trace: the home screen is the foreign screen the last event stopped on
            start = OUTSIDE if line.from_tag >= 0 else None
        record = {"tag": tag_str(line.step), "event": droidbot_event(line, package), "start_state": start,
                  "stop_state": line.target, "event_str": line.event.id, "start_tag": _tag(line.from_tag),
                  "stop_tag": _tag(line.to_tag), "trace": line.trace}
        write_atomic(self.events / f"event_{tag_str(line.step)}.json", json.dumps(record, ensure_ascii=False))

    def write_utg(self, utg: dict[str, Any]) -> None:
        """utg.json, DroidBot's utg.js (the same object as `var utg = ...`) and the offline viewer index.html."""
        text = json.dumps(utg, ensure_ascii=False, indent=1)
        write_atomic(self.app_dir / "utg.json", text)
        write_atomic(self.app_dir / "utg.js", f"var utg = \n{text}\n")
        write_atomic(self.app_dir / "index.html", VIEWER.read_bytes())


def _tag(tag: int) -> str | None:
    return tag_str(tag) if tag >= 0 else None
