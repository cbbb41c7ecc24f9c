"""`droidpilot shortcuts ...` through Typer's runner, on a persistent virtual phone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from droidpilot.cli.shortcuts import app

runner = CliRunner()


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "shortcuts.sqlite"
    monkeypatch.setenv("DROIDPILOT_SHORTCUTS", str(path))
    monkeypatch.delenv("DROIDPILOT_DEVICE", raising=False)
    return path


def test_list_and_show_work_with_an_empty_library(lib: Path) -> None:
    listed = runner.invoke(app, ["list", "--app", "com.android.messaging"])
    assert listed.exit_code == 0, listed.output
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [
        "SHORTCUT", "open_conversation(number:", "send_sms(number:"]
    listed_json = json.loads(runner.invoke(app, ["list", "--app", "com.android.messaging", "--json"]).stdout)
    assert [s["name"] for s in listed_json] == ["open_conversation", "send_sms"]
    shown = runner.invoke(app, ["show", "send_sms"])
    assert shown.exit_code == 0
    assert "1. open_uri smsto:{number}?body={message}" in shown.stdout and "sensitive: send" in shown.stdout
    as_json = json.loads(runner.invoke(app, ["show", "create_alarm", "--json"]).stdout)
    assert as_json["name"] == "create_alarm" and as_json["kind"] == "intent"


def test_run_prints_each_step_and_changes_the_phone(lib: Path, tmp_path: Path) -> None:
    phone = tmp_path / "phone"
    result = runner.invoke(app, ["run", "send_sms", "--arg", "number=555-0100", "--arg",
                                 "message=a=b; $(id) Zoë", "--device", f"virtual:{phone}", "--timeout", "0.5"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("  1. open_uri smsto:555-0100?body=a%3Db%3B%20%24%28id%29%20Zo%C3%AB  ok")
    assert lines[1].startswith("  2. tap resource-id='com.android.messaging:id/send_message_button'  ok")
    assert lines[2].startswith("send_sms: done (2 steps")
    with sqlite3.connect(phone / "data" / "com.android.messaging" / "databases" / "mmssms.db") as conn:
        assert conn.execute("SELECT body FROM sms WHERE address = '5550100'").fetchall() == [("a=b; $(id) Zoë",)]
    listed = runner.invoke(app, ["list", "--app", "com.android.messaging"]).stdout
    assert "send_sms(number: phone, message: str)  deeplink  com.android.messaging  1/1" in listed


def test_failures_exit_1_and_usage_errors_exit_2(lib: Path) -> None:
    failed = runner.invoke(app, ["run", "open_contact", "--arg", "name=Nobody Here", "--timeout", "0.1"])
    assert failed.exit_code == 1
    assert "3. type 'Nobody Here' into" in failed.stdout
    assert "FAILED: postcondition failed after step 3" in failed.stdout
    assert failed.stderr.startswith("open_contact: stopped at step 3 after 2/4 steps")
    unknown = runner.invoke(app, ["run", "send_sm"])
    assert unknown.exit_code == 2
    assert unknown.stderr.splitlines() == ["error: unknown shortcut 'send_sm'; did you mean send_sms, set_timer?",
                                           "hint: 'droidpilot shortcuts list' shows every shortcut"]
    bad = runner.invoke(app, ["run", "create_alarm", "--arg", "hour=25"])
    assert bad.exit_code == 2
    assert bad.stderr.splitlines() == [
        "error: create_alarm(hour: int, minute: int, label?: str): argument 'hour' must be at most 23, got 25; "
        "missing argument 'minute' (e.g. '30')",
        "hint: droidpilot shortcuts run create_alarm --arg hour=7 --arg minute=30 --arg label=Gym"]
    malformed = runner.invoke(app, ["run", "send_sms", "--arg", "number"])
    assert malformed.exit_code == 2 and "is not KEY=VALUE" in malformed.stderr


def test_import_export_round_trip(lib: Path, tmp_path: Path) -> None:
    everything = tmp_path / "all.json"
    assert runner.invoke(app, ["export", str(everything), "--all"]).exit_code == 0
    data = json.loads(everything.read_text())
    mine = {**data[0], "name": "my_note", "source": "user", "description": "My own note shortcut"}
    (tmp_path / "mine.json").write_text(json.dumps([mine]))
    imported = runner.invoke(app, ["import", str(tmp_path / "mine.json")])
    assert imported.exit_code == 0 and imported.stdout.startswith("imported 1 shortcut into ")
    exported = runner.invoke(app, ["export", str(tmp_path / "user.json")])
    assert exported.stdout.strip() == f"exported 1 shortcut to {tmp_path / 'user.json'}"
    assert [s["name"] for s in json.loads((tmp_path / "user.json").read_text())] == ["my_note"]
    (tmp_path / "bad.json").write_text(json.dumps([{**mine, "kind": "macro"}]))
    bad = runner.invoke(app, ["import", str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "shortcut 'my_note' (#1): kind:" in bad.stderr
    assert runner.invoke(app, ["remove", "my_note"]).exit_code == 0
    assert runner.invoke(app, ["remove", "send_sms"]).exit_code == 2


def test_registered_in_the_main_cli(lib: Path) -> None:
    from droidpilot.cli.main import app as main_app

    result = runner.invoke(main_app, ["shortcuts", "show", "set_timer"])
    assert result.exit_code == 0 and result.stdout.startswith("set_timer(seconds: int)")
