"""`droidpilot bench learn`: run a suite, let the agent learn, run it again on fresh seeds, and print the passes
side by side (benchmarks/learning.py). Also the memory and shortcut-library options `bench run` shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from droidpilot.benchmarks.agents import AGENTS, AgentUnavailable, make_agent
from droidpilot.benchmarks.learning import pass_table, run_passes
from droidpilot.benchmarks.runner import RunConfig, RunnerError
from droidpilot.benchmarks.suites import UnknownSuite
from droidpilot.benchmarks.task import DEFAULT_SEED
from droidpilot.cli.common import fail
from droidpilot.cli.writes import prepare_dir
from droidpilot.emulator.device import DeviceError

MemoryOption = Annotated[Path | None, typer.Option(
    "--memory", help="hierarchical agent: a page-memory file its episodes use and add to (default: none)")]
LibraryOption = Annotated[Path | None, typer.Option(
    "--shortcuts", help="hierarchical agent: a shortcut library its episodes use (and learn into with --learn)")]


@contextmanager
def knowledge(memory: Path | None, shortcuts: Path | None, builtins: bool = True) -> Iterator[dict[str, Any]]:
    """make_agent's memory and shortcuts arguments, opened for the command's life (`builtins=False`: a library
    of the user's and learned shortcuts only)."""
    from droidpilot.cli.shortcuts import open_library
    from droidpilot.memory import MemoryStore, MemoryStoreError

    try:
        store = MemoryStore(memory) if memory is not None else None
    except MemoryStoreError as exc:
        fail(str(exc), "pass another --memory file")
    try:
        yield {"memory": store,
               "shortcuts": open_library(shortcuts, builtins) if shortcuts is not None else None}
    finally:
        if store is not None:
            store.close()


def learn(
    suite: Annotated[str, typer.Option("--suite", "-s", help="the suite to run twice (or more); several, comma-"
                                       "separated, run one after the other in each pass")],
    tasks: Annotated[str | None, typer.Option(help="comma-separated task names (default: the whole suite)")] = None,
    agent: Annotated[str, typer.Option(help=f"one of: {', '.join(AGENTS)}")] = "hierarchical",
    model: Annotated[str | None, typer.Option(help="the LLM for --agent hierarchical")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server for --agent hierarchical")] = None,
    passes: Annotated[int, typer.Option(min=1, max=10, help="how many times the suite runs")] = 2,
    devices: Annotated[int, typer.Option(min=1, max=64, help="virtual phones running episodes in parallel")] = 1,
    seed: Annotated[int, typer.Option(help="the first pass's suite seed (later passes move it)")] = DEFAULT_SEED,
    n_combinations: Annotated[int, typer.Option(min=1, help="instances of each task per pass")] = 1,
    out: Annotated[Path, typer.Option(help="output dir: one pass-N run folder per pass")] = Path("runs/bench-learn"),
    memory: MemoryOption = None,
    shortcuts: LibraryOption = None,
    builtins: Annotated[bool, typer.Option("--builtins/--no-builtins", help="offer the built-in shortcuts too; "
                                           "--no-builtins measures what the agent learns from nothing")] = True,
) -> None:
    """Measure learning: the suite runs PASSES times with one memory and shortcut library, mining every
    successful episode; each pass on fresh seeds. Prints SR, harness steps, decisions, MSRS, tokens and shortcut
    use per pass (and per suite when there are several)."""
    if not builtins and shortcuts is None:
        fail("--no-builtins needs a library to learn into", "pass --shortcuts PATH (a new file starts empty)")
    out = prepare_dir(out)
    names = [t.strip() for t in tasks.split(",") if t.strip()] if tasks else None
    config = RunConfig(suite=suite, tasks=names, agent=agent, model=model, base_url=base_url, devices=devices,
                       seed=seed, n_combinations=n_combinations, out=out)
    with knowledge(memory, shortcuts, builtins) as known:
        library = known["shortcuts"]
        try:
            bench_agent = make_agent(agent, model=model, base_url=base_url, seed=seed, learn=True, **known)
            results = run_passes(config, bench_agent, passes,
                                 library_size=(lambda: len(library.list())) if library is not None else None)
        except UnknownSuite as exc:
            fail(str(exc), "'droidpilot bench list' shows every suite and task")
        except AgentUnavailable as exc:
            fail(str(exc), exc.hint or "the oracle, noop and random agents need no model")
        except RunnerError as exc:
            fail(str(exc), exc.hint)
        except DeviceError as exc:
            fail(f"device failure: {exc}", "each pass's results so far are kept in its folder")
    typer.echo(pass_table(results))
    typer.echo(f"runs: {', '.join(str(r.out) for r in results)}")
