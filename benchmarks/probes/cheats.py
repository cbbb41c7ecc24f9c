"""Agents that cheat the harness rather than the check: they must gain nothing."""

from __future__ import annotations

from droidpilot.benchmarks.agents import AgentRun, EpisodeContext
from droidpilot.benchmarks.oracle import UIDriver


class PaddedOracleAgent:
    """The oracle, then `extra_swipes` pointless swipes, reporting `reported_steps` steps: the harness counts every
    swipe and stops the agent at its budget, so the padding shows in the steps (and past the budget, fails)."""

    name = "padded-oracle"

    def __init__(self, extra_swipes: int = 60, reported_steps: int = 1) -> None:
        self.extra_swipes = extra_swipes
        self.reported_steps = reported_steps

    def run(self, ctx: EpisodeContext) -> AgentRun:
        ui = UIDriver(ctx.device)
        answer = ctx.task.solve(ui, ctx.env)
        for _ in range(self.extra_swipes):
            ctx.device.swipe(540, 1200, 540, 1100)
        return AgentRun(declared_done=True, answer=answer, steps=self.reported_steps, run_dir=ctx.run_dir)
