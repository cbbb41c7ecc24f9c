"""Which of AndroidWorld's 116 task families the androidworld suite has, under AndroidWorld's own names.

    python3 -m droidpilot.benchmarks.coverage > benchmarks/ANDROIDWORLD_COVERAGE.md

prints a Markdown table (AndroidWorld family, its difficulty and optimal steps, whether the suite has it) and the
counts by difficulty; the suite's own extra families are listed at the end.
"""

from __future__ import annotations

from collections import Counter

from droidpilot.benchmarks.metadata import androidworld_families
from droidpilot.benchmarks.suites import suite_tasks


def coverage_markdown() -> str:
    ours = {cls.name() for cls in suite_tasks("androidworld")}
    families = androidworld_families()
    have = Counter(f.difficulty for name, f in families.items() if name in ours)
    total = Counter(f.difficulty for f in families.values())
    lines = ["# AndroidWorld's task families in the androidworld suite", "",
             f"{sum(have.values())} of {len(families)} families under AndroidWorld's names "
             f"(easy {have['easy']}/{total['easy']}, medium {have['medium']}/{total['medium']}, "
             f"hard {have['hard']}/{total['hard']}).", "",
             "| AndroidWorld family | difficulty | optimal steps | here |", "|---|---|---|---|"]
    for name, family in sorted(families.items()):
        lines.append(f"| {name} | {family.difficulty} | {family.optimal_steps} | {'yes' if name in ours else 'no'} |")
    extra = sorted(ours - families.keys())
    lines += ["", f"Families only in droidpilot ({len(extra)}): {', '.join(extra)}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(coverage_markdown())
