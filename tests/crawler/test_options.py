"""`droidpilot crawl` options of state identity and safety: the variant cap and the real-device deny-list."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from droidpilot.cli.main import app
from droidpilot.crawler.config import REAL_DEVICE_DENY
from tests.crawler.helpers import steps

SETTINGS = "com.android.settings"


def _crawl(out: Path, *options: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["crawl", "--app", SETTINGS, "--max-steps", "20", "--no-memory", "--out",
                                      str(out), *options])
    assert result.exit_code == 0, result.output
    return steps(out / SETTINGS)


def test_max_variants_and_the_safe_deny_list(tmp_path: Path) -> None:
    lines = _crawl(tmp_path / "safe", "--max-variants", "1", "--safe")
    records = Counter(line["target"] for line in lines if line.get("record") and line["target"] != "<outside>")
    assert records and max(records.values()) == 1  # one record per state, however its content varied
    labels = [line["event"]["label"] for line in lines]
    risky = [label for label in labels for p in REAL_DEVICE_DENY if re.search(p, label, re.IGNORECASE)]
    assert not risky, risky  # no radio toggle, call, send, share, ... was touched
    plain = _crawl(tmp_path / "plain", "--no-safe")  # the virtual phone's default
    assert sum(line["denied"] for line in lines) > sum(line["denied"] for line in plain)
    assert max(Counter(line["target"] for line in plain if line.get("record")).values()) > 1
