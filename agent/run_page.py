"""`run.html`: one offline page per run, for reading a run the way users of other agent frameworks do: the goal
and outcome, the plan as the manager made and remade it, and per step the screenshot with the tap point or swipe
drawn on it, the action, the operator's reasoning, the reflector's verdict, tokens and time, with each model call
of the step expandable (prompt, raw replies, parsed answer or error).

Everything is read from the run directory (run.json, result.json, trajectory.jsonl, calls.jsonl) and images are
linked by relative path, so the page works offline and moves with its folder. All text is HTML-escaped: screen
and model text is data here too.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from string import Template
from typing import Any

from PIL import Image

from droidpilot.agent.calls import CallEntry, read_calls
from droidpilot.agent.prompting import action_text
from droidpilot.agent.state import StepRecord
from droidpilot.agent.trajectory import SCREENSHOTS, load_run
from droidpilot.errors import DataError

PAGE = "run.html"
TEMPLATE = Path(__file__).parent / "templates" / "run_page.html"
_STATUS_CLASS = {"complete": "ok", "needs_user": "paused", "interrupted": "paused"}
_SCROLL = {"down": (0, -1), "up": (0, 1), "left": (1, 0), "right": (-1, 0)}  # finger moves against the content


class NotARunDir(DataError, FileNotFoundError):
    """The folder holds no run (no run.json, result.json or trajectory.jsonl)."""

    hint = "pass a folder under runs/, e.g. droidpilot show runs/20261015-090000-ab12cd"


def write_run_page(run_dir: Path) -> Path:
    """Write `run_dir/run.html` (atomically) and return its path."""
    run_dir = Path(run_dir)
    if not any((run_dir / name).is_file() for name in ("run.json", "result.json", "trajectory.jsonl")):
        raise NotARunDir(f"{run_dir} is not a run directory")
    page = render(run_dir)
    tmp = run_dir / f".{PAGE}.tmp"
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(run_dir / PAGE)
    return run_dir / PAGE


def render(run_dir: Path) -> str:
    run = load_run(run_dir)
    calls = read_calls(run_dir)
    by_step: dict[int, list[CallEntry]] = {}
    for call in calls:
        by_step.setdefault(call.step, []).append(call)
    steps = {s.step for s in run.steps}
    result, meta = run.result, run.meta
    status = result.status if result else "unfinished"
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        run_id=escape(meta.run_id if meta else run_dir.name), goal=escape(meta.goal if meta else run_dir.name),
        status=escape(status), status_class=_STATUS_CLASS.get(status, "bad"),
        message=escape(result.message if result else ""), facts=_facts(run_dir, result, meta),
        plans=_plans([c for c in calls if c.role == "manager"]),
        steps="\n".join(_step(run_dir, s, by_step.get(s.step, [])) for s in run.steps) or "<p>(no steps)</p>",
        other_calls=_calls([c for c in calls if c.step not in steps and c.role != "manager"]) or "<p>(none)</p>")


def _facts(run_dir: Path, result: Any, meta: Any) -> str:
    rows = [("run", run_dir.name)]
    if meta is not None:
        rows += [("device", meta.device or "-"), ("models", ", ".join(f"{r}: {m}" for r, m in meta.models.items()))]
    if result is not None:
        rows += [("steps", str(result.steps)), ("time", f"{result.time_s:.1f} s"),
                 ("tokens", f"{result.total_tokens} in {result.calls} calls"), ("cost", f"${result.cost_usd:.4f}")]
        if result.answer:
            rows.append(("answer", result.answer))
    return "".join(f"<tr><td class=muted>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)


def _plans(calls: list[CallEntry]) -> str:
    if not calls:
        return "<p>(the manager was not asked)</p>"
    items = []
    for call in calls:
        parsed = call.parsed or {}
        subgoals = [s.get("text", "") if isinstance(s, dict) else str(s) for s in parsed.get("subgoals") or []]
        body = "".join(f"<li>{escape(s)}</li>" for s in subgoals)
        head = f"before step {call.step}: " + (escape(str(parsed.get("status", ""))) if call.parsed
                                                 else f"unusable reply ({escape(call.error)})")
        reason = parsed.get("reason") or parsed.get("thought") or ""
        items.append(f"<li>{head}{' - ' + escape(str(reason)) if reason else ''}<ol>{body}</ol></li>")
    return f"<ol>{''.join(items)}</ol>"


def _step(run_dir: Path, step: StepRecord, calls: list[CallEntry]) -> str:
    tokens = sum(u.prompt_tokens + u.completion_tokens for u in step.tokens.values())
    timings = ", ".join(f"{k.removesuffix('_ms')} {v:.0f} ms" for k, v in step.timings.items())
    outcome = step.outcome or {}
    said = f"<p class=muted>as the model said it: <code>{escape(action_text(step.model_action))}</code></p>" \
        if step.model_action else ""
    verdict = step.verdict or "-"
    return f"""<div class="step" id="step-{step.step}">
<div class="shot">{_shot(run_dir, step)}</div>
<div class="info">
<b>Step {step.step}</b> <span class=muted>{escape(step.subgoal)}</span>
<p><code>{escape(action_text(step.action))}</code>{_target(step)}</p>{said}
<p>{escape(step.thought or step.summary)}</p>
<p>result: {escape(str(outcome.get('detail') or outcome.get('error') or '-'))}</p>
<p>verdict: <b class="verdict-{escape(verdict)}">{escape(verdict)}</b> {escape(step.feedback)}
<span class=muted>({escape(step.reflected_by or '-')})</span></p>
<p class=muted>{tokens} tokens; {escape(timings)}</p>
{_calls(calls)}
</div></div>"""


def _target(step: StepRecord) -> str:
    if step.target is None or not step.target.label:
        return ""
    return f" on <i>{escape(step.target.label)}</i>"


def _shot(run_dir: Path, step: StepRecord) -> str:
    name = f"{SCREENSHOTS}/step_{step.step:03d}.png"
    if not (run_dir / name).is_file():
        return "<p class=muted>(no screenshot)</p>"
    with Image.open(run_dir / name) as image:
        width, height = image.size
    marks = _marks(step, width, height)
    svg = (f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" '
           'viewBox="0 0 10 10" refX="5" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">'
           f'<path d="M0,0 L10,5 L0,10 z" fill="#e0245e"/></marker></defs>{marks}</svg>') if marks else ""
    return f'<img src="{escape(name)}" alt="screen before step {step.step}">{svg}'


def _marks(step: StepRecord, width: int, height: int) -> str:
    """SVG for where the action touched: a ring at a tap point, an arrow for a swipe or scroll."""
    action = step.action or {}
    stroke = 'stroke="#e0245e" stroke-width="10" fill="none"'
    if all(isinstance(action.get(k), int | float) for k in ("x1", "y1", "x2", "y2")):
        return (f'<line x1="{action["x1"]}" y1="{action["y1"]}" x2="{action["x2"]}" y2="{action["y2"]}" {stroke} '
                'marker-end="url(#arrow)"/>')
    point = _point(step, action)
    if step.action_name == "scroll":
        cx, cy = point or (width // 2, height // 2)
        dx, dy = _SCROLL.get(str(action.get("direction")), (0, 0))
        return (f'<line x1="{cx}" y1="{cy}" x2="{cx + dx * width // 4}" y2="{cy + dy * height // 6}" {stroke} '
                'marker-end="url(#arrow)"/>')
    if point is None:
        return ""
    x, y = point
    return f'<circle cx="{x}" cy="{y}" r="48" {stroke}/><circle cx="{x}" cy="{y}" r="10" fill="#e0245e"/>'


def _point(step: StepRecord, action: dict[str, Any]) -> tuple[int, int] | None:
    if isinstance(action.get("x"), int | float) and isinstance(action.get("y"), int | float):
        return int(action["x"]), int(action["y"])
    if step.target is not None and len(step.target.bounds) == 4:
        left, top, right, bottom = step.target.bounds
        return (left + right) // 2, (top + bottom) // 2
    return None


def _calls(calls: list[CallEntry]) -> str:
    return "\n".join(_call(c) for c in calls)


def _call(call: CallEntry) -> str:
    tokens = call.prompt_tokens + call.completion_tokens
    head = (f"{escape(call.role)} call #{call.call}: {escape(call.model)}, {tokens} tokens, "
            f"{call.latency_ms:.0f} ms" + (f", {call.attempts} attempts" if call.attempts > 1 else "")
            + (f", {call.retries} retries" if call.retries else "") + (" - failed" if call.error else "")
            + (f" ({escape(call.note)})" if call.note else ""))
    messages = "".join(
        f"<p class=muted>{escape(m.get('role', ''))}</p><pre>{escape(str(m.get('text', '')))}</pre>"
        + "".join(f'<div class="call-images"><a href="{escape(i)}"><img src="{escape(i)}" alt="sent image"></a>'
                  "</div>" for i in m.get("images", []))
        for m in call.messages)
    replies = "".join(f"<pre>{escape(r)}</pre>" for r in call.replies)
    answer = (f"<pre>{escape(json.dumps(call.parsed, indent=2, ensure_ascii=False))}</pre>" if call.parsed
              else f"<p>error: {escape(call.error)}</p>")
    return (f"<details><summary>{head}</summary><details><summary>prompt</summary>{messages}</details>"
            f"<p class=muted>raw replies</p>{replies or '<p>(none)</p>'}<p class=muted>parsed</p>{answer}</details>")
