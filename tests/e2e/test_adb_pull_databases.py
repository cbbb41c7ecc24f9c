"""Every app's database can be pulled over ADB, as AndroidWorld-style checkers on a real emulator do."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import adbutils
import pytest

from droidpilot.emulator.adb_client import AdbClient
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.apps.registry import all_apps

DATABASE_APPS = [cls for cls in all_apps() if cls.DATABASE]


@pytest.fixture(scope="module")
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=1, port=0) as srv:
        yield srv


def test_the_shell_user_may_not_pull_app_data(server: AdbServer, tmp_path: Path) -> None:
    device = AdbClient("127.0.0.1", server.port).device("emulator-5554")
    _unroot(device)
    with pytest.raises(adbutils.AdbError, match="Permission denied"):
        device.sync.read_bytes("/data/data/com.android.contacts/databases/contacts2.db")
    assert "Permission denied" in device.shell("ls /data/data")
    assert device.root() == "restarting adbd as root\n" and device.shell("id -u") == "0"
    assert device.sync.read_bytes("/data/data/com.android.contacts/databases/contacts2.db")[:6] == b"SQLite"
    assert _unroot(device) == "restarting adbd as non root\n" and device.shell("whoami") == "shell"


def _unroot(device: adbutils.AdbDevice) -> str:
    with device.open_transport() as conn:
        conn.send_command("unroot:")
        conn.check_okay()
        return str(conn.read_until_close())


@pytest.mark.parametrize("app", DATABASE_APPS, ids=lambda cls: cls.PACKAGE)
def test_database_pulls_as_a_valid_sqlite_file(server: AdbServer, app: type, tmp_path: Path) -> None:
    device = AdbClient("127.0.0.1", server.port).device("emulator-5554")
    device.root()  # app databases are private: AndroidWorld reads them as root on a userdebug emulator
    target = tmp_path / app.DATABASE
    device.sync.pull(f"/data/data/{app.PACKAGE}/{app.DATABASE_DIR}/{app.DATABASE}", target)
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
