from __future__ import annotations

import json

import pytest
from pydantic import TypeAdapter

from droidpilot.agent.actions import (
    Action,
    Answer,
    AskUser,
    Done,
    DoubleTap,
    LongPress,
    OpenApp,
    OpenUri,
    Press,
    Scroll,
    ShortcutCall,
    Swipe,
    Tap,
    TypeSecret,
    TypeText,
    Wait,
)
from droidpilot.agent.android_world import ACTION_TYPES, FIELDS, JSONActionError, from_json_action, to_json_action
from droidpilot.agent.perception import perceive
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

ROUND_TRIP: list[Action] = [
    Tap(index=3), Tap(x=10, y=20), LongPress(index=1), DoubleTap(x=5, y=6),
    TypeText(text="hello", index=2, enter=True), TypeText(text="Zoë", clear=True, enter=True, x=1, y=2),
    TypeText(text="no target", enter=True), TypeSecret(name="PIN", index=4), TypeSecret(name="PIN"),
    Scroll(direction="down"), Scroll(direction="left", index=7), Press(key="back"), Press(key="home"),
    Press(key="enter"), Press(key="recents"), Press(key="delete"), OpenApp(app="Contacts"), Wait(seconds=1.0),
    Answer(text="42, 7"), Done(status="complete"), Done(status="infeasible", message="no such contact"),
    OpenUri(uri="sms:+15550100"), ShortcutCall(name="send_sms", args={"to": "Ann", "body": "hi"}),
    AskUser(question="Which of the two Ann Smiths?"),
]


def valid_for_android_world(d: dict[str, object]) -> None:
    """AndroidWorld's JSONAction checks: known keys and types, index xor x/y, KEYCODE_ prefix, no None."""
    assert set(d) <= set(FIELDS) and d["action_type"] in ACTION_TYPES
    assert not ("index" in d and ("x" in d or "y" in d))
    assert None not in d.values()
    assert str(d.get("keycode", "KEYCODE_")).startswith("KEYCODE_")


@pytest.mark.parametrize("action", ROUND_TRIP, ids=lambda a: a.action)
def test_round_trip(action: Action) -> None:
    exported = to_json_action(action)
    valid_for_android_world(exported)
    assert from_json_action(exported) == action
    assert from_json_action(json.dumps(exported)) == action  # the JSON text form too


def test_export_shapes_match_android_world() -> None:
    assert to_json_action(Tap(index=3)) == {"action_type": "click", "index": 3}
    assert to_json_action(TypeText(text="hi", index=1, clear=True)) == \
        {"action_type": "input_text", "text": "hi", "clear_text": True, "index": 1}
    assert to_json_action(Press(key="back")) == {"action_type": "navigate_back"}
    assert to_json_action(Done(status="complete")) == {"action_type": "status", "goal_status": "complete"}
    assert to_json_action(OpenApp(app="Clock")) == {"action_type": "open_app", "app_name": "Clock"}
    assert to_json_action(TypeSecret(name="PIN")) == {"action_type": "input_text", "text": "<secret:PIN>"}


def test_indexes_become_pixels_of_our_targets(phone: VirtualPhone) -> None:
    view = perceive(VirtualDevice(phone).observe())
    settings = next(i for i, label in view.labels.items() if label == "Settings")
    x, y = view.targets[settings].bounds.center
    exported = to_json_action(Tap(index=settings), view.targets)
    assert exported == {"action_type": "click", "x": x, "y": y}
    assert from_json_action(exported) == Tap(x=x, y=y)
    assert to_json_action(Scroll(direction="down", index=0), view.targets) == \
        {"action_type": "scroll", "direction": "down"}
    with pytest.raises(JSONActionError, match="not among the targets"):
        to_json_action(Tap(index=999), view.targets)


def test_lossy_mappings_follow_android_world_semantics() -> None:
    # AndroidWorld's swipe is the inverse of scroll; its input_text presses Enter; its wait is 1 s.
    assert to_json_action(Swipe(x1=500, y1=2000, x2=500, y2=500)) == {"action_type": "swipe", "direction": "up"}
    assert from_json_action({"action_type": "swipe", "direction": "up"}) == Scroll(direction="down")
    assert from_json_action({"action_type": "input_text", "text": "a", "index": "2"}) == \
        TypeText(text="a", index=2, enter=True)
    assert from_json_action({"action_type": "wait"}) == Wait(seconds=1.0)
    assert to_json_action(Wait(seconds=5)) == {"action_type": "wait"}
    assert from_json_action({"action_type": "long_press", "x": 1, "y": 2, "text": None}) == LongPress(x=1, y=2)


@pytest.mark.parametrize(("data", "message"), [
    ({"action_type": "click", "index": 1, "x": 2, "y": 3}, "either an index or x and y"),
    ({"action_type": "fly"}, "invalid action type"),
    ({"action_type": "scroll", "direction": "sideways"}, "invalid direction"),
    ({"action_type": "click"}, "click needs an index or x and y"),
    ({"action_type": "open_app"}, "open_app needs app_name"),
    ({"action_type": "status", "goal_status": "maybe"}, "invalid status"),
    ({"action_type": "click", "index": 1, "bogus": 2}, "unknown JSONAction fields: bogus"),
    ({"action_type": "unknown"}, "no action to import"),
    ({"action_type": "unknown", "keycode": "APP_SWITCH"}, "invalid keycode"),
    ("{not json", "not JSON"),
    ("[1, 2]", "a JSONAction is a JSON object"),
])
def test_invalid_json_actions(data: dict[str, object] | str, message: str) -> None:
    with pytest.raises(JSONActionError, match=message):
        from_json_action(data)


def test_every_action_kind_is_covered() -> None:
    kinds = {a.action for a in ROUND_TRIP} | {"swipe"}
    union = TypeAdapter(Action).json_schema()
    assert kinds == set(union["discriminator"]["mapping"])
