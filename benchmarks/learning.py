"""Measuring learning: run a suite, let the agent learn (shortcuts mined from its successful episodes, pages and
tips in memory), and run the suite again on fresh seeds, side by side.

Each pass is an ordinary benchmark run in OUT/pass-N (results.jsonl, summary.json, report.html) with the suite
seed moved by SEED_STRIDE per pass, so pass 2 meets new instances (other names, numbers, times) of the same
tasks and cannot replay pass 1 literally. Several suites ("shortcuts,androidworld") run one after the other in
each pass, each in OUT/pass-N/SUITE, and the pass's figures cover them all. The agent object, and so its memory
and shortcut library, is shared by the passes and suites: what pass 1 learns, pass 2 uses.

`steps` are the harness's counts (benchmarks/harness.py: every device action, a shortcut call being one);
`decisions` the agent's own (one per operator answer).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from droidpilot.benchmarks.agents import BenchAgent
from droidpilot.benchmarks.episode import EpisodeRecord
from droidpilot.benchmarks.metrics import GroupMetrics, group_metrics
from droidpilot.benchmarks.runner import RunConfig, RunnerError, run_benchmark
from droidpilot.benchmarks.suites import suite_tasks

SEED_STRIDE = 1000


class Figures(BaseModel):
    """What one pass (or one suite of a pass) did."""

    overall: GroupMetrics = Field(description="mean_steps are the harness's steps")
    decisions: float | None = Field(None, description="mean agent steps (one per operator decision; a shortcut "
                                    "call is one, as in the harness's `steps`, which also count launches and keys)")
    shortcut_calls: int = 0

    @classmethod
    def of(cls, records: list[EpisodeRecord]) -> Figures:
        scored = [r for r in records if r.error is None]
        decided = [r.agent_steps for r in scored if r.agent_steps is not None]
        return cls(overall=group_metrics(records),
                   decisions=round(sum(decided) / len(decided), 2) if decided else None,
                   shortcut_calls=sum(r.shortcut_calls for r in scored))


class PassResult(Figures):
    number: int
    seed: int
    out: Path
    by_suite: dict[str, Figures] = Field(default_factory=dict, description="when the pass ran several suites")
    library_size: int | None = None


def suite_names(suite: str) -> list[str]:
    """"shortcuts,androidworld" -> ["shortcuts", "androidworld"] (each suite once, in the order given)."""
    names = list(dict.fromkeys(s.strip() for s in suite.split(",") if s.strip()))
    if not names:
        raise RunnerError("no suite given", "name one or more suites: --suite shortcuts,androidworld")
    return names


def split_by_suite(config: RunConfig) -> list[RunConfig]:
    """One run per suite of `config.suite`. With task names and several suites, each suite runs the named tasks it
    has; a name no suite has is an error."""
    suites = suite_names(config.suite)
    if len(suites) == 1:
        return [config.model_copy(update={"suite": suites[0]})]
    own = {suite: {cls.name() for cls in suite_tasks(suite)} for suite in suites}
    if config.tasks:
        unknown = [t for t in config.tasks if not any(t in names for names in own.values())]
        if unknown:
            raise RunnerError(f"no task named {', '.join(unknown)} in {', '.join(suites)}",
                              "'droidpilot bench list' shows every suite's tasks")
    runs = []
    for suite in suites:
        tasks = [t for t in config.tasks if t in own[suite]] if config.tasks else None
        if tasks is None or tasks:
            runs.append(config.model_copy(update={"suite": suite, "tasks": tasks, "out": config.out / suite}))
    return runs


def _one_pass(number: int, runs: list[RunConfig], agent: BenchAgent,
              on_result: Callable[[EpisodeRecord], None] | None) -> PassResult:
    by_suite: dict[str, list[EpisodeRecord]] = {}
    for run in runs:
        by_suite[run.suite] = run_benchmark(run, agent, on_result=on_result).records
    every = [r for records in by_suite.values() for r in records]
    out = runs[0].out if len(runs) == 1 else runs[0].out.parent
    return PassResult(number=number, seed=runs[0].seed, out=out, **dict(Figures.of(every)),
                      by_suite={s: Figures.of(r) for s, r in by_suite.items()} if len(runs) > 1 else {})


def run_passes(config: RunConfig, agent: BenchAgent, passes: int = 2,
               on_result: Callable[[EpisodeRecord], None] | None = None,
               library_size: Callable[[], int] | None = None) -> list[PassResult]:
    """Run the suite(s) `passes` times with the same agent; `library_size` is read after each pass."""
    results: list[PassResult] = []
    for number in range(1, passes + 1):
        moved = config.model_copy(update={"seed": config.seed + (number - 1) * SEED_STRIDE,
                                          "out": config.out / f"pass-{number}"})
        result = _one_pass(number, split_by_suite(moved), agent, on_result)
        result.library_size = library_size() if library_size else None
        results.append(result)
    return results


def pass_table(results: list[PassResult]) -> str:
    """One row per pass: SR, mean harness steps, mean decisions, MSRS, tokens, model calls, shortcut calls,
    shortcuts in the library; with several suites, a row per suite ("1:shortcuts") under each pass."""
    def num(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    def row(label: str, seed: int, figures: Figures, library: int | None) -> list[str]:
        m = figures.overall
        return [label, str(seed), num(m.sr, ".3f"), num(m.mean_steps, ".2f"), num(figures.decisions, ".2f"),
                num(m.msrs, ".2f"), str(m.prompt_tokens + m.completion_tokens), str(m.model_calls),
                str(figures.shortcut_calls), "-" if library is None else str(library)]

    headers = ["pass", "seed", "SR", "steps", "decisions", "MSRS", "tokens", "calls", "shortcut uses", "library"]
    rows = []
    for r in results:
        rows.append(row(str(r.number), r.seed, r, r.library_size))
        rows += [row(f"{r.number}:{suite}", r.seed, figures, None) for suite, figures in r.by_suite.items()]
    widths = [max(len(line[i]) for line in [headers, *rows]) for i in range(len(headers))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
                     for line in [headers, *rows])
