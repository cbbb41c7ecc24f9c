"""Feeding page memory: live steps from the agent or the crawler, and finished agent runs on disk.

A step is (screen before, action, screen after). The after-screen of one step is usually the before-screen of
the next, so it is recorded once: visits count arrivals on a page, not observations of it. Transitions are
recorded only when the action changed the screen.

`ingest_run_dir` reads `runs/<run_id>/` (agent/trajectory.py). A run is ingested at most once: its run id is
stored with its trajectory in the same transaction as its pages and transitions. Page identity comes, best
first, from a `page_before` / `page_after` signature on the step line, from a window dump
`dumps/step_NNN.xml` (the step's before-screen), or else from the step's package and activity alone (one page
per activity: coarse, but enough for navigation between activities).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError

from droidpilot.emulator.device import Bounds, Observation, UIElement
from droidpilot.emulator.uitree import HierarchyError, parse_hierarchy
from droidpilot.memory.models import MemoryStoreError
from droidpilot.memory.signature import (
    PageSignature,
    humanize_activity,
    locator,
    page_signature,
    semantic_action,
    short_hash,
)
from droidpilot.memory.store import MemoryStore

TRAJECTORY = "trajectory.jsonl"
RESULT = "result.json"
META = "run.json"
DUMPS = "dumps"
NOT_NAVIGATION = ("done", "answer")
_SHOWN = re.compile(r'^\[\d+\] \S+ ("(?:[^"\\]|\\.)*")$')
_DETAIL_FIELD = {"press": "key", "scroll": "direction", "open_app": "app", "open_uri": "uri", "shortcut": "name"}


class IngestError(MemoryStoreError):
    """The directory is not a readable agent run."""


class ObservedStep(BaseModel):
    """One step as the agent or the crawler saw it; `action` is a semantic action (memory.signature)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    before: Observation
    action: str
    after: Observation


class IngestReport(BaseModel):
    run_id: str = ""
    skipped: bool = False
    steps: int = 0
    visits: int = 0
    new_pages: int = 0
    transitions: int = 0
    trajectory_id: int | None = None
    note: str = ""


class _PageStep(NamedTuple):
    before: PageSignature | None
    action: str | None
    after: PageSignature | None
    effective: bool


StepInput = ObservedStep | tuple[Observation, "str | tuple[Any, ...]", Observation]


def _same_page(a: PageSignature | None, b: PageSignature | None) -> bool:
    return a is not None and b is not None and (a.package, a.structure_hash) == (b.package, b.structure_hash)


class _Cursor:
    """The page the last recorded step ended on, so the next step's before-screen is not counted again."""

    def __init__(self) -> None:
        self.sig: PageSignature | None = None
        self.page_id: int | None = None


def _record(store: MemoryStore, steps: Iterable[_PageStep], report: IngestReport, cursor: _Cursor) -> None:
    """Inside the caller's transaction: pages (an after-page re-seen as the next before-page counts once)."""
    for step in steps:
        report.steps += 1
        if step.before is None:
            before_id = None
        elif _same_page(step.before, cursor.sig):
            before_id = cursor.page_id
        else:
            before_id = store.record_page(step.before)
            report.visits += 1
        cursor.sig, cursor.page_id = None, None
        if step.after is not None:
            cursor.sig, cursor.page_id = step.after, store.record_page(step.after)
            report.visits += 1
        if step.effective and step.action and before_id is not None and cursor.page_id is not None:
            store.record_transition(before_id, step.action, cursor.page_id)
            report.transitions += 1


def _action_string(action: str | tuple[Any, ...], before: Observation) -> str:
    if isinstance(action, str):
        return action
    element = action[1] if len(action) > 1 else None
    detail = str(action[2]) if len(action) > 2 and action[2] else ""
    return semantic_action(str(action[0]), element, before, detail)


def _observed(step: StepInput) -> _PageStep:
    before, action, after = (step.before, step.action, step.after) if isinstance(step, ObservedStep) else step
    sig_before, sig_after = page_signature(before), page_signature(after)
    changed = sig_before.content_hash != sig_after.content_hash or not _same_page(sig_before, sig_after)
    return _PageStep(sig_before, _action_string(action, before), sig_after, changed)


def _ingest(store: MemoryStore, steps: list[_PageStep], cursor: _Cursor) -> IngestReport:
    report = IngestReport()
    with store.transaction() as db:
        pages_before = db.execute("SELECT count(*) FROM pages").fetchone()[0]
        _record(store, steps, report, cursor)
        report.new_pages = db.execute("SELECT count(*) FROM pages").fetchone()[0] - pages_before
    return report


def ingest_observations(store: MemoryStore, steps: Iterable[StepInput]) -> IngestReport:
    """Record consecutive (before, action, after) steps of one session in one transaction. `action` is a
    semantic action string, or `(action_type, element)` / `(action_type, element, detail)` with the element
    from `before` (None for keys and app launches). Signatures are computed before the write lock is taken."""
    return _ingest(store, [_observed(step) for step in steps], _Cursor())


class StepRecorder:
    """Records a session one step at a time (the agent after each action, the crawler after each event),
    counting the screen a step ends on once even though the next step starts on it."""

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self._cursor = _Cursor()

    def record(self, before: Observation, action: str | tuple[Any, ...], after: Observation) -> IngestReport:
        return _ingest(self.store, [_observed((before, action, after))], self._cursor)


# -- run directories ---------------------------------------------------------------------------------------------

def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IngestError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise IngestError(f"{path} does not hold a JSON object")
    return data


def read_step_lines(run_dir: Path) -> list[dict[str, Any]]:
    """Step lines in order; torn lines skipped, a step written twice keeps its last line (as agent/trajectory)."""
    path = run_dir / TRAJECTORY
    if not path.exists():
        return []
    by_step: dict[int, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("step"), int):
            by_step[record["step"]] = record
    return [by_step[k] for k in sorted(by_step)]


def coarse_signature(package: str, activity: str) -> PageSignature:
    """A page known only by its activity (the run kept no hierarchy): one page per activity."""
    title = humanize_activity(activity) or package
    return PageSignature(package=package, activity=activity, content_hash="", title=title,
                         structure_hash="activity-" + short_hash([package, activity]),
                         summary=f"{title} screen of {package} (known from an agent run by its activity only).")


def _dump_signature(run_dir: Path, step: int, summary: dict[str, Any]) -> PageSignature | None:
    path = run_dir / DUMPS / f"step_{step:03d}.xml"
    if not path.exists():
        return None
    try:
        xml = path.read_text(encoding="utf-8")
        observation = Observation(screenshot=None, elements=parse_hierarchy(xml), xml=xml,
                                  package=str(summary.get("package", "")), activity=str(summary.get("activity", "")))
    except (OSError, HierarchyError):
        return None
    return page_signature(observation)


def _line_page(run_dir: Path, line: dict[str, Any], side: str,
               next_line: dict[str, Any] | None) -> PageSignature | None:
    stored = line.get(f"page_{side}")
    if isinstance(stored, dict):
        try:
            return PageSignature.model_validate(stored)
        except ValidationError:
            pass
    summary = line.get(side)
    if side == "after" and next_line is not None:
        found = _line_page(run_dir, next_line, "before", None)
        if found is not None and (not isinstance(summary, dict) or found.package == summary.get("package")):
            return found
    if not isinstance(summary, dict) or not summary.get("package"):
        return None
    if side == "before":
        from_dump = _dump_signature(run_dir, int(line["step"]), summary)
        if from_dump is not None:
            return from_dump
    return coarse_signature(str(summary["package"]), str(summary.get("activity", "")))


def action_from_line(line: dict[str, Any]) -> str | None:
    """The step's semantic action: as written by the agent, else rebuilt from its action and target."""
    if isinstance(line.get("semantic_action"), str):
        return line["semantic_action"]
    action = line.get("action")
    if not isinstance(action, dict) or not action.get("action") or action["action"] in NOT_NAVIGATION:
        return None
    kind = str(action["action"])
    detail = str(action.get(_DETAIL_FIELD.get(kind, ""), "") or "")
    head = semantic_action(kind, None, None, detail)
    target = line.get("target")
    if not isinstance(target, dict):
        return head
    text = str(target.get("label") or target.get("text") or "")
    if not (text or target.get("content_desc")):
        text = shown_label(line.get("outcome"))  # a row's text, as the agent showed it to the model
    element = UIElement(index=0, bounds=Bounds(left=0, top=0, right=0, bottom=0), text=text,
                        resource_id=str(target.get("resource_id", "")),
                        content_desc=str(target.get("content_desc", "")), class_name=str(target.get("class_name", "")))
    return f"{head} {locator(element)}"


def shown_label(outcome: Any) -> str:
    """`Display` from an outcome target `[3] ViewGroup "Display | Dark theme, font size"` (agent/perception)."""
    described = outcome.get("target", "") if isinstance(outcome, dict) else ""
    match = _SHOWN.match(described) if isinstance(described, str) else None
    if match is None:
        return ""
    try:
        label = json.loads(match.group(1))
    except ValueError:
        return ""
    return str(label).split(" | ")[0].rstrip("…").strip()


def _effective(line: dict[str, Any]) -> bool:
    outcome = line.get("outcome")
    if isinstance(outcome, dict) and outcome.get("ok") is False:
        return False
    before, after = line.get("before") or {}, line.get("after") or {}
    return not (isinstance(before, dict) and isinstance(after, dict) and before.get("fingerprint")
                and before.get("fingerprint") == after.get("fingerprint"))


def _is_coarse(sig: PageSignature | None) -> bool:
    return sig is not None and sig.structure_hash.startswith("activity-")


def _run_steps(run_dir: Path, lines: list[dict[str, Any]]) -> Iterable[_PageStep]:
    previous: PageSignature | None = None
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        before = _line_page(run_dir, line, "before", None)
        if _is_coarse(before) and previous is not None and not _is_coarse(previous) and before is not None \
                and (previous.package, previous.activity) == (before.package, before.activity):
            before = previous  # the screen the last step ended on, known in full
        previous = _line_page(run_dir, line, "after", following)
        yield _PageStep(before, action_from_line(line), previous, _effective(line))


def ingest_run_dir(store: MemoryStore, run_dir: str | Path) -> IngestReport:
    """Pages, transitions and the trajectory of a finished run; a run already ingested is skipped."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise IngestError(f"'{run_dir}' is not a directory")
    result, meta = _read_json(run_dir / RESULT), _read_json(run_dir / META) or {}
    if result is None:
        hint = "it has no trajectory.jsonl either" if not (run_dir / TRAJECTORY).exists() else "is it still running?"
        raise IngestError(f"'{run_dir}' has no {RESULT}: not a finished agent run ({hint})")
    run_id = str(result.get("run_id") or meta.get("run_id") or run_dir.name)
    lines = read_step_lines(run_dir)
    report = IngestReport(run_id=run_id)
    with store.transaction() as db:
        if store.has_run(run_id):
            return report.model_copy(update={"skipped": True})
        pages_before = db.execute("SELECT count(*) FROM pages").fetchone()[0]
        _record(store, _run_steps(run_dir, lines), report, _Cursor())
        report.new_pages = db.execute("SELECT count(*) FROM pages").fetchone()[0] - pages_before
        report.trajectory_id = store.add_trajectory(
            goal=str(result.get("goal") or meta.get("goal") or ""), success=result.get("status") == "complete",
            steps=int(result.get("steps") or len(lines)), run_dir=str(run_dir.resolve()), run_id=run_id)
    if lines and not any(isinstance(line.get("page_before"), dict) for line in lines) \
            and not (run_dir / DUMPS).is_dir():
        report.note = "the run stored no window dumps: pages are identified by activity only"
    return report
