"""Mined shortcuts are safe to run twice: a "Turn Wi-Fi off" run, recorded with the scripted model on the virtual
phone, becomes `turn_off_wifi`, whose switch step requires the switch on and expects it off; run where Wi-Fi is
already off it leaves it off and says "already done". Mined into a library with the built-ins it is merged into
the built-in `turn_off_wifi` instead of being added next to it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent import recall
from droidpilot.agent.miner_replay import DeferredValidator
from droidpilot.agent.mining import Mined, mine_run, name_from
from droidpilot.agent.runner import run_task
from droidpilot.agent.shortcut_tool import run_shortcut_action
from droidpilot.agent.state import AgentContext, AgentSettings
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.shortcuts.executor import ShortcutExecutor
from droidpilot.shortcuts.library import ShortcutLibrary, describe_for_manager
from droidpilot.shortcuts.model import ElementPresent
from tests.agent.policies import act, app, by_role, find, policy_model, subgoal, tap

SETTINGS = "com.android.settings"


def wifi_operator(text: str) -> dict[str, Any]:
    if "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "Wi-Fi is off"}, "finished")
    if app(text) != SETTINGS:
        return act({"action": "open_app", "app": "Settings"}, "open Settings")
    switch = find(text, '"Wi-Fi"', "Switch")
    if switch is not None:
        return tap(switch, "turn the Wi-Fi switch off", done=True)
    for label in ('"Internet', '"Network & internet'):
        if find(text, label) is not None:
            return tap(find(text, label), f"open {label.strip(chr(34))}")
    return act({"action": "press", "key": "back"}, "back to the main Settings list")


@pytest.fixture(scope="module")
def wifi_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("wifi")
    model = policy_model(by_role(manager={"subgoals": [{"text": "Turn Wi-Fi off in Settings"}]},
                                 operator=wifi_operator, reflector={"outcome": "success", "reason": "ok"},
                                 completion={"complete": True, "reason": "Wi-Fi is off"}))
    with VirtualPhone() as phone:
        result = run_task("Turn Wi-Fi off", VirtualDevice(phone), {"default": model}, out_dir=root / "runs")
        assert phone.settings.get("global", "wifi_on") == "0"
    assert result.status == "complete", result.message
    yield Path(result.run_dir)


def only_saved(results: list[Mined]) -> Mined:
    (mined,) = results
    assert mined.status == "saved", mined.reason
    assert mined.shortcut is not None
    return mined


def test_the_mined_wifi_shortcut_checks_the_switch_and_does_nothing_when_wifi_is_already_off(
        wifi_run: Path, tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "mined.sqlite", builtins=False)
    mined = only_saved(mine_run(wifi_run, library).results)
    shortcut = library.get("turn_off_wifi")
    assert mined.name == "turn_off_wifi" and shortcut is not None  # the name keeps "Wi-Fi" whole
    flip = shortcut.steps[-1]
    assert flip.action == "tap" and flip.idempotent
    assert isinstance(flip.requires, ElementPresent) and flip.requires.locator.checked is True
    assert isinstance(flip.expect, ElementPresent) and flip.expect.locator.checked is False
    assert flip.locator is not None and (flip.locator.resource_id, flip.locator.text) == ("android:id/switch_widget",
                                                                                          "Wi-Fi")
    with VirtualPhone() as phone:
        device = VirtualDevice(phone)
        phone.settings.put("global", "wifi_on", "0")
        device.launch(SETTINGS)
        outcome = run_shortcut_action(device, library, "turn_off_wifi", {}, settle_timeout=1.0)
        assert outcome.ok and outcome.detail == "shortcut turn_off_wifi: already done, nothing was changed"
        assert phone.settings.get("global", "wifi_on") == "0"  # left off, not turned on
        phone.settings.put("global", "wifi_on", "1")
        device.shell(f"am force-stop {SETTINGS}")  # start again from the main list
        device.launch(SETTINGS)
        run = ShortcutExecutor(device, library, settle_timeout=1.0).run(shortcut, {})
        assert run.ok and not run.already_done and phone.settings.get("global", "wifi_on") == "0"
    counted = library.get("turn_off_wifi")
    assert counted is not None and (counted.usage_count, counted.success_count) == (3, 3)  # validation + 2 uses


def test_mined_into_a_library_with_built_ins_it_is_merged_into_turn_off_wifi(wifi_run: Path, tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "with-builtins.sqlite")
    before = {s.name for s in library.list()}
    (merged,) = mine_run(wifi_run, library).results
    assert (merged.status, merged.name) == ("merged", "turn_off_wifi")
    assert merged.reason == "same app, effect and locators as 'turn_off_wifi': merged into it, not added"
    assert {s.name for s in library.list()} == before


def test_through_the_cli_the_mined_wifi_shortcut_leaves_wifi_off_and_says_already_done(
        wifi_run: Path, tmp_path: Path) -> None:
    """Done-when of issue 17: `droidpilot shortcuts run` of the mined shortcut (it overrides the built-in of the
    same name in the CLI's library) on a phone whose Wi-Fi is already off."""
    from typer.testing import CliRunner

    from droidpilot.cli.main import app as cli

    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    only_saved(mine_run(wifi_run, library, validator=DeferredValidator()).results)  # as on a physical phone
    with VirtualPhone(tmp_path / "phone") as phone:
        phone.settings.put("global", "wifi_on", "0")
        VirtualDevice(phone).launch(SETTINGS)
    result = CliRunner().invoke(cli, ["shortcuts", "run", "turn_off_wifi", "--device", f"virtual:{tmp_path / 'phone'}",
                                      "--shortcuts", str(tmp_path / "lib.sqlite")])
    assert result.exit_code == 0, result.output
    assert "turn_off_wifi: already done (its goal state already holds; nothing was changed)" in result.stdout
    with VirtualPhone(tmp_path / "phone") as phone:
        assert phone.settings.get("global", "wifi_on") == "0"
    used = ShortcutLibrary(tmp_path / "lib.sqlite").get("turn_off_wifi")
    assert used is not None and used.source == "mined" and used.success_count == 1 and not used.unverified


@pytest.mark.parametrize(("subgoal_text", "name"), [
    ("Turn Wi-Fi off", "turn_off_wifi"), ("Turn off Wi-Fi in Settings", "turn_off_wifi"),
    ("Switch Bluetooth on", "switch_on_bluetooth"), ("Enable Do Not Disturb", "enable_do_not_disturb"),
    ("Create the contact with phone in Contacts", "create_contact"), ("Sign in to the account", "sign_in_account"),
    ("Set an alarm in Clock", "set_alarm"), ("Turn on the e-mail sync", "turn_on_email_sync"),
])
def test_names_come_from_the_goals_words_whole(subgoal_text: str, name: str) -> None:
    assert name_from(subgoal_text, "Settings") == name


# -- learning after every successful run -------------------------------------------------------------------------

def wifi_model() -> Any:
    return policy_model(by_role(manager={"subgoals": [{"text": "Turn Wi-Fi off in Settings"}]},
                                operator=wifi_operator, reflector={"outcome": "success", "reason": "ok"},
                                completion={"complete": True, "reason": "Wi-Fi is off"}))


@pytest.mark.parametrize("learn", [True, False])
def test_a_successful_run_is_mined_into_the_library_unless_learning_is_off(learn: bool, tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    with VirtualPhone() as phone:
        result = run_task("Turn Wi-Fi off", VirtualDevice(phone), {"default": wifi_model()}, out_dir=tmp_path,
                          shortcuts=library, settings=AgentSettings(learn=learn))
    assert result.status == "complete", result.message
    learned = library.get("turn_off_wifi")
    if not learn:
        assert learned is None and library.list() == []
        return
    assert learned is not None and learned.source == "mined"
    assert (learned.usage_count, learned.success_count) == (1, 1) and not learned.unverified  # replayed


def test_without_a_replay_a_mined_shortcut_is_unverified_until_a_use_succeeds(wifi_run: Path, tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    (mined,) = mine_run(wifi_run, library, validator=DeferredValidator()).results
    assert mined.status == "saved" and mined.reason.startswith("not replayed")
    shortcut = library.get("turn_off_wifi")
    assert shortcut is not None and shortcut.unverified and shortcut.usage_count == 0
    assert describe_for_manager([shortcut]).endswith("(unverified: check the screen after it)")
    library.record_use("turn_off_wifi", True)
    verified = library.get("turn_off_wifi")
    assert verified is not None and not verified.unverified
    assert not describe_for_manager([verified]).endswith(")")


def test_two_failures_in_a_row_demote_a_shortcut_and_a_success_restores_it(tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite")
    ctx = AgentContext(device=None, models={}, executor=None, writer=None, shortcuts=library)  # type: ignore[arg-type]
    assert recall.shortcut_choices(ctx, "turn off wifi", 3)[0].name == "turn_off_wifi"
    library.record_use("turn_off_wifi", False)
    library.record_use("turn_off_wifi", True)
    library.record_use("turn_off_wifi", False)  # failures, but not in a row
    assert not library.get("turn_off_wifi").demoted  # type: ignore[union-attr]
    library.record_use("turn_off_wifi", False)
    demoted = library.get("turn_off_wifi")
    assert demoted is not None and demoted.demoted and demoted.fail_streak == 2
    assert "turn_off_wifi" not in [s.name for s in recall.shortcut_choices(ctx, "turn off wifi", 20)]
    library.record_use("turn_off_wifi", True)  # called by name, it worked: offered again
    assert recall.shortcut_choices(ctx, "turn off wifi", 3)[0].name == "turn_off_wifi"


def test_a_version_1_library_gains_the_failure_streak(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE shortcuts_usage (name TEXT PRIMARY KEY, usage_count INTEGER NOT NULL DEFAULT 0, "
                     "success_count INTEGER NOT NULL DEFAULT 0, last_used_ms INTEGER)")
        conn.execute("INSERT INTO shortcuts_usage VALUES ('send_sms', 3, 2, 0)")
    library = ShortcutLibrary(path)
    library.record_use("send_sms", False)
    sms = library.get("send_sms")
    assert sms is not None and (sms.usage_count, sms.success_count, sms.fail_streak) == (4, 2, 1)


def test_shortcuts_list_marks_demoted_and_unverified_ones(wifi_run: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from droidpilot.cli.main import app

    path = tmp_path / "lib.sqlite"
    library = ShortcutLibrary(path)
    mine_run(wifi_run, ShortcutLibrary(tmp_path / "other.sqlite", builtins=False), validator=DeferredValidator())
    library.add(ShortcutLibrary(tmp_path / "other.sqlite", builtins=False).list()[0].model_copy(
        update={"name": "wifi_off_by_hand"}))
    for _ in range(2):
        library.record_use("send_sms", False)
    out = CliRunner().invoke(app, ["shortcuts", "list", "--shortcuts", str(path)]).stdout
    rows = {line.split("(")[0]: line for line in out.splitlines()}
    assert "[demoted] Send an SMS" in rows["send_sms"] and "[unverified] Turn Wi-Fi off" in rows["wifi_off_by_hand"]
    assert "[" not in rows["send_sms"].split("]", 1)[1] and "[" not in rows["turn_off_wifi"]
