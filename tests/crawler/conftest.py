from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice


@pytest.fixture
def device() -> Iterator[VirtualDevice]:
    dev = VirtualDevice(VirtualPhone())
    yield dev
    dev.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "crawl"
