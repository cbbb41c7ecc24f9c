"""Safety in a whole run: the confirm gate (auto / deny / ask through a LangGraph interrupt) and secrets that
are typed on the phone but appear nowhere in prompts, logs, the trajectory, the result or the checkpoint."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.nodes.act import ConfirmRequest
from droidpilot.agent.runner import run_task
from droidpilot.agent.safety import SecretVault
from droidpilot.agent.state import AgentSettings
from droidpilot.agent.trajectory import RunResult, load_run
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.policies import (
    act,
    app,
    by_role,
    find,
    line_of,
    policy_model,
    prompt_text,
    section,
    sms_operator,
    subgoal,
    tap,
)

SMS_GOAL = "text Maria Garcia 'See you at 6'"
SMS_PLAN = {"subgoals": [{"text": "Send 'See you at 6' to Maria Garcia in Messages"}]}
SECRET = "Zq9#s3cret-Val"


@pytest.fixture
def device() -> Iterator[VirtualDevice]:
    with VirtualPhone() as phone:
        yield VirtualDevice(phone)


def sent_bodies(device: VirtualDevice) -> list[str]:
    path = device.phone.fs.host_path("/data/data/com.android.messaging/databases/mmssms.db")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT body FROM sms WHERE type = 2")]


def sms_operator_that_gives_up(text: str) -> dict[str, Any]:
    if "not performed" in section(text, "Warnings"):
        return act({"action": "done", "status": "infeasible", "message": "sending is not allowed"}, "give up")
    return sms_operator("Maria Garcia", "See you at 6")(text)


def run_sms(device: VirtualDevice, tmp_path: Path, confirm: str, prompt: Any = None) -> RunResult:
    model = policy_model(by_role(manager=SMS_PLAN, operator=sms_operator_that_gives_up,
                                 reflector={"outcome": "success"}, completion={"complete": True, "reason": "sent"}))
    return run_task(SMS_GOAL, device, {"default": model}, out_dir=tmp_path,
                    settings=AgentSettings(confirm=confirm), confirm=prompt)  # type: ignore[arg-type]


def test_confirm_auto_sends(device: VirtualDevice, tmp_path: Path) -> None:
    result = run_sms(device, tmp_path, "auto")
    assert result.status == "complete", result.message
    assert "See you at 6" in sent_bodies(device)
    send_step = next(s for s in load_run(Path(result.run_dir)).steps if (s.outcome or {}).get("sensitive"))
    assert send_step.outcome is not None and send_step.outcome["sensitive"] == "send" and send_step.ok


def test_confirm_deny_skips_the_action_and_tells_the_operator(device: VirtualDevice, tmp_path: Path) -> None:
    result = run_sms(device, tmp_path, "deny")
    assert result.status == "infeasible" and result.exit_code == 1
    assert "See you at 6" not in sent_bodies(device)
    denied = [s for s in load_run(Path(result.run_dir)).steps if (s.outcome or {}).get("sensitive") == "send"]
    assert len(denied) == 1 and not denied[0].ok and "not performed" in denied[0].outcome["error"]  # type: ignore[index]


@pytest.mark.parametrize("answer", [True, False])
def test_confirm_ask_interrupts_and_resumes_with_the_answer(device: VirtualDevice, tmp_path: Path,
                                                             answer: bool) -> None:
    asked: list[ConfirmRequest] = []

    def prompt(request: ConfirmRequest) -> bool:
        asked.append(request)
        return answer

    result = run_sms(device, tmp_path, "ask", prompt)
    assert len(asked) == 1
    assert asked[0].kind == "send" and "Send SMS" in asked[0].target and asked[0].action.startswith("tap")
    assert ("See you at 6" in sent_bodies(device)) is answer
    assert result.status == ("complete" if answer else "infeasible")


def test_confirm_ask_without_anyone_to_ask_refuses(device: VirtualDevice, tmp_path: Path) -> None:
    result = run_sms(device, tmp_path, "ask", None)
    assert result.status == "infeasible"
    assert "See you at 6" not in sent_bodies(device)


def secret_operator(text: str) -> dict[str, Any]:
    """Create a contact whose first name is the secret CODE, typed by name."""
    if "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "saved"}, "finished")
    if app(text) != "com.android.contacts":
        return act({"action": "open_app", "app": "Contacts"}, "open Contacts")
    if find(text, '"Save"') is None:
        return tap(find(text, "Create contact"), "new contact")
    first = find(text, "first_name", "EditText") or find(text, '"First name"', "EditText")
    if first is not None and "<secret:CODE>" not in line_of(text, first):
        return act({"action": "type_secret", "name": "CODE", "index": first}, "type the code")
    return tap(find(text, '"Save"'), "save", done=True)


def test_secret_values_never_leave_the_device(device: VirtualDevice, tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    model = policy_model(by_role(manager={"subgoals": [{"text": "Create a contact named with the secret CODE"}]},
                                 operator=secret_operator, reflector={"outcome": "success"},
                                 completion={"complete": True, "reason": "saved"}))
    vault = SecretVault({"CODE": SECRET})
    result = run_task("Create a contact whose first name is my CODE", device, {"default": model},
                      out_dir=tmp_path, vault=vault)

    assert result.status == "complete", result.message
    names = device.shell("content query --uri content://contacts/people").output
    assert SECRET in names  # the phone got it
    prompts = "\n".join(prompt_text(r.messages) for r in model.requests)
    assert "<secret:CODE>" in prompts and SECRET not in prompts
    assert "Secrets you can type by name\nCODE" in prompts
    files = [p for p in Path(result.run_dir).rglob("*") if p.is_file()]
    assert any(p.name == "checkpoint.sqlite" for p in files) and any(p.name == "trajectory.jsonl" for p in files)
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), f"secret written to {path.name}"
    assert all(SECRET not in record.getMessage() for record in caplog.records)
