"""`droidpilot bench ...`: list suites' tasks, run an agent over a suite on parallel virtual phones, rebuild reports."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from droidpilot.benchmarks.agents import AGENTS, AgentUnavailable, make_agent
from droidpilot.benchmarks.episode import EpisodeRecord
from droidpilot.benchmarks.executors import EXECUTORS
from droidpilot.benchmarks.metrics import GroupMetrics
from droidpilot.benchmarks.report import REPORT_FILE, write_outputs
from droidpilot.benchmarks.runner import RESULTS_FILE, RunConfig, RunnerError, load_results, plan, run_benchmark
from droidpilot.benchmarks.suites import SUITES, UnknownSuite, suite_tasks
from droidpilot.benchmarks.task import DEFAULT_SEED
from droidpilot.cli.bench_learning import LibraryOption, MemoryOption, knowledge
from droidpilot.cli.common import fail, time_limit
from droidpilot.cli.lock import locked
from droidpilot.cli.writes import fail_write, prepare_dir
from droidpilot.emulator.device import DeviceError

app = typer.Typer(help="Benchmark agents on task suites: AndroidWorld, UI-NEXUS and MAS-Bench style.",
                  no_args_is_help=True)

SuiteOption = Annotated[str, typer.Option("--suite", "-s", help=f"one of: {', '.join(SUITES)}")]


@app.command("list")
def list_tasks(
    suite: Annotated[str | None, typer.Option("--suite", "-s", help="only this suite")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list of tasks")] = False,
) -> None:
    """List each suite's tasks: name, difficulty, step budget, apps and goal template."""
    listed: list[dict[str, object]] = []
    for name in [suite] if suite else SUITES:
        try:
            tasks = suite_tasks(name)
        except UnknownSuite as exc:
            fail(str(exc), "'droidpilot bench list' shows every suite")
        listed += [{"suite": name, "task": cls.name(), "difficulty": cls.difficulty,
                    "step_budget": int(10 * cls.complexity), "apps": list(cls.app_names),
                    "template": cls.template} for cls in tasks]
        if as_json:
            continue
        if not tasks:
            typer.echo(f"{name}: no tasks yet", err=True)
            continue
        typer.echo(f"{name} ({len(tasks)} tasks)")
        width = max(len(cls.name()) for cls in tasks)
        typer.echo(f"  {'TASK':<{width}}  {'LEVEL':<6}  {'STEPS':>5}  {'APPS':<20}  GOAL TEMPLATE")
        for cls in tasks:
            apps = ",".join(a.rpartition(".")[2] for a in cls.app_names)
            typer.echo(f"  {cls.name():<{width}}  {cls.difficulty:<6}  {int(10 * cls.complexity):>5}  "
                       f"{apps:<20}  {cls.template}")
    if as_json:
        typer.echo(json.dumps(listed, indent=2))


@app.command("run")
def run(
    suite: SuiteOption,
    tasks: Annotated[str | None, typer.Option(help="comma-separated task names (default: the whole suite)")] = None,
    agent: Annotated[str, typer.Option(help=f"one of: {', '.join(AGENTS)}")] = "oracle",
    model: Annotated[str | None, typer.Option(help="the LLM for --agent hierarchical")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server for --agent hierarchical")] = None,
    devices: Annotated[int, typer.Option(min=1, max=64, help="virtual phones running episodes in parallel")] = 1,
    executor: Annotated[str, typer.Option(help="where episodes run: thread, process (every core) or ray "
                                          "[default: process when --devices > 1]", show_default=False)] = "auto",
    ray_address: Annotated[str | None, typer.Option(help="--executor ray: 'auto' (a running cluster) or "
                                                    "ray://HOST:PORT [default: a local Ray]")] = None,
    seed: Annotated[int, typer.Option(help="suite seed (instance seeds derive from it as in AndroidWorld)")] = (
        DEFAULT_SEED),
    n_combinations: Annotated[int, typer.Option(min=1, help="instances of each task")] = 1,
    out: Annotated[Path | None, typer.Option(help="output dir [default: runs/bench/SUITE-AGENT-TIME]",
                                             show_default=False)] = None,
    resume: Annotated[bool, typer.Option(help="continue the run in --out, skipping finished episodes")] = False,
    memory: MemoryOption = None,
    shortcuts: LibraryOption = None,
    learn: Annotated[bool, typer.Option("--learn/--no-learn", help="hierarchical agent: mine each successful "
                                        "episode into the --shortcuts library")] = False,
    timeout: Annotated[float | None, typer.Option(min=1, help="hierarchical agent: seconds per episode, then it "
                                                  "ends as 'timeout' (default: [run] timeout in droidpilot.toml)")]
    = None,
) -> None:
    """Run an agent over a suite; write results.jsonl, summary.json and report.html."""
    if resume and out is None:
        fail("--resume needs the --out dir of the run to continue")
    if executor not in ("auto", *EXECUTORS):  # before anything touches the disk
        fail(f"unknown --executor '{executor}'", f"pick one of: {', '.join(EXECUTORS)}")
    out = prepare_dir(out or Path("runs/bench") / f"{suite}-{agent}-{time.strftime('%Y%m%d-%H%M%S')}")
    task_names = [t.strip() for t in tasks.split(",") if t.strip()] if tasks else None
    config = RunConfig(suite=suite, tasks=task_names, agent=agent, model=model, base_url=base_url, devices=devices,
                       seed=seed, n_combinations=n_combinations, out=out, resume=resume,
                       executor=executor, ray_address=ray_address)  # executor checked just above
    try:
        with locked(out, "bench output"), knowledge(memory, shortcuts) as known:
            bench_agent = make_agent(agent, model=model, base_url=base_url, seed=seed, learn=learn,
                                     timeout_s=time_limit(timeout, None), **known)
            _, todo, skipped = plan(config)
            with _progress(suite, agent, len(todo)) as on_result:
                outcome = run_benchmark(config, bench_agent, on_result=on_result)
    except UnknownSuite as exc:
        fail(str(exc), "'droidpilot bench list' shows every suite and task")
    except AgentUnavailable as exc:
        fail(str(exc), exc.hint or "the oracle, noop and random agents need no model")
    except RunnerError as exc:
        fail(str(exc), exc.hint)
    except DeviceError as exc:
        fail(f"device failure: {exc}", "the run's results so far are kept; --resume continues it")
    except OSError as exc:
        fail_write(exc, out)
    summary = outcome.summary
    typer.echo(_summary_line(summary.overall) + f" · wall {outcome.wall_time:.1f} s on {devices} "
               f"device{'s' if devices > 1 else ''}" + (f" · {skipped} resumed" if skipped else ""))
    typer.echo(f"results: {out / RESULTS_FILE} · report: {out / REPORT_FILE}")
    if summary.errors:
        first_id, first = next(iter(summary.errors.items()))
        typer.echo(f"hint: {len(summary.errors)} episodes raised errors ({first_id}: {first}); "
                   f"'droidpilot bench run --resume --out {out}' runs them again", err=True)


@app.command("report")
def report(out: Annotated[Path, typer.Argument(help="the output dir of a bench run")]) -> None:
    """Rebuild summary.json and report.html from a run's results.jsonl."""
    if not (out / RESULTS_FILE).is_file():
        fail(f"no {RESULTS_FILE} in {out}", "give the --out dir of a 'droidpilot bench run'")
    if not load_results(out):
        fail(f"{out / RESULTS_FILE} holds no episode records", "run 'droidpilot bench run --resume --out DIR'")
    summary = write_outputs(out)
    typer.echo(_summary_line(summary.overall))
    typer.echo(f"report: {out / REPORT_FILE}")


def _summary_line(m: GroupMetrics) -> str:
    def num(value: float | None, fmt: str) -> str:
        return "–" if value is None else format(value, fmt)

    return (f"SR {num(m.sr, '.3f')} · {m.successes}/{m.scored} succeeded · {m.errors} errors · "
            f"mean steps {num(m.mean_steps, '.1f')} · MSRS {num(m.msrs, '.2f')} · MET {num(m.met, '.2f')} s")


@contextmanager
def _progress(suite: str, agent: str, total: int) -> Iterator[Callable[[EpisodeRecord], None]]:
    """A rich progress bar on stderr, advanced by each finished episode (called from worker threads)."""
    label = f"{suite} · {agent}"
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True))
    bar = progress.add_task(label, total=total)
    counts = {"done": 0, "succeeded": 0, "errors": 0}

    def advance(record: EpisodeRecord) -> None:
        counts["done"] += 1
        counts["succeeded"] += record.success == 1.0
        counts["errors"] += record.error is not None
        status = f"{label} · {counts['succeeded']}/{counts['done']} succeeded"
        progress.update(bar, advance=1, description=status + (f" · {counts['errors']} errors" if counts["errors"]
                                                               else ""))

    with progress:
        yield advance
