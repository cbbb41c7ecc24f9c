"""One benchmark episode: initialize the task, let the agent act within the step budget, score, tear down.

Scoring follows AndroidWorld's gate (`suite_utils._run_task`): `success = score if done else 0`, where done means
the agent declared done within the budget. The steps are the harness's count: the agent acts only on a
`RecordingDevice` (droidpilot.benchmarks.harness) that counts every action and stops the agent at the budget; what
the agent reports is recorded beside it (`agent_steps`) and never used. An exception anywhere becomes an error
record (AndroidWorld's `is_successful = NaN`, here None), never a crash of the run.

Records carry AndroidWorld's episode fields with AndroidWorld's meaning, so its `process_episodes` can group them:
`task_template` is the task class name (the goal template is `goal_template`), and `episode_data`, `aux_data` and
`screen_config` are present (None where we have nothing).
"""

from __future__ import annotations

import contextlib
import shutil
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from droidpilot.benchmarks.agents import AgentRun, BenchAgent, EpisodeContext, OracleAgent
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import ActionRecord, RecordingDevice
from droidpilot.benchmarks.suites.shortcuts.effects import EffectJudge
from droidpilot.benchmarks.task import Task

TIMING_FIELDS = ("run_time", "finish_dtime", "timings")
"""The fields that differ between two runs with the same seed."""


class TokenCounts(BaseModel):
    prompt: int = 0
    completion: int = 0


class EpisodeSpec(BaseModel):
    """One task instance of a suite."""

    suite: str
    task: str
    instance: int
    seed: int

    @property
    def episode_id(self) -> str:
        return f"{self.suite}/{self.task}/{self.instance}"


class ShortcutResult(BaseModel):
    """One shortcut call, as the harness judged it: `ran` is its own report (it ran to the end), `effective`
    whether its intended effect held on the device right after it (None when nobody judged it)."""

    step: int
    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    ran: bool
    effective: bool | None
    effect: str = ""


class EpisodeRecord(BaseModel):
    """One line of results.jsonl: AndroidWorld's episode fields, then ours."""

    # AndroidWorld (research/benchmarks.md §1.9)
    task_template: str = Field(description="the task class name, as AndroidWorld's records and task_metadata.json")
    goal: str
    is_successful: float | None = Field(description="the gated score; None when the episode raised")
    run_time: float
    finish_dtime: str
    episode_length: int = Field(description="steps counted by the harness")
    episode_data: dict[str, list[Any]] | None = Field(None, description="per-step lists (the harness's actions)")
    aux_data: dict[str, Any] | None = None
    screen_config: dict[str, Any] | None = None
    exception_info: str | None = None
    seed: int
    agent_name: str
    instance_id: int
    # ours
    goal_template: str = ""
    episode_id: str
    suite: str
    task: str
    instance: int
    params: dict[str, Any] = Field(default_factory=dict)
    app_names: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    difficulty: str = ""
    category: str = ""
    agent: str
    step_budget: int = 0
    declared_done: bool = Field(False, description="the agent declared done within the step budget")
    raw_score: float | None = Field(None, description="is_successful() before the done gate")
    partial_credit: float | None = Field(None, description="composite tasks: the fraction of parts done (gated)")
    success: float = 0.0
    steps: int = Field(0, description="device actions counted by the harness (the only count that is used)")
    agent_steps: int | None = Field(None, description="the step count the agent reported, for comparison")
    budget_exhausted: bool = Field(False, description="the agent tried to act past its step budget")
    oracle_steps: int | None = None
    tokens: TokenCounts = Field(default_factory=TokenCounts)
    model_calls: int = 0
    cost_usd: float = 0.0
    shortcut_calls: int = 0
    shortcut_successes: int = Field(0, description="shortcut calls whose intended effect held on the device right "
                                    "after them (the harness's judge; MAS-Bench's SSR)")
    shortcut_results: list[ShortcutResult] = Field(default_factory=list, description="every shortcut call's outcome")
    answer: str | None = None
    run_dir: str | None = Field(None, description="the agent's trajectory dir, relative to the output dir")
    failure_modes: list[str] = Field(default_factory=list)
    error: str | None = None
    timings: dict[str, float] = Field(default_factory=dict)


@dataclass
class _Outcome:
    """What happened in an episode, gathered as it runs."""

    task: Task | None = None
    run: AgentRun | None = None
    device: RecordingDevice | None = None
    raw: float | None = None
    partial: float | None = None
    modes: list[str] = field(default_factory=list)
    error: BaseException | None = None
    timings: dict[str, float] = field(default_factory=dict)


def run_episode(task_cls: type[Task], spec: EpisodeSpec, env: TaskEnv, agent: BenchAgent,
                out_dir: Path | None, oracle_steps: int | None = None) -> EpisodeRecord:
    """Run one episode on `env` (whose phone holds the base snapshot); `out_dir` receives the trajectory under
    `episodes/<episode_id>/` and run_dir is recorded relative to it."""
    started = time.monotonic()
    out = _Outcome()
    run_dir = _fresh_run_dir(out_dir, spec) if out_dir is not None else None
    try:
        task = out.task = task_cls.create(spec.seed)
        with _timed(out.timings, "initialize_s"):
            task.initialize(env)
        device = out.device = RecordingDevice(env.device, run_dir, budget=task.step_budget, judge=EffectJudge(env))
        ctx = EpisodeContext(task=task, env=TaskEnv(device), device=device, max_steps=task.step_budget,
                             seed=spec.seed, run_dir=run_dir)
        with _timed(out.timings, "agent_s"):
            out.run = _run_agent(agent, ctx)
        with _timed(out.timings, "score_s"):
            out.raw = float(task.is_successful(env, out.run.answer))
            out.partial = task.partial_credit(env)
            out.modes = _failure_modes(task, env)
    except Exception as exc:
        out.error = exc
    if out.task is not None:
        with _timed(out.timings, "teardown_s"):
            try:
                out.task.teardown(env)
            except Exception as exc:
                out.error = out.error or exc
    record = _record(task_cls, spec, agent.name, out, out_dir)
    if agent.name == "oracle":  # the oracle's own episode measures the optimum, when it reaches the goal
        oracle_steps = record.steps if record.success == 1.0 else None
    modes = record.failure_modes + _step_labels(record, out.run, oracle_steps)
    return record.model_copy(update={"oracle_steps": oracle_steps, "failure_modes": sorted(set(modes)),
                                     "run_time": round(time.monotonic() - started, 3)})


def _step_labels(record: EpisodeRecord, run: AgentRun | None, oracle_steps: int | None) -> list[str]:
    """"never_declared_done": the agent stopped (or was stopped at the budget) without declaring done;
    "redundant_steps": it reached the goal without side effects but took more steps than the oracle, so the extra
    ones changed nothing that counts."""
    labels = []
    if record.error is None and (run is None or not run.declared_done or record.budget_exhausted):
        labels.append("never_declared_done")
    if record.raw_score == 1.0 and oracle_steps is not None and record.steps > oracle_steps:
        labels.append("redundant_steps")
    return labels


def _run_agent(agent: BenchAgent, ctx: EpisodeContext) -> AgentRun:
    """The agent's run; stopped at the budget, it has not declared done (whatever it raised on the way out)."""
    try:
        run = agent.run(ctx)
    except Exception:
        if not ctx.device.exhausted:
            raise
        return AgentRun(declared_done=False, status="budget_exhausted", steps=None, actions=list(ctx.device.actions),
                        run_dir=ctx.run_dir)
    if ctx.device.exhausted:
        return run.model_copy(update={"declared_done": False, "status": "budget_exhausted"})
    return run


def oracle_optimum(task_cls: type[Task], spec: EpisodeSpec, env: TaskEnv) -> int | None:
    """The oracle's step count for this instance (None if the oracle fails: the task is broken)."""
    record = run_episode(task_cls, spec, env, OracleAgent(), None)
    return record.steps if record.error is None and record.success == 1.0 else None


def _record(task_cls: type[Task], spec: EpisodeSpec, agent: str, out: _Outcome, out_dir: Path | None) -> EpisodeRecord:
    run, error = out.run or AgentRun(declared_done=False, status="error"), out.error
    budget = int(10 * task_cls.complexity)
    steps = out.device.steps if out.device is not None else 0
    exhausted = out.device is not None and out.device.exhausted
    done = run.declared_done and not exhausted and steps <= budget  # AndroidWorld stops the agent at the budget
    success = 0.0 if error is not None or out.raw is None else (out.raw if done else 0.0)
    partial = None if out.partial is None else (out.partial if done and error is None else 0.0)
    shortcuts = _shortcut_results(out.device.actions if out.device is not None else run.actions)
    return EpisodeRecord(
        task_template=task_cls.name(), goal_template=task_cls.template, goal=_goal(out.task),
        is_successful=None if error is not None else success,
        run_time=0.0, finish_dtime=datetime.now(UTC).isoformat(timespec="seconds"),
        episode_length=steps, episode_data=_episode_data(out.device), seed=spec.seed, agent_name=agent,
        instance_id=spec.instance,
        exception_info="".join(traceback.format_exception(error)) if error is not None else None,
        episode_id=spec.episode_id, suite=spec.suite, task=spec.task, instance=spec.instance,
        params=out.task.params.model_dump(mode="json") if out.task is not None else {},
        app_names=list(task_cls.app_names), tags=list(task_cls.tags), difficulty=task_cls.difficulty,
        category=task_cls.category, agent=agent, step_budget=budget,
        declared_done=done, raw_score=out.raw, success=success, partial_credit=partial, steps=steps,
        agent_steps=run.steps, budget_exhausted=exhausted,
        tokens=TokenCounts(prompt=run.prompt_tokens, completion=run.completion_tokens),
        model_calls=run.model_calls, cost_usd=run.cost_usd, shortcut_calls=len(shortcuts),
        shortcut_successes=sum(1 for c in shortcuts if c.effective), shortcut_results=shortcuts, answer=run.answer,
        run_dir=_relative(run.run_dir, out_dir), failure_modes=out.modes,
        error=f"{type(error).__name__}: {error}" if error is not None else None,
        timings={k: round(v, 3) for k, v in out.timings.items()})


def _shortcut_results(actions: list[ActionRecord]) -> list[ShortcutResult]:
    """The harness's record of each shortcut call (the agent's own record only where no harness device ran)."""
    return [ShortcutResult(step=a.step, name=a.shortcut or a.detail.partition("(")[0], args=a.args or {}, ran=a.ok,
                           effective=a.effective, effect=a.effect) for a in actions if a.action == "shortcut"]


def _episode_data(device: RecordingDevice | None) -> dict[str, list[Any]] | None:
    """AndroidWorld's step data (a dict of per-step lists), from the harness's record of the agent's actions."""
    if device is None or not device.actions:
        return None
    return {"action_type": [a.action for a in device.actions], "action_detail": [a.detail for a in device.actions],
            "action_ok": [a.ok for a in device.actions]}


def _goal(task: Task | None) -> str:
    if task is None:
        return ""
    try:
        return task.goal
    except Exception as exc:  # a broken template must not hide the episode's real error
        return f"<goal unavailable: {exc}>"


def _failure_modes(task: Task, env: TaskEnv) -> list[str]:
    """Labels from tasks that define `failure_modes(env) -> list[str]` (UI-NEXUS suites)."""
    labeler = getattr(task, "failure_modes", None)
    return sorted(str(m) for m in labeler(env)) if callable(labeler) else []


def _fresh_run_dir(out_dir: Path, spec: EpisodeSpec) -> Path:
    path = out_dir / "episodes" / spec.episode_id
    if path.exists():  # a resumed episode starts over
        shutil.rmtree(path)
    return path


def _relative(path: Path | None, out_dir: Path | None) -> str | None:
    if path is None or not path.exists():
        return None
    if out_dir is not None:
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(out_dir.resolve()).as_posix()
    return str(path)


@contextlib.contextmanager
def _timed(timings: dict[str, float], key: str) -> Iterator[None]:
    start = time.monotonic()
    try:
        yield
    finally:
        timings[key] = time.monotonic() - start


def error_record(task_cls: type[Task], spec: EpisodeSpec, agent: str, error: BaseException) -> EpisodeRecord:
    """The record of an episode that could not run to the end (its worker died, say): an error, no score."""
    return _record(task_cls, spec, agent, _Outcome(error=error), None)
