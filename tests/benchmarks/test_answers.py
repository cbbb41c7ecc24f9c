from __future__ import annotations

import pytest

from droidpilot.benchmarks.answers import check_answer


@pytest.mark.parametrize(("answer", "expected", "kind", "ok"), [
    ("Dentist appointment", "dentist appointment", "string", True),
    ("  dentist   appointment. ", "Dentist appointment", "string", True),
    ("Dentist apointment", "Dentist appointment", "string", False),  # identifiers: no fuzzy near misses
    ("Danielle", "Daniel", "string", False),
    ("ada.lovelace@gmail.co", "ada.lovelace@gmail.com", "string", False),
    ("Ada.Lovelace@Gmail.com", "ada.lovelace@gmail.com", "string", True),
    ("Dentist apointment at the clinic", "Dentist appointment at the clinic", "prose", True),
    ("Mix 3 cups flour with the butter", "Mix 2 cups flour with the butter", "prose", False),
    ("Bake for 90 minutes", "Bake for 60 minutes", "prose", False),
    ("(415) 555-0142", "+1 415-555-0142", "phone", True),
    ("415-555-0143", "+1 415-555-0142", "phone", False),
    ("0 1 2 3 4 5 6 7 8 9 10 11 12", "7", "number", False),
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
