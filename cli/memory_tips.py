"""`droidpilot memory tips list|add|edit|remove`: the per-app lessons runs leave (Mobile-Agent-E's tips), which
the manager and the operator are shown for the apps they work in."""

from __future__ import annotations

from typing import Annotated

import typer

from droidpilot.cli.common import fail
from droidpilot.cli.memory import MemoryOption, memory_session, table
from droidpilot.memory import TipNotFound

app = typer.Typer(help="Tips: short lessons per app from earlier runs, shown to the agent.", no_args_is_help=True)

TipId = Annotated[int, typer.Argument(metavar="ID", help="the tip's id ('droidpilot memory tips list' shows it)")]
LIST_HINT = "'droidpilot memory tips list' shows the tips and their ids"


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        fail("a tip cannot be empty", "write the lesson in one sentence")
    return text


@app.command("list")
def list_tips(
    app_package: Annotated[str | None, typer.Option("--app", "-a", help="only this app's tips (a package)")] = None,
    limit: Annotated[int, typer.Option(min=1, help="how many")] = 50,
    memory: MemoryOption = None,
) -> None:
    """The tips, most used first."""
    with memory_session(memory) as store:
        tips = store.tips(app=app_package, limit=limit)
    if not tips:
        typer.echo("no tips" + (f" for {app_package}" if app_package else ""))
        return
    typer.echo(table(["ID", "USES", "APP", "TIP"], [[str(t.id), str(t.uses), t.app, t.text] for t in tips]))


@app.command("add")
def add(
    app_package: Annotated[str, typer.Argument(metavar="APP", help="the app's package, e.g. com.android.settings")],
    text: Annotated[str, typer.Argument(help="the lesson, one sentence")],
    memory: MemoryOption = None,
) -> None:
    """Add a tip for an app (the same text twice is kept once)."""
    if "." not in app_package or " " in app_package:
        fail(f"'{app_package}' is not a package name", "give the app's package, e.g. com.android.settings")
    with memory_session(memory) as store:
        tip_id = store.add_tip(app_package, _clean(text), source="user")
    typer.echo(f"tip {tip_id} for {app_package}")


@app.command("edit")
def edit(tip_id: TipId, text: Annotated[str, typer.Argument(help="the new text")],
         memory: MemoryOption = None) -> None:
    """Change a tip's text."""
    with memory_session(memory) as store:
        try:
            tip = store.edit_tip(tip_id, _clean(text))
        except TipNotFound as exc:
            fail(str(exc), LIST_HINT)
    typer.echo(f"tip {tip.id} for {tip.app}: {tip.text}")


@app.command("remove")
def remove(tip_id: TipId, memory: MemoryOption = None) -> None:
    """Delete a tip."""
    with memory_session(memory) as store:
        try:
            store.remove_tip(tip_id)
        except TipNotFound as exc:
            fail(str(exc), LIST_HINT)
    typer.echo(f"removed tip {tip_id}")
