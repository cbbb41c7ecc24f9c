"""The console script `droidpilot`: starts in milliseconds for `--version`, loads the full CLI otherwise.

The Typer app and every subcommand live in `droidpilot.cli.app`; importing them takes seconds (LangGraph, the
virtual phone, benchmarks), so this module imports nothing heavy until a command needs it.
`droidpilot.cli.main.app` still names the Typer app (loaded on first access).
"""

from __future__ import annotations

import sys
from typing import Any


def _print_version() -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        print(f"droidpilot {version('droidpilot')}")
    except PackageNotFoundError:
        print("droidpilot (not installed)")


def main() -> None:
    """Entry point: `droidpilot --version` answers without loading the CLI; anything else runs the Typer app."""
    if sys.argv[1:] == ["--version"]:
        _print_version()
        return
    from droidpilot.cli.app import main as run_cli

    run_cli()


def __getattr__(name: str) -> Any:
    if name == "app":
        from droidpilot.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
