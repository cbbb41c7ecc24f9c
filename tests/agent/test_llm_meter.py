"""Prices, the usage meter, and per-role accounting through build_models against a local server."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from droidpilot.agent.llm.base import Message, ModelOutputError, Usage
from droidpilot.agent.llm.config import LLMSettings, build_models
from droidpilot.agent.llm.meter import MeteredModel, UsageMeter
from droidpilot.agent.llm.pricing import ModelPrice, PriceTable
from droidpilot.agent.llm.scripted import ScriptedModel
from tests.agent.fake_openai_server import FakeOpenAIServer, Reply


class Answer(BaseModel):
    ok: bool


ASK = [Message(role="user", content="ok?")]


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as srv:
        yield srv


def test_price_lookup_by_exact_name_then_longest_prefix():
    table = PriceTable.default()
    assert table.price_for("gpt-4o") == ModelPrice(prompt=2.5, completion=10.0)
    assert table.price_for("gpt-4o-2024-08-06") == table.price_for("gpt-4o")
    assert table.price_for("gpt-4o-mini-2024-07-18") == table.price_for("gpt-4o-mini") != table.price_for("gpt-4o")
    assert table.price_for("openai/gpt-4.1-mini") == table.price_for("gpt-4.1-mini")
    assert table.cost("Qwen/Qwen2.5-VL-7B-Instruct", 10**6, 10**6) == 0.0
    assert table.cost("gpt-4o-mini", 1_000_000, 1_000_000) == pytest.approx(0.75)


def test_price_overrides_replace_and_add():
    table = PriceTable.default().with_overrides({"gpt-4o": ModelPrice(prompt=1, completion=1),
                                                 "qwen2.5vl": ModelPrice(prompt=0.1, completion=0.2)})
    assert table.cost("gpt-4o", 10**6, 0) == 1.0
    assert table.cost("qwen2.5vl", 10**6, 10**6) == pytest.approx(0.3)
    assert PriceTable.default().cost("gpt-4o", 10**6, 0) == 2.5  # the default table is untouched


def test_meter_sums_per_role_across_threads():
    meter = UsageMeter()

    def work(role: str) -> None:
        for _ in range(200):
            meter.record(role, Usage(prompt_tokens=3, completion_tokens=1, cost_usd=0.001, calls=1))

    threads = [threading.Thread(target=work, args=(role,)) for role in ("manager", "operator") * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    by_role = meter.by_role()
    assert by_role["operator"].calls == by_role["manager"].calls == 800
    total = meter.summary().total
    assert (total.prompt_tokens, total.completion_tokens, total.calls) == (4800, 1600, 1600)
    assert total.cost_usd == pytest.approx(1.6)


def test_metered_model_attributes_by_caller_role_then_own_role():
    meter = UsageMeter()
    model = MeteredModel(ScriptedModel(['{"ok": true}'] * 3), meter, role="reflector")
    model.complete(ASK, Answer)
    model.complete(ASK, Answer, role="completion_check")
    MeteredModel(model.inner, meter).complete(ASK, Answer)
    assert set(meter.by_role()) == {"reflector", "completion_check", "default"}


def test_usage_and_cost_summed_per_role_through_build_models(server):
    server.push(*[Reply.json({"ok": True}, usage=(1000, 100))] * 3,
                Reply.text("nope"), Reply.text("still nope", usage=(500, 50)))
    settings = LLMSettings(model="m", base_url=server.base_url,
                           prices={"m": ModelPrice(prompt=1.0, completion=10.0)})
    meter = UsageMeter()
    models = build_models(settings, env={}, meter=meter, sleep=lambda s: None)
    models["operator"].complete(ASK, Answer)
    models["operator"].complete(ASK, Answer)
    models["manager"].complete(ASK, Answer)
    with pytest.raises(ModelOutputError):
        models["reflector"].complete(ASK, Answer)
    by_role = meter.by_role()
    assert (by_role["operator"].prompt_tokens, by_role["operator"].calls) == (2000, 2)
    assert by_role["operator"].cost_usd == pytest.approx(2 * (1000 * 1.0 + 100 * 10.0) / 1e6)
    assert (by_role["reflector"].prompt_tokens, by_role["reflector"].calls) == (600, 2)  # failed calls count too
    assert "notetaker" not in by_role
    total = meter.total()
    assert (total.prompt_tokens, total.calls) == (3600, 5)
    assert total.cost_usd == pytest.approx((3600 * 1.0 + 370 * 10.0) / 1e6)
