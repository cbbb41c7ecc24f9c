"""`droidpilot doctor` as a user runs it: with nothing configured, against a local OpenAI-compatible server that
answers (or rejects images, or the schema), a dead server, and a missing ADB server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer, RecordedRequest, Reply

MODEL_VARS = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "DROIDPILOT_MODEL", "DROIDPILOT_BASE_URL",
              "DROIDPILOT_API_KEY_ENV", "DROIDPILOT_DEVICE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Nothing configured: no model variables, no config file, no ADB server on the port adb would use."""
    clean = {k: v for k, v in os.environ.items() if k not in MODEL_VARS}
    clean.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
                 ANDROID_ADB_SERVER_PORT=str(free_port()), PATH=os.path.dirname(sys.executable))
    return clean


def doctor(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("droidpilot")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "droidpilot"]
    return subprocess.run([*cmd, "doctor", *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def line(output: str, name: str) -> str:
    return next(text for text in output.splitlines() if text[9:].startswith(name))


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def sees_red(request: RecordedRequest) -> Reply:
    assert request.image_urls(), "the probe must send a picture"
    return Reply.json({"colour": "red"})


def test_nothing_configured_names_each_missing_piece_and_its_fix(env: dict[str, str], tmp_path: Path) -> None:
    result = doctor(env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr  # nothing the (absent) flags need is broken
    out = result.stdout
    assert line(out, "adb").startswith("problem") and "fix: sudo apt install adb" in line(out, "adb")
    assert line(out, "ADB server").startswith("problem") and "'adb start-server'" in line(out, "ADB server")
    assert line(out, "virtual phone").startswith("ok") and "com.android.launcher3" in line(out, "virtual phone")
    assert line(out, "model").startswith("problem") and "fix: pass --model" in line(out, "model")
    assert line(out, "API key").startswith("problem") and "fix: export OPENAI_API_KEY" in line(out, "API key")
    assert all(text.split()[0] in ("ok", "problem", "skipped") for text in out.splitlines()[:-1])


def test_a_working_model_server_passes_the_image_and_schema_probe(env: dict[str, str], tmp_path: Path,
                                                                  server: FakeOpenAIServer) -> None:
    server.responder = sees_red
    result = doctor(env, tmp_path, "--model", "m", "--base-url", server.base_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert line(result.stdout, "model server").startswith("ok")
    probe = line(result.stdout, "images+schema")
    assert probe.startswith("ok") and "answered 'red'" in probe and "json_schema accepted" in probe
    sent = server.chat_requests()[0].body
    assert sent["response_format"]["type"] == "json_schema" and sent["model"] == "m"


def test_a_server_without_structured_outputs_is_a_problem_with_a_fix(env: dict[str, str], tmp_path: Path) -> None:
    with FakeOpenAIServer(reject_response_format=True) as server:
        server.responder = sees_red
        result = doctor(env, tmp_path, "--model", "m", "--base-url", server.base_url)
    probe = line(result.stdout, "images+schema")
    assert probe.startswith("problem") and "json_schema rejected" in probe and "fix: enable structured" in probe
    assert result.returncode == 0  # the agent still works, describing the schema in the prompt


def test_a_text_only_model_fails(env: dict[str, str], tmp_path: Path, server: FakeOpenAIServer) -> None:
    server.responder = lambda request: Reply.error(400, "image input is not supported by this model")
    result = doctor(env, tmp_path, "--model", "m", "--base-url", server.base_url)
    assert result.returncode == 1
    probe = line(result.stdout, "images+schema")
    assert probe.startswith("problem") and "rejects images" in probe and "fix: use a vision model" in probe
    assert "needed check(s) failed: images+schema" in result.stderr


def test_a_dead_model_server_and_a_wrong_key_fail(env: dict[str, str], tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"
    result = doctor(env, tmp_path, "--model", "m", "--base-url", dead)
    assert result.returncode == 1
    assert line(result.stdout, "model server").startswith("problem") and "correct --base-url" in result.stdout
    assert line(result.stdout, "images+schema").startswith("skipped")

    with FakeOpenAIServer(api_key="right") as server:
        wrong = doctor({**env, "OPENAI_API_KEY": "wrong"}, tmp_path, "--model", "m", "--base-url", server.base_url)
    assert wrong.returncode == 1
    refused = [text for text in wrong.stdout.splitlines() if "401" in text]
    assert refused and all(text.startswith("problem") and "fix: check $OPENAI_API_KEY" in text for text in refused)
    assert "wrong" not in wrong.stdout.replace("--", "")  # the key itself is never printed


def test_an_adb_device_needs_the_adb_server(env: dict[str, str], tmp_path: Path) -> None:
    result = doctor(env, tmp_path, "--device", "adb:emulator-5554")
    assert result.returncode == 1
    assert line(result.stdout, "ADB server").startswith("problem")
    assert line(result.stdout, "device").startswith("problem")
    assert "ADB server" in result.stderr


def test_a_served_phone_passes_every_device_check(env: dict[str, str], tmp_path: Path) -> None:
    from droidpilot.emulator.virtual.adb.server import AdbServer

    with AdbServer.virtual(devices=1, port=0) as served:
        served_env = {**env, "ANDROID_ADB_SERVER_PORT": str(served.port)}
        result = doctor(served_env, tmp_path, "--device", "adb:emulator-5554")
        listed = subprocess.run([*_cli(), "devices", "--json"], capture_output=True, text=True, timeout=60,
                                env=served_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert line(result.stdout, "ADB server").startswith("ok")
    assert line(result.stdout, "devices").startswith("ok") and "emulator-5554" in line(result.stdout, "devices")
    assert line(result.stdout, "device ").startswith("ok")
    assert [d["serial"] for d in json.loads(listed.stdout)] == ["emulator-5554"]


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("droidpilot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "droidpilot"]
