from __future__ import annotations

import pytest

from droidpilot.benchmarks.answers import check_answer


@pytest.mark.parametrize(("answer", "expected", "kind", "ok"), [
    ("Dentist appointment", "dentist appointment", "string", True),
    ("Dentist apointment", "Dentist appointment", "string", True),
    ("Dentist", "Dentist appointment", "string", False),
    ("Milk, Eggs", "milk,eggs", "string", True),
    ("Milk", "milk,eggs", "string", False),
    ("$42.50", "42.5", "number", True),
    ("42", "42.5", "number", False),
    ("October 15, 2026", "2026-10-15", "date", True),
    ("Oct 16 2026", "2026-10-15", "date", False),
    ("3:30 PM", "15:30", "time", True),
    ("15:31", "15:30", "time", False),
    ("", "anything", "string", False),
    (None, "anything", "string", False),
])
def test_androidworld_answer_matching(answer: str | None, expected: str, kind: str, ok: bool) -> None:
    assert check_answer(answer, expected, kind) is ok
