"""The action space (DESIGN.md §3): a compact discriminated union the operator answers in.

Targets are indexes into the element list the model was shown, or pixels. Every action maps 1:1 to
AndroidWorld's JSONAction (see `agent/android_world.py`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Targeted(_Action):
    index: int | None = Field(None, description="index of the element in the list, preferred over pixels")
    x: int | None = Field(None, description="pixel x, only when no element fits")
    y: int | None = Field(None, description="pixel y, only when no element fits")


class Tap(_Targeted):
    action: Literal["tap"] = "tap"


class LongPress(_Targeted):
    action: Literal["long_press"] = "long_press"
    ms: int = Field(1000, ge=400, le=5000)


class DoubleTap(_Targeted):
    action: Literal["double_tap"] = "double_tap"


class TypeText(_Targeted):
    """Type into the element (focusing it first), or into the focused field when no target is given."""

    action: Literal["type"] = "type"
    text: str
    clear: bool = Field(False, description="replace what the field holds instead of appending")
    enter: bool = Field(False, description="press Enter afterwards (search, send)")


class TypeSecret(_Targeted):
    """Type a secret the user configured (`--secret NAME=env:VAR`); the model only ever sees its name."""

    action: Literal["type_secret"] = "type_secret"
    name: str


class Swipe(_Action):
    action: Literal["swipe"] = "swipe"
    x1: int
    y1: int
    x2: int
    y2: int
    ms: int = Field(300, ge=50, le=5000)


class Scroll(_Action):
    """Scroll content (not the finger): `down` shows what is below."""

    action: Literal["scroll"] = "scroll"
    direction: Literal["up", "down", "left", "right"]
    index: int | None = Field(None, description="the scrollable element; the whole screen if omitted")


class Press(_Action):
    action: Literal["press"] = "press"
    key: Literal["back", "home", "enter", "recents", "delete"]


class OpenApp(_Action):
    action: Literal["open_app"] = "open_app"
    app: str = Field(description="the app's name as the launcher shows it, or its package")


class OpenUri(_Action):
    action: Literal["open_uri"] = "open_uri"
    uri: str


class Wait(_Action):
    action: Literal["wait"] = "wait"
    seconds: float = Field(1.0, gt=0, le=30)


class ShortcutCall(_Action):
    action: Literal["shortcut"] = "shortcut"
    name: str
    args: dict[str, str] = Field(default_factory=dict)


class Answer(_Action):
    """Report the answer to a question the goal asked (does not end the run by itself)."""

    action: Literal["answer"] = "answer"
    text: str


class AskUser(_Action):
    """Ask the user for what only they can give: a login, a one-time code, a choice between equally valid
    options. In a terminal the run waits for the answer; otherwise it ends as `needs_user` until resumed with one."""

    action: Literal["ask_user"] = "ask_user"
    question: str = Field(min_length=1)


class Done(_Action):
    action: Literal["done"] = "done"
    status: Literal["complete", "infeasible"] = "complete"
    message: str = ""


Action = Annotated[
    Tap | LongPress | DoubleTap | TypeText | TypeSecret | Swipe | Scroll | Press | OpenApp | OpenUri | Wait
    | ShortcutCall | Answer | AskUser | Done,
    Field(discriminator="action"),
]
ACTION_NAMES = ("tap", "long_press", "double_tap", "type", "type_secret", "swipe", "scroll", "press", "open_app",
                "open_uri", "wait", "shortcut", "answer", "ask_user", "done")
TERMINAL = ("done",)


class ActionOutcome(BaseModel):
    """What executing an action did, as far as the executor can tell without the model."""

    ok: bool
    error: str = ""
    detail: str = ""
    target: str = Field("", description="a short description of the element acted on")
    sensitive: str = Field("", description="send / pay / buy / delete / call / install / share, when gated")
