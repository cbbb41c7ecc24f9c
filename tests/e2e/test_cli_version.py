"""`droidpilot --version` answers without loading the CLI (issue 18: the CLI starts in under 0.5 s)."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
sys.argv = ["droidpilot", "--version"]
from droidpilot.cli.main import main
main()
heavy = [m for m in ("droidpilot.cli.app", "typer", "langgraph", "droidpilot.emulator", "PIL") if m in sys.modules]
print("loaded:", ",".join(heavy))
"""


def test_version_loads_no_command_module() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0].startswith("droidpilot ")
    assert lines[1] == "loaded: "


def test_the_typer_app_is_still_reachable_from_main() -> None:
    from droidpilot.cli import main

    assert main.app.info.name == "droidpilot"
