"""Benchmarks (DESIGN.md §5): AndroidWorld-, UI-NEXUS- and MAS-Bench-style suites on any Device, a parallel
runner with resume, metrics and an offline report.

    from droidpilot.benchmarks import OracleAgent, RunConfig, run_benchmark

    outcome = run_benchmark(RunConfig(suite="androidworld", out=Path("out")), OracleAgent())
    outcome.summary.success_rate
"""

from __future__ import annotations

from droidpilot._lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["RunConfig", "RunOutcome", "RunnerError", "run_benchmark"], "droidpilot.benchmarks.runner"),
    **dict.fromkeys(["BenchAgent", "HierarchicalAgent", "NoopAgent", "OracleAgent", "RandomAgent"],
                    "droidpilot.benchmarks.agents"),
    **dict.fromkeys(["Task"], "droidpilot.benchmarks.task"),
    **dict.fromkeys(["EpisodeRecord"], "droidpilot.benchmarks.episode"),
    **dict.fromkeys(["Summary"], "droidpilot.benchmarks.metrics"),
    **dict.fromkeys(["UnknownSuite", "suite_tasks"], "droidpilot.benchmarks.suites"),
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports("droidpilot.benchmarks", _EXPORTS, globals())
