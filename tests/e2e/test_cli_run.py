"""`droidpilot run` and `droidpilot replay` end to end, against a local OpenAI-compatible server that answers
like a model (or fails like a broken one), on virtual phones kept in temporary directories."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from droidpilot.cli.main import app
from droidpilot.emulator import open_device
from tests.agent.fake_openai_server import FakeOpenAIServer, Reply
from tests.agent.policies import (
    CONTACT_PLAN,
    WIFI_PLAN,
    by_role,
    contact_operator,
    section,
    sms_operator,
    wifi_completion,
    wifi_operator,
)

SUCCESS = {"outcome": "success", "reason": "ok"}
WIFI = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS, completion=wifi_completion)
ENV_VARS = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "DROIDPILOT_MODEL", "DROIDPILOT_BASE_URL", "DROIDPILOT_API_KEY_ENV",
            "DROIDPILOT_DEVICE")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean directory with no model configured anywhere, and a config that gives up on a dead server fast."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 1\n")
    return tmp_path


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def answering(responder: Any, delay_s: float = 0.0) -> Any:
    return lambda request: Reply.json(responder(request.text()), delay_s=delay_s)


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(app, list(args), input=input)


def run_args(server: FakeOpenAIServer, phone: Path, *extra: str) -> list[str]:
    return ["--device", f"virtual:{phone}", "--base-url", server.base_url, "--model", "m", "--out", "runs",
            "--config", "fast.toml", *extra]


def only_run(out: Path) -> Path:
    runs = [p for p in out.iterdir() if p.is_dir()]
    assert len(runs) == 1, runs
    return runs[0]


def shell(phone: Path, command: str) -> str:
    device = open_device(f"virtual:{phone}")
    try:
        return device.shell(command).output
    finally:
        device.close()


def test_run_reaches_the_goal_and_replay_repeats_it(workdir: Path, server: FakeOpenAIServer) -> None:
    server.responder = answering(WIFI)
    result = invoke("run", "Open Settings and turn Wi-Fi off", *run_args(server, workdir / "phone"),
                    "--confirm", "auto")

    assert result.exit_code == 0, result.output
    assert shell(workdir / "phone", "settings get global wifi_on").strip() == "0"
    run_dir = only_run(workdir / "runs")
    assert "complete: the Wi-Fi switch is off" in result.stdout and str(run_dir.name) in result.stdout
    saved = json.loads((run_dir / "result.json").read_text())
    assert saved["status"] == "complete" and saved["tokens"]["operator"]["calls"] >= 4
    assert all(r.path == "/v1/chat/completions" for r in server.chat_requests())

    replayed = invoke("replay", str(run_dir), "--device", f"virtual:{workdir / 'fresh'}")
    assert replayed.exit_code == 0, replayed.output
    assert "replayed 4 steps" in replayed.stdout
    assert shell(workdir / "fresh", "settings get global wifi_on").strip() == "0"

    lines = (run_dir / "trajectory.jsonl").read_text().splitlines()
    tampered = [json.loads(line) for line in lines]
    assert tampered[2]["target"]["label"].startswith("Internet")  # a row known by its children's texts
    tampered[2]["target"]["label"] = "Bluetooth"
    (run_dir / "trajectory.jsonl").write_text("\n".join(json.dumps(t) for t in tampered) + "\n")
    stopped = invoke("replay", str(run_dir), "--device", f"virtual:{workdir / 'other'}")
    assert stopped.exit_code == 1
    assert "step 3: target" in stopped.output and "not on the screen" in stopped.output


@pytest.mark.parametrize("failure", [Reply.error(500), Reply.hang(5), Reply.drop()], ids=["500", "hang", "drop"])
def test_a_failing_model_server_ends_the_run_cleanly(workdir: Path, server: FakeOpenAIServer, failure: Reply) -> None:
    served = []

    def responder(request: Any) -> Reply:
        served.append(request)
        return Reply.json(WIFI(request.text())) if len(served) <= 3 else failure

    server.responder = responder
    result = invoke("run", "Turn Wi-Fi off", *run_args(server, workdir / "phone"))

    assert result.exit_code == 3, result.output
    assert "model_unavailable" in result.stdout and "model unavailable" in result.stdout
    run_dir = only_run(workdir / "runs")
    saved = json.loads((run_dir / "result.json").read_text())
    assert saved["status"] == "model_unavailable" and saved["steps"] >= 2
    assert len((run_dir / "trajectory.jsonl").read_text().splitlines()) == 2
    assert "Traceback" not in result.output


def test_no_model_configured_exits_2_with_one_line(workdir: Path) -> None:
    result = invoke("run", "Turn Wi-Fi off", "--device", f"virtual:{workdir / 'phone'}")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no model configured")
    assert all(name in lines[0] for name in ("OpenAI", "vLLM", "Ollama", "--base-url"))
    assert not (workdir / "runs").exists()


@pytest.mark.parametrize("args", [["--secret", "NOEQUALS"], ["--secret", "PIN=env:NOT_SET_ANYWHERE"],
                                  ["--resume", "x"]], ids=["bad-spec", "missing-env", "goal-and-resume"])
def test_usage_errors_exit_2(workdir: Path, server: FakeOpenAIServer, args: list[str]) -> None:
    result = invoke("run", "Turn Wi-Fi off", *run_args(server, workdir / "phone"), *args)
    assert result.exit_code == 2 and result.output.startswith("error: ")


def test_confirm_ask_prompts_in_the_terminal(workdir: Path, server: FakeOpenAIServer) -> None:
    def operator(text: str) -> dict[str, Any]:
        if "not performed" in section(text, "Warnings"):
            return {"action": {"action": "done", "status": "infeasible", "message": "not allowed to send"}}
        return sms_operator("Maria Garcia", "Hello")(text)

    server.responder = answering(by_role(manager={"subgoals": [{"text": "Text Maria Garcia 'Hello'"}]},
                                         operator=operator, reflector=SUCCESS))
    result = invoke("run", "text Maria Garcia 'Hello'", *run_args(server, workdir / "phone"), input="n\n")

    assert result.exit_code == 1, result.output
    assert "wants to send" in result.output and "allow it?" in result.output
    assert "infeasible" in result.stdout
    assert "body=Hello" not in shell(workdir / "phone", "content query --uri content://sms")


def test_a_killed_run_resumes_from_its_checkpoint(workdir: Path, server: FakeOpenAIServer) -> None:
    server.responder = answering(by_role(manager=CONTACT_PLAN, operator=contact_operator, reflector=SUCCESS,
                                         completion={"complete": True, "reason": "done"}), delay_s=0.2)
    goal = "add contact Ada Lovelace +1 555 0199, then text her 'Hi Ada'"
    args = [sys.executable, "-m", "droidpilot", "run", goal, *run_args(server, workdir / "phone"), "--confirm", "auto"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    trajectory = _wait_for_steps(workdir / "runs", 3, process)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)

    assert process.returncode == 130, err
    run_dir = trajectory.parent
    assert json.loads((run_dir / "result.json").read_text())["status"] == "interrupted"
    assert f"--resume {run_dir.name}" in out
    done_before = len(trajectory.read_text().splitlines())
    assert 3 <= done_before < 12

    server.responder = answering(by_role(manager=CONTACT_PLAN, operator=contact_operator, reflector=SUCCESS,
                                         completion={"complete": True, "reason": "done"}))
    resumed = invoke("run", "--resume", run_dir.name, *run_args(server, workdir / "phone")[2:])
    assert resumed.exit_code == 0, resumed.output
    steps = [json.loads(line)["step"] for line in trajectory.read_text().splitlines()]
    assert sorted(set(steps)) == list(range(1, max(steps) + 1))
    assert "Ada Lovelace" in shell(workdir / "phone", "content query --uri content://contacts/phones")
    assert "body=Hi Ada" in shell(workdir / "phone", "content query --uri content://sms")


def _wait_for_steps(out: Path, count: int, process: subprocess.Popen[str], timeout: float = 40) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = list(out.glob("*/trajectory.jsonl"))
        if found and len(found[0].read_text().splitlines()) >= count:
            return found[0]
        if process.poll() is not None:
            raise AssertionError(f"the run ended early: {process.communicate()}")
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the run did not get going")
