"""`droidpilot crawl`: unknown apps, several apps over several devices, progress and summary, page memory."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from droidpilot.cli.main import app
from droidpilot.memory.store import MemoryStore

runner = CliRunner()


def test_an_unknown_package_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["crawl", "--app", "com.example.nope", "--out", str(tmp_path), "--no-memory"])
    assert result.exit_code == 2
    assert "unknown app 'com.example.nope'" in result.output and "com.android.settings" in result.output
    assert "Traceback" not in result.output


def test_a_bad_option_fails_before_the_output_folder_is_made(tmp_path: Path) -> None:
    out = tmp_path / "never"
    for bad in (["--executor", "nope"], ["--license", "not a license"]):
        result = runner.invoke(app, ["crawl", "--app", "com.android.settings", "--out", str(out), *bad])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert not out.exists()


def test_two_apps_on_two_devices_with_memory(tmp_path: Path) -> None:
    out, memory = tmp_path / "out", tmp_path / "memory.sqlite"
    result = runner.invoke(app, ["crawl", "--app", "com.android.settings,com.android.contacts", "--devices", "2",
                                 "--max-steps", "30", "--out", str(out), "--memory", str(memory)])
    assert result.exit_code == 0, result.output
    assert "[com.android.contacts] step" in result.output and "new: " in result.output
    assert "com.android.settings: 30 steps" in result.output and "screens " in result.output
    for package in ("com.android.settings", "com.android.contacts"):
        utg = json.loads((out / package / "utg.json").read_text())
        assert utg["num_steps"] == 30 and utg["app_package"] == package
        assert (out / package / "dataset" / "README.md").exists()
    devices = {json.loads(line).get("device") for p in out.glob("*/journal.jsonl")
               for line in p.read_text().splitlines() if '"session"' in line}
    assert devices == {"emulator-5554", "emulator-5556"}
    assert "config_name: com.android.contacts" in (out / "README.md").read_text()
    with MemoryStore(memory) as store:
        crawled = {"com.android.settings", "com.android.contacts"}  # and the home screen they were opened from
        assert crawled < set(store.stats().packages) <= crawled | {"com.android.launcher3", "com.android.messaging"}


def test_a_failing_app_is_recorded_and_the_others_go_on(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "com.android.contacts" / "utg.json").mkdir(parents=True)  # a folder where a file must go: step 25 fails
    result = runner.invoke(app, ["crawl", "--app", "com.android.contacts,com.android.settings", "--max-steps", "30",
                                 "--out", str(out), "--no-memory"])
    assert result.exit_code == 1, result.output  # one app failed
    assert "com.android.contacts: 25 steps" in result.output and "stopped: error" in result.output
    assert "IsADirectoryError" in result.output and "1 of 2 app(s) failed" in result.output
    assert "com.android.settings: 30 steps" in result.output
    journal = (out / "com.android.contacts" / "journal.jsonl").read_text().splitlines()
    assert sum('"kind":"step"' in line for line in journal) == 25
    assert (out / "com.android.contacts" / "dataset" / "transitions-00000.parquet").exists()
    assert not list(out.rglob(".*tmp*"))
