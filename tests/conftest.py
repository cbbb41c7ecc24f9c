from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from droidpilot.emulator.virtual import VirtualPhone


@pytest.fixture
def phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as p:
        yield p


@pytest.fixture(scope="session", autouse=True)
def no_real_adb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """adbutils starts a real `adb` server when it finds none; point it at a no-op so no test ever does."""
    stub = tmp_path_factory.mktemp("bin") / "adb"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    old = os.environ.get("ADBUTILS_ADB_PATH")
    os.environ["ADBUTILS_ADB_PATH"] = str(stub)
    yield
    if old is None:
        os.environ.pop("ADBUTILS_ADB_PATH", None)
    else:
        os.environ["ADBUTILS_ADB_PATH"] = old


@pytest.fixture(scope="session", autouse=True)
def isolated_user_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The CLI keeps memory and shortcuts under the user's data dir; tests must never touch the real one."""
    saved = {key: os.environ.get(key) for key in ("XDG_DATA_HOME", "DROIDPILOT_MEMORY", "DROIDPILOT_SHORTCUTS")}
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    os.environ.pop("DROIDPILOT_MEMORY", None)
    os.environ.pop("DROIDPILOT_SHORTCUTS", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
