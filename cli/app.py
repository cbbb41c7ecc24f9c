"""The `droidpilot` command: one CLI for running agents, benchmarks, crawls and using devices by hand.

Imported by `droidpilot.cli.main` only when a command runs (every subcommand module loads here)."""

from __future__ import annotations

import logging
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

import typer

from droidpilot.cli import bench, bench_learning, device, devices, doctor, memory_tips, phone, replay, run, show
from droidpilot.cli import crawl as crawl_cmd
from droidpilot.cli import memory as memory_cmd
from droidpilot.cli import shortcuts as shortcuts_cmd
from droidpilot.cli.common import setup_logging
from droidpilot.cli.mcp_server import command as mcp_cmd
from droidpilot.cli.writes import uncaught_write_failure
from droidpilot.errors import DroidpilotError


def _hide_flag_types() -> None:
    """Typer 0.2x prints a type column (`<bool>`) after on/off flags, which take no value; leave it empty."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_hide_flag_types()
app = typer.Typer(
    name="droidpilot",
    help="Mobile GUI agents on Android: run tasks, benchmark agents, crawl apps. "
    "The default device is a built-in virtual phone.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(device.app, name="device")
app.add_typer(phone.app, name="phone")
app.add_typer(memory_cmd.app, name="memory")
memory_cmd.app.add_typer(memory_tips.app, name="tips")
bench.app.command("learn")(bench_learning.learn)
app.add_typer(bench.app, name="bench")
app.add_typer(shortcuts_cmd.app, name="shortcuts")
app.command("devices")(devices.devices)
app.command("run")(run.run)
app.command("replay")(replay.replay)
app.command("show")(show.show)
app.command("crawl")(crawl_cmd.crawl)
app.command("mcp")(mcp_cmd.mcp)
app.command("doctor")(doctor.doctor)


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"droidpilot {version('droidpilot')}")
        except PackageNotFoundError:
            typer.echo("droidpilot (not installed)")
        raise typer.Exit()


@app.callback()
def main_callback(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="more logging (-vv for debug)")] = 0,
    _version_flag: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    setup_logging(verbose)


def main() -> None:
    """Entry point. Usage errors come from Typer; a DroidpilotError that no command turned into a message becomes
    its one line and hint with its family's exit code; anything else is a bug and says so, without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except DroidpilotError as exc:
        logging.getLogger("droidpilot").debug("%s", type(exc).__name__, exc_info=True)
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        typer.echo(f"hint: {exc.hint or 'rerun with -vv for details'}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        logging.getLogger("droidpilot").debug("unexpected error", exc_info=True)
        failed_write = uncaught_write_failure(exc)
        if failed_write is not None:
            typer.secho(f"error: {failed_write[0]}", fg=typer.colors.RED, err=True)
            typer.echo(f"hint: {failed_write[1]}", err=True)
            sys.exit(2)
        typer.secho(f"error: unexpected {type(exc).__name__}: {exc} (this is a bug in droidpilot)", fg=typer.colors.RED,
                    err=True)
        typer.echo("hint: rerun with -vv to see the traceback, and report it", err=True)
        sys.exit(1)
