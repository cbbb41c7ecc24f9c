"""summary.json and report.html from a real oracle run; the report as headless Chromium shows it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from droidpilot.benchmarks.agents import OracleAgent
from droidpilot.benchmarks.metrics import Summary
from droidpilot.benchmarks.report import PAGES_DIR, REPORT_FILE, SUMMARY_FILE, page_name, write_outputs
from droidpilot.benchmarks.runner import RunConfig, RunOutcome, run_benchmark
from droidpilot.benchmarks.suites import suite_tasks

AVAILABLE = {cls.name() for cls in suite_tasks("androidworld")}
TASKS = ["SystemWifiTurnOff", *(n for n in ("ContactsEmailQuestion",) if n in AVAILABLE)]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunOutcome]:
    out = tmp_path_factory.mktemp("report") / "run"
    return out, run_benchmark(RunConfig(suite="androidworld", tasks=TASKS, out=out), OracleAgent())


def links(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_summary_json_holds_the_metrics(run: tuple[Path, RunOutcome]) -> None:
    out = run[0]
    summary = Summary.model_validate_json((out / SUMMARY_FILE).read_text())
    assert summary.suites == ["androidworld"] and summary.agents == ["oracle"]
    assert summary.overall.sr == 1.0 and summary.overall.episodes == len(TASKS)
    assert summary.overall.msrs == 1.0
    assert sorted(summary.by_task) == sorted(TASKS)
    assert "com.android.settings" in summary.by_app
    assert write_outputs(out).by_task.keys() == summary.by_task.keys()  # `bench report` rebuilds the same


def test_report_is_self_contained_with_working_relative_links(run: tuple[Path, RunOutcome]) -> None:
    out, outcome = run
    pages = [out / REPORT_FILE, *(out / PAGES_DIR / page_name(r) for r in outcome.records)]
    for page in pages:
        html = page.read_text()
        assert "<script" not in html and "@import" not in html and "url(" not in html
        for link in links(html):
            assert not re.match(r"^(?:[a-z]+:)?//", link), f"external link {link} in {page.name}"
            assert (page.parent / link).resolve().is_file(), f"broken link {link} in {page.name}"
    wifi = next(r for r in outcome.records if r.task == "SystemWifiTurnOff")
    images = [link for link in links((out / PAGES_DIR / page_name(wifi)).read_text()) if link.endswith(".jpg")]
    assert len(images) == wifi.steps + 1  # the start screen and one per step


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=60)


def saturated_pixels(png: Path) -> int:
    """Colourful pixels: the phone screenshots' icons and bars; the report's own chrome is nearly grey."""
    with Image.open(png) as image:
        return sum(image.convert("RGB").convert("HSV").getchannel("S").histogram()[100:])


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_chromium_shows_the_summary_and_an_episodes_screenshots(run: tuple[Path, RunOutcome],
                                                                  tmp_path: Path) -> None:
    out, outcome = run
    dom = chromium("--dump-dom", (out / REPORT_FILE).as_uri(), profile=tmp_path / "profile").stdout
    assert re.search(r'id="headline">SR <b>1\.000</b> · \d+/\d+ succeeded', dom), dom[:2000]
    assert 'id="summary"' in dom and "SystemWifiTurnOff" in dom and "MSRS" in dom

    wifi = next(r for r in outcome.records if r.task == "SystemWifiTurnOff")
    page = out / PAGES_DIR / page_name(wifi)
    # The same page with its image links broken is the baseline: shown screenshots add colour to the render.
    broken = page.with_name("broken.html")
    broken.write_text(page.read_text().replace("../episodes/", "../missing/"))
    shown, baseline = tmp_path / "shown.png", tmp_path / "baseline.png"
    for target, shot in ((page, shown), (broken, baseline)):
        chromium("--window-size=1200,1400", f"--screenshot={shot}", target.as_uri(), profile=tmp_path / "profile")
    colour, grey = saturated_pixels(shown), saturated_pixels(baseline)
    assert colour > 3 * grey + 1000, (colour, grey)
