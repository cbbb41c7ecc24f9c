"""The agents a benchmark run can use: `oracle`, `shortcut-oracle`, `noop`, `random` and `hierarchical` (the LLM
agent).

Every agent gets an `EpisodeContext` (the initialized task, the harness's device and an env over it, the step
budget, the instance seed and a directory for its trajectory) and returns an `AgentRun`: whether it declared
done, its answer, its own step count and what it cost. The episode runner, not the agent, counts the steps (on the
harness's `RecordingDevice`, droidpilot.benchmarks.harness) and scores the device state afterwards.
"""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, Field

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import ActionRecord, RecordingDevice
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import Task
from droidpilot.emulator.device import Key
from droidpilot.errors import TaskError

if TYPE_CHECKING:
    from droidpilot.agent.trajectory import RunResult


AGENT_TRAJECTORY = "trajectory.jsonl"
"""The LLM agent's own record in its run folder (droidpilot.agent.trajectory.TRAJECTORY); not imported, so the
benchmarks load without the agent's stack."""


class AgentUnavailable(TaskError, RuntimeError):
    """The agent cannot run here (e.g. the LLM agent is not installed or has no model configured)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class AgentRunFailed(TaskError, RuntimeError):
    """The agent's run broke down (model server gone, a crash) rather than failing the task: an error episode,
    run again by --resume."""


class AgentRun(BaseModel):
    """What an agent reports about its episode. `steps` is the agent's own count: the harness records it beside
    its own count (from the device it handed the agent) and uses only the latter."""

    declared_done: bool
    status: str = "complete"
    answer: str | None = None
    steps: int | None = Field(None, description="the agent's own count; the harness keeps its own")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_calls: int = 0
    cost_usd: float = 0.0
    actions: list[ActionRecord] = Field(default_factory=list)
    run_dir: Path | None = None


@dataclass
class EpisodeContext:
    task: Task
    env: TaskEnv
    """The task's env over `device`: whatever an agent does through it is counted too."""
    device: RecordingDevice
    """The only device the agent may act on: the harness counts its actions and enforces `max_steps`."""
    max_steps: int
    seed: int
    run_dir: Path | None
    """Where the agent writes its trajectory (created by the episode runner); None records nothing."""


class BenchAgent(Protocol):
    name: str

    def run(self, ctx: EpisodeContext) -> AgentRun: ...


# -- scripted agents ---------------------------------------------------------------------------------------------
class OracleAgent:
    """Runs the task's scripted solution through the UI: proves the task solvable and gives its optimal steps."""

    name = "oracle"

    def run(self, ctx: EpisodeContext) -> AgentRun:
        ui = UIDriver(ctx.device)
        answer = ctx.task.solve(ui, ctx.env)
        return AgentRun(declared_done=True, answer=answer, steps=ui.steps, actions=list(ctx.device.actions),
                        run_dir=ctx.run_dir)


class ShortcutOracleAgent:
    """The oracle with the built-in shortcuts (MAS-Bench's predefined-shortcut reference): runs a task's
    `solve_with_shortcuts(ui, env, call)`, or its GUI `solve` when it has none. Each `call(name, **args)` runs the
    shortcut as the LLM agent's tool does, inside the harness's `shortcut_call` (one step, whatever it does
    inside), recorded as a "shortcut" action with its outcome and its judged effect, so the episode's
    shortcut_calls / shortcut_successes give MSC, S2GR and SSR."""

    name = "shortcut-oracle"

    def run(self, ctx: EpisodeContext) -> AgentRun:
        from droidpilot.agent.shortcut_tool import run_shortcut_action

        device = ctx.device
        ui = UIDriver(device)

        def call(name: str, /, **args: Any) -> bool:
            ok = run_shortcut_action(device, None, name, args).ok
            ui.steps += 1
            return ok

        hybrid = getattr(ctx.task, "solve_with_shortcuts", None)
        answer = hybrid(ui, ctx.env, call) if callable(hybrid) else ctx.task.solve(ui, ctx.env)
        return AgentRun(declared_done=True, answer=answer, steps=ui.steps, actions=list(device.actions),
                        run_dir=ctx.run_dir)


class NoopAgent:
    """Declares done at once without touching the phone: every task must fail under it."""

    name = "noop"

    def run(self, ctx: EpisodeContext) -> AgentRun:
        return AgentRun(declared_done=True, steps=0, run_dir=ctx.run_dir)


class RandomAgent:
    """Seeded random taps on interactive elements, swipes and back presses for `steps` steps (at most the
    budget), then done. A floor for success rates: the same instance seed gives the same actions."""

    name = "random"

    def __init__(self, steps: int = 10, seed: int = 0) -> None:
        self.steps = steps
        self.seed = seed

    def run(self, ctx: EpisodeContext) -> AgentRun:
        rng = random.Random(f"random-agent:{self.seed}:{ctx.seed}")  # str seeds are stable across processes
        device = ctx.device
        width, height = device.screen_size()
        for _ in range(min(self.steps, ctx.max_steps)):
            elements = device.observe().interactive_elements()
            roll = rng.random()
            if elements and roll < 0.7:
                device.tap(*rng.choice(elements).bounds.center)
            elif roll < 0.85:
                x = width // 2
                top, bottom = int(height * 0.3), int(height * 0.7)
                device.swipe(x, bottom, x, top) if rng.random() < 0.5 else device.swipe(x, top, x, bottom)
            else:
                device.press(Key.BACK)
        return AgentRun(declared_done=True, steps=len(device.actions), actions=list(device.actions),
                        run_dir=ctx.run_dir)


# -- the LLM agent -------------------------------------------------------------------------------------------------
class HierarchicalAgent:
    """The LLM agent (`agent.runner.run_task`) on the benchmark's terms: the task's step budget is its
    `max_steps`, sensitive actions are allowed (`confirm="auto"`: tasks send, delete and pay on purpose), and the
    run dir is the episode's. Its result maps to an `AgentRun`: status "complete" means declared done; the answer,
    the step count, tokens / calls / cost summed over roles; shortcut calls are read from its trajectory.jsonl.

    `models` are one ChatModel per role (tests pass a scripted model); without them they are built from
    droidpilot.toml / the environment with `model` and `base_url` as overrides, as `droidpilot run` does.
    """

    name = "hierarchical"

    def __init__(self, models: dict[str, Any] | None = None, *, model: str | None = None,
                 base_url: str | None = None, settings: dict[str, Any] | None = None, memory: Any = None,
                 shortcuts: Any = None) -> None:
        try:
            from droidpilot.agent.runner import run_task
        except ImportError as exc:
            raise AgentUnavailable(f"the hierarchical agent is not available ({exc})") from None
        self._run_task = run_task
        self.models = models if models is not None else _build_models(model, base_url)
        self.settings = {"confirm": "auto", **(settings or {})}
        self.memory, self.shortcuts = memory, shortcuts  # shared by every episode: what one learns, the next uses

    def run(self, ctx: EpisodeContext) -> AgentRun:
        from droidpilot.agent.state import AgentSettings

        settings = AgentSettings.model_validate({**self.settings, "max_steps": ctx.max_steps})
        run_dir = ctx.run_dir or Path(tempfile.mkdtemp(prefix="droidpilot-bench-"))
        result = self._run_task(ctx.task.goal, ctx.device, self.models, settings=settings,
                                out_dir=run_dir.parent, run_id=run_dir.name, device_uri=ctx.device.serial,
                                memory=self.memory, shortcuts=self.shortcuts)
        if result.status in BROKEN_STATUSES:
            raise AgentRunFailed(f"the agent run ended with status {result.status}: {result.message}")
        return run_from_result(result, run_dir)


BROKEN_STATUSES = ("model_unavailable", "interrupted", "error")


def _build_models(model: str | None, base_url: str | None) -> dict[str, Any]:
    from droidpilot.agent.llm.config import ConfigError, build_models, load_settings

    try:
        return build_models(load_settings(cli={"model": model, "base_url": base_url}))
    except ConfigError as exc:
        hint = getattr(exc, "hint", "")
        message = "no model configured for the hierarchical agent" if hint else str(exc)
        raise AgentUnavailable(message, hint or "check [llm] in droidpilot.toml, --model and --base-url") from None


def run_from_result(result: RunResult, run_dir: Path) -> AgentRun:
    """An `AgentRun` from the agent's `RunResult`; shortcut calls and their outcomes from its trajectory."""
    usages = list(result.tokens.values())
    return AgentRun(
        declared_done=result.status == "complete", status=result.status, answer=result.answer or None,
        steps=result.steps, prompt_tokens=sum(u.prompt_tokens for u in usages),
        completion_tokens=sum(u.completion_tokens for u in usages), model_calls=sum(u.calls for u in usages),
        cost_usd=result.cost_usd, actions=_trajectory_actions(run_dir),
        run_dir=Path(result.run_dir) if result.run_dir else run_dir)


def _trajectory_actions(run_dir: Path) -> list[ActionRecord]:
    """One record per trajectory line with an action: `{"action": {"action": NAME, ...}, "outcome": {"ok": ..}}`."""
    path = run_dir / AGENT_TRAJECTORY
    if not path.is_file():
        return []
    records: list[ActionRecord] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            step = json.loads(line)
        except ValueError:
            continue
        action, outcome = step.get("action") or {}, step.get("outcome") or {}
        if isinstance(action, dict) and action.get("action"):
            records.append(ActionRecord(step=len(records) + 1, action=str(action["action"]),
                                        detail=str(action.get("name", "")), ok=bool(outcome.get("ok", True))))
    return records


AGENTS = ("oracle", "shortcut-oracle", "noop", "random", "hierarchical")


def make_agent(name: str, model: str | None = None, base_url: str | None = None, seed: int = 0, *,
               memory: Any = None, shortcuts: Any = None, learn: bool = False,
               timeout_s: float | None = None) -> BenchAgent:
    """`memory` (a MemoryStore), `shortcuts` (a ShortcutLibrary) and `learn` (mine each successful episode into
    the library) and `timeout_s` (the time limit of each episode's run) are for the hierarchical agent."""
    if name == "oracle":
        return OracleAgent()
    if name == "shortcut-oracle":
        return ShortcutOracleAgent()
    if name == "noop":
        return NoopAgent()
    if name == "random":
        return RandomAgent(seed=seed)
    if name == "hierarchical":
        return HierarchicalAgent(model=model, base_url=base_url, settings={"learn": learn, "timeout_s": timeout_s},
                                 memory=memory, shortcuts=shortcuts)
    raise AgentUnavailable(f"unknown agent '{name}'", f"choose one of {', '.join(AGENTS)}")
