"""`droidpilot shortcuts ...`: list, show, run, import, export and remove reusable shortcuts."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from droidpilot.cli.common import DeviceOption, device_session, fail
from droidpilot.cli.writes import discard_new_store, fail_write, store_problem
from droidpilot.shortcuts.executor import ShortcutExecutor, StepReport
from droidpilot.shortcuts.jsonio import ShortcutFileError, dump_shortcuts, load_shortcuts
from droidpilot.shortcuts.library import LibraryError, ShortcutLibrary
from droidpilot.shortcuts.lookup import lookup, unknown_message
from droidpilot.shortcuts.model import Shortcut
from droidpilot.shortcuts.render import ArgumentError

SHORTCUTS_ENV = "DROIDPILOT_SHORTCUTS"

app = typer.Typer(help="Reusable parameterized shortcuts: deep links, intents and checked GUI macros.",
                  no_args_is_help=True)

ShortcutsOption = Annotated[
    Path | None,
    typer.Option("--shortcuts", help=f"the library file. Default: ${SHORTCUTS_ENV}, else "
                 "~/.local/share/droidpilot/shortcuts.sqlite. Built-ins are always there.", show_default=False),
]
LIST_HINT = "'droidpilot shortcuts list' shows every shortcut"


def library_path(option: Path | None) -> Path:
    if option is not None:
        return option.expanduser()
    if os.environ.get(SHORTCUTS_ENV):
        return Path(os.environ[SHORTCUTS_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "droidpilot" / "shortcuts.sqlite"


def open_library(option: Path | None, builtins: bool = True) -> ShortcutLibrary:
    path = library_path(option)
    existed = path.exists()
    try:
        return ShortcutLibrary(path, builtins=builtins)
    except (sqlite3.Error, OSError) as exc:
        discard_new_store(path, existed)
        message, hint = store_problem(path) or (f"cannot open the shortcut library {path}: {exc}",
                                                "it may be damaged or not a shortcut library")
        fail(message, f"{hint}; or pass --shortcuts / set ${SHORTCUTS_ENV}")


def _marks(s: Shortcut) -> str:
    """[demoted] after two failures in a row (not offered to the agent), [unverified] for a mined shortcut no
    replay or use has proven."""
    return "".join(f"[{m}] " for m, on in (("demoted", s.demoted), ("unverified", s.unverified)) if on)


def _find(library: ShortcutLibrary, name: str) -> Shortcut:
    shortcut = lookup(name, library)
    if shortcut is None:
        fail(unknown_message(name, library), LIST_HINT)
    return shortcut


@app.command("list")
def list_shortcuts(
    app_package: Annotated[str | None, typer.Option("--app", help="only this app's shortcuts (a package)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the shortcuts as a JSON list")] = False,
    shortcuts: ShortcutsOption = None,
) -> None:
    """List shortcuts: signature, kind, app, successes/uses and description."""
    found = open_library(shortcuts).list(app_package)
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json", exclude_none=True) for s in found], indent=2))
        return
    if not found:
        fail(f"no shortcuts for app {app_package}", LIST_HINT.replace("every", "all apps'"), code=1)
    width, app_width = max(len(s.signature()) for s in found), max(len(s.app) for s in found)
    typer.echo(f"{'SHORTCUT':<{width}}  {'KIND':<8}  {'APP':<{app_width}}  OK/USED  DESCRIPTION")
    for s in found:
        typer.echo(f"{s.signature():<{width}}  {s.kind:<8}  {s.app:<{app_width}}  "
                   f"{f'{s.success_count}/{s.usage_count}':<7}  {_marks(s)}{s.description}")


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="the shortcut's name")],
    as_json: Annotated[bool, typer.Option("--json", help="print the shortcut as JSON")] = False,
    shortcuts: ShortcutsOption = None,
) -> None:
    """Show one shortcut: parameters, preconditions and steps."""
    s = _find(open_library(shortcuts), name)
    if as_json:
        typer.echo(s.model_dump_json(indent=2, exclude_none=True))
        return
    typer.echo(f"{s.signature()}  [{s.kind}, {s.source}, {s.app}]\n  {s.description}")
    if s.sensitive:
        typer.echo(f"  sensitive: {s.sensitive}")
    typer.echo(f"  used {s.usage_count} times, {s.success_count} succeeded")
    for p in s.params:
        extra = f" (default {p.default!r})" if p.default is not None else ""
        example = f", e.g. {p.example!r}" if p.example else ""
        typer.echo(f"  param {p.name}: {p.type}{extra}  {p.description}{example}")
    for c in s.preconditions:
        typer.echo(f"  requires: {c.describe()}")
    for i, step in enumerate(s.steps, 1):
        expect = f"  -> expect {step.expect.describe()}" if step.expect else ""
        typer.echo(f"  {i}. {step.describe()}{expect}")


def parse_args(pairs: list[str]) -> dict[str, str]:
    args: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--arg {pair!r} is not KEY=VALUE", "e.g. --arg number=555-0100 --arg 'message=see you'")
        if key.strip() in args:
            fail(f"--arg {key.strip()} is given twice", "pass each argument once")
        args[key.strip()] = value
    return args


def _print_step(report: StepReport) -> None:
    status = "ok" if report.ok else f"FAILED: {report.reason}"
    typer.echo(f"  {report.index}. {report.step}  {status} ({report.duration:.2f}s)")


@app.command("run")
def run(
    name: Annotated[str, typer.Argument(help="the shortcut's name")],
    arg: Annotated[list[str] | None, typer.Option("--arg", "-a", help="an argument, KEY=VALUE (repeatable)")]
    = None,
    timeout: Annotated[float, typer.Option(min=0, help="seconds to wait for each postcondition")] = 3.0,
    device: DeviceOption = None,
    shortcuts: ShortcutsOption = None,
) -> None:
    """Run a shortcut on a device, printing each step; exits 0 only when every step's check passed."""
    library = open_library(shortcuts)
    shortcut = _find(library, name)
    args = parse_args(arg or [])
    with device_session(device) as dev:
        executor = ShortcutExecutor(dev, library, settle_timeout=timeout, on_step=_print_step)
        try:
            result = executor.run(shortcut, args)
        except ArgumentError as exc:
            example = " ".join(f"--arg {shlex.quote(f'{p.name}={p.example or p.type}')}" for p in shortcut.params)
            fail(str(exc), f"droidpilot shortcuts run {name} {example}".rstrip())
    if result.ok:
        typer.echo(result.summary())
        return
    typer.secho(result.summary(), fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


@app.command("import")
def import_shortcuts(
    file: Annotated[Path, typer.Argument(help="a JSON file holding a list of shortcuts")],
    shortcuts: ShortcutsOption = None,
) -> None:
    """Add the file's shortcuts to the library (all or none), replacing those with the same names."""
    try:
        loaded = load_shortcuts(file)
    except ShortcutFileError as exc:
        fail(str(exc), "'droidpilot shortcuts export FILE --all' writes a valid example")
    library = open_library(shortcuts)
    count = library.add_many(loaded)
    typer.echo(f"imported {count} shortcut{'s' if count != 1 else ''} into {library.path}")


@app.command("export")
def export_shortcuts(
    file: Annotated[Path, typer.Argument(help="the JSON file to write")],
    include_builtins: Annotated[bool, typer.Option("--all", help="include the built-in shortcuts")] = False,
    app_package: Annotated[str | None, typer.Option("--app", help="only this app's shortcuts")] = None,
    shortcuts: ShortcutsOption = None,
) -> None:
    """Write the library's shortcuts (not the built-ins, unless --all) to a JSON file."""
    chosen = [s for s in open_library(shortcuts).list(app_package) if include_builtins or s.source != "builtin"]
    try:
        count = dump_shortcuts(chosen, file)
    except OSError as exc:
        fail_write(exc, file)
    typer.echo(f"exported {count} shortcut{'s' if count != 1 else ''} to {file}")


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="the shortcut's name")],
    shortcuts: ShortcutsOption = None,
) -> None:
    """Remove a shortcut from the library (a removed override gives the built-in back)."""
    library = open_library(shortcuts)
    try:
        removed = library.remove(name)
    except LibraryError as exc:
        fail(str(exc))
    if not removed:
        fail(unknown_message(name, library), LIST_HINT)
    typer.echo(f"removed {name}")


def _steps_text(steps: list[int]) -> str:
    if not steps:
        return "-"
    return f"step {steps[0]}" if len(steps) == 1 else f"steps {steps[0]}-{steps[-1]}"


@app.command("mine")
def mine(
    run_dir: Annotated[Path, typer.Argument(help="a successful run's folder: runs/<run_id>")],
    model: Annotated[str | None, typer.Option(help="name and describe shortcuts with this model")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server for --model")] = None,
    api_key_env: Annotated[str | None, typer.Option(help="environment variable holding the API key")] = None,
    config: Annotated[Path | None, typer.Option(help="droidpilot.toml holding the model settings")] = None,
    shortcuts: ShortcutsOption = None,
) -> None:
    """Turn a successful run into parameterized shortcuts: each is replayed with fresh values on a fresh virtual
    phone, and saved only if it works. Without a model, names come from the run's subgoals."""
    from droidpilot.agent.llm.base import LLMError
    from droidpilot.agent.llm.config import NoModelConfigured, build_models, load_settings
    from droidpilot.agent.mining import MinerError, mine_run
    from droidpilot.agent.state import model_for

    if not run_dir.is_dir():
        fail(f"'{run_dir}' is not a directory", "pass a run folder made by 'droidpilot run' (runs/<run_id>)")
    library = open_library(shortcuts)
    try:
        settings = load_settings(config, cli={"model": model, "base_url": base_url, "api_key_env": api_key_env})
        namer = model_for(build_models(settings), "notetaker")
    except NoModelConfigured:
        namer = None
    except LLMError as exc:
        fail(str(exc))
    try:
        report = mine_run(run_dir, library, model=namer)
    except MinerError as exc:
        fail(str(exc), "mine a run whose result.json says complete", code=1)
    typer.echo(f"mined {run_dir} ({report.goal}) with {'the model' if namer else 'heuristic'} names")
    for item in report.results:
        typer.echo(f"  {item.status:<9}  {item.signature or '-'}  from {_steps_text(item.run_steps)}")
        if item.shortcut is not None and item.status not in ("duplicate", "merged"):
            typer.echo(f"             {item.shortcut.description}")
        typer.echo(f"             {'why: ' if item.status in ('rejected', 'duplicate', 'merged') else ''}{item.reason}")
    counts = {s: len(report.by_status(s)) for s in ("saved", "duplicate", "merged", "rejected")}
    known = counts["duplicate"] + counts["merged"]
    typer.echo(f"{counts['saved']} saved, {known} already in the library, {counts['rejected']} rejected -> "
               f"{library.path}")
