"""The schema, argument binding and template rendering: no device needed."""

from __future__ import annotations

import shlex
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from droidpilot.shortcuts.am import IntentError, start_command, view_command
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS, builtin
from droidpilot.shortcuts.model import IntentSpec, Locator, Param, Shortcut, Step
from droidpilot.shortcuts.render import ArgumentError, bind_args, render_step
from droidpilot.shortcuts.template import render

HOSTILE = "'; reboot; $(id) \"quotes\" `uname` Zoë 北京 a+b&c=d#x%20"


def make(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "greet", "description": "say hi", "app": "com.android.messaging", "kind": "gui",
        "params": [{"name": "who", "type": "str"}],
        "steps": [{"action": "type", "text": "hi {who}", "locator": {"resource_id": "compose_message_text"}}],
    }
    return {**base, **overrides}


def test_a_valid_shortcut_round_trips_through_json() -> None:
    shortcut = Shortcut.model_validate(make())
    again = Shortcut.model_validate_json(shortcut.model_dump_json())
    assert again == shortcut
    assert again.signature() == "greet(who: str)"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"name": "SendSMS"}, "name"),
    ({"kind": "macro"}, "kind"),
    ({"steps": []}, "steps"),
    ({"steps": [{"action": "tap"}]}, "a tap step needs locator"),
    ({"steps": [{"action": "tap", "locator": {}}]}, "a locator needs at least one of"),
    ({"steps": [{"action": "press", "key": "volume"}]}, "unknown key"),
    ({"steps": [{"action": "open_uri", "uri": "smsto:{nobody}"}]}, "placeholder {nobody}"),
    ({"steps": [{"action": "type", "text": "{who.__class__}"}]}, "bad placeholder"),
    ({"steps": [{"action": "type", "text": "{who!r}"}]}, "bad placeholder"),
    ({"steps": [{"action": "type", "text": "{who"}]}, "bad template"),
    ({"steps": [{"action": "type", "text": "{who:ms}"}]}, "does not apply to a str"),
    ({"params": [{"name": "who"}, {"name": "who"}]}, "duplicate parameter"),
    ({"params": [{"name": "who", "type": "choice"}]}, "choices"),
    ({"params": [{"name": "who", "pattern": "("}]}, "bad pattern"),
    ({"sensitive": "explode"}, "sensitive"),
    ({"steps": [{"action": "start_intent", "intent": {"activity": ".Main"}}]}, "'activity' needs 'package'"),
    ({"preconditions": [{"kind": "element_present", "locator": {"text": "{ghost}"}}]}, "preconditions.0"),
    ({"color": "red"}, "color"),
])
def test_invalid_shortcuts_are_rejected_with_the_reason(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Shortcut.model_validate(make(**overrides))
    assert message in str(info.value)


def test_builtins_are_valid_and_uniquely_named() -> None:
    names = [s.name for s in BUILTIN_SHORTCUTS]
    assert len(names) == len(set(names)) >= 14
    assert all(s.source == "builtin" and s.steps for s in BUILTIN_SHORTCUTS)
    assert {s.kind for s in BUILTIN_SHORTCUTS} == {"gui", "deeplink", "intent"}


# -- arguments ---------------------------------------------------------------------------------------------------

def test_bind_args_reports_missing_extra_and_badly_typed_arguments_together() -> None:
    alarm = builtin("create_alarm")
    assert alarm is not None
    with pytest.raises(ArgumentError) as info:
        bind_args(alarm, {"hour": "25", "minutes": "3"})
    text = str(info.value)
    assert text.startswith("create_alarm(hour: int, minute: int, label?: str)")
    assert "argument 'hour' must be at most 23, got 25" in text
    assert "missing argument 'minute'" in text
    assert "unexpected argument 'minutes'" in text


@pytest.mark.parametrize(("kind", "raw", "expected"), [
    ("int", "42", 42), ("int", 7, 7), ("phone", " +1 (555) 010-0 ", "+1 (555) 010-0"),
    ("date", "2026-10-20", date(2026, 10, 20)), ("time", "7:30 pm", time(19, 30)), ("time", "07:05", time(7, 5)),
    ("time", "9:05", time(9, 5)), ("datetime", "2026-10-20 09:15", datetime(2026, 10, 20, 9, 15)),
    ("str", HOSTILE, HOSTILE),
])
def test_arguments_are_coerced_to_their_types(kind: str, raw: object, expected: object) -> None:
    shortcut = Shortcut.model_validate(make(params=[{"name": "x", "type": kind}],
                                            steps=[{"action": "wait", "seconds": 0.1}]))
    assert bind_args(shortcut, {"x": raw}) == {"x": expected}


@pytest.mark.parametrize(("kind", "raw", "message"), [
    ("int", "seven", "must be an integer"), ("int", True, "must be of type int, not bool"),
    ("phone", "call me", "phone number"),
    ("date", "20/10/2026", "YYYY-MM-DD"), ("time", "25:00", "HH:MM"), ("datetime", "tomorrow", "YYYY-MM-DD HH:MM"),
    ("str", "", "is empty"), ("str", "a\x00b", "NUL"),
])
def test_bad_values_are_refused(kind: str, raw: object, message: str) -> None:
    shortcut = Shortcut.model_validate(make(params=[{"name": "x", "type": kind}],
                                            steps=[{"action": "wait", "seconds": 0.1}]))
    with pytest.raises(ArgumentError, match=message):
        bind_args(shortcut, {"x": raw})


def test_choices_defaults_and_patterns() -> None:
    params = [Param(name="mode", type="choice", choices=["On", "Off"]), Param(name="note", default=""),
              Param(name="first", pattern=r"\S+")]
    shortcut = Shortcut(name="x", description="d", app="a", kind="gui", params=params,
                        steps=[Step(action="wait", seconds=0.1)])
    assert bind_args(shortcut, {"mode": "off", "first": "Ann"}) == {"mode": "Off", "note": "", "first": "Ann"}
    with pytest.raises(ArgumentError, match="must be one of 'On', 'Off'"):
        bind_args(shortcut, {"mode": "maybe", "first": "Ann"})
    with pytest.raises(ArgumentError, match="does not match"):
        bind_args(shortcut, {"mode": "On", "first": "Mary Ann"})


# -- rendering ---------------------------------------------------------------------------------------------------

def test_uri_values_are_percent_encoded_and_text_stays_literal() -> None:
    sms = builtin("send_sms")
    assert sms is not None
    values = bind_args(sms, {"number": "+1 555-0100", "message": HOSTILE})
    opened, tap = (render_step(s, values, UTC) for s in sms.steps)
    assert opened.uri is not None and opened.uri.startswith("smsto:%2B1%20555-0100?body=")
    assert not set(opened.uri.partition("?body=")[2]) & set("'; $()`\"&#+ ")
    assert opened.expect is not None and opened.expect.locator.text == HOSTILE  # type: ignore[union-attr]
    assert tap.expect.locator.text == HOSTILE  # type: ignore[union-attr]


def test_path_format_keeps_slashes_and_ms_uses_the_time_zone() -> None:
    values = {"path": "/sdcard/DCIM/My pic.jpg", "at": datetime(2026, 10, 20, 9, 0), "day": date(2026, 10, 20)}
    assert render("file://{path:path}", values, UTC, uri=True) == "file:///sdcard/DCIM/My%20pic.jpg"
    assert render("{path:name}", values, UTC) == "My pic.jpg"
    assert render("{at:ms}", values, UTC) == str(int(datetime(2026, 10, 20, 9, tzinfo=UTC).timestamp() * 1000))
    plus_two = timezone(timedelta(hours=2))
    assert int(render("{at:ms}", values, plus_two)) == int(render("{at:ms}", values, UTC)) - 2 * 3600 * 1000
    assert render("{day:ms}|{at:hour}:{at:minute}|{{literal}}", values, UTC).endswith("|9:0|{literal}")


def test_am_command_lines_quote_every_piece() -> None:
    intent = IntentSpec.model_validate({"action": "android.intent.action.INSERT", "data": "content://x/y",
                                        "package": "com.example", "activity": ".Editor",
                                        "extras": {"name": HOSTILE, "n": {"value": "12", "type": "int"},
                                                   "skip": {"value": "True", "type": "bool"}}})
    line = start_command(intent)
    assert shlex.split(line) == ["am", "start", "-a", "android.intent.action.INSERT", "-d", "content://x/y",
                                 "-n", "com.example/.Editor", "--es", "name", HOSTILE, "--ei", "n", "12",
                                 "--ez", "skip", "true"]
    assert shlex.split(view_command(HOSTILE)) == ["am", "start", "-a", "android.intent.action.VIEW", "-d", HOSTILE]
    with pytest.raises(IntentError, match="must be an integer"):
        start_command(intent.model_copy(update={"extras": {"n": intent.extras["n"].model_copy(
            update={"value": "1; reboot"})}}))


def test_locator_description_names_every_attribute() -> None:
    locator = Locator(resource_id="android:id/button1", text="OK", index_among_matches=1)
    assert locator.describe() == "resource-id='android:id/button1' text='OK' #1"
