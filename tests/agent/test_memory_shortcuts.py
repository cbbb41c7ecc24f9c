"""The agent with long-term memory and shortcuts, on the virtual phone with scripted models: runs are ingested
(pages, transitions, trajectories) and their trouble becomes tips; the manager is shown shortcuts, known pages
with the way to them, and tips; `droidpilot memory path` finds a way between two Settings pages that two runs
visited; the operator's `shortcut` action runs a built-in through the graph, behind the confirm gate."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from typer.testing import CliRunner

from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.agent.runner import run_task
from droidpilot.agent.state import AgentSettings
from droidpilot.agent.trajectory import load_run
from droidpilot.cli.main import app as cli_app
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory import MemoryStore, parse_semantic_action
from tests.agent.policies import act, app, by_role, find, policy_model, prompt_text, section, subgoal, tap
from tests.ui import open_app
from tests.ui import tap as ui_tap

SUCCESS = {"outcome": "success", "reason": "as intended"}
INTERNET = "com.android.settings.Settings$NetworkProviderSettingsActivity"
SETTINGS_TIP = "In Settings, pages open from the rows of the main list; tap the row, not its summary"


def _finish_when(label: str):  # type: ignore[no-untyped-def]
    def completion(text: str) -> dict[str, Any]:
        return {"complete": True, "reason": f"{label} is shown"}
    return completion


def display_operator(text: str) -> dict[str, Any]:
    """Run 1: one failed tap first (it becomes a tip), then Settings > Display."""
    if "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "Display is open"}, "finished")
    if "(this is the first step)" in text:
        return act({"action": "tap", "index": 999}, "tap a row that is not there")
    if app(text) != "com.android.settings":
        return act({"action": "open_app", "app": "Settings"}, "open Settings")
    return tap(find(text, '"Display'), "open Display", done=True)


def internet_operator(text: str) -> dict[str, Any]:
    """Run 2 starts where run 1 ended (Display): back, Network & internet, Internet."""
    if "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "Internet is open"}, "finished")
    if find(text, '"Wi-Fi"', "Switch") is not None:
        return act({"action": "done", "status": "complete", "message": "Internet is open"}, "there", done=True)
    for label in ('"Internet', '"Network & internet'):
        if find(text, label) is not None:
            return tap(find(text, label), f"open {label.strip(chr(34))}")
    return act({"action": "press", "key": "back"}, "back to the main Settings list")


WORKED_TIP = "In Settings, Wi-Fi is under Network & internet > Internet"


def worked_writer(text: str) -> dict[str, Any]:
    assert "what worked" in text and "## Tips already known\n- com.android.settings: " + SETTINGS_TIP in text
    return {"tips": [{"app": "com.android.settings", "text": WORKED_TIP}]}


def tips_writer(text: str) -> dict[str, Any]:
    return {"tips": [{"app": "com.android.settings", "text": SETTINGS_TIP},
                     {"app": "com.android.contacts", "text": "not an app of this run: dropped"}]}


class SettingsRuns(NamedTuple):
    memory: Path
    first: Any
    second: Any
    second_model: ScriptedModel


@pytest.fixture(scope="module")
def settings_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SettingsRuns]:
    """Two runs on one phone, with one memory file: Settings > Display, then (from Display) Internet."""
    root = tmp_path_factory.mktemp("settings-runs")
    memory_path = root / "memory.sqlite"
    with VirtualPhone() as phone, MemoryStore(memory_path) as memory:
        device = VirtualDevice(phone)
        first_model = policy_model(by_role(manager={"subgoals": [{"text": "Open the Display page of Settings"}]},
                                           operator=display_operator, reflector=SUCCESS,
                                           completion=_finish_when("Display"), notetaker=tips_writer))
        first = run_task("Open Settings > Display", device, {"default": first_model}, out_dir=root, memory=memory)
        second_model = policy_model(by_role(
            manager={"subgoals": [{"text": "Open the Internet page (Settings > Network & internet > Internet)"}]},
            operator=internet_operator, reflector=SUCCESS, completion=_finish_when("Internet"),
            notetaker=worked_writer))
        second = run_task("Open Settings > Network & internet > Internet", device, {"default": second_model},
                          out_dir=root, memory=memory)
    yield SettingsRuns(memory_path, first, second, second_model)


def test_runs_are_ingested_and_their_trouble_becomes_tips(settings_runs: SettingsRuns) -> None:
    assert settings_runs.first.status == "complete", settings_runs.first.message
    assert settings_runs.second.status == "complete", settings_runs.second.message
    with MemoryStore(settings_runs.memory) as memory:
        stats = memory.stats()
        assert stats.trajectories == 2
        assert {t.run_id for t in memory.trajectories()} == {settings_runs.first.run_id, settings_runs.second.run_id}
        titles = {p.title for p in memory.pages(package="com.android.settings")}
        assert {"Settings", "Display", "Network & internet", "Internet"} <= titles
        assert [t.text for t in memory.tips()] == [SETTINGS_TIP, WORKED_TIP]  # for an app of the run only
    assert settings_runs.first.tokens["notetaker"].calls == 1  # the tip writer's call is counted
    assert settings_runs.second.tokens["notetaker"].calls == 1  # a smooth run of 4 actions: what worked
    operator_prompts = [prompt_text(r.messages) for r in settings_runs.second_model.requests if r.role == "operator"]
    in_settings = [p for p in operator_prompts if "App: com.android.settings" in p]
    assert in_settings and all(f"## Tips for Settings from earlier runs\n- {SETTINGS_TIP}" in p for p in in_settings)
    steps = load_run(Path(settings_runs.first.run_dir)).steps
    assert steps[0].verdict == "failure" and steps[0].semantic_action == "tap"
    assert steps[1].semantic_action == 'open_app Settings' and steps[1].page_after is not None
    assert steps[2].semantic_action == 'tap text="Display"' and steps[2].page_after.title == "Display"


def test_memory_path_between_two_settings_pages_after_the_runs(settings_runs: SettingsRuns) -> None:
    result = CliRunner().invoke(cli_app, ["memory", "path", "Display", "Internet", "--memory",
                                      str(settings_runs.memory)])
    assert result.exit_code == 0, result.output
    actions = re.findall(r"^\d+\.\s+(.+?)\s+->", result.output, re.MULTILINE)
    assert actions == ["press back", 'tap text="Network & internet"', 'tap text="Internet"']
    with VirtualPhone() as fresh:  # the path is right: it leads from Display to Internet on another phone
        open_app(fresh, "Settings")
        ui_tap(fresh, text="Display")
        follow(VirtualDevice(fresh), actions)
        assert fresh.current_focus() == ("com.android.settings", INTERNET)


def follow(device: VirtualDevice, actions: list[str]) -> None:
    for action in actions:
        parsed = parse_semantic_action(action)
        if parsed.action_type == "press":
            device.press(parsed.detail.upper())
            continue
        element = next(e for e in device.observe().elements if e.text == parsed.text)
        device.tap(*element.bounds.center)


def test_the_manager_is_shown_shortcuts_known_pages_and_tips(settings_runs: SettingsRuns, tmp_path: Path) -> None:
    manager_prompts: list[str] = []

    def manager(text: str) -> dict[str, Any]:
        manager_prompts.append(text)
        return {"status": "infeasible", "reason": "only looking at the plan's inputs"}

    model = ScriptedModel(replies=[lambda messages, _role: json.dumps(manager(prompt_text(messages)))])
    copy = tmp_path / "memory.sqlite"  # this run is ingested too: keep the shared file as the two runs left it
    with sqlite3.connect(settings_runs.memory) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with VirtualPhone() as phone, MemoryStore(copy) as memory:
        open_app(phone, "Settings")
        ui_tap(phone, text="Display")
        result = run_task("Open the Internet settings to check Wi-Fi", VirtualDevice(phone), {"default": model},
                          out_dir=tmp_path, memory=memory)
    assert result.status == "infeasible"
    (prompt,) = manager_prompts
    assert "## Shortcuts" in prompt and "- open_wifi_settings(): Open the Wi-Fi (Internet) settings page" in prompt
    listed = [line.split("(")[0] for line in prompt.split("## Shortcuts")[1].split("\n## ")[0].splitlines()
              if line.startswith("- ")]
    assert listed[0] == "- open_wifi_settings" and len(listed) == AgentSettings().max_shortcuts  # relevant first
    assert "## Known pages and how to reach them" in prompt
    assert ('- "Internet" (com.android.settings): from here: press back -> tap text="Network & internet" -> '
            'tap text="Internet"') in prompt
    assert '"Display"' not in prompt.split("## Known pages")[1].split("\n## ")[0]  # unrelated: not offered
    assert f"## Tips from earlier runs\n- Settings: {SETTINGS_TIP}" in prompt


def test_without_memory_the_manager_still_gets_the_built_in_shortcuts(tmp_path: Path) -> None:
    model = ScriptedModel(replies=['{"status": "infeasible", "reason": "x"}'])
    with VirtualPhone() as phone:
        run_task("Set an alarm for 7:30", VirtualDevice(phone), {"default": model}, out_dir=tmp_path)
    prompt = prompt_text(model.requests[0].messages)
    assert "create_alarm(hour: int, minute: int, label?: str)" in prompt
    assert "Known pages" not in prompt and "Tips from earlier runs" not in prompt


# -- the operator's shortcut action ---------------------------------------------------------------------------------

def sms_rows(phone: VirtualPhone) -> list[tuple[Any, ...]]:
    path = phone.fs.host_path("/data/data/com.android.messaging/databases/mmssms.db")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT address, body, type FROM sms").fetchall()


def shortcut_operator(text: str) -> dict[str, Any]:
    if "step 1:" in text:  # the shortcut ran (or was refused): finish either way
        status = "infeasible" if "not performed" in text else "complete"
        return act({"action": "done", "status": status, "message": "sent"}, "finished", done=True)
    assert "## Shortcuts you can run" in text and "send_sms(number: phone, message: str)" in text
    return act({"action": "shortcut", "name": "send_sms", "args": {"number": "555-0142", "message": "on my way"}},
               "text with the send_sms shortcut", done=True)


@pytest.mark.parametrize("confirm", ["auto", "deny"])
def test_an_operator_shortcut_runs_a_built_in_behind_the_confirm_gate(confirm: str, tmp_path: Path) -> None:
    model = policy_model(by_role(manager={"subgoals": [{"text": "Text 555-0142 'on my way' with a shortcut"}]},
                                 operator=shortcut_operator, reflector=SUCCESS,
                                 completion={"complete": True, "reason": "sent"}))
    with VirtualPhone() as phone:
        before = sms_rows(phone)
        result = run_task("Text 555-0142 'on my way'", VirtualDevice(phone), {"default": model}, out_dir=tmp_path,
                          settings=AgentSettings(confirm=confirm))  # type: ignore[arg-type]
        after = sms_rows(phone)
    step = load_run(Path(result.run_dir)).steps[0]
    assert step.action == {"action": "shortcut", "name": "send_sms",
                           "args": {"number": "555-0142", "message": "on my way"}}
    assert step.outcome is not None and step.outcome["sensitive"] == "send"
    if confirm == "auto":
        assert result.status == "complete", result.message
        assert step.outcome["ok"] and step.verdict == "success"
        assert [r for r in after if r not in before] == [("5550142", "on my way", 2)]
        assert not any(r.role == "reflector" for r in model.requests)  # the shortcut checked its own steps
    else:
        assert result.status == "infeasible"
        assert "not performed" in step.outcome["error"]
        assert after == before


def test_shortcuts_can_be_turned_off(tmp_path: Path) -> None:
    def operator(text: str) -> dict[str, Any]:
        if "step 1:" in text:
            return act({"action": "done", "status": "infeasible", "message": "no shortcuts"}, "give up")
        assert "(shortcuts are off in this run)" in text
        return act({"action": "shortcut", "name": "send_sms", "args": {"number": "555-0142", "message": "hi"}})

    model = policy_model(by_role(manager={"subgoals": [{"text": "Text 555-0142"}]}, operator=operator,
                                 reflector=SUCCESS))
    with VirtualPhone() as phone:
        before = sms_rows(phone)
        result = run_task("Text 555-0142", VirtualDevice(phone), {"default": model}, out_dir=tmp_path,
                          settings=AgentSettings(shortcuts=False, confirm="auto"))
        assert sms_rows(phone) == before
    step = load_run(Path(result.run_dir)).steps[0]
    assert step.outcome is not None and step.outcome["error"] == "shortcuts are off in this run: use GUI actions"
    manager_prompt = prompt_text(model.requests[0].messages)
    assert "at the first mismatch." in manager_prompt and "(none in this run)\n" in manager_prompt
    assert "send_sms(" not in manager_prompt


def test_the_operator_sees_the_phone_and_the_known_pages_of_each_subgoal(settings_runs: SettingsRuns,
                                                                          tmp_path: Path) -> None:
    plan = {"subgoals": [{"text": "Go back to the main Settings list"},
                         {"text": "Open the Internet page (Settings > Network & internet > Internet)"}]}

    def operator(text: str) -> dict[str, Any]:
        if "Go back" in subgoal(text):
            return act({"action": "press", "key": "back"}, "back to the main list", done=True)
        return internet_operator(text)

    model = policy_model(by_role(manager=plan, operator=operator, reflector=SUCCESS,
                                 completion=_finish_when("Internet")))
    copy = tmp_path / "memory.sqlite"
    with sqlite3.connect(settings_runs.memory) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with VirtualPhone() as phone, MemoryStore(copy) as memory:
        open_app(phone, "Settings")
        ui_tap(phone, text="Display")
        result = run_task("Open the Internet settings", VirtualDevice(phone), {"default": model},
                          out_dir=tmp_path, memory=memory)
    assert result.status == "complete", result.message
    prompts = [prompt_text(r.messages) for r in model.requests if r.role == "operator"]
    first, later = prompts[0], [p for p in prompts if "Open the Internet page" in subgoal(p)]
    assert "Date and time on the phone: 2026-10-15 09:00 Thursday." in first
    assert "Settings (com.android.settings)" in first and "Contacts (com.android.contacts)" in first
    assert later and all("## Known pages and how to reach them" in p for p in later)
    assert '- "Internet" (com.android.settings): from here: tap text="Network & internet"' in later[0]
    history = section(later[-1], "Recent steps (oldest first)")
    assert re.search(r'tap \{"index": \d+\} on \w+ "Network & internet \| Mobile', history), history  # the row's label


def test_after_a_crawl_the_manager_gets_a_route_from_the_home_screen(tmp_path: Path) -> None:
    """A crawl starts inside the app and never records the launcher; the route opens the app, then follows the
    recorded way from the page the app opens on."""
    from droidpilot.memory import ingest_observations
    from tests.memory.walk import Walker

    manager_prompts: list[str] = []

    def manager(text: str) -> dict[str, Any]:
        manager_prompts.append(text)
        return {"status": "infeasible", "reason": "only looking at the plan's inputs"}

    with VirtualPhone() as phone, MemoryStore(tmp_path / "memory.sqlite") as memory:
        walker = Walker(phone)
        walker.device.launch("com.android.settings")  # as the crawler does: no launcher page, no open_app edge
        for label in ("Network & internet", "Internet"):
            walker.tap(label)
        ingest_observations(memory, walker.steps)
        walker.device.press("HOME")
        model = ScriptedModel(replies=[lambda messages, _role: json.dumps(manager(prompt_text(messages)))])
        run_task("Turn off Wi-Fi", VirtualDevice(phone), {"default": model}, out_dir=tmp_path, memory=memory)
    (prompt,) = manager_prompts
    assert ('- "Internet" (com.android.settings): open_app Settings -> tap text="Network & internet" -> '
            'tap text="Internet"') in prompt
