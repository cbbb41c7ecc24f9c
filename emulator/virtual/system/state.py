"""Everything the system server remembers between frames, as one serialisable model.

It is written to `DATA_DIR/system_state.json` so a `virtual:PATH` phone opens on the screen it was left on, and
it is part of every snapshot.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from droidpilot.emulator.virtual.apps.base import Intent, Notification


class ActivityRecord(BaseModel):
    token: int
    package: str
    activity: str = Field(description="fully qualified class name")
    intent: Intent = Field(default_factory=Intent)
    state: dict[str, Any] = Field(default_factory=dict)
    scroll: dict[str, int] = Field(default_factory=dict)
    focus: str | None = None
    text_menu: bool = False
    """The floating Cut / Copy / Paste toolbar is shown over the focused field."""
    text_selected: bool = False
    """The focused field's whole text is selected: typing or pasting replaces it."""


class TaskRecord(BaseModel):
    id: int
    package: str
    activities: list[ActivityRecord]

    @property
    def top(self) -> ActivityRecord:
        return self.activities[-1]


class Toast(BaseModel):
    text: str
    until_ms: int


class SystemState(BaseModel):
    clock_ms: int
    clock_frozen: bool = False
    clock_elapsed_ms: int = 0
    tasks: list[TaskRecord] = Field(default_factory=list, description="front task first")
    keyboard_shown: bool = False
    overlay: Literal["shade", "recents"] | None = None
    clipboard: str = ""
    notifications: list[Notification] = Field(default_factory=list)
    toast: Toast | None = None
    next_id: int = 1
    pids: dict[str, int] = Field(default_factory=dict, description="running apps and their process ids")
