"""Deadlines on the command line: a model server trickling its answers cannot hold `droidpilot run` past the
call deadline (--model-timeout), and a run stops at its own time limit (--timeout or [run] timeout) as 'timeout',
with everything on disk for --resume to finish it."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer, Reply
from tests.agent.test_llm_deadline import Trickler
from tests.e2e.test_cli_faults import WIFI, policy
from tests.e2e.test_cli_run import answering, invoke, run_args, server, shell, workdir  # noqa: F401 (fixtures)


@pytest.fixture
def trickler() -> Iterator[Trickler]:
    slow = Trickler(0.5)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    yield slow
    slow.shutdown()
    slow.server_close()


def test_a_trickling_server_cannot_hold_a_run(workdir: Path, trickler: Trickler) -> None:  # noqa: F811
    started = time.monotonic()
    result = invoke("run", "Turn off Wi-Fi", "--device", f"virtual:{workdir / 'phone'}", "--base-url",
                    trickler.base_url, "--model", "m", "--config", "fast.toml", "--model-timeout", "1.5")
    elapsed = time.monotonic() - started

    assert result.exit_code == 3, result.output
    assert "did not answer within 1.5 s" in result.output
    assert elapsed < 15  # each try is cut at 1.5 s; the answer itself would take over 2 minutes
    run_dir = next((workdir / "runs").iterdir())
    assert json.loads((run_dir / "result.json").read_text())["status"] == "model_unavailable"


def test_a_run_stops_at_its_time_limit_and_resumes(workdir: Path, server: FakeOpenAIServer) -> None:  # noqa: F811
    server.responder = answering(WIFI, delay_s=0.6)
    (workdir / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 5\n[run]\ntimeout = 1\n")
    first = invoke("run", "Turn off Wi-Fi", *run_args(server, workdir / "phone"))

    assert first.exit_code == 1, first.output
    run_dir = next((workdir / "runs").iterdir())
    result = json.loads((run_dir / "result.json").read_text())
    assert result["status"] == "timeout"
    assert "time limit (1 s) ran out" in result["message"] and f"--resume {run_dir.name}" in result["message"]

    server.responder = policy(WIFI)
    resumed = invoke("run", "--resume", run_dir.name, *run_args(server, workdir / "phone")[2:], "--timeout", "300")
    assert resumed.exit_code == 0, resumed.output
    assert json.loads((run_dir / "result.json").read_text())["status"] == "complete"
    assert shell(workdir / "phone", "settings get global wifi_on").strip() == "0"


@pytest.mark.parametrize("server_kind", ["refused", "wrong-key", "trickling"])
def test_crawl_with_the_llm_policy_stops_at_once_without_a_model(workdir: Path, trickler: Trickler,  # noqa: F811
                                                                 server_kind: str) -> None:
    with FakeOpenAIServer(api_key="right-key") as fake:
        url = {"refused": "http://127.0.0.1:9/v1", "wrong-key": fake.base_url, "trickling": trickler.base_url}
        (workdir / "llm.toml").write_text("[llm]\nmax_retries = 0\ntimeout = 1.5\n")
        started = time.monotonic()
        result = invoke("crawl", "--app", "com.android.settings", "--out", "crawl", "--no-memory", "--policy", "llm",
                        "--model", "m", "--base-url", url[server_kind], "--config", "llm.toml")
    assert result.exit_code == 3, result.output
    assert time.monotonic() - started < 10
    assert not list((workdir / "crawl").rglob("journal.jsonl"))  # no state was crawled under an 'llm' label


@pytest.mark.parametrize("answers", [True, False])
def test_the_dataset_card_says_how_states_were_ordered(workdir: Path, server: FakeOpenAIServer,  # noqa: F811
                                                       answers: bool) -> None:
    server.push(Reply.json({"ranking": [1], "inputs": []}))  # the check before the crawl
    if answers:
        server.responder = lambda _request: Reply.json({"ranking": [2, 1], "inputs": []})
    (workdir / "llm.toml").write_text("[llm]\nmax_retries = 0\ntimeout = 5\n")
    result = invoke("crawl", "--app", "com.android.settings", "--out", "crawl", "--no-memory", "--policy", "llm",
                    "--model", "m", "--base-url", server.base_url, "--config", "llm.toml", "--max-steps", "6")
    assert result.exit_code == 0, result.output
    card = (workdir / "crawl" / "com.android.settings" / "dataset" / "README.md").read_text()
    match = re.search(r"policy llm \((\d+) states ranked by the model, (\d+) in dfs order without its answer\)", card)
    assert match is not None, card
    by_model, by_dfs = int(match.group(1)), int(match.group(2))
    assert (by_model > 0 and by_dfs == 0) if answers else (by_model == 0 and by_dfs > 0)
