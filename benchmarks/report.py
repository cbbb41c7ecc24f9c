"""Run outputs: `summary.json` and `report.html`, rebuilt from `results.jsonl` at any time.

report.html is self-contained and viewable offline: inline CSS, no scripts, no external URLs. It links one page
per episode (`report/<episode>.html`) that lists the trajectory's steps with their screenshots, by relative links
to the images in the episode's run dir (so the output dir can be moved or zipped as a whole).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from droidpilot.benchmarks.episode import EpisodeRecord
from droidpilot.benchmarks.harness import ACTIONS_FILE
from droidpilot.benchmarks.metadata import TaskMetadata, task_metadata, write_task_metadata
from droidpilot.benchmarks.metrics import GroupMetrics, Summary, summarize
from droidpilot.benchmarks.runner import load_results

SUMMARY_FILE = "summary.json"
REPORT_FILE = "report.html"
PAGES_DIR = "report"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d1d1f; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d0d0d5; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f1f1f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #137333; font-weight: 600; } .fail { color: #b3261e; font-weight: 600; } .err { color: #8a5a00; }
.steps { display: flex; flex-wrap: wrap; gap: 12px; }
.step { width: 200px; border: 1px solid #d0d0d5; padding: 6px; }
.step img { width: 188px; display: block; border: 1px solid #eee; }
pre { background: #f6f6f8; padding: 8px; overflow-x: auto; white-space: pre-wrap; }
"""

MAIN_COLUMNS = (("episodes", "episodes"), ("errors", "errors"), ("sr", "SR"), ("mean_steps", "mean steps"),
                ("msrs", "MSRS"), ("met", "MET (s)"), ("mtoc_k", "MToC (k)"), ("model_calls", "model calls"),
                ("cost_usd", "cost ($)"), ("msc", "MSC"), ("s2gr", "S2GR"), ("ssr", "SSR"))
GROUP_COLUMNS = (("episodes", "episodes"), ("errors", "errors"), ("sr", "SR"), ("mean_steps", "mean steps"),
                 ("msrs", "MSRS"), ("met", "MET (s)"))


def write_outputs(out: Path) -> Summary:
    """(Re)write summary.json, task_metadata.json, report.html and the episode pages from the run's results.jsonl."""
    records = load_results(out)
    summary = summarize(records)
    _write(out / SUMMARY_FILE, summary.model_dump_json(indent=2) + "\n")
    write_task_metadata(out, _metadata(records))
    pages = out / PAGES_DIR
    pages.mkdir(exist_ok=True)
    for record in records:
        _write(pages / page_name(record), episode_page(record, out))
    _write(out / REPORT_FILE, main_page(summary, records))
    return summary


def _metadata(records: list[EpisodeRecord]) -> list[TaskMetadata]:
    """One entry per task class in the run (AndroidWorld's values for its families)."""
    by_task: dict[str, list[EpisodeRecord]] = {}
    for record in records:
        by_task.setdefault(record.task_template, []).append(record)
    entries = []
    for name, group in by_task.items():
        optima = [r.oracle_steps for r in group if r.oracle_steps is not None]
        first = group[0]
        entries.append(task_metadata(name, first.goal_template, first.difficulty, first.tags,
                                     min(optima) if optima else None))
    return entries


def page_name(record: EpisodeRecord) -> str:
    return record.episode_id.replace("/", "__") + ".html"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# -- pieces --------------------------------------------------------------------------------------------------------
def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))


def _document(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def _table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    lines = []
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if i >= numeric_from else f"<td>{c}</td>"
                        for i, c in enumerate(row))
        lines.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _metrics_rows(groups: dict[str, GroupMetrics], columns: tuple[tuple[str, str], ...]) -> list[list[str]]:
    return [[escape(key), *(_fmt(getattr(m, field)) for field, _ in columns)] for key, m in groups.items()]


def _outcome(record: EpisodeRecord) -> str:
    if record.error is not None:
        return '<span class="err">error</span>'
    if record.success == 1.0:
        return '<span class="ok">success</span>'
    return f'<span class="fail">{"fail" if record.success == 0 else _fmt(record.success)}</span>'


# -- the main page -------------------------------------------------------------------------------------------------
def main_page(summary: Summary, records: list[EpisodeRecord]) -> str:
    title = f"droidpilot bench · {', '.join(summary.suites) or 'no episodes'} · {', '.join(summary.agents)}"
    overall = summary.overall
    parts = [f"<h1>{escape(title)}</h1>",
             f'<p id="headline">SR <b>{_fmt(overall.sr)}</b> · {overall.successes}/{overall.scored} succeeded · '
             f"{overall.errors} errors · {overall.episodes} episodes</p>",
             '<h2 id="summary">Summary</h2>',
             _table(["", *(label for _, label in MAIN_COLUMNS)], _metrics_rows({"all": overall}, MAIN_COLUMNS))]
    for title_, groups in (("By task", summary.by_task), ("By app", summary.by_app), ("By tag", summary.by_tag),
                           ("By difficulty", summary.by_difficulty), ("By category", summary.by_category)):
        if groups:
            parts += [f"<h2>{title_}</h2>",
                      _table(["", *(label for _, label in GROUP_COLUMNS)], _metrics_rows(groups, GROUP_COLUMNS))]
    if overall.failure_modes:
        parts += ["<h2>Failure modes</h2>",
                  _table(["label", "episodes"], [[escape(k), str(v)] for k, v in overall.failure_modes.items()])]
    parts += ['<h2 id="episodes">Episodes</h2>', _episodes_table(records)]
    return _document(title, "\n".join(parts))


def _episodes_table(records: list[EpisodeRecord]) -> str:
    rows = [[f'<a href="{PAGES_DIR}/{escape(page_name(r))}">{escape(r.episode_id)}</a>', _outcome(r),
             _fmt(r.steps), _fmt(r.oracle_steps), _fmt(r.step_budget), "yes" if r.declared_done else "no",
             _fmt(r.answer), _fmt(r.run_time), escape(", ".join(r.failure_modes)), _fmt(r.error)]
            for r in records]
    header = ["episode", "outcome", "steps", "oracle steps", "budget", "done", "answer", "time (s)",
              "failure modes", "error"]
    return _table(header, rows, numeric_from=99)


# -- episode pages -------------------------------------------------------------------------------------------------
def episode_page(record: EpisodeRecord, out: Path) -> str:
    facts = [("goal", escape(record.goal)), ("outcome", _outcome(record)), ("raw score", _fmt(record.raw_score)),
             ("declared done", "yes" if record.declared_done else "no"),
             ("steps / budget", f"{record.steps} / {record.step_budget}"),
             ("oracle steps", _fmt(record.oracle_steps)), ("answer", _fmt(record.answer)),
             ("tokens", f"{record.tokens.prompt} prompt, {record.tokens.completion} completion"),
             ("model calls", _fmt(record.model_calls)), ("cost ($)", _fmt(record.cost_usd)),
             ("shortcut calls", f"{record.shortcut_calls} ({record.shortcut_successes} effective)"),
             ("failure modes", escape(", ".join(record.failure_modes)) or "–"), ("run time (s)", _fmt(record.run_time)),
             ("apps", escape(", ".join(record.app_names))), ("tags", escape(", ".join(record.tags))),
             ("difficulty", escape(record.difficulty)), ("seed", str(record.seed)), ("run dir", _fmt(record.run_dir))]
    rows = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in facts)
    parts = [f'<p><a href="../{REPORT_FILE}">← report</a></p>', f"<h1>{escape(record.episode_id)}</h1>",
             f"<table>{rows}</table>"]
    if record.exception_info:
        parts += ["<h2>Error</h2>", f"<pre>{escape(record.exception_info)}</pre>"]
    parts += ['<h2 id="trajectory">Trajectory</h2>', _trajectory(record, out),
              "<details><summary>Parameters</summary>",
              f"<pre>{escape(json.dumps(record.params, indent=1, ensure_ascii=False))}</pre></details>"]
    return _document(record.episode_id, "\n".join(parts))


def _trajectory(record: EpisodeRecord, out: Path) -> str:
    """The run dir's trajectory.jsonl (for scripted agents the harness's actions.jsonl) as step cards with each
    step's screenshot, then any screenshots no step claimed. A step's screenshot is the file its line names, else
    the LLM agent's `screenshots/step_NNN.png` (its set-of-mark version `step_NNN_som.png` is linked)."""
    if record.run_dir is None or not (out / record.run_dir).is_dir():
        return "<p>No trajectory was recorded.</p>"
    run_dir = out / record.run_dir
    prefix = "../" + record.run_dir.strip("/") + "/"
    cards, shown = [], set()

    def claim(rel: str | None) -> str | None:
        if rel is None or not (run_dir / rel).is_file():
            return None
        shown.add(rel)
        return prefix + rel

    start = claim("start.jpg")
    if start:
        cards.append(_card("start", "", start))
    steps = _steps(run_dir / "trajectory.jsonl") or _steps(run_dir / ACTIONS_FILE)  # the LLM agent's, else harness's
    for i, step in enumerate(steps, 1):
        number = step.get("step", i)
        numbered = isinstance(number, int)
        image = claim(_image_of(step)) or (claim(f"screenshots/step_{number:03d}.png") if numbered else None)
        annotated = claim(f"screenshots/step_{number:03d}_som.png") if numbered else None
        cards.append(_card(f"{number}. {_action_name(step)}", _action_detail(step), image, annotated))
    for path in sorted(p for p in run_dir.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES):
        rel = path.relative_to(run_dir).as_posix()
        if rel not in shown:
            cards.append(_card(rel, "", prefix + rel))
    return f'<div class="steps">{"".join(cards)}</div>' if cards else "<p>The trajectory is empty.</p>"


def _card(label: str, detail: str, image: str | None, annotated: str | None = None) -> str:
    img = f'<img src="{escape(image)}" alt="{escape(label)}">' if image else ""
    som = f' <a href="{escape(annotated)}">annotated</a>' if annotated else ""
    return f'<div class="step"><b>{escape(label)}</b>{som}<div>{escape(detail)}</div>{img}</div>'


def _steps(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    steps = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            steps.append(item)
    return steps


def _image_of(step: dict[str, Any]) -> str | None:
    for key in ("screenshot", "screenshot_after", "annotated_screenshot", "image"):
        value = step.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _action_name(step: dict[str, Any]) -> str:
    action = step.get("action")
    return str(action.get("action", "?")) if isinstance(action, dict) else str(action or "?")


def _action_detail(step: dict[str, Any]) -> str:
    """The step's own summary (the LLM agent's), else the action's arguments or detail."""
    action = step.get("action")
    args = (json.dumps({k: v for k, v in action.items() if k != "action"}, ensure_ascii=False)
            if isinstance(action, dict) else str(step.get("detail", "")))
    summary = str(step.get("summary") or "")
    return (f"{summary} {args}" if summary else args)[:240]
