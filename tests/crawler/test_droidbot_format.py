"""A reader written from DroidBot's documented output format (research/crawler.md section 1.6; DroidBot's
utg.py, input_event.py, device_state.py) joins every event and node of a crawl, and replays its events in order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from droidpilot.crawler.state import identify
from droidpilot.emulator.device import Device, Key
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.crawler.helpers import crawl

CONTACTS = "com.android.contacts"
DROIDBOT_EVENT_TYPES = {"touch", "long_touch", "scroll", "set_text", "key", "intent", "kill_app"}


class DroidBotOutput:
    """utg.js, states/state_*.json, events/event_*.json and views/ as DroidBot writes and reads them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        js = (folder / "utg.js").read_text(encoding="utf-8")
        assert js.startswith("var utg = ")
        self.utg: dict[str, Any] = json.loads(js.removeprefix("var utg = "))
        self.states: dict[str, list[dict[str, Any]]] = {}
        for path in sorted((folder / "states").glob("state_*.json")):
            state = json.loads(path.read_text(encoding="utf-8"))
            assert path.name == f"state_{state['tag']}.json"
            self.states.setdefault(state["state_str"], []).append(state)
        # DroidBot's UtgReplayPolicy: sorted(os.listdir(events)), so name order must be time order
        self.events = [json.loads(p.read_text(encoding="utf-8"))
                       for p in sorted((folder / "events").glob("event_*.json"))]

    def event_by_id(self, event_id: int) -> dict[str, Any]:
        return next(e for e in self.events if int(e["tag"]) == event_id)


def test_events_nodes_and_edges_all_join(device: VirtualDevice, out: Path) -> None:
    crawl(device, out, CONTACTS, max_steps=50)
    dump = DroidBotOutput(out / CONTACTS)
    assert [int(e["tag"]) for e in dump.events] == list(range(50))
    for i, event in enumerate(dump.events):
        assert event["stop_state"] in dump.states, f"event {event['tag']}: stop_state has no state file"
        assert event["start_state"] in dump.states or (i == 0 and event["start_state"] is None)
        assert event["event"]["event_type"] in DROIDBOT_EVENT_TYPES
        if i:  # one trace: each event starts where the previous one stopped
            assert event["start_state"] == dump.events[i - 1]["stop_state"]
    kinds = {e["event"]["event_type"]: e["event"] for e in dump.events}
    assert kinds["key"] == {"event_type": "key", "name": "BACK"}
    assert kinds["intent"]["intent"].startswith("am start -n com.android.contacts/")
    touch = kinds["touch"]
    assert touch["view"]["view_str"] and (out / CONTACTS / "views" / f"view_{touch['view']['view_str']}.png").is_file()
    for node in dump.utg["nodes"]:
        assert node["id"] == node["state_str"] and node["state_str"] in dump.states
        assert (out / CONTACTS / node["image"]).is_file()
    for edge in dump.utg["edges"]:
        assert edge["from"] in dump.states and edge["to"] in dump.states
        for ev in edge["events"]:
            event = dump.event_by_id(ev["event_id"])
            assert (event["start_state"], event["stop_state"], event["event_str"]) == \
                (edge["from"], edge["to"], ev["event_str"])
            assert all((out / CONTACTS / image).is_file() for image in ev["view_images"])
    views = {v["view_str"] for states in dump.states.values() for s in states for v in s["views"]}
    assert touch["view"]["view_str"] in views
    assert (out / CONTACTS / "index.html").read_text().count('src="utg.js"') == 1


def _send(device: Device, event: dict[str, Any]) -> None:
    """DroidBot's InputEvent.send for each event type, on a Device."""
    kind = event["event_type"]
    if kind == "key":
        device.press(Key[event["name"]])
    elif kind == "intent":
        device.shell(event["stop_intent"])
        device.shell(event["intent"])
    elif kind == "touch":
        device.tap(event["x"], event["y"])
    elif kind == "long_touch":
        device.long_press(event["x"], event["y"], event["duration"])
    elif kind == "scroll":
        (left, top), (right, bottom) = event["view"]["bounds"]
        x, y, dy = (left + right) // 2, (top + bottom) // 2, (bottom - top) * 3 // 10
        dx = (right - left) * 3 // 10
        moves = {"DOWN": (x, y + dy, x, y - dy), "UP": (x, y - dy, x, y + dy), "RIGHT": (x + dx, y, x - dx, y),
                 "LEFT": (x - dx, y, x + dx, y)}
        device.swipe(*moves[event["direction"]], 400)
    elif kind == "set_text":
        device.tap(event["x"], event["y"])
        field = next(e for e in device.observe().elements if e.focused and e.editable)
        device.press("MOVE_END")
        for _ in field.text:
            device.press(Key.DELETE)
        device.input_text(event["text"])


def test_replaying_the_events_in_order_reaches_the_same_states(out: Path) -> None:
    first = VirtualDevice(VirtualPhone())
    try:
        crawl(first, out, CONTACTS, max_steps=40)
    finally:
        first.close()
    dump = DroidBotOutput(out / CONTACTS)
    fresh = VirtualDevice(VirtualPhone())
    try:
        reached = []
        for event in dump.events:
            _send(fresh, event["event"])
            reached.append(identify(fresh.observe(), CONTACTS).state)
    finally:
        fresh.close()
    assert reached == [e["stop_state"] for e in dump.events]
