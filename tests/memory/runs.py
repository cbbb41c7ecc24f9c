"""Write agent run directories the way the agent does (agent/trajectory.py's writer and records), from steps
walked on the virtual phone, so ingestion is tested against the real on-disk format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from droidpilot.agent.perception import perceive
from droidpilot.agent.state import ScreenSummary, StepRecord, Target
from droidpilot.agent.trajectory import RunMeta, RunResult, TrajectoryWriter
from droidpilot.emulator.device import Observation
from droidpilot.memory.signature import page_signature, semantic_action
from tests.memory.walk import Step


def _summary(observation: Observation) -> tuple[ScreenSummary, Any]:
    view = perceive(observation)
    return ScreenSummary(package=view.package, activity=view.activity, fingerprint=view.fingerprint,
                         elements=len(view.targets), keyboard=view.keyboard_shown), view


def _record(number: int, step: Step) -> StepRecord:
    before, (kind, element, detail), after = step
    before_summary, view = _summary(before)
    record = StepRecord(step=number, before=before_summary, after=_summary(after)[0], outcome={"ok": True})
    if element is None:
        record.action = {"action": kind, "key": detail}
        return record
    index = next(i for i, e in view.targets.items() if e.index == element.index)
    b = element.bounds
    record.action = {"action": kind, "index": index}
    record.target = Target(resource_id=element.resource_id, text=element.text, content_desc=element.content_desc,
                           class_name=element.class_name, bounds=[b.left, b.top, b.right, b.bottom])
    record.outcome = {"ok": True, "target": view.describe(index)}
    return record


def write_run(run_dir: Path, steps: list[Step], goal: str = "open the Wi-Fi settings", status: str = "complete",
              signatures: bool = False, dumps: bool = False) -> Path:
    """A finished run. `signatures` adds the page_before / page_after / semantic_action fields the agent can
    write on each line; `dumps` saves each step's before-screen as dumps/step_NNN.xml."""
    writer = TrajectoryWriter(run_dir, screenshots=False)
    writer.write_meta(RunMeta(run_id=run_dir.name, goal=goal))
    for number, step in enumerate(steps, 1):
        before, (kind, element, detail), after = step
        extra: dict[str, Any] = {}
        if signatures:
            extra = {"page_before": page_signature(before).model_dump(),
                     "page_after": page_signature(after).model_dump(),
                     "semantic_action": semantic_action(kind, element, before, detail)}
        writer.append(_record(number, step), extra)
        if dumps:
            (run_dir / "dumps").mkdir(exist_ok=True)
            (run_dir / "dumps" / f"step_{number:03d}.xml").write_text(before.xml, encoding="utf-8")
    final = steps[-1][2]  # the agent ends with a `done` step taken on the last screen
    writer.append(StepRecord(step=len(steps) + 1, before=_summary(final)[0], action={"action": "done"},
                             outcome={"ok": True}))
    if dumps:
        (run_dir / "dumps" / f"step_{len(steps) + 1:03d}.xml").write_text(final.xml, encoding="utf-8")
    writer.write_result(RunResult(run_id=run_dir.name, goal=goal, status=status, steps=len(steps) + 1))
    writer.close()
    return run_dir
