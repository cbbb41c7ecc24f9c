"""`droidpilot run` without --device uses the user's own virtual phone, kept under the data dir, so the phone
(and --resume) outlive the command; `--device virtual` still gives a throwaway phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from droidpilot.agent.trajectory import read_meta
from droidpilot.cli.main import app
from droidpilot.emulator import open_device
from tests.agent.fake_openai_server import FakeOpenAIServer, Reply
from tests.agent.policies import WIFI_PLAN, by_role, wifi_completion, wifi_operator

WIFI = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector={"outcome": "success", "reason": "ok"},
               completion=wifi_completion)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for var in ("DROIDPILOT_DEVICE", "DROIDPILOT_MODEL", "DROIDPILOT_BASE_URL", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 5\n")
    yield tmp_path


def run(server: FakeOpenAIServer, *extra: str) -> Any:
    return CliRunner().invoke(app, ["run", "Open Settings and turn Wi-Fi off", "--base-url", server.base_url,
                                    "--model", "m", "--config", "fast.toml", "--no-memory", "--confirm", "auto",
                                    *extra])


def test_default_device_is_the_persistent_phone(home: Path) -> None:
    with FakeOpenAIServer() as server:
        server.responder = lambda request: Reply.json(WIFI(request.text()))
        result = run(server)
    assert result.exit_code == 0, result.output
    phone = home / "data" / "droidpilot" / "phone"
    run_dir = next((home / "runs").iterdir())
    meta = read_meta(run_dir)
    assert meta is not None and meta.device == f"virtual:{phone}"
    device = open_device(f"virtual:{phone}")
    try:
        assert device.shell("settings get global wifi_on").output.strip() == "0"
    finally:
        device.close()


def test_device_virtual_is_still_throwaway(home: Path) -> None:
    with FakeOpenAIServer() as server:
        server.responder = lambda request: Reply.json(WIFI(request.text()))
        result = run(server, "--device", "virtual")
    assert result.exit_code == 0, result.output
    assert not (home / "data" / "droidpilot" / "phone").exists()
    meta = read_meta(next((home / "runs").iterdir()))
    assert meta is not None and meta.device == "virtual"
