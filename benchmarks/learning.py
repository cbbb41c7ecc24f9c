"""Measuring learning: run a suite, let the agent learn (shortcuts mined from its successful episodes, pages and
tips in memory), and run the suite again on fresh seeds, side by side.

Each pass is an ordinary benchmark run in OUT/pass-N (results.jsonl, summary.json, report.html) with the suite
seed moved by SEED_STRIDE per pass, so pass 2 meets new instances (other names, numbers, times) of the same
tasks and cannot replay pass 1 literally. The agent object, and so its memory and shortcut library, is shared by
the passes: what pass 1 learns, pass 2 uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from droidpilot.benchmarks.agents import BenchAgent
from droidpilot.benchmarks.episode import EpisodeRecord
from droidpilot.benchmarks.metrics import GroupMetrics
from droidpilot.benchmarks.runner import RunConfig, run_benchmark

SEED_STRIDE = 1000


class PassResult(BaseModel):
    number: int
    seed: int
    out: Path
    overall: GroupMetrics
    decisions: float | None = Field(None, description="mean agent steps (one per operator decision; a shortcut "
                                    "call is one, while the harness's `steps` count its device actions)")
    shortcut_calls: int
    library_size: int | None = None


def run_passes(config: RunConfig, agent: BenchAgent, passes: int = 2,
               on_result: Callable[[EpisodeRecord], None] | None = None,
               library_size: Callable[[], int] | None = None) -> list[PassResult]:
    """Run the suite `passes` times with the same agent; `library_size` is read after each pass."""
    results: list[PassResult] = []
    for number in range(1, passes + 1):
        run = config.model_copy(update={"seed": config.seed + (number - 1) * SEED_STRIDE,
                                        "out": config.out / f"pass-{number}"})
        outcome = run_benchmark(run, agent, on_result=on_result)
        scored = [r for r in outcome.records if r.error is None]
        decided = [r.agent_steps for r in scored if r.agent_steps is not None]
        results.append(PassResult(number=number, seed=run.seed, out=run.out, overall=outcome.summary.overall,
                                  decisions=round(sum(decided) / len(decided), 2) if decided else None,
                                  shortcut_calls=sum(r.shortcut_calls for r in scored),
                                  library_size=library_size() if library_size else None))
    return results


def pass_table(results: list[PassResult]) -> str:
    """One row per pass: SR, mean steps (device actions), mean decisions, MSRS, tokens, model calls, shortcut
    calls, shortcuts in the library."""
    def num(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    headers = ["pass", "seed", "SR", "steps", "decisions", "MSRS", "tokens", "calls", "shortcut uses", "library"]
    rows = [[str(r.number), str(r.seed), num(r.overall.sr, ".3f"), num(r.overall.mean_steps, ".2f"),
             num(r.decisions, ".2f"), num(r.overall.msrs, ".2f"),
             str(r.overall.prompt_tokens + r.overall.completion_tokens), str(r.overall.model_calls),
             str(r.shortcut_calls), "-" if r.library_size is None else str(r.library_size)] for r in results]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in [headers, *rows])
