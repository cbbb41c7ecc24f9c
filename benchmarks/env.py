"""`TaskEnv`: everything a benchmark task may do to a device, through the Device API only.

Tasks set up and check state here, never through the UI: reading SQLite files pulled from the device, settings,
content providers and files, as AndroidWorld's harness does. Setting up uses the virtual phone's `droidpilot`
shell command (snapshots, clock, the apps' seed API), which works in-process and over ADB alike.
"""

from __future__ import annotations

import json
import shlex
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from droidpilot.emulator.device import Device, DeviceError, Observation


class TaskEnvError(DeviceError):
    """A set-up or check step failed on the device (the episode is recorded as an error)."""


class TaskEnv:
    def __init__(self, device: Device) -> None:
        self.device = device

    # -- shell ------------------------------------------------------------------------------------------------
    def shell(self, cmd: str) -> str:
        result = self.device.shell(cmd)
        if result.exit_code != 0:
            raise TaskEnvError(f"`{cmd}` failed ({result.exit_code}): {result.stderr.decode(errors='replace').strip()}")
        return result.output

    def droidpilot(self, *args: str) -> str:
        return self.shell("droidpilot " + " ".join(shlex.quote(a) for a in args))

    # -- set-up -------------------------------------------------------------------------------------------------
    def seed(self, package: str, method: str, **kwargs: Any) -> Any:
        """Call an app's seed API (e.g. `seed("com.android.contacts", "insert_contact", first="Ada")`)."""
        out = self.droidpilot("seed", package, method, json.dumps(kwargs, default=str, ensure_ascii=False))
        return json.loads(out)

    def save_snapshot(self, name: str) -> None:
        self.droidpilot("snapshot", "save", name)

    def restore_snapshot(self, name: str) -> None:
        self.droidpilot("snapshot", "restore", name)

    def set_time(self, when: datetime, frozen: bool = True) -> None:
        self.droidpilot("clock", "set", str(int(when.timestamp() * 1000)))
        self.droidpilot("clock", "freeze" if frozen else "unfreeze")

    def now(self) -> datetime:
        return datetime.fromtimestamp(int(self.droidpilot("clock", "get")) / 1000, tz=UTC)

    def go_home(self) -> None:
        self.shell("input keyevent HOME")

    # -- checks -------------------------------------------------------------------------------------------------
    def query(self, package: str, database: str, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Rows of `sql` run on a fresh pull of the app's database (read-only, nothing written back)."""
        data = self.device.pull(f"/data/data/{package}/databases/{database}")
        with tempfile.TemporaryDirectory(prefix="droidpilot-db-") as tmp:
            path = Path(tmp) / database
            path.write_bytes(data)
            conn = sqlite3.connect(path)
            conn.row_factory = sqlite3.Row
            try:
                return [dict(row) for row in conn.execute(sql, params)]
            finally:
                conn.close()

    def setting(self, namespace: str, key: str) -> str | None:
        value = self.shell(f"settings get {shlex.quote(namespace)} {shlex.quote(key)}").strip()
        return None if value == "null" else value

    def read_file(self, path: str) -> bytes | None:
        try:
            return self.device.pull(path)
        except (FileNotFoundError, DeviceError):
            return None

    def list_dir(self, path: str) -> list[str]:
        result = self.device.shell(f"ls -1 {shlex.quote(path)}")
        return [line for line in result.output.splitlines() if line] if result.exit_code == 0 else []

    def current_app(self) -> tuple[str, str]:
        return self.device.current_app()

    def observe(self) -> Observation:
        return self.device.observe()
