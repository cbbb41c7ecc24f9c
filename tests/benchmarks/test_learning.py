"""The benchmark measures learning: two passes of the hierarchical agent (the scripted policy model, which acts on
the element list and calls a listed shortcut when one fits its subgoal, as a plain model would) over Wi-Fi tasks,
with one shortcut library that starts empty. Pass 1 does the task by hand and its successful episodes are mined;
pass 2, on fresh seeds, calls the mined shortcut: fewer decisions, model calls and harness-counted steps (the
harness counts a shortcut call as one step, as MAS-Bench does)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.benchmarks.agents import HierarchicalAgent
from droidpilot.benchmarks.learning import SEED_STRIDE, pass_table, run_passes
from droidpilot.benchmarks.runner import RunConfig
from droidpilot.memory.synonyms import normalise
from droidpilot.shortcuts.library import ShortcutLibrary
from tests.agent.policies import (
    WIFI_PLAN,
    act,
    app,
    by_role,
    scripted,
    section,
    subgoal,
    wifi_completion,
    wifi_operator,
)


def fitting_shortcut(text: str) -> str | None:
    """A listed shortcut whose name is made of the subgoal's words ("turn_off_wifi" for "Turn Wi-Fi off")."""
    wanted = set(re.findall(r"\w+", normalise(subgoal(text))))
    for name in re.findall(r"^- (\w+)\(", section(text, "Shortcuts you can run"), re.MULTILINE):
        if set(name.split("_")) <= wanted:
            return name
    return None


def learning_operator(text: str) -> dict[str, Any]:
    if "All planned subgoals are done" in subgoal(text) or app(text) != "com.android.settings":
        return wifi_operator(text)
    name = fitting_shortcut(text)
    if name is not None and "shortcut" not in section(text, "History"):
        return act({"action": "shortcut", "name": name, "args": {}}, f"run {name}", done=True)
    return wifi_operator(text)


def test_a_second_pass_on_fresh_seeds_uses_the_learned_shortcut_and_fewer_steps(tmp_path: Path) -> None:
    reply = scripted(by_role(manager=WIFI_PLAN, operator=learning_operator, completion=wifi_completion,
                             reflector={"outcome": "success", "reason": "ok"}, notetaker={"notes": [], "tips": []}))
    model = ScriptedModel(replies=[reply] * 400)
    library = ShortcutLibrary(tmp_path / "learned.sqlite", builtins=False)  # only what the agent learns
    agent = HierarchicalAgent({"default": model}, settings={"learn": True}, shortcuts=library)
    config = RunConfig(suite="androidworld", tasks=["SystemWifiTurnOff"], agent="hierarchical", out=tmp_path / "out",
                       n_combinations=2)
    first, second = run_passes(config, agent, passes=2, library_size=lambda: len(library.list()))
    assert (first.overall.sr, second.overall.sr) == (1.0, 1.0)
    assert second.seed == first.seed + SEED_STRIDE and (tmp_path / "out" / "pass-2" / "summary.json").is_file()
    assert first.library_size == second.library_size == 1 and library.get("turn_off_wifi") is not None
    assert first.decisions is not None and second.decisions is not None
    assert second.decisions < first.decisions  # one shortcut call instead of three taps
    assert second.overall.model_calls < first.overall.model_calls
    assert second.overall.mean_steps < first.overall.mean_steps  # the shortcut call is one step, its taps inside
    assert second.shortcut_calls == 2 > first.shortcut_calls  # every pass-2 episode used it
    table = pass_table([first, second]).splitlines()
    assert table[0].split() == ["pass", "seed", "SR", "steps", "decisions", "MSRS", "tokens", "calls", "shortcut",
                                "uses", "library"]
    assert [line.split()[0] for line in table[1:]] == ["1", "2"]


def test_bench_learn_prints_one_row_per_pass(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from droidpilot.cli.main import app

    result = CliRunner().invoke(app, ["bench", "learn", "--suite", "shortcuts", "--tasks", "MasWifiOff", "--agent",
                                      "oracle", "--passes", "2", "--out", str(tmp_path / "out"), "--shortcuts",
                                      str(tmp_path / "lib.sqlite")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["pass", "seed", "SR", "steps"]
    assert [line.split()[:3] for line in lines[1:3]] == [["1", "30", "1.000"], ["2", "1030", "1.000"]]
    assert (tmp_path / "out" / "pass-1" / "report.html").is_file() and (tmp_path / "out" / "pass-2").is_dir()
    bad = CliRunner().invoke(app, ["bench", "learn", "--suite", "nosuch", "--out", str(tmp_path / "x"),
                                   "--agent", "oracle"])
    assert bad.exit_code == 2 and "nosuch" in bad.stderr
