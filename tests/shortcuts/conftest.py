"""One virtual phone per test module, restored from a snapshot before each test (milliseconds, not a boot)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.emulator.virtual import VirtualPhone


@pytest.fixture(scope="module")
def booted_phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as phone:
        phone.snapshot("fresh")
        yield phone


@pytest.fixture
def phone(booted_phone: VirtualPhone) -> VirtualPhone:
    booted_phone.restore("fresh")
    return booted_phone
