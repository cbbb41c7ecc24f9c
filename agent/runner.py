"""Running the agent: `run_task` starts a run, `resume_task` continues one from its last checkpoint.

Both build the graph with a SQLite checkpointer in the run directory (`checkpoint.sqlite`, thread = run id),
stream it step by step (writing each judged step to `trajectory.jsonl` and telling `on_step`), answer confirm
interrupts through the `confirm` callback (no callback: sensitive actions are refused), and always finish by
writing `result.json`, whether the goal was reached, the model server died or the process was interrupted.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command

from droidpilot.agent import learning
from droidpilot.agent.calls import CallLog
from droidpilot.agent.executor import ActionExecutor
from droidpilot.agent.graph import compile_graph
from droidpilot.agent.llm.base import ChatModel, ModelUnavailable
from droidpilot.agent.nodes.act import ConfirmRequest, UserQuestion
from droidpilot.agent.safety import SecretVault
from droidpilot.agent.state import (
    ROLES,
    AgentContext,
    AgentSettings,
    AgentState,
    RoleUsage,
    StepRecord,
    initial_state,
    model_for,
)
from droidpilot.agent.trajectory import (
    CHECKPOINT,
    RunMeta,
    RunResult,
    TrajectoryWriter,
    new_run_id,
    read_meta,
    read_result,
)
from droidpilot.emulator.device import Device, DeviceError
from droidpilot.errors import TaskError, UsageError

if TYPE_CHECKING:
    from langchain_core.runnables import RunnableConfig  # langgraph's own dependency; for the annotation only

    from droidpilot.memory.store import MemoryStore
    from droidpilot.shortcuts.library import ShortcutLibrary

log = logging.getLogger(__name__)

ConfirmPrompt = Callable[[ConfirmRequest], bool]
StepCallback = Callable[[StepRecord], None]
UserPrompt = Callable[[UserQuestion], "str | None"]


class RunNotFound(UsageError, LookupError):
    """No resumable run with that id in the output directory."""


class NeedsUser(TaskError):
    """The agent asked the user something and nobody could answer (no terminal): the run pauses as
    `needs_user` and resumes with the answer."""

    def __init__(self, question: str) -> None:
        super().__init__(f"the agent needs an answer: {question}")
        self.question = question


class _TimeLimit(Exception):
    """The run's time limit (settings.timeout_s) passed; caught in `_Session.run`, never leaves this module."""


class EmptyGoal(UsageError, ValueError):
    """The goal is empty or only whitespace: there is nothing to judge a run against."""

    hint = 'say what to do, e.g. droidpilot run "Turn off Wi-Fi"'

    def __init__(self) -> None:
        super().__init__("the goal is empty")


def run_task(goal: str, device: Device, models: dict[str, ChatModel], *, settings: AgentSettings | None = None,
             out_dir: str | Path = "runs", vault: SecretVault | None = None, confirm: ConfirmPrompt | None = None,
             on_step: StepCallback | None = None, device_uri: str = "", run_id: str | None = None,
             memory: MemoryStore | None = None, shortcuts: ShortcutLibrary | None = None,
             ask_user: UserPrompt | None = None) -> RunResult:
    """Drive `device` toward `goal`. Returns when the run ends, however it ends (see `RunResult.status`).

    `memory` gives the manager remembered pages and tips, and keeps what this run saw once it ends;
    `shortcuts` is the library the operator's `shortcut` action runs from (built-ins only when None);
    `ask_user` answers the agent's questions (`ask_user` action); without it, or when it returns None, the run
    ends as `needs_user` and `resume_task(..., answer=...)` continues it."""
    if not goal.strip():
        raise EmptyGoal()
    settings = settings or AgentSettings()
    run_id = run_id or new_run_id()
    meta = RunMeta(run_id=run_id, goal=goal, device=device_uri, settings=settings,
                   models={role: model_for(models, role).model for role in ROLES},
                   secret_names=vault.names if vault else [])
    session = _Session(Path(out_dir) / run_id, meta, device, models, vault, confirm, on_step, memory, shortcuts)
    session.ask_user = ask_user
    session.writer.write_meta(meta)
    learning.snapshot_run_start(session.context, run_id)  # before the agent acts: mined shortcuts replay there
    return session.run(initial_state(goal, run_id))


def resume_task(run_id: str, device: Device, models: dict[str, ChatModel], *, out_dir: str | Path = "runs",
                settings: AgentSettings | None = None, vault: SecretVault | None = None,
                confirm: ConfirmPrompt | None = None, on_step: StepCallback | None = None,
                memory: MemoryStore | None = None, shortcuts: ShortcutLibrary | None = None,
                ask_user: UserPrompt | None = None, answer: str | None = None) -> RunResult:
    """Continue a run from its last checkpoint (after a kill, a crash, a model outage, or a question to the
    user: `answer` is the user's answer), on the same device. `settings` replaces the run's saved settings when
    given."""
    run_dir = Path(out_dir) / run_id
    meta = read_meta(run_dir)
    if meta is None or not (run_dir / CHECKPOINT).exists():
        raise RunNotFound(f"no resumable run '{run_id}' in {Path(out_dir)}")
    if settings is not None:
        meta = meta.model_copy(update={"settings": settings})
    missing = sorted(set(meta.secret_names) - set(vault.names if vault else []))
    if missing:
        log.warning("the run used secrets that are not given now: %s", ", ".join(missing))
    session = _Session(run_dir, meta, device, models, vault, confirm, on_step, memory, shortcuts)
    session.ask_user, session.answer = ask_user, answer
    if settings is not None:
        session.writer.write_meta(meta)  # later resumes continue with these rules
    previous = read_result(run_dir)
    session.spent_before = previous.time_s if previous else 0.0
    return session.run(None)


class _Session:
    """One process's part of a run: graph, checkpointer, context and the writer."""

    def __init__(self, run_dir: Path, meta: RunMeta, device: Device, models: dict[str, ChatModel],
                 vault: SecretVault | None, confirm: ConfirmPrompt | None, on_step: StepCallback | None,
                 memory: MemoryStore | None = None, shortcuts: ShortcutLibrary | None = None) -> None:
        self.run_dir, self.meta, self.confirm, self.on_step = run_dir, meta, confirm, on_step
        settings = meta.settings
        self.writer = TrajectoryWriter(run_dir, redact=vault.redact if vault else None,
                                       screenshots=settings.screenshots)
        executor = ActionExecutor(device, vault, library=shortcuts, shortcuts=settings.shortcuts)
        self.calls = CallLog(run_dir, redact=vault.redact if vault else None)
        self.context = AgentContext(device=device, models=models, executor=executor, writer=self.writer,
                                    settings=settings, vault=vault, memory=memory, shortcuts=shortcuts,
                                    calls=self.calls)
        self.config: RunnableConfig = {"configurable": {"thread_id": meta.run_id},
                                       "recursion_limit": settings.max_steps * 12 + 50}
        self.spent_before = 0.0
        self._deadline: float | None = None
        self.ask_user: UserPrompt | None = None
        self.answer: str | None = None  # given with --resume --answer: answers the pending question once

    def run(self, initial: AgentState | None) -> RunResult:
        started = time.monotonic()
        self._deadline = started + self.meta.settings.timeout_s if self.meta.settings.timeout_s else None
        status, message = "", ""
        with closing(sqlite3.connect(self.run_dir / CHECKPOINT, check_same_thread=False)) as conn:
            graph = compile_graph(SqliteSaver(conn))
            try:
                self._drive(graph, initial)
            except ModelUnavailable as exc:
                status, message = "model_unavailable", f"model unavailable: {exc}"
            except NeedsUser as exc:
                status = "needs_user"
                message = (f"the agent asks: {exc.question} -- answer with: droidpilot run --resume "
                           f"{self.meta.run_id} --answer TEXT")
            except _TimeLimit:
                status = "timeout"
                message = (f"the time limit ({self.meta.settings.timeout_s:g} s) ran out; continue with: "
                           f"droidpilot run --resume {self.meta.run_id}")
            except KeyboardInterrupt:
                status = "interrupted"
                message = f"interrupted; continue with: droidpilot run --resume {self.meta.run_id}"
            except DeviceError as exc:
                status, message = "error", f"device error: {exc}"
            except Exception as exc:  # the run must end with a result on disk, whatever broke
                log.debug("run failed", exc_info=True)
                status, message = "error", f"{type(exc).__name__}: {exc}"
            finally:
                values = graph.get_state(self.config).values
                self._flush(values, final=True)
                result = self._result(values, status, message, time.monotonic() - started)
                result = self._learn(values, result)
                self.writer.write_result(result)
                self.writer.close()
                self.calls.close()
        self._remember(result)
        return result

    def _learn(self, values: dict[str, Any], result: RunResult) -> RunResult:
        """Tips from the run's trouble (with memory); their tokens count as the notetaker's."""
        try:
            usage = learning.write_tips(self.context, values, result.status, result.message)
        except Exception as exc:  # ModelUnavailable, a locked memory file...: the run's result comes first
            log.warning("no tips from this run: %s", self.context.redact(str(exc)))
            return result
        if usage is None:
            return result
        tokens = dict(result.tokens)
        old = tokens.get("notetaker", RoleUsage())
        tokens["notetaker"] = RoleUsage(prompt_tokens=old.prompt_tokens + usage.prompt_tokens,
                                        completion_tokens=old.completion_tokens + usage.completion_tokens,
                                        calls=old.calls + usage.calls, cost_usd=old.cost_usd + usage.cost_usd)
        return result.model_copy(update={"tokens": tokens,
                                         "cost_usd": round(sum(u.cost_usd for u in tokens.values()), 6)})

    def _remember(self, result: RunResult) -> None:
        try:
            learning.remember_run(self.context, self.run_dir, result.status)
        except Exception as exc:  # memory is a help, never a reason for a run to fail after the fact
            log.warning("the run was not added to memory: %s", exc)
        try:
            learning.learn_shortcuts(self.context, self.run_dir, result.status)
        except Exception as exc:  # the same: a shortcut not learned costs the next run a little, never this one
            log.warning("no shortcuts learned from this run: %s", exc)

    def _drive(self, graph: Any, payload: Any) -> None:
        if payload is None:
            snapshot = graph.get_state(self.config)
            if not snapshot.next:
                return  # already finished: just rewrite the result
            if snapshot.interrupts:
                payload = Command(resume=self._reply(snapshot.interrupts[0].value))
        while True:
            for values in graph.stream(payload, self.config, context=self.context, stream_mode="values",
                                       durability="sync"):
                self._flush(values, final=False)
                if self._deadline is not None and time.monotonic() > self._deadline:
                    raise _TimeLimit  # between graph nodes: the checkpoint holds every finished one
            snapshot = graph.get_state(self.config)
            if not snapshot.interrupts:
                return
            payload = Command(resume=self._reply(snapshot.interrupts[0].value))

    def _reply(self, value: Any) -> Any:
        """The answer to an interrupt: a confirm request gets True / False, a question the user's answer (or
        the run stops as needs_user)."""
        if "question" not in value:
            return self._ask(value)
        question = UserQuestion.model_validate(value)
        answer, self.answer = self.answer, None
        if answer is None and self.ask_user is not None:
            answer = self.ask_user(question)
        if answer is None or not answer.strip():
            raise NeedsUser(question.question)
        return answer

    def _ask(self, value: Any) -> bool:
        request = ConfirmRequest.model_validate(value)
        return bool(self.confirm(request)) if self.confirm is not None else False

    def _flush(self, values: dict[str, Any], final: bool) -> None:
        """Write judged steps (all steps at the end) that are not on disk yet, and report them."""
        for raw in values.get("steps") or []:
            record = StepRecord.model_validate(raw)
            if (record.verdict or final) and self.writer.append(record) and self.on_step is not None:
                self.on_step(self.context.redact(record))

    def _result(self, values: dict[str, Any], status: str, message: str, elapsed: float) -> RunResult:
        state_status = values.get("status", "running")
        if not status:
            status, message = (state_status, values.get("message", "")) if state_status != "running" else \
                ("error", message or "the run stopped before it finished")
        tokens = {role: RoleUsage.model_validate(u) for role, u in (values.get("usage") or {}).items()}
        return RunResult(run_id=self.meta.run_id, goal=self.meta.goal, status=status, answer=values.get("answer", ""),
                         message=message, steps=values.get("step", 0), tokens=tokens,
                         cost_usd=round(sum(u.cost_usd for u in tokens.values()), 6),
                         time_s=round(self.spent_before + elapsed, 3), models=self.meta.models,
                         device=self.meta.device, run_dir=str(self.run_dir))
