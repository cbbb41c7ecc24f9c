"""The llm policy with the scripted model: the model's ranking orders exploration and its texts are typed."""

from __future__ import annotations

import re
from pathlib import Path

from droidpilot.agent.llm.base import Message
from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.llm_policy import LlmPolicy
from droidpilot.crawler.runner import crawl_app
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.crawler.helpers import steps

CONTACTS = "com.android.contacts"


def reverse_ranking(messages: list[Message], _role: str) -> dict[str, object]:
    """Rank the candidates last-first and write 'llm text N' for every field."""
    lines = re.findall(r"^(\d+)\. (\S+)", messages[-1].text(), flags=re.MULTILINE)
    numbers = [int(n) for n, _kind in lines]
    inputs = [{"candidate": int(n), "text": f"llm text {n}"} for n, kind in lines if kind == "type"]
    return {"ranking": numbers[::-1], "inputs": inputs}


def test_the_models_ranking_and_texts_drive_the_crawl(device: VirtualDevice, out: Path) -> None:
    model = ScriptedModel(replies=[reverse_ranking] * 200)
    config = CrawlConfig(package=CONTACTS, out=out, policy="llm", max_steps=60)
    result = crawl_app(device, config, LlmPolicy(model, CONTACTS))
    lines = steps(out / CONTACTS)
    first = model.requests[0].messages[-1].text()
    last_candidate = re.findall(r"^\d+\. (.*)$", first, flags=re.MULTILINE)[-1]
    explored = next(line["event"] for line in lines if line["explore"])
    assert explored["label"] in last_candidate
    typed = [line["event"]["text"] for line in lines if line["event"]["kind"] == "type"]
    assert typed and all(t.startswith("llm text") for t in typed)
    assert result.llm_calls == len(model.requests) <= result.states + 10
    assert model.requests[0].role == "crawler"


def test_without_a_model_answer_it_falls_back_to_dfs(device: VirtualDevice, out: Path) -> None:
    model = ScriptedModel()  # no replies: every call raises ModelUnavailable
    config = CrawlConfig(package=CONTACTS, out=out, policy="llm", max_steps=40)
    result = crawl_app(device, config, LlmPolicy(model, CONTACTS, max_calls=3))
    assert result.steps == 40 and result.states >= 4 and result.llm_calls == 3
    typed = [line["event"]["text"] for line in steps(out / CONTACTS) if line["event"]["kind"] == "type"]
    assert "a" in typed or any("@" in t or t.isdigit() or "Alex" in t for t in typed)
