"""`droidpilot show RUN_DIR`: write the run's offline page (run.html) and print its path, or open it."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from droidpilot.cli.common import fail


def show(
    run_dir: Annotated[Path, typer.Argument(help="a run folder, e.g. runs/20261015-090000-ab12cd")],
    open_page: Annotated[bool, typer.Option("--open", help="open the page in the default browser")] = False,
) -> None:
    """Write RUN_DIR/run.html: the goal, the outcome, the plan history and every step with its screenshot, the
    tap point or swipe drawn on it, the action, reasoning, verdict, tokens, time and model calls."""
    from droidpilot.agent.run_page import NotARunDir, write_run_page

    try:
        page = write_run_page(run_dir)
    except NotARunDir as exc:
        fail(str(exc), exc.hint)
    except OSError as exc:
        fail(f"cannot write the page in {run_dir}: {exc.strerror or exc}", "check the folder's permissions")
    typer.echo(str(page))
    if open_page and not webbrowser.open(page.resolve().as_uri()):
        typer.echo("no browser to open it in; open the path above", err=True)
