"""What every listing and help page shows a new user: lists with a header and a --json form; help without a
meaningless type after on/off flags."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from droidpilot.cli.main import app

runner = CliRunner()


def test_bench_list_has_a_header_and_json() -> None:
    table = runner.invoke(app, ["bench", "list", "--suite", "shortcuts"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].startswith("shortcuts (") and lines[1].split()[:3] == ["TASK", "LEVEL", "STEPS"]
    listed = json.loads(runner.invoke(app, ["bench", "list", "--json"]).stdout)
    suites = {task["suite"] for task in listed}
    assert {"androidworld", "uinexus", "shortcuts"} <= suites
    wifi = next(t for t in listed if t["task"] == "SystemWifiTurnOff")
    assert wifi["apps"] == ["com.android.settings"] and wifi["step_budget"] > 0 and wifi["template"]


@pytest.mark.parametrize("command", [[], ["run"], ["device", "apps"], ["shortcuts", "list"], ["bench", "list"],
                                     ["crawl"], ["doctor"], ["mcp"], ["device", "reset"]])
def test_help_shows_no_bool_type(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.stdout and "--help" in result.stdout
