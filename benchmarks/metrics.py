"""Benchmark metrics over episode records: AndroidWorld's success rate and MAS-Bench's efficiency metrics
(research/benchmarks.md §1.9, §3.3), overall and grouped by task, app, tag, difficulty and category.

Definitions (an episode "errored" when it raised; "scored" episodes are the others; AndroidWorld leaves errored
episodes out of its tally the same way):

- SR: mean of `success` over scored episodes. `success` is the gated score (0 unless the agent declared done
  within the budget); it is binary for every suite but AndroidWorld's own composite families, which score the
  fraction of their parts as AndroidWorld does.
- partial_credit: mean of `partial_credit` over scored episodes of composite (UI-NEXUS) tasks: the fraction of
  sub-goals achieved, gated like `success`, reported beside the binary SR; None when the group has none.
- mean_steps (MAS-Bench v2 "MS"): mean harness-counted steps over scored episodes.
- MSRS (Mean Step Ratio on Successful tasks, MAS-Bench): mean of `steps / oracle_steps` over episodes with
  success == 1 and a known oracle optimum > 0. The oracle plays MAS-Bench's human reference, so 1.0 is optimal and
  lower means the agent found a shorter path (shortcuts); higher means detours.
- step_efficiency: the inverse view, mean of `oracle_steps / steps` over the same episodes (1.0 optimal, lower is
  worse); an episode that succeeded with 0 steps counts as 1.0.
- MET: mean agent execution time in seconds, `timings["agent_s"]` (the agent's run only: set-up, scoring and
  teardown are the harness's time, not the agent's), over scored episodes.
- tokens: totals of prompt and completion tokens; MToC: mean (prompt + completion) tokens per episode in thousands.
- model_calls and cost_usd: totals (and means per episode).
- MSC (Mean Shortcut Calls): mean number of shortcut actions (`action == "shortcut"`) per scored episode.
- S2GR (Shortcut-to-GUI Ratio, MAS-Bench v2; GSAR in v1): per episode, shortcut calls / max(GUI actions, 1) with
  GUI actions = steps - shortcut calls; then averaged over the scored episodes that called a shortcut or acted.
  (A ratio of totals lets one shortcut-only episode dominate; per episode it stays within MAS-Bench's range.)
- SSR (Shortcut Success Rate, MAS-Bench): effective calls / calls, over the scored episodes' shortcut calls. A call
  is effective when its intended effect held on the device state right after it, as the harness's judge read it
  (benchmarks/suites/shortcuts/effects.py: `send_sms(number, message)` left a new sent SMS with that text to that
  number; `turn_off_wifi` left Wi-Fi off, already-off included); not when it merely ran to the end and not when
  its episode succeeded. Each call's outcome is in results.jsonl (`shortcut_results`). None without calls.
- failure_modes: how many episodes carry each label (UI-NEXUS: under_execution, over_execution, attention_drift;
  every suite: never_declared_done, and redundant_steps for a goal reached in more steps than the oracle's).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel, Field

from droidpilot.benchmarks.episode import EpisodeRecord

NO_CATEGORY = "(none)"


class GroupMetrics(BaseModel):
    episodes: int = 0
    errors: int = 0
    scored: int = 0
    successes: int = Field(0, description="scored episodes with success == 1")
    sr: float | None = None
    partial_credit: float | None = None
    mean_steps: float | None = None
    msrs: float | None = None
    step_efficiency: float | None = None
    met: float | None = Field(None, description="mean timings['agent_s'] over scored episodes: the agent's run only")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    mtoc_k: float | None = None
    model_calls: int = 0
    mean_model_calls: float | None = None
    cost_usd: float = 0.0
    mean_cost_usd: float | None = None
    msc: float | None = Field(None, description="mean shortcut calls per scored episode")
    s2gr: float | None = Field(None, description="per episode shortcut calls / max(steps - shortcut calls, 1), "
                               "averaged over scored episodes that acted")
    ssr: float | None = Field(None, description="effective shortcut calls / shortcut calls: a call is effective when "
                              "its intended effect held on the device right after it (judged per call)")
    failure_modes: dict[str, int] = Field(default_factory=dict)


class Summary(BaseModel):
    suites: list[str]
    agents: list[str]
    overall: GroupMetrics
    by_task: dict[str, GroupMetrics]
    by_app: dict[str, GroupMetrics]
    by_tag: dict[str, GroupMetrics]
    by_difficulty: dict[str, GroupMetrics]
    by_category: dict[str, GroupMetrics]
    errors: dict[str, str] = Field(default_factory=dict, description="episode id -> error, for errored episodes")


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def group_metrics(records: Iterable[EpisodeRecord]) -> GroupMetrics:
    records = list(records)
    scored = [r for r in records if r.error is None]
    solved = [r for r in scored if r.success == 1.0 and r.oracle_steps]
    shortcuts = sum(r.shortcut_calls for r in scored)
    effective = sum(r.shortcut_successes for r in scored)
    prompt = sum(r.tokens.prompt for r in records)
    completion = sum(r.tokens.completion for r in records)
    calls = sum(r.model_calls for r in records)
    cost = sum(r.cost_usd for r in records)
    n = len(records)
    return GroupMetrics(
        episodes=n, errors=n - len(scored), scored=len(scored),
        successes=sum(1 for r in scored if r.success == 1.0),
        sr=_mean([r.success for r in scored]),
        partial_credit=_mean([r.partial_credit for r in scored if r.partial_credit is not None]),
        mean_steps=_mean([r.steps for r in scored]),
        msrs=_mean([r.steps / r.oracle_steps for r in solved if r.oracle_steps]),
        step_efficiency=_mean([r.oracle_steps / r.steps if r.steps else 1.0 for r in solved if r.oracle_steps]),
        met=_mean([r.timings.get("agent_s", 0.0) for r in scored]),
        prompt_tokens=prompt, completion_tokens=completion,
        mtoc_k=_mean([(r.tokens.prompt + r.tokens.completion) / 1000 for r in records]),
        model_calls=calls, mean_model_calls=_ratio(calls, n), cost_usd=round(cost, 6),
        mean_cost_usd=round(cost / n, 6) if n else None,
        msc=_mean([r.shortcut_calls for r in scored]),
        s2gr=_mean([r.shortcut_calls / max(r.steps - r.shortcut_calls, 1) for r in scored if r.steps]),
        ssr=_ratio(effective, shortcuts),
        failure_modes=dict(sorted(Counter(m for r in records for m in r.failure_modes).items())),
    )


def grouped(records: Sequence[EpisodeRecord],
            keys: Callable[[EpisodeRecord], Iterable[str]]) -> dict[str, GroupMetrics]:
    """Metrics per key; an episode counts in every group it belongs to (e.g. each of its apps)."""
    groups: dict[str, list[EpisodeRecord]] = defaultdict(list)
    for record in records:
        for key in keys(record):
            groups[key].append(record)
    return {key: group_metrics(groups[key]) for key in sorted(groups)}


def summarize(records: Sequence[EpisodeRecord]) -> Summary:
    records = sorted(records, key=lambda r: (r.suite, r.task, r.instance))
    return Summary(
        suites=sorted({r.suite for r in records}),
        agents=sorted({r.agent for r in records}),
        overall=group_metrics(records),
        by_task=grouped(records, lambda r: [r.task]),
        by_app=grouped(records, lambda r: r.app_names),
        by_tag=grouped(records, lambda r: r.tags),
        by_difficulty=grouped(records, lambda r: [r.difficulty or NO_CATEGORY]),
        by_category=grouped(records, lambda r: [r.category or NO_CATEGORY]),
        errors={r.episode_id: r.error for r in records if r.error is not None},
    )
