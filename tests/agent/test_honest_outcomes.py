"""No false success: a claim of completion before any action changed the phone is accepted only when the checker
says the goal state was already true and quotes the first screen; unusable plans fail the run instead of reading
as "nothing left to do". Scripted models on the virtual phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.runner import EmptyGoal, run_task
from droidpilot.agent.state import AgentSettings
from droidpilot.agent.trajectory import load_run
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.policies import act, by_role, policy_model

DONE_AT_ONCE = act({"action": "done", "status": "complete", "message": "already there"}, "nothing to do")
PLAN = {"subgoals": [{"text": "Show the home screen"}]}


@pytest.fixture
def device() -> Iterator[VirtualDevice]:
    with VirtualPhone() as phone:
        yield VirtualDevice(phone)


def run(device: VirtualDevice, tmp_path: Path, completion: dict[str, Any]) -> Any:
    model = policy_model(by_role(manager=PLAN, operator=DONE_AT_ONCE, reflector={"outcome": "success"},
                                 completion=completion))
    return run_task("Show the home screen with the Settings icon", device, {"default": model}, out_dir=tmp_path,
                    settings=AgentSettings(max_rejections=1, max_steps=4))


def test_a_goal_already_true_on_the_first_screen_completes_with_quoted_evidence(device: VirtualDevice,
                                                                                 tmp_path: Path) -> None:
    result = run(device, tmp_path, {"complete": True, "already_true": True,
                                    "evidence": 'TextView "Settings" is on the home screen'})
    assert (result.status, result.steps) == ("complete", 1), result.message


@pytest.mark.parametrize("completion", [
    {"complete": True, "evidence": "the home screen is shown"},  # not said to be already true
    {"complete": True, "already_true": True, "evidence": "Wi-Fi is off"},  # quotes nothing on the screen
    {"complete": True, "reason": "done"},  # the older shape: its reason is no quote either
], ids=["not-already-true", "no-quote", "reason-only"])
def test_a_zero_action_claim_without_grounded_evidence_fails(device: VirtualDevice, tmp_path: Path,
                                                             completion: dict[str, Any]) -> None:
    result = run(device, tmp_path, completion)
    assert result.status == "failed" and result.exit_code == 1
    dones = [s for s in load_run(Path(result.run_dir)).steps if s.action_name == "done"]
    assert dones and all(s.verdict == "failure" for s in dones)
    assert "no action has changed the phone" in result.message or "quotes nothing" in result.message


@pytest.mark.parametrize("plan", [{}, {"subgoals": [], "status": "continue"}, {"unrelated": 1}])
def test_an_unusable_plan_fails_the_run_after_one_reask(device: VirtualDevice, tmp_path: Path,
                                                         plan: dict[str, Any]) -> None:
    model = policy_model(by_role(manager=plan))
    result = run_task("Turn off Wi-Fi", device, {"default": model}, out_dir=tmp_path)
    assert (result.status, result.steps, result.exit_code) == ("failed", 0, 1)
    assert "planner's replies could not be used" in result.message
    assert [r.role for r in model.requests] == ["manager", "manager"]  # asked, re-asked, no completion check


@pytest.mark.parametrize("goal", ["", "  \t\n"])
def test_an_empty_goal_is_refused_before_anything_runs(device: VirtualDevice, tmp_path: Path, goal: str) -> None:
    with pytest.raises(EmptyGoal) as caught:
        run_task(goal, device, {"default": policy_model(by_role())}, out_dir=tmp_path)
    assert caught.value.exit_code == 2 and not list(tmp_path.iterdir())
