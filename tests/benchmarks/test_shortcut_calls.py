"""Shortcut calls as MAS-Bench counts and judges them: one step each, whether through the shortcut oracle or the
LLM agent's tool, and successful only when their intended effect holds on the device right after them (SSR per
call), not when they merely ran to the end and not when their episode succeeded."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from droidpilot.agent.shortcut_tool import run_shortcut_action
from droidpilot.benchmarks.agents import AgentRun, EpisodeContext, HierarchicalAgent, OracleAgent
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import EpisodeSpec, run_episode
from droidpilot.benchmarks.metrics import group_metrics
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.shortcuts.effects import EFFECTS
from droidpilot.benchmarks.suites.shortcuts.tasks import MasBluetoothOn, MasWifiOff
from droidpilot.benchmarks.task import Task, instance_seed
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS, SWITCH_ID
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.model import ElementPresent, IntentSpec, Locator, Shortcut, Step
from tests.agent.policies import WIFI_PLAN, act, by_role, policy_model, section, subgoal, wifi_completion

# A user's "turn_on_bluetooth" whose "already so" check looks at the wrong target: the switch's label, always there.
# Its tap is skipped, it reports success ("already done") and Bluetooth stays off.
WRONG_TARGET = Shortcut(
    name="turn_on_bluetooth", description="Turn Bluetooth on (checks the wrong switch)", app="com.android.settings",
    kind="gui", source="user", created=datetime(2026, 1, 1, tzinfo=UTC), steps=[
        Step(action="start_intent", intent=IntentSpec(action="android.settings.BLUETOOTH_SETTINGS")),
        Step(action="tap", locator=Locator(resource_id=SWITCH_ID, text="Use Bluetooth"), idempotent=True,
             expect=ElementPresent(locator=Locator(resource_id="com.android.settings:id/switch_text",
                                                   text="Use Bluetooth")))])


def spec(cls: type[Task]) -> EpisodeSpec:
    return EpisodeSpec(suite="shortcuts", task=cls.name(), instance=0, seed=instance_seed(30, cls.name(), 0))


class ScriptedCalls:
    """Calls the named shortcuts (from `library`, else the built-ins), then taps `then_tap` (a selector) when
    given; declares done."""

    def __init__(self, calls: list[str], library: ShortcutLibrary | None = None,
                 then_tap: dict[str, str] | None = None) -> None:
        self.name, self.calls, self.library, self.then_tap = "scripted-calls", calls, library, then_tap
        self.outcomes: list[bool] = []

    def run(self, ctx: EpisodeContext) -> AgentRun:
        self.outcomes = [run_shortcut_action(ctx.device, self.library, name, {}, settle_timeout=0.5).ok
                         for name in self.calls]
        if self.then_tap:
            UIDriver(ctx.device).tap(**self.then_tap)
        return AgentRun(declared_done=True, actions=list(ctx.device.actions))


def test_every_built_in_has_an_intended_effect() -> None:
    assert {s.name for s in BUILTIN_SHORTCUTS} == set(EFFECTS)


def test_a_call_that_runs_without_its_effect_fails_even_in_a_solved_episode(env: TaskEnv, tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    library.add(WRONG_TARGET)
    agent = ScriptedCalls(["turn_on_bluetooth"], library, then_tap={"rid": "switch_widget", "text": "Use Bluetooth"})
    solved = run_episode(MasBluetoothOn, spec(MasBluetoothOn), env, agent, tmp_path / "out")
    assert agent.outcomes == [True]  # it ran to the end ("already done")
    # then it turned Bluetooth on by hand: the episode succeeds, the call still fails
    assert solved.success == 1.0 and solved.shortcut_calls == 1 and solved.shortcut_successes == 0
    [call] = solved.shortcut_results
    assert (call.name, call.ran, call.effective) == ("turn_on_bluetooth", True, False)
    assert "bluetooth_on is 1: no" in call.effect
    line = json.loads(next((tmp_path / "out" / "episodes").rglob("actions.jsonl")).read_text().splitlines()[0])
    assert (line["action"], line["shortcut"], line["effective"]) == ("shortcut", "turn_on_bluetooth", False)

    twice = run_episode(MasWifiOff, spec(MasWifiOff), env, ScriptedCalls(["turn_off_wifi", "turn_off_wifi"]), None)
    assert twice.success == 1.0 and [c.effective for c in twice.shortcut_results] == [True, True]  # already done
    assert twice.steps == 2

    metrics = group_metrics([solved, twice])
    assert (metrics.sr, metrics.ssr) == (1.0, round(2 / 3, 4))


def wifi_shortcut_operator(text: str) -> dict[str, Any]:
    """Calls turn_off_wifi once (it is listed to the model), then declares done."""
    if "shortcut" in section(text, "History") or "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "Wi-Fi is off"}, "finished", True)
    assert "turn_off_wifi(" in section(text, "Shortcuts you can run")
    return act({"action": "shortcut", "name": "turn_off_wifi", "args": {}}, "run turn_off_wifi", done=True)


def test_the_agents_shortcut_tool_counts_one_step_per_call(env: TaskEnv, tmp_path: Path) -> None:
    model = policy_model(by_role(manager=WIFI_PLAN, operator=wifi_shortcut_operator, completion=wifi_completion,
                                 reflector={"outcome": "success", "reason": "ok"},
                                 notetaker={"notes": [], "tips": []}), calls=40)
    record = run_episode(MasWifiOff, spec(MasWifiOff), env, HierarchicalAgent({"default": model}), tmp_path)
    gui = run_episode(MasWifiOff, spec(MasWifiOff), env, OracleAgent(), None)
    assert record.error is None and record.success == 1.0, record.error
    assert (record.steps, record.shortcut_calls, record.shortcut_successes) == (1, 1, 1)  # its taps inside
    assert record.episode_data is not None and record.episode_data["action_type"] == ["shortcut"]
    assert record.shortcut_results[0].effective and gui.steps > record.steps
