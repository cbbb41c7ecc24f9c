"""The shortcut miner on a recorded agent run: "add contact Alice Doe 555-0100 and text her hello", driven by the
scripted model on the virtual phone, becomes parameterized shortcuts that, with other arguments on a fresh phone,
create another contact and send another message (checked in the apps' databases); where their precondition does
not hold they stop at once and change nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from typer.testing import CliRunner

from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.agent.miner_replay import VirtualValidator
from droidpilot.agent.mining import MineReport, MinerError, mine_run
from droidpilot.agent.runner import run_task
from droidpilot.agent.shortcut_tool import run_shortcut_action
from droidpilot.agent.state import AgentSettings, RoleMode
from droidpilot.cli.main import app as cli_app
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.shortcuts.executor import ShortcutExecutor
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.model import AppInForeground, ElementAbsent, ElementPresent, Shortcut
from tests.agent.policies import (
    act,
    app,
    by_role,
    find,
    line_of,
    policy_model,
    shows,
    sms_operator,
    subgoal,
    tap,
    typing,
)

GOAL = "add contact Alice Doe 555-0100 and text her hello"
PLAN = {"subgoals": [{"text": "Create the contact Alice Doe with phone 555-0100 in Contacts"},
                     {"text": "Send the SMS 'hello' to Alice Doe in Messages"}]}
CONTACTS, MESSAGING = "com.android.contacts", "com.android.messaging"
DATABASES = {CONTACTS: "contacts2.db", MESSAGING: "mmssms.db"}


def create_contact(text: str) -> dict[str, Any]:
    if app(text) != CONTACTS:
        return act({"action": "open_app", "app": "Contacts"}, "open Contacts")
    if find(text, '"Save"') is None:
        return tap(find(text, "Create contact"), "new contact")
    for hint, value in (("First name", "Alice"), ("Last name", "Doe"), ("Phone", "555-0100")):
        index = find(text, f'"{hint}"', "EditText")
        if index is not None and "(hint)" in line_of(text, index):
            return typing(index, value, f"type {value}")
    return tap(find(text, '"Save"'), "save the contact", done=True)


def operator(text: str) -> dict[str, Any]:
    if "Create the contact" in subgoal(text):
        return create_contact(text)
    return sms_operator("Alice Doe", "hello")(text)


class Recorded(NamedTuple):
    run_dir: Path
    library: ShortcutLibrary
    report: MineReport


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recorded]:
    """The run, recorded once, and mined once into a fresh library."""
    root = tmp_path_factory.mktemp("miner")
    model = policy_model(by_role(manager=PLAN, operator=operator, reflector={"outcome": "success", "reason": "ok"},
                                 completion=lambda text: {"complete": shows(text, '"hello"'), "reason": "sent"}))
    with VirtualPhone() as phone:
        result = run_task(GOAL, VirtualDevice(phone), {"default": model}, settings=AgentSettings(confirm="auto"),
                          out_dir=root / "runs")
    assert result.status == "complete", result.message
    library = ShortcutLibrary(root / "shortcuts.sqlite", builtins=False)  # the built-ins would absorb the contact
    yield Recorded(Path(result.run_dir), library, mine_run(result.run_dir, library))


def saved(recorded: Recorded, app_package: str) -> Shortcut:
    (found,) = [r.shortcut for r in recorded.report.by_status("saved") if r.shortcut and r.shortcut.app == app_package]
    stored = recorded.library.get(found.name)
    assert stored is not None
    return stored


def db_digest(phone: VirtualPhone) -> dict[str, str]:
    out = {}
    for package, db in DATABASES.items():
        path = phone.fs.host_path(f"/data/data/{package}/databases/{db}")
        out[db] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return out


def rows(phone: VirtualPhone, package: str, sql: str) -> list[tuple[Any, ...]]:
    path = phone.fs.host_path(f"/data/data/{package}/databases/{DATABASES[package]}")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def test_the_run_becomes_two_parameterized_shortcuts(recorded: Recorded) -> None:
    assert [r.status for r in recorded.report.results] == ["saved", "saved"]
    contact, sms = saved(recorded, CONTACTS), saved(recorded, MESSAGING)
    assert contact.signature() == "create_contact(first_name: str, last_name: str, phone: phone)"
    assert [p.example for p in contact.params] == ["Alice", "Doe", "555-0100"]
    assert sms.signature() == "send_sms(name: str, message: str)"  # no built-ins here: the name is free
    assert [p.example for p in sms.params] == ["Alice Doe", "hello"]
    assert sms.sensitive == "send" and not contact.sensitive
    assert contact.description.startswith("Create the contact {first_name} {last_name} with phone {phone}")
    for shortcut in (contact, sms):
        assert shortcut.kind == "gui" and shortcut.source == "mined"
        assert (shortcut.usage_count, shortcut.success_count) == (1, 1)  # the validation replay
        assert isinstance(shortcut.preconditions[0], AppInForeground)
        assert all(s.expect is not None for s in shortcut.steps)  # every step checks the next screen
        for step in shortcut.steps:  # locators only, never coordinates
            assert step.locator is not None and (step.locator.resource_id or step.locator.text)
    texts = [s.text for s in contact.steps if s.action == "type"]
    assert texts == ["{first_name}", "{last_name}", "{phone}"]
    assert sms.steps[1].locator is not None and sms.steps[1].locator.text == "{name}"  # the chosen row
    sent = sms.steps[-1].expect
    assert isinstance(sent, ElementAbsent) and sent.locator.text == "{message}"  # the compose box was emptied
    assert recorded.report.results[1].args == {"name": "Alex Morgan", "message": "clara"}


def test_mined_shortcuts_with_other_arguments_on_a_fresh_phone(recorded: Recorded) -> None:
    contact, sms = saved(recorded, CONTACTS), saved(recorded, MESSAGING)
    with VirtualPhone() as phone:
        device = VirtualDevice(phone)
        executor = ShortcutExecutor(device, recorded.library, settle_timeout=1.0)
        device.launch(CONTACTS)
        run = executor.run(contact, {"first_name": "Grace", "last_name": "Hopper", "phone": "555-0199"})
        assert run.ok, run.summary()
        device.launch(MESSAGING)
        run = executor.run(sms, {"name": "Grace Hopper", "message": "see you at noon"})
        assert run.ok, run.summary()
        people = rows(phone, CONTACTS, "SELECT c.display_name, p.number FROM contacts c "
                                       "JOIN phones p ON p.contact_id = c._id")
        assert ("Grace Hopper", "555-0199") in people and not any(name == "Alice Doe" for name, _n in people)
        assert ("5550199", "see you at noon", 2) in rows(phone, MESSAGING, "SELECT address, body, type FROM sms")
    assert (recorded.library.get(contact.name).usage_count, recorded.library.get(sms.name).success_count) == (2, 2)


def test_where_the_precondition_does_not_hold_nothing_changes(recorded: Recorded) -> None:
    contact, sms = saved(recorded, CONTACTS), saved(recorded, MESSAGING)
    args = {contact.name: {"first_name": "Grace", "last_name": "Hopper", "phone": "555-0199"},
            sms.name: {"name": "Alex Morgan", "message": "see you"}}
    with VirtualPhone() as phone:
        device = VirtualDevice(phone)
        device.launch(MESSAGING)  # the wrong app for create_contact
        before = db_digest(phone)
        outcome = run_shortcut_action(device, recorded.library, contact.name, args[contact.name])
        assert not outcome.ok
        assert outcome.error == (f"{contact.name}: stopped before any step after 0/5 steps: precondition failed: "
                                 "com.android.contacts/PeopleActivity is in the foreground (the foreground is "
                                 "com.android.messaging/com.android.messaging.ui.conversationlist."
                                 "ConversationListActivity). Nothing was done")
        device.launch(CONTACTS)
        phone.tap(*next(e for e in device.observe().elements if e.content_desc == "Create contact").bounds.center)
        outcome = run_shortcut_action(device, recorded.library, contact.name, args[contact.name])  # wrong page
        assert not outcome.ok and "precondition failed" in outcome.error and "Nothing was done" in outcome.error
        device.press("HOME")
        outcome = run_shortcut_action(device, recorded.library, sms.name, args[sms.name])
        assert not outcome.ok and "stopped before any step" in outcome.error
        assert db_digest(phone) == before
    assert recorded.library.get(contact.name).usage_count >= 3  # failures count as uses too


def test_mining_again_finds_only_duplicates(recorded: Recorded) -> None:
    again = mine_run(recorded.run_dir, recorded.library, validator=_NeverCalled())  # type: ignore[arg-type]
    assert [(r.status, r.name) for r in again.results] == [("duplicate", "create_contact"),
                                                           ("duplicate", "send_sms")]


class _NeverCalled:
    def check(self, *_args: Any) -> tuple[bool, str]:
        raise AssertionError("duplicates are not validated")

    def close(self) -> None:
        pass


def test_the_model_names_the_shortcuts_when_there_is_one(recorded: Recorded, tmp_path: Path) -> None:
    names = iter([{"name": "add_contact", "description": "Add a contact. Starts on the Contacts list."},
                  {"name": "not a valid name", "description": "x"}, {"name": "text_contact", "description": "Text"
                   " a contact {name} the message {message}. Starts on the Messages list."}])
    model = ScriptedModel(replies=[lambda _m, _r: json.dumps(next(names))] * 4)
    library = ShortcutLibrary(tmp_path / "shortcuts.sqlite", builtins=False)
    report = mine_run(recorded.run_dir, library, model=model, save=False)
    assert [(r.status, r.name) for r in report.results] == [("validated", "add_contact"),
                                                            ("validated", "text_contact")]
    assert library.get("add_contact") is None  # save=False: nothing written
    assert {r.role for r in model.requests} == {"notetaker"}


def test_steps_on_bare_coordinates_are_not_mined(tmp_path: Path) -> None:
    def settings_operator(text: str) -> dict[str, Any]:
        if "All planned subgoals are done" in subgoal(text):
            return act({"action": "done", "status": "complete", "message": "ok"}, "finished")
        if app(text) != "com.android.settings":
            return act({"action": "open_app", "app": "Settings"}, "open Settings")
        if find(text, '"Network & internet') is not None:
            return tap(find(text, '"Network & internet'), "open Network & internet")
        return act({"action": "tap", "x": 540, "y": 600}, "tap the first row by its position", done=True)

    model = policy_model(by_role(manager={"subgoals": [{"text": "Open Internet in Settings"}]},
                                 operator=settings_operator, reflector={"outcome": "success", "reason": "ok"},
                                 completion={"complete": True, "reason": "ok"}))
    with VirtualPhone() as phone:
        result = run_task("Open Internet in Settings", VirtualDevice(phone), {"default": model}, out_dir=tmp_path,
                          settings=AgentSettings(modes={"default": RoleMode(vision="off")}))  # x, y on the screen
    assert result.status == "complete", result.message
    report = mine_run(result.run_dir, ShortcutLibrary(tmp_path / "s.sqlite"), validator=_NeverCalled())  # type: ignore[arg-type]
    (rejected,) = report.results
    assert rejected.status == "rejected" and rejected.run_steps == [2, 3]
    assert rejected.reason == "step 3 acted on bare coordinates, which no shortcut may replay"


def test_only_successful_runs_are_mined(recorded: Recorded, tmp_path: Path) -> None:
    failed = tmp_path / "failed"
    failed.mkdir()
    for name in ("run.json", "trajectory.jsonl"):
        (failed / name).write_bytes((recorded.run_dir / name).read_bytes())
    result = json.loads((recorded.run_dir / "result.json").read_text())
    (failed / "result.json").write_text(json.dumps({**result, "status": "max_steps"}))
    with pytest.raises(MinerError, match="did not succeed \\(max_steps\\): only successful runs are mined"):
        mine_run(failed, recorded.library)
    with pytest.raises(MinerError, match=r"no result\.json"):
        mine_run(tmp_path, recorded.library)


def test_cli_mine_prints_what_it_found_validated_saved_or_rejected(recorded: Recorded, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "DROIDPILOT_MODEL", "DROIDPILOT_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    library = tmp_path / "mined.sqlite"
    runner = CliRunner()
    first = runner.invoke(cli_app, ["shortcuts", "mine", str(recorded.run_dir), "--shortcuts", str(library)])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert "with heuristic names" in lines[0]
    assert lines[1].split() == ["merged", "new_contact(first_name:", "str,", "last_name?:", "str,", "phone?:",
                                "phone,", "email?:", "str)", "from", "steps", "2-6"]  # the built-in does this
    assert lines[2].strip() == "why: same app, effect and locators as 'new_contact': merged into it, not added"
    assert lines[3].split()[:2] == ["saved", "send_sms_in_messages(name:"]  # send_sms is a built-in's name
    assert "replayed on a fresh virtual phone with name='Alex Morgan'" in first.output
    assert lines[-1].startswith("1 saved, 1 already in the library, 0 rejected")
    second = runner.invoke(cli_app, ["shortcuts", "mine", str(recorded.run_dir), "--shortcuts", str(library)])
    assert second.exit_code == 0
    assert "why: the library already has these steps as 'send_sms_in_messages'" in second.output
    missing = runner.invoke(cli_app, ["shortcuts", "mine", str(tmp_path / "nope"), "--shortcuts", str(library)])
    assert missing.exit_code == 2 and "is not a directory" in missing.output


def test_validation_rejects_a_shortcut_that_only_works_with_its_recorded_values(recorded: Recorded) -> None:
    contact = saved(recorded, CONTACTS)
    literal_title = contact.model_copy(update={"steps": [*contact.steps[:-1], contact.steps[-1].model_copy(
        update={"expect": ElementPresent.model_validate({"locator": {"text": "Alice Doe"}})})]})
    validator = VirtualValidator()
    try:
        ok, why = validator.check(literal_title, {"first_name": "Bruno", "last_name": "Clara", "phone": "777-2322"})
    finally:
        validator.close()
    assert not ok and why.startswith("replay with fresh values failed: create_contact: stopped at step 5")
