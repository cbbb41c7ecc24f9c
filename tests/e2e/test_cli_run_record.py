"""`droidpilot run` flags for real models, end to end through the CLI on the virtual phone against a local
OpenAI-compatible server: `--vision off` (text-only), `--coords normalized`, and the record every run leaves:
calls.jsonl with every call, its images as files, and no secret or API key anywhere in the run directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer
from tests.agent.policies import (
    WIFI_PLAN,
    act,
    app,
    by_role,
    find,
    line_of,
    subgoal,
    tap,
    typing,
    wifi_completion,
    wifi_operator,
)
from tests.e2e.test_cli_run import ENV_VARS, answering, invoke, only_run, run_args, shell

SUCCESS = {"outcome": "success", "reason": "ok"}
WIFI = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS, completion=wifi_completion)
SECRET_MARKER = "Zq7-SECRET-MARKER-93"
KEY_MARKER = "sk-KEYMARKER-4815162342"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 1\n")
    return tmp_path


@pytest.fixture
def server() -> Any:
    with FakeOpenAIServer() as fake:
        yield fake


def test_vision_off_sends_no_image_and_still_reaches_the_goal(workdir: Path, server: FakeOpenAIServer) -> None:
    server.responder = answering(WIFI)
    result = invoke("run", "Turn off Wi-Fi", *run_args(server, workdir / "phone"), "--vision", "off", "--no-memory")

    assert result.exit_code == 0, result.output
    assert shell(workdir / "phone", "settings get global wifi_on").strip() == "0"
    assert server.chat_requests() and not any(r.image_urls() for r in server.chat_requests())
    operator = next(r.text() for r in server.chat_requests() if "# Role: operator" in r.text())
    assert "No screenshot is attached" in operator and "1080 x 2400" in operator
    calls = [json.loads(line) for line in (only_run(workdir / "runs") / "calls.jsonl").read_text().splitlines()]
    assert calls and not any(c["vision"] for c in calls)


def test_coords_normalized_is_stated_in_the_prompt(workdir: Path, server: FakeOpenAIServer) -> None:
    server.responder = answering(WIFI)
    result = invoke("run", "Turn off Wi-Fi", *run_args(server, workdir / "phone"), "--coords", "normalized",
                    "--no-memory")

    assert result.exit_code == 0, result.output
    operator = next(r.text() for r in server.chat_requests() if "# Role: operator" in r.text())
    assert "normalized to 0-1000" in operator and "1080 x 2400" in operator
    meta = json.loads((only_run(workdir / "runs") / "run.json").read_text())
    assert meta["settings"]["modes"]["operator"] == {"vision": "auto", "coords": "normalized"}


def secret_contact_operator(text: str) -> dict[str, Any]:
    if "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "saved"}, "finished")
    if app(text) != "com.android.contacts":
        return act({"action": "open_app", "app": "Contacts"}, "open Contacts")
    if find(text, '"Save"') is None:
        return tap(find(text, "Create contact"), "new contact")
    first = find(text, '"First name"', "EditText")
    if first is not None and "(hint)" in line_of(text, first):
        return act({"action": "type_secret", "name": "PIN", "index": first}, "type the first name")
    last = find(text, '"Last name"', "EditText")
    if last is not None and "(hint)" in line_of(text, last):
        return typing(last, "Lovelace", "type the last name")
    return tap(find(text, '"Save"'), "save the contact", done=True)


def test_calls_jsonl_holds_every_call_and_no_secret(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIN_VALUE", SECRET_MARKER)
    monkeypatch.setenv("MARKER_KEY", KEY_MARKER)
    responder = by_role(manager={"subgoals": [{"text": "Create the contact in Contacts"}]},
                        operator=secret_contact_operator, reflector=SUCCESS,
                        completion={"complete": True, "evidence": "the contact editor closed after Save"})
    with FakeOpenAIServer(api_key=KEY_MARKER) as server:
        server.responder = answering(responder)
        result = invoke("run", "Create a contact with my PIN as first name and Lovelace as last name",
                        *run_args(server, workdir / "phone"), "--api-key-env", "MARKER_KEY", "--no-memory",
                        "--secret", "PIN=env:PIN_VALUE", "--confirm", "auto")
        requests = server.chat_requests()

    assert result.exit_code == 0, result.output
    assert requests[0].headers["authorization"] == f"Bearer {KEY_MARKER}"  # the key was really used
    assert f"{SECRET_MARKER} Lovelace" in shell(workdir / "phone", "content query --uri content://contacts/people")
    run_dir = only_run(workdir / "runs")
    calls = [json.loads(line) for line in (run_dir / "calls.jsonl").read_text().splitlines()]
    assert sum(len(c["replies"]) for c in calls) == len(requests)
    assert {c["role"] for c in calls} >= {"manager", "operator", "completion"}
    for call in calls:
        assert call["model"] == "m" and call["server"].startswith("http://127.0.0.1:")
        assert call["parsed"] is not None and call["prompt_tokens"] == 100 and call["latency_ms"] > 0
        images = [name for m in call["messages"] for name in m.get("images", [])]
        assert call["vision"] == bool(images) and all((run_dir / name).is_file() for name in images)
    assert any("<secret:PIN>" in m["text"] for c in calls for m in c["messages"])
    text = (run_dir / "calls.jsonl").read_text()
    assert "base64" not in text and "data:image" not in text
    assert invoke("show", str(run_dir)).exit_code == 0  # the page shows prompts and replies: no secret there either
    assert (run_dir / "run.html").is_file()
    for path in run_dir.rglob("*"):  # the checkpoint included; pictures have the secret's field blanked
        if path.is_file() and path.suffix not in (".png", ".jpg"):
            content = path.read_bytes()
            assert SECRET_MARKER.encode() not in content and KEY_MARKER.encode() not in content, path
