"""Binding arguments to a shortcut's typed parameters, and rendering its steps for one run.

Arguments come from a model or a user as strings (or Python values from code); each is checked against its
parameter's type before anything touches the device, and every problem is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, tzinfo
from typing import Any

from droidpilot.errors import UsageError
from droidpilot.shortcuts.model import (
    AppInForeground,
    ElementAbsent,
    ElementPresent,
    IntentSpec,
    Locator,
    Param,
    ParamType,
    SettingEquals,
    Shortcut,
    Step,
)
from droidpilot.shortcuts.template import Value, fields, render

ConditionT = AppInForeground | ElementPresent | ElementAbsent | SettingEquals
_INT = re.compile(r"[+-]?\d+")
_PHONE = re.compile(r"\+?[\d\s().\-]+")
_TIME_12H = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?", re.IGNORECASE)


class ArgumentError(UsageError, ValueError):
    """The arguments do not fit the shortcut's parameters; the message says which and how."""


def bind_args(shortcut: Shortcut, args: Mapping[str, Any]) -> dict[str, Value]:
    """Typed values for every parameter (defaults filled in); raises ArgumentError listing every problem."""
    known = {p.name for p in shortcut.params}
    problems = [f"unexpected argument '{name}'" for name in args if name not in known]
    values: dict[str, Value] = {}
    for param in shortcut.params:
        if param.name not in args and param.default is None:
            problems.append(f"missing argument '{param.name}'" + (f" (e.g. {param.example!r})" if param.example
                                                                   else ""))
            continue
        raw = args.get(param.name, param.default)
        try:
            values[param.name] = coerce(param, raw)
        except ValueError as exc:
            problems.append(f"argument '{param.name}' {exc}")
    if problems:
        raise ArgumentError(f"{shortcut.signature()}: {'; '.join(problems)}")
    return values


def coerce(param: Param, raw: Any) -> Value:
    """The typed value of one argument; ValueError says what was wrong (completing "argument 'x' ...")."""
    if isinstance(raw, bool) or raw is None or isinstance(raw, list | dict | tuple | set | bytes):
        raise ValueError(f"must be of type {param.type}, not {type(raw).__name__}")
    optional = param.default is not None
    if isinstance(raw, str) and "\x00" in raw:
        raise ValueError("contains a NUL character")
    value = _COERCERS[param.type](param, raw)
    if isinstance(value, str) and not value.strip() and not optional:
        raise ValueError("is empty")
    if isinstance(value, str) and value and param.pattern and not re.fullmatch(param.pattern, value):
        raise ValueError(f"{value!r} does not match {param.pattern!r}")
    return value


def _str(param: Param, raw: Any) -> str:
    return str(raw)


def _int(param: Param, raw: Any) -> int:
    text = str(raw).strip()
    if not isinstance(raw, int) and not _INT.fullmatch(text):
        raise ValueError(f"must be an integer, got {text!r}")
    value = int(raw) if isinstance(raw, int) else int(text)
    if param.minimum is not None and value < param.minimum:
        raise ValueError(f"must be at least {param.minimum}, got {value}")
    if param.maximum is not None and value > param.maximum:
        raise ValueError(f"must be at most {param.maximum}, got {value}")
    return value


def _phone(param: Param, raw: Any) -> str:
    text = str(raw).strip()
    if text and (not _PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 3):
        raise ValueError(f"must be a phone number (digits, spaces, + - ( ) .), got {text!r}")
    return text


def _date(param: Param, raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError(f"must be a date YYYY-MM-DD, got {raw!r}") from None


def _time(param: Param, raw: Any) -> time:
    if isinstance(raw, time):
        return raw
    text = str(raw).strip()
    match = _TIME_12H.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if match.group(3).lower() == "p" else 0), minute)
    try:
        return time.fromisoformat(text if len(text) != 4 else "0" + text)
    except ValueError:
        raise ValueError(f"must be a time HH:MM (24-hour) or like 7:30 pm, got {raw!r}") from None


def _datetime(param: Param, raw: Any) -> datetime:
    if isinstance(raw, datetime):
        return raw
    try:
        return datetime.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError(f"must be a date and time YYYY-MM-DD HH:MM, got {raw!r}") from None


def _choice(param: Param, raw: Any) -> str:
    text = str(raw).strip()
    choices = param.choices or []
    match = next((c for c in choices if c == text), None) or next(
        (c for c in choices if c.casefold() == text.casefold()), None)
    if match is None:
        raise ValueError(f"must be one of {', '.join(repr(c) for c in choices)}, got {text!r}")
    return match


_COERCERS: dict[ParamType, Callable[[Param, Any], Value]] = {
    "str": _str, "int": _int, "phone": _phone, "date": _date, "time": _time, "datetime": _datetime, "choice": _choice,
}


# -- rendering ------------------------------------------------------------------------------------------------

def render_locator(locator: Locator, values: dict[str, Value], tz: tzinfo) -> Locator:
    """Text and content-desc are matched exactly, so the rendered value is stripped ("{first} {last}" with an
    empty last name must still match "Alice")."""
    def fill(t: str | None) -> str | None:
        return None if t is None else render(t, values, tz).strip()
    return locator.model_copy(update={"resource_id": fill(locator.resource_id), "text": fill(locator.text),
                                      "content_desc": fill(locator.content_desc),
                                      "class_name": fill(locator.class_name)})


def render_condition(condition: ConditionT, values: dict[str, Value], tz: tzinfo) -> ConditionT:
    if isinstance(condition, ElementPresent | ElementAbsent):
        return condition.model_copy(update={"locator": render_locator(condition.locator, values, tz)})
    if isinstance(condition, SettingEquals):
        return condition.model_copy(update={"value": render(condition.value, values, tz)})
    return condition


def render_intent(intent: IntentSpec, values: dict[str, Value], tz: tzinfo) -> IntentSpec:
    extras = {k: e.model_copy(update={"value": render(e.value, values, tz)}) for k, e in intent.extras.items()}
    data = None if intent.data is None else render(intent.data, values, tz, uri=True)
    return intent.model_copy(update={"data": data, "extras": extras})


def render_step(step: Step, values: dict[str, Value], tz: tzinfo) -> Step:
    """A copy of `step` with every template filled (URIs percent-encoded)."""
    update: dict[str, Any] = {}
    if step.locator is not None:
        update["locator"] = render_locator(step.locator, values, tz)
    if step.text is not None:
        update["text"] = render(step.text, values, tz)
    if step.uri is not None:
        update["uri"] = render(step.uri, values, tz, uri=True)
    if step.intent is not None:
        update["intent"] = render_intent(step.intent, values, tz)
    if step.expect is not None:
        update["expect"] = render_condition(step.expect, values, tz)
    if step.requires is not None:
        update["requires"] = render_condition(step.requires, values, tz)
    return step.model_copy(update=update)


def needs_timezone(shortcut: Shortcut) -> bool:
    """True when a template turns a date into epoch milliseconds (so the device's zone matters)."""
    return any(spec == "ms" for _where, t, _uri in shortcut.templates() for _name, spec in fields(t))
