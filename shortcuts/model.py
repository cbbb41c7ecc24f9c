"""The shortcut schema (DESIGN.md §4): a named, parameterized sequence of steps with preconditions.

Steps act on element locators (resource-id / text / content-desc / class), deep links or intents, never on raw
coordinates: MAS-Bench shows fixed-index replay succeeds 10% of the time, parameterized shortcuts with checked
preconditions are what pay off. Text fields of steps and conditions are templates with `{param}` placeholders;
`shortcuts.render` fills them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from droidpilot.shortcuts.template import check_template

NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
ParamType = Literal["str", "int", "phone", "date", "time", "datetime", "choice"]
StepAction = Literal["tap", "long_press", "type", "press", "scroll", "open_app", "open_uri", "start_intent", "wait"]
ExtraType = Literal["string", "int", "long", "bool"]
KEYS = ("back", "home", "enter", "recents", "delete", "tab", "search", "menu")
DEMOTE_AFTER = 2
"""Failed uses in a row after which a shortcut is demoted: no longer offered to the model until one works."""
SENSITIVE = ("", "send", "pay", "buy", "delete", "call", "install", "share")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Param(_Model):
    """One typed argument. `date` is YYYY-MM-DD, `time` HH:MM (24 h), `datetime` YYYY-MM-DD HH:MM."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    type: ParamType = "str"
    description: str = ""
    example: str = ""
    choices: list[str] | None = None
    minimum: int | None = Field(None, description="int only: the smallest allowed value")
    maximum: int | None = Field(None, description="int only: the largest allowed value")
    pattern: str | None = Field(None, description="str/phone only: a regular expression the value must match")
    default: str | None = Field(None, description="makes the argument optional (may then be empty)")

    @model_validator(mode="after")
    def _consistent(self) -> Param:
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice parameter needs a non-empty 'choices' list")
        if self.type != "choice" and self.choices:
            raise ValueError("'choices' is only for type choice")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"bad pattern: {exc}") from None
        return self


class Locator(_Model):
    """Which element: every given attribute must match (text and content-desc exactly, after templating);
    `index_among_matches` picks among several matches in document order."""

    resource_id: str | None = Field(None, description="'pkg:id/name', or just 'name'")
    text: str | None = None
    content_desc: str | None = None
    class_name: str | None = Field(None, description="'android.widget.Button', or just 'Button'")
    checked: bool | None = Field(None, description="a switch or check box: its state must be this")
    index_among_matches: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _not_empty(self) -> Locator:
        if not any((self.resource_id, self.text is not None, self.content_desc is not None, self.class_name)):
            raise ValueError("a locator needs at least one of resource_id, text, content_desc, class_name")
        return self

    def describe(self) -> str:
        parts = [f"{label}={value!r}" for label, value in (
            ("resource-id", self.resource_id), ("text", self.text), ("content-desc", self.content_desc),
            ("class", self.class_name)) if value is not None]
        if self.checked is not None:
            parts.append("on" if self.checked else "off")
        if self.index_among_matches:
            parts.append(f"#{self.index_among_matches}")
        return " ".join(parts)

    def templates(self) -> list[str]:
        return [t for t in (self.resource_id, self.text, self.content_desc, self.class_name) if t is not None]


class AppInForeground(_Model):
    kind: Literal["app_in_foreground"] = "app_in_foreground"
    package: str
    activity: str | None = Field(None, description="optional: the activity name must end with this")

    def describe(self) -> str:
        return f"{self.package}{'/' + self.activity if self.activity else ''} is in the foreground"


class ElementPresent(_Model):
    kind: Literal["element_present"] = "element_present"
    locator: Locator

    def describe(self) -> str:
        return f"element {self.locator.describe()} is on screen"


class ElementAbsent(_Model):
    kind: Literal["element_absent"] = "element_absent"
    locator: Locator

    def describe(self) -> str:
        return f"element {self.locator.describe()} is not on screen"


class SettingEquals(_Model):
    kind: Literal["setting_equals"] = "setting_equals"
    namespace: Literal["system", "secure", "global"]
    key: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    value: str

    def describe(self) -> str:
        return f"setting {self.namespace}/{self.key} is {self.value!r}"


Condition = Annotated[AppInForeground | ElementPresent | ElementAbsent | SettingEquals,
                      Field(discriminator="kind")]


def condition_templates(condition: AppInForeground | ElementPresent | ElementAbsent | SettingEquals) -> list[str]:
    if isinstance(condition, ElementPresent | ElementAbsent):
        return condition.locator.templates()
    if isinstance(condition, SettingEquals):
        return [condition.value]
    return []


class Extra(_Model):
    """One intent extra; `value` is a template, converted to `type` (`--es`, `--ei`, `--el`, `--ez`)."""

    value: str
    type: ExtraType = "string"


class IntentSpec(_Model):
    """What `am start` is given. `package` + `activity` make an explicit component (`-n`); a package alone
    restricts resolution (`-p`)."""

    action: str | None = None
    package: str | None = None
    activity: str | None = None
    data: str | None = Field(None, description="a URI template; placeholder values are URL-encoded")
    mime: str | None = None
    extras: dict[str, Extra] = Field(default_factory=dict)
    clear_task: bool = Field(False, description="start afresh: the app's task (an open search, a card) is "
                             "finished first (--activity-clear-task)")

    @field_validator("extras", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        """`{"name": "{first}"}` is shorthand for a string extra."""
        if isinstance(value, dict):
            return {k: {"value": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _something(self) -> IntentSpec:
        if self.activity and not self.package:
            raise ValueError("'activity' needs 'package'")
        if not (self.action or self.package or self.data):
            raise ValueError("an intent needs an action, a package or data")
        return self

    def describe(self) -> str:
        target = f"{self.package}/{self.activity}" if self.activity else self.package
        parts = [self.action or "", self.data or "", f"-> {target}" if target else ""]
        return " ".join(p for p in parts if p)


_NEEDS: dict[str, tuple[str, ...]] = {
    "tap": ("locator",), "long_press": ("locator",), "type": ("text",), "press": ("key",),
    "scroll": ("direction",), "open_app": ("package",), "open_uri": ("uri",), "start_intent": ("intent",),
    "wait": (),
}


class Step(_Model):
    """One action, then (optionally) the postcondition `expect` checked once the screen settles.

    A step that changes state (flips a switch, fills a field) says so with `requires`, the state read from the
    screen before it (the switch is on), and `idempotent`: when `expect` already holds before the step, its effect
    is in place and the step is skipped, so running the shortcut twice never undoes its own work."""

    action: StepAction
    locator: Locator | None = None
    text: str | None = Field(None, description="type: the text template")
    clear: bool = Field(False, description="type: empty the field first")
    uri: str | None = None
    intent: IntentSpec | None = None
    key: str | None = None
    package: str | None = Field(None, description="open_app: the package to launch")
    direction: Literal["up", "down", "left", "right"] | None = Field(None, description="scroll: content direction")
    seconds: float = Field(1.0, gt=0, le=30, description="wait: how long")
    expect: Condition | None = None
    requires: Condition | None = Field(None, description="state that must hold before the step (read from the "
                                       "screen): otherwise the step fails without acting")
    idempotent: bool = Field(False, description="skip the step when `expect` already holds before it")

    @model_validator(mode="after")
    def _fields_for_action(self) -> Step:
        missing = [f for f in _NEEDS[self.action] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.action} step needs {' and '.join(missing)}")
        if self.key is not None and self.key not in KEYS:
            raise ValueError(f"unknown key {self.key!r} (one of {', '.join(KEYS)})")
        if self.idempotent and self.expect is None:
            raise ValueError("an idempotent step needs 'expect' (the state that makes it unnecessary)")
        return self

    def templates(self) -> list[tuple[str, bool]]:
        """(template, is_uri) for every templated field of the step and its postcondition."""
        out: list[tuple[str, bool]] = [(t, False) for t in (self.locator.templates() if self.locator else [])]
        out += [(t, False) for t in (self.text,) if t is not None]
        out += [(t, True) for t in (self.uri,) if t is not None]
        if self.intent is not None:
            out += [(t, True) for t in (self.intent.data,) if t is not None]
            out += [(e.value, False) for e in self.intent.extras.values()]
        for condition in (self.expect, self.requires):
            if condition is not None:
                out += [(t, False) for t in condition_templates(condition)]
        return out

    def describe(self) -> str:
        detail = {
            "tap": lambda: self.locator.describe() if self.locator else "",
            "long_press": lambda: self.locator.describe() if self.locator else "",
            "type": lambda: f"{self.text!r}" + (f" into {self.locator.describe()}" if self.locator else ""),
            "press": lambda: self.key or "",
            "scroll": lambda: self.direction or "",
            "open_app": lambda: self.package or "",
            "open_uri": lambda: self.uri or "",
            "start_intent": lambda: self.intent.describe() if self.intent else "",
            "wait": lambda: f"{self.seconds:g}s",
        }[self.action]()
        return f"{self.action} {detail}".strip()


class Shortcut(_Model):
    """A reusable, parameterized sub-task. Counters are kept by the library and filled in when read."""

    name: str = Field(pattern=NAME_PATTERN)
    description: str = Field(min_length=1)
    app: str = Field(min_length=1, description="the package the shortcut works in")
    kind: Literal["gui", "deeplink", "intent"]
    params: list[Param] = Field(default_factory=list)
    preconditions: list[Condition] = Field(default_factory=list)
    goal: list[Condition] = Field(default_factory=list, description="the state the shortcut brings about: when "
                                  "it all holds before the start nothing is done ('already done'); checked after "
                                  "the last step")
    steps: list[Step] = Field(min_length=1)
    sensitive: str = Field("", description="send / pay / delete / ... when running it needs confirmation")
    created: datetime = Field(default_factory=lambda: datetime.now(UTC))
    source: Literal["builtin", "mined", "user"] = "user"
    usage_count: int = Field(0, ge=0)
    success_count: int = Field(0, ge=0)
    fail_streak: int = Field(0, ge=0, description="failed uses since the last success")

    @property
    def demoted(self) -> bool:
        """Failed twice in a row (or more): not offered to the model until a use succeeds again."""
        return self.fail_streak >= DEMOTE_AFTER

    @property
    def unverified(self) -> bool:
        """Mined where no replay could check it (a physical phone), and not yet used successfully."""
        return self.source == "mined" and self.success_count == 0

    @model_validator(mode="after")
    def _consistent(self) -> Shortcut:
        names = [p.name for p in self.params]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate parameter names: {', '.join(duplicates)}")
        if self.sensitive not in SENSITIVE:
            raise ValueError(f"sensitive must be one of {', '.join(repr(s) for s in SENSITIVE)}")
        types = {p.name: p.type for p in self.params}
        for where, template, _uri in self.templates():
            problem = check_template(template, types)
            if problem:
                raise ValueError(f"{where}: {problem}")
        return self

    def templates(self) -> list[tuple[str, str, bool]]:
        """(where, template, is_uri) for every templated field."""
        out = [(f"preconditions.{i}", t, False) for i, c in enumerate(self.preconditions)
               for t in condition_templates(c)]
        out += [(f"goal.{i}", t, False) for i, c in enumerate(self.goal) for t in condition_templates(c)]
        out += [(f"steps.{i}", t, uri) for i, s in enumerate(self.steps) for t, uri in s.templates()]
        return out

    def signature(self) -> str:
        """`send_sms(number: phone, message: str)`; optional arguments end in `?`."""
        args = ", ".join(f"{p.name}{'?' if p.default is not None else ''}: {p.type}" for p in self.params)
        return f"{self.name}({args})"
