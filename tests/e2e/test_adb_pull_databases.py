"""Every app's database can be pulled over ADB, as AndroidWorld-style checkers on a real emulator do."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.emulator.adb_client import AdbClient
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.apps.registry import all_apps

DATABASE_APPS = [cls for cls in all_apps() if cls.DATABASE]


@pytest.fixture(scope="module")
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=1, port=0) as srv:
        yield srv


@pytest.mark.parametrize("app", DATABASE_APPS, ids=lambda cls: cls.PACKAGE)
def test_database_pulls_as_a_valid_sqlite_file(server: AdbServer, app: type, tmp_path: Path) -> None:
    device = AdbClient("127.0.0.1", server.port).device("emulator-5554")
    target = tmp_path / app.DATABASE
    device.sync.pull(f"/data/data/{app.PACKAGE}/databases/{app.DATABASE}", target)
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
