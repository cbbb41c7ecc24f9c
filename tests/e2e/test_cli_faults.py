"""A fault battery of model servers against `droidpilot run "Turn off Wi-Fi"` on the virtual phone: servers that
answer schema-minimal instances, empty plans, `{}`, prose, claims of success at step 0, that reject images,
refuse the key or never answer. However they misbehave, no run exits 0 while Wi-Fi is still on, and every run
leaves result.json, trajectory.jsonl and calls.jsonl behind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer, RecordedRequest, Reply
from tests.agent.policies import WIFI_PLAN, by_role, role_of, wifi_completion, wifi_operator
from tests.e2e.test_cli_run import ENV_VARS, invoke, only_run, shell

GOAL = "Turn off Wi-Fi"
SUCCESS = {"outcome": "success", "reason": "ok"}


def minimal_instance(schema: dict[str, Any], root: dict[str, Any] | None = None, yes: bool = False) -> Any:
    """The smallest value that fits a JSON schema: required properties only (and discriminators), empty
    strings and lists, zero, the first enum value; booleans `yes`. What a lazy model constrained to the schema
    answers."""
    root = root or schema
    if "$ref" in schema:
        return minimal_instance(root["$defs"][schema["$ref"].rpartition("/")[2]], root, yes)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return minimal_instance(options[0], root, yes)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        keys = [k for k in props if k in schema.get("required", []) or "const" in props[k]]
        return {k: minimal_instance(props[k], root, yes) for k in keys}
    if kind == "array":
        return [minimal_instance(schema.get("items", {}), root, yes) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        return "x" * schema.get("minLength", 0)
    if kind == "boolean":
        return yes
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    return None


def schema_minimal(yes: bool) -> Any:
    def respond(request: RecordedRequest) -> Reply:
        schema = request.body["response_format"]["json_schema"]["schema"]
        return Reply.json(minimal_instance(schema, yes=yes))

    return respond


def fixed(answer: Any) -> Any:
    return lambda _request: Reply.json(answer) if not isinstance(answer, str) else Reply.text(answer)


def policy(responder: Any) -> Any:
    return lambda request: Reply.json(responder(request.text()))


def done_at_once(text: str) -> dict[str, Any]:
    return {"thought": "", "action": {"action": "done", "status": "complete", "message": "Wi-Fi is off"}}


WIFI = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS, completion=wifi_completion)
LIAR = {"complete": True, "evidence": "Wi-Fi is off", "already_true": True, "reason": "done"}


def claims(text: str) -> dict[str, Any]:
    role = role_of(text)
    if role == "manager":
        return {"status": "complete", "reason": "Wi-Fi is off already"}
    return LIAR if role == "completion" else SUCCESS


# name -> (server options, responder, exit codes allowed)
SCENARIOS: dict[str, tuple[dict[str, Any], Any, set[int]]] = {
    "schema-minimal": ({}, schema_minimal(yes=False), {1}),
    "schema-minimal-yes": ({}, schema_minimal(yes=True), {1}),
    "empty-plan": ({}, fixed({"thought": "", "subgoals": [], "status": "continue"}), {1}),
    "empty-object": ({}, fixed({}), {1}),
    "prose": ({}, fixed("Sure! First open Settings, then tap Network & internet, then switch Wi-Fi off."), {1}),
    "manager-claims-done": ({}, policy(claims), {1}),
    "operator-done-at-step-0": ({}, policy(by_role(manager=WIFI_PLAN, operator=done_at_once, reflector=SUCCESS,
                                                   completion={"complete": True, "reason": "done"})), {1}),
    "rejects-images": ({"reject_images": True}, policy(WIFI), {0}),
    "wrong-key": ({"api_key": "right-key"}, policy(WIFI), {3}),
    "never-answers": ({}, lambda _request: Reply.hang(20), {3}),
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("FAULT_KEY", "wrong-key")
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 0\ntimeout = 1\n")
    return tmp_path


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_no_misbehaving_server_makes_a_run_succeed_falsely(workdir: Path, name: str) -> None:
    options, responder, allowed = SCENARIOS[name]
    phone = workdir / "phone"
    with FakeOpenAIServer(**options) as server:
        server.responder = responder
        result = invoke("run", GOAL, "--device", f"virtual:{phone}", "--base-url", server.base_url, "--model", "m",
                        "--api-key-env", "FAULT_KEY", "--out", "runs", "--config", "fast.toml", "--max-steps", "8",
                        "--no-memory", "--confirm", "auto")

    wifi = shell(phone, "settings get global wifi_on").strip()
    assert result.exit_code in allowed, result.output
    assert result.exit_code != 0 or wifi == "0", "a run exited 0 with Wi-Fi still on"
    assert "Traceback" not in result.output
    run_dir = only_run(workdir / "runs")
    for name_ in ("result.json", "trajectory.jsonl", "calls.jsonl"):
        assert (run_dir / name_).is_file(), name_
    saved = json.loads((run_dir / "result.json").read_text())
    assert (saved["status"] == "complete") == (result.exit_code == 0)
    calls = [json.loads(line) for line in (run_dir / "calls.jsonl").read_text().splitlines()]
    assert calls, "no model call on record"
    if name not in ("wrong-key", "never-answers", "rejects-images"):  # every reply the server gave is on record
        assert sum(len(c["replies"]) for c in calls) == len(server.chat_requests())
    else:
        assert "error" in calls[0] and calls[0]["error"]
    if name == "rejects-images":  # one rejected call with the image, then text-only for the rest of the run
        assert [c["vision"] for c in calls].count(True) == 1 and "ImagesRejected" in calls[0]["error"]
        assert all(not r.image_urls() for r in server.chat_requests()[1:])


@pytest.mark.parametrize("goal", ["", "   \n"], ids=["empty", "whitespace"])
def test_an_empty_goal_is_a_usage_error(workdir: Path, goal: str) -> None:
    result = invoke("run", goal, "--device", f"virtual:{workdir / 'phone'}", "--model", "m",
                    "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 2
    assert result.output.startswith("error: the goal is empty")
    assert not (workdir / "runs").exists()


def test_a_fallback_model_takes_over_when_the_primary_refuses(workdir: Path) -> None:
    phone = workdir / "phone"
    with FakeOpenAIServer(api_key="other-key") as primary, FakeOpenAIServer() as fallback:
        fallback.responder = policy(WIFI)
        (workdir / "fallback.toml").write_text(
            f'[llm]\nmodel = "big"\nbase_url = "{primary.base_url}"\napi_key_env = "FAULT_KEY"\nmax_retries = 0\n'
            f'timeout = 1\n[llm.fallback]\nmodel = "small"\nbase_url = "{fallback.base_url}"\n')
        result = invoke("run", GOAL, "--device", f"virtual:{phone}", "--config", "fallback.toml", "--out", "runs",
                        "--no-memory", "--confirm", "auto")
        assert len(primary.chat_requests()) == 1 and fallback.chat_requests()

    assert result.exit_code == 0, result.output
    assert shell(phone, "settings get global wifi_on").strip() == "0"
    calls = [json.loads(line) for line in (only_run(workdir / "runs") / "calls.jsonl").read_text().splitlines()]
    assert "big was unavailable" in calls[0]["note"] and "HTTP 401" in calls[0]["note"]
    assert {c["model"] for c in calls} == {"small"}


def test_vision_on_with_a_text_only_server_is_model_unavailable_with_a_hint(workdir: Path) -> None:
    with FakeOpenAIServer(reject_images=True) as server:
        server.responder = policy(WIFI)
        result = invoke("run", GOAL, "--device", f"virtual:{workdir / 'phone'}", "--base-url", server.base_url,
                        "--model", "m", "--out", "runs", "--config", "fast.toml", "--no-memory", "--vision", "on")
    assert result.exit_code == 3, result.output
    assert "rejected a request with images" in result.stdout and "--vision off" in result.stdout
    assert len(server.chat_requests()) == 1
