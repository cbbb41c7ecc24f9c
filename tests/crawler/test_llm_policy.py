"""The llm policy with the scripted model: the model's ranking orders exploration and its texts are typed."""

from __future__ import annotations

import re
from pathlib import Path

from droidpilot.agent.llm.base import ImagePart, ImagesRejected, Message
from droidpilot.agent.llm.scripted import Request, ScriptedModel
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


def ranking_counts(app_dir: Path) -> tuple[int, int]:
    card = (app_dir / "dataset" / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\((\d+) states ranked by the model, (\d+) in dfs order without its answer\)", card)
    assert match is not None, card
    return int(match.group(1)), int(match.group(2))


def test_the_cards_ranking_counts_cover_every_session(device: VirtualDevice, out: Path) -> None:
    """The first session's model rankings still count after a resume whose model never answers."""
    first = CrawlConfig(package=CONTACTS, out=out, policy="llm", max_steps=12)
    crawl_app(device, first, LlmPolicy(ScriptedModel(replies=[reverse_ranking] * 50), CONTACTS))
    by_model, by_dfs = ranking_counts(out / CONTACTS)
    assert by_model > 0 and by_dfs == 0

    resumed = CrawlConfig(package=CONTACTS, out=out, policy="llm", max_steps=30)
    result = crawl_app(device, resumed, LlmPolicy(ScriptedModel(), CONTACTS, max_calls=2))
    assert result.resumed
    later_model, later_dfs = ranking_counts(out / CONTACTS)
    assert later_model == by_model  # this session's model ranked nothing, and the first session's count stays
    assert later_dfs > 0


def images(request: Request) -> list[ImagePart]:
    content = request.messages[-1].content
    return [part for part in content if isinstance(part, ImagePart)] if isinstance(content, list) else []


def test_the_model_sees_the_screenshot_unless_it_is_text_only(device: VirtualDevice, out: Path) -> None:
    device.phone.snapshot("start")
    seen = ScriptedModel(replies=[reverse_ranking] * 50)
    crawl_app(device, CrawlConfig(package=CONTACTS, out=out / "auto", policy="llm", max_steps=6),
              LlmPolicy(seen, CONTACTS))
    shot = images(seen.requests[0])
    assert len(shot) == 1 and shot[0].image.size == device.screen_size()
    assert "Actions not tried here" in seen.requests[0].messages[-1].text()
    device.phone.restore("start")
    rejecting = ScriptedModel(replies=[ImagesRejected("this model takes text only"), *[reverse_ranking] * 50])
    crawl_app(device, CrawlConfig(package=CONTACTS, out=out / "rejected", policy="llm", max_steps=6),
              LlmPolicy(rejecting, CONTACTS, vision="auto"))
    assert images(rejecting.requests[0]) and not any(images(r) for r in rejecting.requests[1:])
    assert len(rejecting.requests) >= 3  # asked again without the image, and on later states without one
    device.phone.restore("start")
    blind = ScriptedModel(replies=[reverse_ranking] * 50)
    crawl_app(device, CrawlConfig(package=CONTACTS, out=out / "off", policy="llm", max_steps=6),
              LlmPolicy(blind, CONTACTS, vision="off"))
    assert blind.requests and not any(images(r) for r in blind.requests)
