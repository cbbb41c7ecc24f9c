from __future__ import annotations

from collections.abc import Iterator

import pytest

from emulator.virtual import VirtualPhone


@pytest.fixture
def phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as p:
        yield p
