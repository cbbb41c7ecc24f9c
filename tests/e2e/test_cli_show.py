"""`droidpilot show RUN_DIR`: the offline run.html of a real CLI run, rendered in headless Chromium: every step is
there with its screenshot (which loads), its tap point drawn, and every model call expandable."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer
from tests.agent.policies import WIFI_PLAN, by_role, wifi_completion, wifi_operator
from tests.e2e.test_cli_run import ENV_VARS, answering, invoke, only_run, run_args

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
WIFI = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector={"outcome": "success"},
               completion=wifi_completion)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 1\n")
    return tmp_path


def rendered(page: Path) -> str:
    """The page's DOM after load, as headless Chromium sees it (scripts run, images fetched)."""
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                           "--virtual-time-budget=5000", "--dump-dom", page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs chromium")
def test_show_writes_a_page_whose_steps_and_images_all_render(workdir: Path) -> None:
    with FakeOpenAIServer() as server:
        server.responder = answering(WIFI)
        result = invoke("run", "Turn off Wi-Fi", *run_args(server, workdir / "phone"), "--no-memory")
    assert result.exit_code == 0, result.output
    run_dir = only_run(workdir / "runs")

    shown = invoke("show", str(run_dir))
    assert shown.exit_code == 0, shown.output
    page = Path(shown.stdout.strip())
    assert page == run_dir / "run.html" and page.is_file()

    dom = rendered(page)
    steps = [json.loads(line) for line in (run_dir / "trajectory.jsonl").read_text().splitlines()]
    calls = (run_dir / "calls.jsonl").read_text().splitlines()
    assert 'data-broken="0"' in dom, "an image did not load"
    images = int(re.search(r'data-images="(\d+)"', dom).group(1))  # type: ignore[union-attr]
    assert images >= len(steps)
    for step in steps:
        assert f'id="step-{step["step"]}"' in dom
        assert f'alt="screen before step {step["step"]}"' in dom
    taps = [s for s in steps if (s["action"] or {}).get("action") == "tap"]
    assert taps and dom.count("<circle") >= 2 * len(taps)  # a ring and a dot per tap
    assert dom.count("call #") == len(calls) and dom.count("<details") >= 2 * len(calls)
    assert "Turn off Wi-Fi" in dom and "complete" in dom and "Turn Wi-Fi off in Settings" in dom  # plan history


def test_show_of_a_folder_that_is_not_a_run_is_one_error_line(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    result = invoke("show", str(workdir / "empty"))
    assert result.exit_code == 2 and result.output.startswith("error: ") and "hint: " in result.output
    assert not (workdir / "empty" / "run.html").exists()
