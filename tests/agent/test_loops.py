"""Loop detection and the reflector's deterministic rules, as pure functions over step records."""

from __future__ import annotations

from typing import Any

from droidpilot.agent.loops import detect_loop
from droidpilot.agent.nodes.reflector import judge
from droidpilot.agent.state import AgentSettings, ScreenSummary, StepRecord, Subgoal


def step(n: int, before: str, after: str, action: dict[str, Any] | None = None, ok: bool = True,
         package: str = "app", after_package: str = "app") -> StepRecord:
    return StepRecord(step=n, action=action or {"action": "tap", "index": n},
                      before=ScreenSummary(fingerprint=before, package=package),
                      after=ScreenSummary(fingerprint=after, package=after_package), outcome={"ok": ok})


TAP = {"action": "tap", "index": 3}


def test_the_same_action_on_the_same_screen_three_times_is_a_loop() -> None:
    steps = [step(1, "A", "B", TAP), step(2, "A", "B", TAP)]
    assert detect_loop(steps) is None
    signal = detect_loop([*steps, step(3, "A", "B", TAP)])
    assert signal is not None and signal.kind == "repeat"


def test_scrolling_a_changing_list_is_not_a_loop() -> None:
    scroll = {"action": "scroll", "direction": "down"}
    steps = [step(i, f"S{i}", f"S{i + 1}", scroll) for i in range(1, 6)]
    assert detect_loop(steps) is None


def test_ab_and_abc_cycles_are_loops() -> None:
    ab = [step(1, "A", "B"), step(2, "B", "A"), step(3, "A", "B"), step(4, "B", "A")]
    assert (signal := detect_loop(ab)) is not None and signal.kind == "cycle"
    abc = [step(i + 1, s, "x") for i, s in enumerate("ABCABC")]
    assert (signal := detect_loop(abc)) is not None and signal.kind == "cycle"
    assert detect_loop([step(i + 1, s, "x") for i, s in enumerate("ABAC")]) is None


def test_three_actions_without_any_change_are_a_loop() -> None:
    steps = [step(1, "A", "A"), step(2, "A", "A")]
    assert detect_loop(steps) is None
    assert (signal := detect_loop([*steps, step(3, "A", "A")])) is not None
    assert signal.kind in ("unchanged", "repeat")
    waits = [step(i, "A", "A", {"action": "wait", "seconds": 1}) for i in range(1, 5)]
    assert detect_loop(waits) is None


def test_rules_decide_without_a_model_when_they_can() -> None:
    settings = AgentSettings()
    assert judge(step(1, "A", "A", ok=False), ScreenSummary(fingerprint="A"), None, settings).verdict == "failure"
    no_change = judge(step(1, "A", "A"), ScreenSummary(fingerprint="A"), None, settings)
    assert no_change.verdict == "failure" and "no change" in no_change.feedback and not no_change.ask_llm
    changed = judge(step(1, "A", "B"), ScreenSummary(fingerprint="B", package="app"), None, settings)
    assert changed.verdict == "success" and not changed.ask_llm
    answer = step(1, "A", "A", {"action": "answer", "text": "42"})
    assert judge(answer, ScreenSummary(fingerprint="A"), None, settings).verdict == "success"


def test_surprises_go_to_the_llm_reflector_on_demand() -> None:
    settings = AgentSettings()
    jumped = judge(step(1, "A", "B"), ScreenSummary(fingerprint="B", package="other"), None, settings)
    assert "unexpectedly" in jumped.ask_llm
    launched = step(1, "A", "B", {"action": "open_app", "app": "Other"})
    assert not judge(launched, ScreenSummary(fingerprint="B", package="other"), None, settings).ask_llm
    long_subgoal = Subgoal(id=1, text="x", status="active", started_step=1)
    assert "5 steps" in judge(step(5, "A", "B"), ScreenSummary(fingerprint="B", package="app"), long_subgoal,
                              settings).ask_llm
    always = judge(step(1, "A", "B"), ScreenSummary(fingerprint="B", package="app"), None,
                   AgentSettings(reflection="always"))
    assert always.ask_llm
    never = judge(step(1, "A", "B"), ScreenSummary(fingerprint="B", package="other"), None,
                  AgentSettings(reflection="never"))
    assert never.verdict == "uncertain" and not never.ask_llm
