from __future__ import annotations

from typing import Any

import pytest

from droidpilot.benchmarks.episode import EpisodeRecord, TokenCounts
from droidpilot.benchmarks.metrics import group_metrics, summarize


def record(task: str = "T", instance: int = 0, **fields: Any) -> EpisodeRecord:
    base: dict[str, Any] = dict(
        task_template="t", goal="g", is_successful=fields.get("success", 0.0), run_time=1.0,
        finish_dtime="2026-10-15T15:34:00+00:00", episode_length=fields.get("steps", 0), seed=1, agent_name="a",
        instance_id=instance, episode_id=f"s/{task}/{instance}", suite="s", task=task, instance=instance, agent="a",
        app_names=["com.app.one"], tags=["tag"], difficulty="easy", category="cat")
    return EpisodeRecord(**{**base, **fields})


def test_success_rate_leaves_errored_episodes_out_like_androidworld() -> None:
    m = group_metrics([record(success=1.0), record(success=0.0), record(success=0.5),
                       record(error="OracleError: boom", is_successful=None)])
    assert (m.episodes, m.errors, m.scored, m.successes) == (4, 1, 3, 1)
    assert m.sr == pytest.approx(0.5, abs=1e-4)


def test_msrs_is_agent_over_oracle_steps_on_successful_episodes_only() -> None:
    m = group_metrics([
        record(success=1.0, steps=6, oracle_steps=4),   # detour: 1.5
        record(success=1.0, steps=2, oracle_steps=4),   # shortcut: 0.5
        record(success=0.0, steps=30, oracle_steps=4),  # failed: not counted
        record(success=1.0, steps=3, oracle_steps=None),  # no optimum known: not counted
    ])
    assert m.msrs == pytest.approx(1.0, abs=1e-4)
    assert m.step_efficiency == pytest.approx((4 / 6 + 4 / 2) / 2, abs=1e-4)
    assert m.mean_steps == pytest.approx((6 + 2 + 30 + 3) / 4, abs=1e-4)
    assert group_metrics([record(success=0.0, steps=3, oracle_steps=3)]).msrs is None


def test_shortcut_metrics_follow_mas_bench() -> None:
    m = group_metrics([
        record(success=1.0, raw_score=1.0, steps=5, shortcut_calls=2, shortcut_successes=1),  # 3 GUI actions
        record(success=0.0, raw_score=0.0, steps=8, shortcut_calls=1, shortcut_successes=1),  # 7 GUI actions
        record(success=1.0, raw_score=1.0, steps=4),
    ])
    assert m.msc == pytest.approx(1.0, abs=1e-4)                       # 3 calls over 3 episodes
    assert m.s2gr == pytest.approx((2 / 3 + 1 / 7 + 0) / 3, abs=1e-4)  # per episode, then averaged
    # per call, by its judged effect: the ineffective call of the solved episode fails, the effective call of
    # the failed episode counts
    assert m.ssr == pytest.approx(2 / 3, abs=1e-4)
    assert group_metrics([record(steps=3)]).ssr is None
    one_shortcut = group_metrics([record(steps=1, shortcut_calls=1, shortcut_successes=1, raw_score=1.0)])
    assert one_shortcut.s2gr == 1.0  # no GUI action: one shortcut per (at least one) GUI action, not infinity


def test_cost_tokens_calls_and_time() -> None:
    m = group_metrics([record(tokens=TokenCounts(prompt=1500, completion=500), model_calls=4, cost_usd=0.01,
                              run_time=9.0, timings={"initialize_s": 5.0, "agent_s": 2.0, "score_s": 2.0}),
                       record(tokens=TokenCounts(prompt=500, completion=0), model_calls=2, cost_usd=0.03,
                              run_time=7.0, timings={"agent_s": 4.0, "teardown_s": 3.0})])
    assert (m.prompt_tokens, m.completion_tokens, m.model_calls) == (2000, 500, 6)
    assert m.mtoc_k == pytest.approx(1.25, abs=1e-4)
    assert m.cost_usd == pytest.approx(0.04, abs=1e-4) and m.mean_cost_usd == pytest.approx(0.02)
    assert m.met == pytest.approx(3.0, abs=1e-4)  # the agent's time only, not set-up, scoring or teardown


def test_summary_groups_by_task_app_tag_difficulty_category_and_counts_failure_modes() -> None:
    records = [
        record("B", 0, success=1.0, app_names=["com.a", "com.b"], tags=["multi_app"], difficulty="hard",
               category="Context Transition"),
        record("A", 0, success=0.0, app_names=["com.a"], tags=["data_entry", "multi_app"], category="",
               failure_modes=["under-execution"]),
        record("A", 1, success=0.0, app_names=["com.a"], failure_modes=["attention-drift", "under-execution"]),
    ]
    s = summarize(records)
    assert list(s.by_task) == ["A", "B"]
    assert s.by_app["com.a"].episodes == 3 and s.by_app["com.b"].episodes == 1
    assert s.by_tag["multi_app"].sr == pytest.approx(0.5, abs=1e-4)
    assert s.by_difficulty["hard"].sr == 1.0 and s.by_difficulty["easy"].sr == 0.0
    assert set(s.by_category) == {"Context Transition", "cat", "(none)"}
    assert s.overall.failure_modes == {"attention-drift": 1, "under-execution": 2}
    assert s.by_task["A"].failure_modes == {"attention-drift": 1, "under-execution": 2}


def test_composites_report_binary_success_and_partial_credit_beside_it() -> None:
    m = group_metrics([record(success=0.0, partial_credit=0.5), record(success=1.0, partial_credit=1.0),
                       record(success=0.0)])
    assert m.sr == pytest.approx(1 / 3, abs=1e-4) and m.partial_credit == pytest.approx(0.75, abs=1e-4)


def test_empty_input_gives_empty_metrics() -> None:
    s = summarize([])
    assert s.overall.episodes == 0 and s.overall.sr is None and s.by_task == {}
