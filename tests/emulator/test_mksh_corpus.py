"""A corpus of mksh scripts (tests/emulator/mksh_corpus/NAME.sh) run by the virtual phone's sh. Each expected
output (NAME.out, and NAME.status when not 0) was written from mksh's and toybox's documented behaviour, not
by running our shell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.emulator.virtual import VirtualPhone

CORPUS = Path(__file__).parent / "mksh_corpus"
SCRIPTS = sorted(CORPUS.glob("*.sh"))


@pytest.fixture(scope="module")
def phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as p:
        yield p


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_prints_what_mksh_prints(phone: VirtualPhone, script: Path) -> None:
    result = phone.shell(script.read_text())
    status_file = script.with_suffix(".status")
    expected_status = int(status_file.read_text()) if status_file.exists() else 0
    assert result.stderr.decode() == ""
    assert result.stdout.decode() == script.with_suffix(".out").read_text()
    assert result.exit_code == expected_status


def test_the_corpus_is_not_empty() -> None:
    assert len(SCRIPTS) >= 10
