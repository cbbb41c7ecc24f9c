"""What a finished run leaves behind in long-term memory: its pages, transitions and trajectory (ingested from
the run directory, so a run ingested live and one ingested later with `droidpilot memory ingest` are the same),
and a few tips per app written by the notetaker (Mobile-Agent-E's tips): from its errors and their fixes, or,
for a successful run of a few steps, from what worked, and the shortcuts mined from a successful run. A
resumable run (interrupted, model unavailable, needs_user) is left alone until it really ends.

Mined shortcuts are checked on the run's own device kind: before the agent acts, a device with snapshots (a
virtual phone, an emulator's console) is snapshotted (`snapshot_run_start`); after a successful run each
shortcut is replayed on that snapshot and the device is put back as the run left it. A physical phone has no
snapshots: its shortcuts are saved unverified until a later run uses them successfully.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from droidpilot.agent import prompting
from droidpilot.agent.miner_replay import validator_for
from droidpilot.agent.mining import MineReport, mine_run
from droidpilot.agent.nodes.common import ask
from droidpilot.agent.nodes.outputs import TipsOutput
from droidpilot.agent.state import AgentContext, RoleUsage, StepRecord
from droidpilot.emulator.device_snapshots import snapshots_of
from droidpilot.errors import DroidpilotError
from droidpilot.memory.config import MemoryConfigError, read_table
from droidpilot.memory.ingest import IngestReport, ingest_run_dir

log = logging.getLogger(__name__)

RESUMABLE = ("interrupted", "model_unavailable", "running", "needs_user")
KEEP_START_SNAPSHOT = (*RESUMABLE, "timeout")
"""A run that ends so can be resumed: the snapshot of its start stays for the resumed run's mining."""
TIPS_PER_APP = 3
MAX_TIP_CHARS = 240
HISTORY_STEPS = 40
LAUNCHERS = ("com.android.launcher3", "com.android.systemui")
SMOOTH_STEPS = 3
"""A successful run without a failed step writes tips (what worked) when it took at least this many actions."""


def _apps(steps: list[StepRecord]) -> list[str]:
    packages = [p for s in steps for p in (s.before.package, s.after.package if s.after else "")]
    return [p for p in dict.fromkeys(packages) if p and p not in LAUNCHERS]


def _history(steps: list[StepRecord]) -> str:
    shown = steps[-HISTORY_STEPS:]
    return "\n".join(f"[{s.before.package or '?'}] {prompting.step_line(s)}" for s in shown) or prompting.NONE


def write_tips(ctx: AgentContext, values: dict[str, Any], status: str, message: str) -> RoleUsage | None:
    """Ask the notetaker for up to TIPS_PER_APP tips per app of a finished run, and store them. Returns the
    call's usage (None when no call was made: no memory, a short run that went well, or a resumable one)."""
    if ctx.memory is None or status in RESUMABLE:
        return None
    steps = [StepRecord.model_validate(r) for r in values.get("steps") or []]
    apps = _apps(steps)
    smooth = status == "complete" and not any(s.verdict == "failure" for s in steps)
    if not apps or (smooth and sum(1 for s in steps if s.action) < SMOOTH_STEPS):
        return None  # a short run that went well teaches nothing a tip should say
    known = [f"- {t.app}: {t.text}" for app in apps for t in ctx.memory.tips(app=app, limit=10)]
    messages = prompting.messages("tips", [], goal=values.get("goal", ""), status=status,
                                  message=message or prompting.NONE, apps=", ".join(apps),
                                  history=_history(steps), tips="\n".join(known) or prompting.NONE)
    call = ask(ctx, "notetaker", messages, TipsOutput)
    if call.parsed is None:
        log.info("no tips from this run: %s", call.error)
        return call.usage
    per_app: dict[str, int] = {}
    run_id = str(values.get("run_id", ""))
    for tip in call.parsed.tips:
        text = " ".join(ctx.redact(tip.text).split())
        if tip.app not in apps or not text or len(text) > MAX_TIP_CHARS or per_app.get(tip.app, 0) >= TIPS_PER_APP:
            continue
        per_app[tip.app] = per_app.get(tip.app, 0) + 1
        ctx.memory.add_tip(tip.app, text, source=f"run {run_id}")
    return call.usage


def remember_run(ctx: AgentContext, run_dir: Path, status: str) -> IngestReport | None:
    """Ingest the finished run's pages, transitions and trajectory (each run once)."""
    if ctx.memory is None or status in RESUMABLE:
        return None
    report = ingest_run_dir(ctx.memory, run_dir)
    log.info("memory: %d page visits (%d new pages), %d transitions from run %s", report.visits, report.new_pages,
             report.transitions, report.run_id)
    return report


def start_snapshot_name(run_id: str) -> str:
    """The snapshot of a run's start on its device: one per run, so parallel runs on one device cannot mix."""
    return "droidpilot-run-" + "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)


def _learns(ctx: AgentContext) -> bool:
    return ctx.settings.learn and ctx.shortcuts is not None


def snapshot_run_start(ctx: AgentContext, run_id: str) -> str | None:
    """Before the agent acts: snapshot the device, when the run learns and the device has snapshots, so mined
    shortcuts can be replayed where the run started. Returns the snapshot's name (None: no snapshot; mined
    shortcuts will be saved unverified). A failure is logged, never raised: the run matters more."""
    if not _learns(ctx):
        return None
    snapshots = snapshots_of(ctx.device)
    if snapshots is None:
        log.info("%s has no snapshots: shortcuts mined from this run stay unverified until used", ctx.device.serial)
        return None
    name = start_snapshot_name(run_id)
    try:
        snapshots.save(name)
    except (DroidpilotError, OSError) as exc:  # a full disk, a console that refuses...
        log.warning("no snapshot of the run's start on %s (%s): shortcuts mined from it stay unverified until used",
                    ctx.device.serial, exc)
        return None
    return name


def learn_shortcuts(ctx: AgentContext, run_dir: Path, status: str) -> MineReport | None:
    """Mine a successful run into the shortcut library (heuristic names: no model call), each shortcut replayed
    on the run's device restored to its start (see the module's docstring), and drop that snapshot unless the run
    can be resumed. None when learning is off, there is no library, or the run failed."""
    if not _learns(ctx):
        return None
    start = start_snapshot_name(run_dir.name)
    try:
        return _mine(ctx, run_dir, start) if status == "complete" else None
    finally:
        if status not in KEEP_START_SNAPSHOT:
            _drop_snapshot(ctx, start)


def _mine(ctx: AgentContext, run_dir: Path, start: str) -> MineReport:
    assert ctx.shortcuts is not None
    validator = validator_for(ctx.device, start)
    try:
        report = mine_run(run_dir, ctx.shortcuts, validator=validator)
    finally:
        try:
            validator.close()  # the device back as the run left it
        except (DroidpilotError, OSError) as exc:
            log.error("%s could not be put back as the run left it after replaying mined shortcuts: %s",
                      ctx.device.serial, exc)
    for item in report.results:
        log.info("learned: %s %s (%s)", item.status, item.signature or "-", item.reason)
    return report


def _drop_snapshot(ctx: AgentContext, name: str) -> None:
    snapshots = snapshots_of(ctx.device)
    if snapshots is None:
        return
    try:
        if name in snapshots.names():
            snapshots.delete(name)
    except (DroidpilotError, OSError) as exc:
        log.warning("the snapshot %s stays on %s: %s", name, ctx.device.serial, exc)


def learn_by_default(config: Path | None = None) -> bool:
    """Automatic mining is on unless droidpilot.toml says `[learning] shortcuts = false`."""
    value = read_table("learning", config).get("shortcuts", True)
    if not isinstance(value, bool):
        raise MemoryConfigError("[learning] shortcuts must be true or false")
    return value
