"""The tools above single taps: shortcuts, memory search, agent runs and benchmark tasks.

Model settings come from the server's command line (or droidpilot.toml and the environment), never from a tool
call: an MCP client cannot redirect the agent to another server or read a key.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import anyio
import anyio.from_thread
import anyio.to_thread
from mcp.server.mcpserver import Context, MCPServer
from mcp.types import ToolAnnotations
from pydantic import BaseModel

from droidpilot.cli.mcp_server.hub import DeviceHub

if TYPE_CHECKING:
    from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.cli.mcp_server.tooling import friendly
from droidpilot.errors import UsageError

READ_ONLY = ToolAnnotations(read_only_hint=True)


class ServerOptions(BaseModel):
    """What `droidpilot mcp` was started with, for the tools that need models, files or an output folder."""

    model: str | None = None
    base_url: str | None = None
    api_key_env: str | None = None
    config: Path | None = None
    out: Path = Path("runs")
    memory: Path | None = None
    shortcuts: Path | None = None

    def models(self) -> dict[str, Any]:
        from droidpilot.agent.llm.config import build_models, load_settings

        settings = load_settings(self.config, cli={"model": self.model, "base_url": self.base_url,
                                                   "api_key_env": self.api_key_env})
        return build_models(settings)

    def memory_path(self) -> Path:
        from droidpilot.memory import default_memory_path

        return self.memory or default_memory_path()


class ShortcutInfo(BaseModel):
    name: str
    signature: str
    kind: str
    app: str
    description: str


class ShortcutList(BaseModel):
    shortcuts: list[ShortcutInfo]


class PageHitInfo(BaseModel):
    page_id: int
    score: float
    package: str
    activity: str
    title: str
    summary: str


class MemoryHits(BaseModel):
    pages: list[PageHitInfo]


class AgentRunInfo(BaseModel):
    status: str
    succeeded: bool
    answer: str
    message: str
    steps: int
    tokens: int
    cost_usd: float
    time_s: float
    run_dir: str


class BenchTaskInfo(BaseModel):
    suite: str
    name: str
    difficulty: str
    apps: list[str]
    template: str


class BenchTaskList(BaseModel):
    tasks: list[BenchTaskInfo]


class BenchScore(BaseModel):
    suite: str
    task: str
    agent: str
    goal: str
    score: float | None
    steps: int
    run_time_s: float
    error: str | None
    out_dir: str


def _progress(ctx: Context, total: float) -> Callable[[float, str], None]:
    """A callback for worker threads that sends a progress notification through the server's event loop."""
    def report(done: float, message: str) -> None:
        anyio.from_thread.run(partial(ctx.report_progress, done, total, message))

    return report


class WorkTools:
    """Shortcut, memory, agent and benchmark tools over one hub and the server's options."""

    def __init__(self, hub: DeviceHub, options: ServerOptions) -> None:
        self.hub, self.options = hub, options

    def register(self, server: MCPServer) -> None:
        reading: list[Callable[..., Any]] = [self.list_shortcuts, self.search_memory, self.list_benchmark_tasks]
        acting: list[Callable[..., Any]] = [self.run_shortcut, self.run_agent_task, self.run_benchmark_task]
        for method in reading:
            server.add_tool(friendly(method), annotations=READ_ONLY)
        for method in acting:
            server.add_tool(friendly(method))

    def _library(self) -> ShortcutLibrary:
        from droidpilot.cli.shortcuts import library_path
        from droidpilot.shortcuts.library import ShortcutLibrary

        return ShortcutLibrary(library_path(self.options.shortcuts))

    def list_shortcuts(self, app: str = "") -> ShortcutList:
        """Reusable shortcuts (deep links, intents, checked GUI macros), optionally only one app's (a package)."""
        return ShortcutList(shortcuts=[ShortcutInfo(name=s.name, signature=s.signature(), kind=s.kind, app=s.app,
                                                    description=s.description)
                                       for s in self._library().list(app or None)])

    def run_shortcut(self, name: str, args: dict[str, str] | None = None, device: str = "") -> str:
        """Run a shortcut by name with its arguments (see list_shortcuts for each one's parameters)."""
        from droidpilot.shortcuts.executor import ShortcutExecutor
        from droidpilot.shortcuts.lookup import lookup, unknown_message

        library = self._library()
        shortcut = lookup(name, library)
        if shortcut is None:
            raise UsageError(unknown_message(name, library))
        with self.hub.using(device) as handle:
            result = ShortcutExecutor(handle.device, library).run(shortcut, args or {})
        return ("ok: " if result.ok else "failed: ") + result.summary()

    def search_memory(self, query: str, k: int = 5, package: str = "") -> MemoryHits:
        """Remembered pages most relevant to a goal or a page name (from past runs and crawls)."""
        from droidpilot.memory import MemoryStore

        store = MemoryStore(self.options.memory_path())
        try:
            hits = store.search(query, k=max(1, min(k, 50)), package=package or None)
        finally:
            store.close()
        return MemoryHits(pages=[PageHitInfo(page_id=h.page.id, score=round(h.score, 4), package=h.page.package,
                                             activity=h.page.activity, title=h.page.title, summary=h.page.summary)
                                 for h in hits])

    async def run_agent_task(self, goal: str, ctx: Context, device: str = "", max_steps: int = 30,
                             sensitive_actions: Literal["deny", "allow"] = "deny") -> AgentRunInfo:
        """Let droidpilot's agent carry out a goal on a device, step by step (progress is reported per step).
        Sensitive actions (send, pay, delete) are refused unless sensitive_actions is "allow"."""
        models = self.options.models()
        work = partial(_run_agent, self.hub, self.options, models, goal, device, max(1, min(max_steps, 500)),
                       "auto" if sensitive_actions == "allow" else "deny", _progress(ctx, float(max_steps)))
        return await anyio.to_thread.run_sync(work)

    def list_benchmark_tasks(self, suite: str = "") -> BenchTaskList:
        """Benchmark tasks (AndroidWorld-, UI-NEXUS- and MAS-Bench-style suites), optionally of one suite."""
        from droidpilot.benchmarks.suites import SUITES, suite_tasks

        return BenchTaskList(tasks=[BenchTaskInfo(suite=name, name=cls.name(), difficulty=str(cls.difficulty),
                                                  apps=list(cls.app_names), template=cls.template)
                                    for name in ([suite] if suite else list(SUITES)) for cls in suite_tasks(name)])

    async def run_benchmark_task(self, suite: str, task: str, ctx: Context, agent: str = "oracle",
                                 seed: int = 30) -> BenchScore:
        """Run one benchmark task on a fresh virtual phone with an agent (oracle, noop, random or hierarchical,
        which uses the server's model) and return its score (1.0 success, 0.0 failure)."""
        work = partial(_run_bench, self.options, suite, task, agent, seed, _progress(ctx, 1.0))
        return await anyio.to_thread.run_sync(work)


def _run_agent(hub: DeviceHub, options: ServerOptions, models: dict[str, Any], goal: str, device: str,
               max_steps: int, confirm: Literal["auto", "deny"], report: Callable[[float, str], None]
               ) -> AgentRunInfo:
    from droidpilot.agent.prompting import action_text
    from droidpilot.agent.runner import run_task
    from droidpilot.agent.state import AgentSettings, StepRecord
    from droidpilot.memory import MemoryStore

    def on_step(record: StepRecord) -> None:
        report(float(record.step), f"step {record.step}: {action_text(record.action)} -> {record.verdict or '-'}")

    store = MemoryStore(options.memory_path())
    try:
        with hub.using(device) as handle:
            result = run_task(goal, handle.device, models, settings=AgentSettings(max_steps=max_steps,
                              confirm=confirm), out_dir=options.out, device_uri=handle.uri, on_step=on_step,
                              memory=store)
    finally:
        store.close()
    return AgentRunInfo(status=result.status, succeeded=result.succeeded, answer=result.answer,
                        message=result.message, steps=result.steps, tokens=result.total_tokens,
                        cost_usd=result.cost_usd, time_s=round(result.time_s, 2), run_dir=result.run_dir)


def _run_bench(options: ServerOptions, suite: str, task: str, agent: str, seed: int,
               report: Callable[[float, str], None]) -> BenchScore:
    from droidpilot.benchmarks.agents import make_agent
    from droidpilot.benchmarks.runner import RunConfig, run_benchmark

    out = options.out / "bench" / f"{suite}-{task}-{agent}-{time.strftime('%Y%m%d-%H%M%S')}"
    config = RunConfig(suite=suite, tasks=[task], agent=agent, model=options.model, base_url=options.base_url,
                       devices=1, seed=seed, out=out)
    bench_agent = make_agent(agent, model=options.model, base_url=options.base_url, seed=seed)
    report(0.0, f"{suite}/{task} with {agent}")
    outcome = run_benchmark(config, bench_agent)
    record = outcome.records[0]
    report(1.0, f"{suite}/{task}: score {record.is_successful}")
    return BenchScore(suite=suite, task=record.task, agent=agent, goal=record.goal, score=record.is_successful,
                      steps=record.episode_length, run_time_s=round(record.run_time, 2),
                      error=record.exception_info, out_dir=str(out))
