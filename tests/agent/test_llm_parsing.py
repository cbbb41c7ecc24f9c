"""JSON extraction and repair of replies from servers that ignore the schema."""

from __future__ import annotations

import json
from typing import Literal

import pytest
from pydantic import BaseModel

from droidpilot.agent.llm.parsing import OutputError, extract_json, parse_structured, repair_json


class Tap(BaseModel):
    action: Literal["tap"]
    index: int
    note: str | None = None


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": 1}', {"a": 1}),
    ('```json\n{"a": 1}\n```', {"a": 1}),
    ('```\n{"a": [1, 2]}\n```\nThat is all.', {"a": [1, 2]}),
    ('Sure, here you go: {"a": "x"} Let me know!', {"a": "x"}),
    ('{"a": 1, "b": [1, 2,],}', {"a": 1, "b": [1, 2]}),
    ("{'a': 'it\\'s', 'b': \"q\"}", {"a": "it's", "b": "q"}),
    ('{"a": True, "b": False, "c": None}', {"a": True, "b": False, "c": None}),
    ('{"a": {"b": [1, {"c": 2', {"a": {"b": [1, {"c": 2}]}}),
    ('{"a": "cut off mid-str', {"a": "cut off mid-str"}),
    ('{"a": 1, "b":', {"a": 1, "b": None}),
    ('{action: "tap", index: 3}', {"action": "tap", "index": 3}),
    ('{"a": 1, // why\n "b": 2 /* more */}', {"a": 1, "b": 2}),
    ('<think>{"draft": 1}</think>\n{"a": 2}', {"a": 2}),
    ('I think {not json}; the answer is {"a": 3}', {"a": 3}),
    ('{"a": "line\nbreak", "u": "\\u00e9"}', {"a": "line\nbreak", "u": "é"}),
    ('```json\n{"a": [1, 2}\n```', {"a": [1, 2]}),
    ('```json\n{"a": 1', {"a": 1}),
    ("{'n': 1.5e-3, 'm': -2, 'k': 1.}", {"n": 0.0015, "m": -2, "k": 1.0}),
])
def test_extract_json_repairs(text, expected):
    assert extract_json(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "no json here", "{not json at all}"])
def test_extract_json_fails_cleanly(text):
    with pytest.raises(OutputError):
        extract_json(text)


def test_the_first_candidate_that_fits_the_schema_wins():
    text = 'For example {"action": "swipe"} would be wrong. My answer: {"action": "tap", "index": 2}'
    assert parse_structured(text, Tap) == Tap(action="tap", index=2)


def test_wrapped_answers_are_unwrapped():
    assert parse_structured('{"Tap": {"action": "tap", "index": 1}}', Tap).index == 1
    assert parse_structured('"{\\"action\\": \\"tap\\", \\"index\\": 5}"', Tap).index == 5


def test_validation_errors_are_short_and_name_the_field():
    with pytest.raises(OutputError) as caught:
        parse_structured('{"action": "tap", "index": "three"}', Tap)
    assert str(caught.value).startswith("index:")


def test_empty_and_prose_replies_say_so():
    with pytest.raises(OutputError, match="empty"):
        parse_structured("  ", Tap)
    with pytest.raises(OutputError, match="no JSON object"):
        parse_structured("I tapped it.", Tap)


def test_repair_json_keeps_valid_json_unchanged_in_meaning():
    text = '{"s": "a \\"quoted\\" word, and {braces}", "n": -1.5e3, "l": [true, false, null]}'
    assert json.loads(repair_json(text)) == json.loads(text)
