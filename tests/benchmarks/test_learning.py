"""The benchmark measures learning: two passes of the hierarchical agent (the scripted policy model, which acts on
the element list and calls a listed shortcut when one fits its subgoal, as a plain model would) over a Wi-Fi task
of the androidworld suite and a Bluetooth task of the shortcuts suite, with one shortcut library that starts
empty. Pass 1 does each toggle by hand and its successful episodes are mined; pass 2, on fresh seeds, calls
the mined shortcuts: fewer harness steps (a shortcut call is one step, benchmarks/harness.py), decisions and
model calls."""

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
from tests.agent.policies import act, app, by_role, find, line_of, scripted, section, subgoal, tap

SETTINGS = "com.android.settings"
TOGGLES = {  # what the goal names -> the pages to open from the Settings list, and the switch's label
    "Wi-Fi": (("Network & internet", "Internet"), "Wi-Fi"),
    "Bluetooth": (("Connected devices", "Connection preferences", "Bluetooth"), "Use Bluetooth"),
}
TASKS = ["SystemWifiTurnOff", "MasBluetoothOn"]  # one of each suite, each done by hand in pass 1


def _toggle(text: str) -> tuple[str, str] | None:
    """("Wi-Fi", "off") from "Turn Wi-Fi off in Settings" or "Turn off Wi-Fi."."""
    match = re.search(r"Turn (on|off) (Wi-Fi|Bluetooth)|Turn (Wi-Fi|Bluetooth) (on|off)", text)
    if match is None:
        return None
    return (match.group(2), match.group(1)) if match.group(1) else (match.group(3), match.group(4))


def toggle_manager(text: str) -> dict[str, Any]:
    thing, state = _toggle(section(text, "Goal")) or ("Wi-Fi", "off")
    return {"subgoals": [{"text": f"Turn {thing} {state} in Settings"}]}


def toggle_operator(text: str) -> dict[str, Any]:
    """Open Settings, walk to the switch, tap it unless it already shows the wanted state."""
    wanted = _toggle(subgoal(text))
    if wanted is None:
        return act({"action": "done", "status": "complete", "message": "switched"}, "finished")
    (pages, label), state = TOGGLES[wanted[0]], wanted[1]
    if app(text) != SETTINGS:
        return act({"action": "open_app", "app": "Settings"}, "open Settings")
    switch = find(text, f'"{label}"', "Switch")
    if switch is not None:
        if line_of(text, switch).endswith(f" {state}"):
            return act({"action": "done", "status": "complete", "message": f"{label} is {state}"}, "done", True)
        return tap(switch, f"turn {label} {state}", done=True)
    for page in reversed(pages):  # the deepest page shown first: a list row can repeat its parent's words
        if find(text, f'"{page}') is not None:
            return tap(find(text, f'"{page}'), f"open {page}")
    return act({"action": "press", "key": "back"}, "back")


def toggle_completion(text: str) -> dict[str, Any]:
    shown = [line_of(text, i) for label in ('"Wi-Fi"', '"Use Bluetooth"') if (i := find(text, label, "Switch"))]
    return {"complete": bool(shown), "evidence": "; ".join(shown) or "no switch shown", "reason": "switch shown"}


def fitting_shortcut(text: str) -> str | None:
    """A listed shortcut whose name is made of the subgoal's words ("turn_off_wifi" for "Turn Wi-Fi off")."""
    wanted = set(re.findall(r"\w+", normalise(subgoal(text))))
    for name in re.findall(r"^- (\w+)\(", section(text, "Shortcuts you can run"), re.MULTILINE):
        if set(name.split("_")) <= wanted:
            return name
    return None


def learning_operator(text: str) -> dict[str, Any]:
    """The toggle operator, which calls a fitting listed shortcut once the app is open."""
    if _toggle(subgoal(text)) is None or app(text) != SETTINGS:
        return toggle_operator(text)
    name = fitting_shortcut(text)
    if name is not None and "shortcut" not in section(text, "History"):
        return act({"action": "shortcut", "name": name, "args": {}}, f"run {name}", done=True)
    return toggle_operator(text)


def learning_responder() -> Any:
    return by_role(manager=toggle_manager, operator=learning_operator, completion=toggle_completion,
                   reflector={"outcome": "success", "reason": "ok"}, notetaker={"notes": [], "tips": []})


def test_a_second_pass_over_two_suites_uses_the_learned_shortcuts_and_fewer_harness_steps(tmp_path: Path) -> None:
    model = ScriptedModel(replies=[scripted(learning_responder())] * 600)
    library = ShortcutLibrary(tmp_path / "learned.sqlite", builtins=False)  # only what the agent learns
    agent = HierarchicalAgent({"default": model}, settings={"learn": True}, shortcuts=library)
    config = RunConfig(suite="androidworld,shortcuts", tasks=TASKS, agent="hierarchical", out=tmp_path / "out")
    first, second = run_passes(config, agent, passes=2, library_size=lambda: len(library.list()))
    assert (first.overall.sr, second.overall.sr) == (1.0, 1.0) and first.overall.episodes == 2
    assert second.seed == first.seed + SEED_STRIDE
    assert (tmp_path / "out" / "pass-2" / "shortcuts" / "summary.json").is_file()
    assert first.library_size == second.library_size == 2
    learned = {s.name: s for s in library.list()}
    assert set(learned) == {"turn_off_wifi", "turn_on_bluetooth"}
    # each replayed once on its episode's phone (the run's start snapshot, inside the harness), then used in pass 2
    assert {(s.usage_count, s.success_count) for s in learned.values()} == {(2, 2)}
    assert first.overall.mean_steps is not None and second.overall.mean_steps is not None
    assert second.overall.mean_steps < first.overall.mean_steps  # the harness counts a shortcut call as one step
    assert first.decisions is not None and second.decisions is not None and second.decisions < first.decisions
    assert second.overall.model_calls < first.overall.model_calls
    assert (first.shortcut_calls, second.shortcut_calls) == (0, 2)  # every pass-2 episode used one
    for suite in ("androidworld", "shortcuts"):
        by_hand, learned_steps = (p.by_suite[suite].overall.mean_steps for p in (first, second))
        assert by_hand is not None and learned_steps is not None and learned_steps < by_hand
    table = pass_table([first, second]).splitlines()
    assert table[0].split() == ["pass", "seed", "SR", "steps", "decisions", "MSRS", "tokens", "calls", "shortcut",
                                "uses", "library"]
    assert [line.split()[0] for line in table[1:]] == ["1", "1:androidworld", "1:shortcuts",
                                                        "2", "2:androidworld", "2:shortcuts"]


def test_bench_learn_prints_one_row_per_pass(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from droidpilot.cli.main import app as cli

    result = CliRunner().invoke(cli, ["bench", "learn", "--suite", "shortcuts", "--tasks", "MasWifiOff", "--agent",
                                      "oracle", "--passes", "2", "--out", str(tmp_path / "out"), "--shortcuts",
                                      str(tmp_path / "lib.sqlite")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["pass", "seed", "SR", "steps"]
    assert [line.split()[:3] for line in lines[1:3]] == [["1", "30", "1.000"], ["2", "1030", "1.000"]]
    assert (tmp_path / "out" / "pass-1" / "report.html").is_file() and (tmp_path / "out" / "pass-2").is_dir()
    for args, says in ((["--suite", "nosuch"], "nosuch"),
                       (["--suite", "shortcuts,androidworld", "--tasks", "MasWifiOf"], "no task named MasWifiOf"),
                       (["--suite", "shortcuts", "--no-builtins"], "--no-builtins needs a library")):
        bad = CliRunner().invoke(cli, ["bench", "learn", *args, "--out", str(tmp_path / "x"), "--agent", "oracle"])
        assert bad.exit_code == 2 and says in bad.stderr and len(bad.stderr.strip().splitlines()) <= 2
