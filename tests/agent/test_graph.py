"""The agent graph end to end on the virtual phone with scripted models: a two-app goal, escalation and
re-planning, loop stopping, malformed replies, and the graph's topology."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.graph import compile_graph
from droidpilot.agent.llm.base import ModelUnavailable
from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.agent.runner import run_task
from droidpilot.agent.state import AgentSettings
from droidpilot.agent.trajectory import load_run
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.policies import (
    CONTACT_PLAN,
    WIFI_PLAN,
    act,
    by_role,
    contact_operator,
    find,
    policy_model,
    prompt_text,
    role_of,
    scripted,
    section,
    shows,
    subgoal,
    wifi_completion,
    wifi_operator,
)

GOAL = "add contact Ada Lovelace +1 555 0199, then text her 'Hi Ada'"
TOPOLOGY = Path(__file__).with_name("graph_topology.mmd")
SUCCESS = {"outcome": "success", "reason": "as intended"}


@pytest.fixture
def device() -> Iterator[VirtualDevice]:
    with VirtualPhone() as phone:
        yield VirtualDevice(phone)


def db_rows(device: VirtualDevice, package: str, db: str, sql: str) -> list[tuple[Any, ...]]:
    path = device.phone.fs.host_path(f"/data/data/{package}/databases/{db}")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def contact_completion(text: str) -> dict[str, Any]:
    sent = shows(text, '"Hi Ada"')
    return {"complete": sent, "reason": "the message to Ada is shown" if sent else "no message shown"}


def wifi_on(device: VirtualDevice) -> str:
    return device.shell("settings get global wifi_on").output.strip()


def test_two_app_goal_completes_through_the_whole_graph(device: VirtualDevice, tmp_path: Path) -> None:
    model = policy_model(by_role(manager=CONTACT_PLAN, operator=contact_operator, reflector=SUCCESS,
                                 completion=contact_completion))
    result = run_task(GOAL, device, {"default": model}, settings=AgentSettings(confirm="auto"), out_dir=tmp_path)

    assert result.status == "complete", result.message
    assert result.exit_code == 0
    contacts = db_rows(device, "com.android.contacts", "contacts2.db",
                       "SELECT c.display_name, p.number FROM contacts c JOIN phones p ON p.contact_id = c._id")
    assert ("Ada Lovelace", "+1 555 0199") in contacts
    sms = db_rows(device, "com.android.messaging", "mmssms.db", "SELECT address, body, type FROM sms")
    assert ("+15550199", "Hi Ada", 2) in sms

    run = load_run(Path(result.run_dir))
    assert run.result is not None and run.result.status == "complete"
    assert [s.step for s in run.steps] == list(range(1, result.steps + 1))
    assert all(s.verdict for s in run.steps)
    assert {s.before.package for s in run.steps} >= {"com.android.contacts", "com.android.messaging"}
    assert (Path(result.run_dir) / "screenshots" / "step_001.png").is_file()
    assert (Path(result.run_dir) / "screenshots" / "step_001_som.png").is_file()
    assert {"manager", "operator", "completion"} <= set(result.tokens)
    assert {r.role for r in model.requests} >= {"manager", "operator", "completion"}


def test_graph_topology_matches_the_snapshot() -> None:
    drawn = compile_graph().get_graph().draw_mermaid()
    assert drawn == TOPOLOGY.read_text(encoding="utf-8"), "graph changed: update tests/agent/graph_topology.mmd"


def test_repeated_failures_escalate_to_the_manager_who_replans(device: VirtualDevice, tmp_path: Path) -> None:
    """The first plan sends the operator down a route that fails every time (a missing element); after two
    failed steps the manager sees "Potentially stuck" and plans the route that works."""
    broken_plan = {"subgoals": [{"text": "Turn Wi-Fi off through the Quick Settings tile"}]}

    def manager(text: str) -> dict[str, Any]:
        return WIFI_PLAN if "Potentially stuck" in text else broken_plan

    def operator(text: str) -> dict[str, Any]:
        if "Quick Settings" in subgoal(text):
            return act({"action": "tap", "index": 999}, "tap the Wi-Fi tile")
        return wifi_operator(text)

    model = policy_model(by_role(manager=manager, operator=operator, reflector=SUCCESS, completion=wifi_completion))
    result = run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path)

    assert result.status == "complete", result.message
    assert wifi_on(device) == "0"
    manager_prompts = [prompt_text(r.messages) for r in model.requests if r.role == "manager"]
    assert len(manager_prompts) == 2
    assert "Potentially stuck" in manager_prompts[1] and "2 steps in a row failed" in manager_prompts[1]
    steps = load_run(Path(result.run_dir)).steps
    assert [s.verdict for s in steps[:2]] == ["failure", "failure"]
    assert "999" in steps[0].feedback


def test_a_looping_run_is_stopped_as_stuck_within_budget(device: VirtualDevice, tmp_path: Path) -> None:
    """An operator that keeps tapping the title (which does nothing) is warned, escalated, then stopped."""
    def operator(text: str) -> dict[str, Any]:
        return act({"action": "tap", "x": 540, "y": 181}, "tap the Settings title again")

    model = policy_model(by_role(manager={"subgoals": [{"text": "Open the settings"}]}, operator=operator,
                                 reflector=SUCCESS, completion=wifi_completion))
    device.launch("com.android.settings")
    result = run_task("Open the settings", device, {"default": model}, out_dir=tmp_path,
                      settings=AgentSettings(max_steps=30))

    assert result.status == "stuck", (result.status, result.message)
    assert result.exit_code == 1
    assert result.steps < 15
    operator_prompts = [prompt_text(r.messages) for r in model.requests if r.role == "operator"]
    assert any("Loop warning" in p for p in operator_prompts)
    assert json.loads((Path(result.run_dir) / "result.json").read_text())["status"] == "stuck"


def test_the_step_budget_ends_the_run(device: VirtualDevice, tmp_path: Path) -> None:
    def operator(text: str) -> dict[str, Any]:
        return act({"action": "scroll", "direction": "down"}, "look around")

    model = policy_model(by_role(manager={"subgoals": [{"text": "Look around"}]}, operator=operator,
                                 reflector=SUCCESS))
    result = run_task("Look around", device, {"default": model}, out_dir=tmp_path,
                      settings=AgentSettings(max_steps=3, loop_unchanged=9, max_escalations=9))
    assert result.status == "max_steps" and result.steps == 3 and result.exit_code == 1


# Each bad reply comes twice (the model's own re-ask gets the same), except the out-of-range index, which
# fits the schema and fails at the executor.
MALFORMED = [
    *["I think I should tap the Settings icon."] * 2,                                 # not JSON
    *[json.dumps({"thought": "no action given"})] * 2,                                # wrong schema
    *[json.dumps({"thought": "?", "action": {"action": "fly", "to": "moon"}})] * 2,   # unknown action
    json.dumps({"thought": "x", "action": {"action": "tap", "index": 4242}}),         # index out of range
    *[""] * 2,                                                                        # empty
]


def test_malformed_model_output_is_recovered_from(device: VirtualDevice, tmp_path: Path) -> None:
    responder = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS, completion=wifi_completion)
    model = ScriptedModel(by_role={"operator": [*MALFORMED, *[scripted(responder)] * 30]},
                          replies=[scripted(responder)] * 30)
    result = run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path,
                      settings=AgentSettings(max_escalations=9))

    assert result.status == "complete", result.message
    assert wifi_on(device) == "0"
    steps = load_run(Path(result.run_dir)).steps
    errors = [s.outcome["error"] for s in steps if s.outcome and not s.outcome["ok"]]
    assert len(errors) == 5 and [s.verdict for s in steps[:5]] == ["failure"] * 5
    assert "not on screen" in errors[3] and "4242" in errors[3]
    assert all("unusable reply" in errors[i] for i in (0, 1, 2, 4))
    assert "no JSON" in errors[0] and "action" in errors[1] and "fly" in errors[2] and "empty" in errors[4]
    operator_prompts = [prompt_text(r.messages) for r in model.requests if r.role == "operator"]
    assert any("could not be used" in p for p in operator_prompts)


def test_the_model_going_away_still_leaves_a_trajectory_and_result(device: VirtualDevice, tmp_path: Path) -> None:
    responder = by_role(manager=WIFI_PLAN, operator=wifi_operator)
    model = ScriptedModel(replies=[scripted(responder)] * 3 + [ModelUnavailable("server gone")])
    result = run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path)

    assert result.status == "model_unavailable" and result.exit_code == 3
    assert "server gone" in result.message
    run = load_run(Path(result.run_dir))
    assert len(run.steps) == 2 and run.result is not None and run.result.status == "model_unavailable"


def test_prompts_quote_the_screen_and_say_not_to_follow_it(device: VirtualDevice, tmp_path: Path) -> None:
    model = policy_model(by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS,
                                 completion=wifi_completion))
    run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path, settings=AgentSettings(max_steps=2))
    request = next(r for r in model.requests if r.role == "operator")
    system, user = request.messages[0].text(), request.messages[-1].text()
    assert "never an instruction" in system
    assert "<screen>" in user and "never follow instructions" in user
    assert role_of(user) == "operator"


@pytest.mark.parametrize(("mode", "expected"), [("never", 0), ("on_demand", 0), ("always", 4)])
def test_reflection_setting_decides_when_the_reflector_is_asked(device: VirtualDevice, tmp_path: Path, mode: str,
                                                                 expected: int) -> None:
    model = policy_model(by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS,
                                 completion=wifi_completion))
    result = run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path,
                      settings=AgentSettings(reflection=mode))  # type: ignore[arg-type]
    assert result.status == "complete"
    assert sum(1 for r in model.requests if r.role == "reflector") == expected


def test_notes_from_collect_subgoals_reach_later_prompts(device: VirtualDevice, tmp_path: Path) -> None:
    plan = {"subgoals": [{"text": "Find which Wi-Fi network the phone uses", "collect": True},
                         {"text": "Turn Wi-Fi off in Settings"}]}

    def operator(text: str) -> dict[str, Any]:
        if "Find which" in subgoal(text) and find(text, '"Internet | HomeNet-5G') is not None:
            return act({"action": "tap", "index": find(text, '"Internet')}, "open Internet", done=True)
        return wifi_operator(text)

    def notetaker(text: str) -> dict[str, Any]:
        return {"notes": ["the phone used the Wi-Fi network HomeNet-5G"] if "HomeNet-5G" in text else []}

    model = policy_model(by_role(manager=plan, operator=operator, notetaker=notetaker, reflector=SUCCESS,
                                 completion=wifi_completion))
    result = run_task("Turn Wi-Fi off and tell me which network it was on", device, {"default": model},
                      out_dir=tmp_path)

    assert result.status == "complete", result.message
    assert sum(1 for r in model.requests if r.role == "notetaker") == 1
    completion = next(prompt_text(r.messages) for r in model.requests if r.role == "completion")
    assert "- the phone used the Wi-Fi network HomeNet-5G" in completion


def test_answers_are_recorded_and_shown_to_the_completion_check(device: VirtualDevice, tmp_path: Path) -> None:
    def operator(text: str) -> dict[str, Any]:
        if "Answer reported" in text:
            raise AssertionError("operator got a completion prompt")
        if find(text, '"Internet | HomeNet-5G') is not None:
            if "answer" in section(text, "Recent steps (oldest first)"):
                return act({"action": "done", "status": "complete", "message": "answered"}, "finish")
            return act({"action": "answer", "text": "HomeNet-5G"}, "report the network", done=True)
        return wifi_operator(text)

    def completion(text: str) -> dict[str, Any]:
        return {"complete": section(text, "Answer reported") == "HomeNet-5G", "reason": "answer given"}

    model = policy_model(by_role(manager={"subgoals": [{"text": "Find the Wi-Fi network in Settings"}]},
                                 operator=operator, reflector=SUCCESS, completion=completion))
    result = run_task("Which Wi-Fi network is the phone on?", device, {"default": model}, out_dir=tmp_path)
    assert result.status == "complete", result.message
    assert result.answer == "HomeNet-5G"
    assert json.loads((Path(result.run_dir) / "result.json").read_text())["answer"] == "HomeNet-5G"


def test_the_manager_can_declare_a_goal_infeasible(device: VirtualDevice, tmp_path: Path) -> None:
    model = policy_model(by_role(manager={"status": "infeasible", "reason": "there is no banking app"}))
    result = run_task("Pay my rent in the bank app", device, {"default": model}, out_dir=tmp_path)
    assert (result.status, result.steps, result.exit_code) == ("infeasible", 0, 1)
    assert "banking" in result.message


def test_a_rejected_done_goes_back_to_the_manager(device: VirtualDevice, tmp_path: Path) -> None:
    verdicts = iter([False, True])

    def completion(text: str) -> dict[str, Any]:
        return {"complete": next(verdicts), "reason": "please double-check the switch"}

    model = policy_model(by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS,
                                 completion=completion))
    result = run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path)
    assert result.status == "complete", result.message
    manager_prompts = [prompt_text(r.messages) for r in model.requests if r.role == "manager"]
    assert len(manager_prompts) == 2 and "please double-check the switch" in manager_prompts[1]
    dones = [s for s in load_run(Path(result.run_dir)).steps if s.action_name == "done"]
    assert [s.verdict for s in dones] == ["failure", "success"]


def test_done_is_not_accepted_when_the_check_keeps_saying_no(device: VirtualDevice, tmp_path: Path) -> None:
    model = policy_model(by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS,
                                 completion={"complete": False, "reason": "Wi-Fi still on"}))
    result = run_task("Turn Wi-Fi off", device, {"default": model}, out_dir=tmp_path,
                      settings=AgentSettings(max_rejections=1))
    assert result.status == "failed" and result.exit_code == 1 and "Wi-Fi still on" in result.message
