"""Our actions <-> AndroidWorld's JSONAction (`android_world/env/json_action.py`), as compact dicts with None
fields dropped, so trajectories can be exported to and imported from AndroidWorld tooling.

Mapping notes (AndroidWorld semantics, research/benchmarks.md §1.6):
- AndroidWorld indexes its own `ui_elements` list, not our numbered targets; given `targets`, element indexes
  are exported as the element's centre pixels (AndroidWorld forbids index and x/y together).
- `input_text` taps the target, types, then presses Enter; we import it with `enter=True`. Our `enter=False`
  has no JSONAction form (exported as `input_text` all the same).
- `swipe` in AndroidWorld is a whole-screen fling in a direction, the inverse of `scroll`: our coordinate
  swipe exports as its direction, and an imported `swipe` becomes the equivalent `scroll`.
- `wait` is always 1 s and `long_press` has no duration there: our values are not exported.
- Actions with no JSONAction form (open_uri, shortcut, press recents / delete) export as `unknown`, which
  AndroidWorld skips, carrying what we need to import them back (`keycode`, or `text` prefixed `droidpilot:`).
- `type_secret` exports as `input_text` with the text `<secret:NAME>`: never the value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

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
from droidpilot.emulator.device import UIElement

ACTION_TYPES = ("click", "double_tap", "long_press", "input_text", "keyboard_enter", "navigate_home",
                "navigate_back", "scroll", "swipe", "open_app", "wait", "status", "answer", "unknown")
FIELDS = ("action_type", "index", "x", "y", "text", "direction", "goal_status", "app_name", "keycode", "clear_text")
PRESS_TYPES = {"back": "navigate_back", "home": "navigate_home", "enter": "keyboard_enter"}
KEYCODES = {"recents": "KEYCODE_APP_SWITCH", "delete": "KEYCODE_DEL"}
EXTENSION = "droidpilot:"
_SECRET = re.compile(r"<secret:([A-Za-z_][A-Za-z0-9_]*)>")
_INVERSE = {"up": "down", "down": "up", "left": "right", "right": "left"}
_ACTION: TypeAdapter[Action] = TypeAdapter(Action)


class JSONActionError(ValueError):
    """The dict is not a JSONAction we can import."""


def _target(action: Tap | LongPress | DoubleTap | TypeText | TypeSecret,
            targets: Mapping[int, UIElement] | None) -> dict[str, Any]:
    if action.index is None:
        return {"x": action.x, "y": action.y}
    if targets is None:
        return {"index": action.index}
    if action.index not in targets:
        raise JSONActionError(f"index {action.index} is not among the targets")
    x, y = targets[action.index].bounds.center
    return {"x": x, "y": y}


def _swipe_direction(action: Swipe) -> str:
    dx, dy = action.x2 - action.x1, action.y2 - action.y1
    if abs(dy) >= abs(dx):
        return "up" if dy < 0 else "down"
    return "left" if dx < 0 else "right"


def _extension(action: Action) -> dict[str, Any]:
    return {"action_type": "unknown", "text": EXTENSION + action.model_dump_json()}


def to_json_action(action: Action, targets: Mapping[int, UIElement] | None = None) -> dict[str, Any]:
    """The JSONAction dict for `action` (None fields dropped). Indexes become pixels when `targets` is given."""
    out: dict[str, Any]
    if isinstance(action, Tap | LongPress | DoubleTap):
        kind = {"tap": "click", "long_press": "long_press", "double_tap": "double_tap"}[action.action]
        out = {"action_type": kind, **_target(action, targets)}
    elif isinstance(action, TypeText):
        out = {"action_type": "input_text", "text": action.text, "clear_text": action.clear or None}
        out |= _target(action, targets) if action.index is not None or action.x is not None else {}
    elif isinstance(action, TypeSecret):
        out = {"action_type": "input_text", "text": f"<secret:{action.name}>"}
        out |= _target(action, targets) if action.index is not None or action.x is not None else {}
    elif isinstance(action, Scroll):
        keep_index = action.index is not None and targets is None  # our numbers mean nothing to AndroidWorld
        out = {"action_type": "scroll", "direction": action.direction, "index": action.index if keep_index else None}
    elif isinstance(action, Swipe):
        out = {"action_type": "swipe", "direction": _swipe_direction(action)}
    elif isinstance(action, Press):
        out = ({"action_type": PRESS_TYPES[action.key]} if action.key in PRESS_TYPES
               else {"action_type": "unknown", "keycode": KEYCODES[action.key]})
    elif isinstance(action, OpenApp):
        out = {"action_type": "open_app", "app_name": action.app}
    elif isinstance(action, Wait):
        out = {"action_type": "wait"}
    elif isinstance(action, Answer):
        out = {"action_type": "answer", "text": action.text}
    elif isinstance(action, Done):
        out = {"action_type": "status", "goal_status": action.status, "text": action.message or None}
    elif isinstance(action, OpenUri | ShortcutCall | AskUser):
        out = _extension(action)
    else:
        raise JSONActionError(f"cannot export {action!r}")
    return {k: v for k, v in out.items() if v is not None}


def _validated(data: Mapping[str, Any] | str) -> dict[str, Any]:
    """AndroidWorld's own checks (`JSONAction.__post_init__`), with our error messages."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise JSONActionError(f"not JSON: {exc}") from None
    if not isinstance(data, Mapping):
        raise JSONActionError("a JSONAction is a JSON object")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise JSONActionError(f"unknown JSONAction fields: {', '.join(unknown)}")
    d = {k: v for k, v in data.items() if v is not None}
    if d.get("action_type") not in ACTION_TYPES:
        raise JSONActionError(f"invalid action type: {d.get('action_type')!r}")
    if "index" in d:
        try:
            d["index"] = int(d["index"])
        except (TypeError, ValueError):
            raise JSONActionError(f"invalid index: {d['index']!r}") from None
        if "x" in d or "y" in d:
            raise JSONActionError("either an index or x and y, not both")
    if d.get("direction") not in (None, *_INVERSE):
        raise JSONActionError(f"invalid direction: {d['direction']!r}")
    if "keycode" in d and not str(d["keycode"]).startswith("KEYCODE_"):
        raise JSONActionError(f"invalid keycode: {d['keycode']!r}")
    return d


def _point(d: dict[str, Any]) -> dict[str, Any]:
    if "index" in d:
        return {"index": d["index"]}
    if "x" in d and "y" in d:
        return {"x": int(d["x"]), "y": int(d["y"])}
    return {}


def _need(d: dict[str, Any], key: str) -> Any:
    if d.get(key) in (None, ""):
        raise JSONActionError(f"{d['action_type']} needs {key}")
    return d[key]


def _import(d: dict[str, Any]) -> Action:
    kind = d["action_type"]
    if kind in ("click", "long_press", "double_tap"):
        point = _point(d)
        if not point:
            raise JSONActionError(f"{kind} needs an index or x and y")
        return {"click": Tap, "long_press": LongPress, "double_tap": DoubleTap}[kind](**point)
    if kind == "input_text":
        text = str(_need(d, "text"))
        secret = _SECRET.fullmatch(text)
        if secret:
            return TypeSecret(name=secret.group(1), **_point(d))
        return TypeText(text=text, clear=bool(d.get("clear_text")), enter=True, **_point(d))
    if kind in ("scroll", "swipe"):
        direction = _need(d, "direction")
        return Scroll(direction=direction if kind == "scroll" else _INVERSE[direction], index=d.get("index"))
    simple: dict[str, Action] = {"keyboard_enter": Press(key="enter"), "navigate_home": Press(key="home"),
                                 "navigate_back": Press(key="back"), "wait": Wait(seconds=1.0)}
    if kind in simple:
        return simple[kind]
    if kind == "open_app":
        return OpenApp(app=str(_need(d, "app_name")))
    if kind == "answer":
        return Answer(text=str(d.get("text", "")))
    if kind == "status":
        return Done(status=_need(d, "goal_status"), message=str(d.get("text", "")))
    return _import_unknown(d)


def _import_unknown(d: dict[str, Any]) -> Action:
    keys = {code: key for key, code in KEYCODES.items()}
    if d.get("keycode") in keys:
        return Press(key=keys[d["keycode"]])
    text = str(d.get("text", ""))
    if text.startswith(EXTENSION):
        return _ACTION.validate_json(text[len(EXTENSION):])
    raise JSONActionError("an 'unknown' JSONAction has no action to import")


def from_json_action(data: Mapping[str, Any] | str) -> Action:
    """The action a JSONAction dict (or its JSON text) describes; JSONActionError when it is not valid."""
    d = _validated(data)
    try:
        return _import(d)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise JSONActionError(f"invalid {d['action_type']}: {where}: {first['msg']}") from None
