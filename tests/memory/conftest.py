from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.memory import MemoryStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[MemoryStore]:
    with MemoryStore(tmp_path / "memory.sqlite") as s:
        yield s
