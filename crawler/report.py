"""The run's report, `OUT/<package>/report.md`, with the discovery curve drawn to `discovery.svg`: unique states
and transitions after each step, so policies can be compared by how fast they find new screens, not only by
where they end."""

from __future__ import annotations

from pathlib import Path

from droidpilot.crawler.journal import write_atomic
from droidpilot.crawler.models import CrawlResult

_W, _H, _PAD = 640, 320, 48
_COLOURS = {"states": "#1f77b4", "transitions": "#d62728"}


def _polyline(points: list[tuple[int, int]], max_x: int, max_y: int, colour: str) -> str:
    def xy(x: int, y: int) -> str:
        px = _PAD + (_W - 2 * _PAD) * x / max(max_x, 1)
        py = _H - _PAD - (_H - 2 * _PAD) * y / max(max_y, 1)
        return f"{px:.1f},{py:.1f}"

    return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(xy(*p) for p in points)}"/>'


def discovery_svg(curve: list[tuple[int, int, int]], title: str) -> str:
    """Unique states and transitions (y) over steps (x), one polyline each, with axis labels."""
    max_x = max((s for s, _a, _b in curve), default=0) + 1
    max_y = max((max(a, b) for _s, a, b in curve), default=0)
    states = [(s + 1, a) for s, a, _b in curve]
    moves = [(s + 1, b) for s, _a, b in curve]
    bottom, right = _H - _PAD, _W - _PAD
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" font-family="sans-serif" '
             'font-size="12">', f'<rect width="{_W}" height="{_H}" fill="white"/>',
             f'<text x="{_PAD}" y="20">{title}</text>',
             f'<line x1="{_PAD}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="black"/>',
             f'<line x1="{_PAD}" y1="{_PAD}" x2="{_PAD}" y2="{bottom}" stroke="black"/>',
             f'<text x="{right}" y="{bottom + 30}" text-anchor="end">steps ({max_x})</text>',
             f'<text x="{_PAD - 6}" y="{_PAD}" text-anchor="end">{max_y}</text>',
             f'<text x="{_PAD - 6}" y="{bottom}" text-anchor="end">0</text>',
             _polyline([(0, 0), *states], max_x, max_y, _COLOURS["states"]),
             _polyline([(0, 0), *moves], max_x, max_y, _COLOURS["transitions"])]
    for i, (name, colour) in enumerate(_COLOURS.items()):
        parts.append(f'<text x="{_PAD + 10}" y="{_PAD + 16 * i}" fill="{colour}">unique {name}</text>')
    return "\n".join([*parts, "</svg>"])


def per_hundred(curve: list[tuple[int, int, int]]) -> list[int]:
    """Unique states found in each block of 100 steps."""
    found, last = [], 0
    for step, states, _moves in curve:
        if (step + 1) % 100 == 0 or step == curve[-1][0]:
            found.append(states - last)
            last = states
    return found


def write_report(app_dir: Path, result: CrawlResult, curve: list[tuple[int, int, int]]) -> None:
    write_atomic(app_dir / "discovery.svg", discovery_svg(curve, f"{result.package}: {result.policy}"))
    declared = result.activities_declared
    activity = f"{result.activities_reached}/{declared} ({100 * (result.activity_coverage or 0):.0f}%)" \
        if declared else "n/a"
    missing = ", ".join(result.activities_missing) or "none"
    samples = [f"| {s + 1} | {a} | {b} |" for s, a, b in curve if (s + 1) % 25 == 0 or s == curve[-1][0]]
    lines = [
        f"# Crawl of `{result.package}`", "",
        f"Policy `{result.policy}`, {result.steps} steps, stopped: {result.stop_reason}.", "",
        "| figure | value |", "|---|---|",
        f"| unique states | {result.states} |", f"| unique transitions | {result.transitions} |",
        f"| records (screens written) | {result.records} |",
        f"| activity coverage (declared via dumpsys package, joined with reached) | {activity} |",
        f"| screens of the app's code reached | {len(result.screens_reached)}/{result.screens_total or 0} |",
        f"| new states per 100 steps | {', '.join(map(str, per_hundred(curve))) or '-'} |",
        f"| steps/min (this session) | {result.steps_per_min:.0f} |", "",
        f"Activities not reached: {missing}", "",
        "## Discovery curve", "", "![unique states and transitions over steps](discovery.svg)", "",
        "| step | unique states | unique transitions |", "|---|---|---|", *samples, "",
    ]
    write_atomic(app_dir / "report.md", "\n".join(lines))
