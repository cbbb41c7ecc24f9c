"""OpenAIChat against a real local HTTP server (tests/agent/fake_openai_server.py): structured answers, JSON
repair and re-ask, retries and backoff, timeouts, refused and dropped connections, auth errors, the
response_format fallback, images and usage."""

from __future__ import annotations

import base64
import io
import logging
import socket
import time
from collections.abc import Iterator
from typing import Literal

import pytest
from PIL import Image
from pydantic import BaseModel

from droidpilot.agent.llm.base import ImagePart, Message, ModelOutputError, ModelUnavailable, TextPart
from droidpilot.agent.llm.openai_chat import PLACEHOLDER_KEY, OpenAIChat
from droidpilot.agent.llm.pricing import ModelPrice, PriceTable
from droidpilot.emulator.virtual import VirtualPhone
from tests.agent.fake_openai_server import FakeOpenAIServer, Reply

KEY = "sk-test-SECRET-0123456789abcdef"


class Step(BaseModel):
    action: Literal["tap", "back"]
    index: int | None = None


ASK = [Message(role="system", content="You drive a phone."), Message(role="user", content="Open settings.")]


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as srv:
        yield srv


@pytest.fixture
def sleeps() -> list[float]:
    return []


def chat(server: FakeOpenAIServer, sleeps: list[float], **kw: object) -> OpenAIChat:
    options: dict = {"timeout_s": 5, "sleep": sleeps.append, "seed": 7, **kw}
    return OpenAIChat("m", server.base_url, KEY, **options)


def test_schema_answer_parses_and_request_carries_json_schema(server, sleeps):
    server.push(Reply.json({"action": "tap", "index": 4}))
    done = chat(server, sleeps).complete(ASK, Step, role="operator")
    assert done.parsed == Step(action="tap", index=4)
    assert (done.usage.prompt_tokens, done.usage.completion_tokens, done.usage.calls) == (100, 20, 1)
    assert done.attempts == 1 and done.latency_s > 0 and done.model == "m"
    body = server.chat_requests()[0].body
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"] == {"name": "Step", "schema": Step.model_json_schema(),
                                                      "strict": False}
    assert body["temperature"] == 0.0 and body["model"] == "m"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert server.chat_requests()[0].headers["authorization"] == f"Bearer {KEY}"


def test_text_wrapped_json_parses(server, sleeps):
    server.push(Reply.text("Sure! Here is my answer:\n```json\n{'action': 'back', 'index': None,}\n```\nDone."))
    assert chat(server, sleeps).complete(ASK, Step).parsed == Step(action="back")


def test_garbage_then_valid_reasks_once_with_the_error(server, sleeps):
    server.push(Reply.text("I would tap the gear icon."), Reply.json({"action": "tap", "index": 1}))
    done = chat(server, sleeps).complete(ASK, Step)
    assert done.attempts == 2 and done.parsed.index == 1
    assert (done.usage.prompt_tokens, done.usage.calls) == (200, 2)
    second = server.chat_requests()[1]
    assert second.messages[-2] == {"role": "assistant", "content": "I would tap the gear icon."}
    assert "contains no JSON object" in second.messages[-1]["content"]
    assert '"action"' in second.messages[0]["content"]  # the re-ask spells the schema out too


def test_wrong_schema_twice_raises_model_output_error_with_usage(server, sleeps):
    server.push(Reply.json({"action": "fly"}), Reply.text("still no"))
    with pytest.raises(ModelOutputError, match="Step schema twice") as caught:
        chat(server, sleeps).complete(ASK, Step)
    assert "action" in server.chat_requests()[1].messages[-1]["content"]  # the validation error was sent back
    assert caught.value.usage.calls == 2  # type: ignore[attr-defined]


def test_5xx_then_success_after_backoff(server, sleeps):
    server.push(Reply.error(500), Reply.error(503), Reply.json({"action": "back"}))
    assert chat(server, sleeps).complete(ASK, Step).parsed.action == "back"
    assert len(server.chat_requests()) == 3
    assert len(sleeps) == 2 and 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0


def test_backoff_is_deterministic_with_a_seed(server, sleeps):
    other: list[float] = []
    for delays in (sleeps, other):
        server.push(Reply.error(500), Reply.error(500), Reply.json({"action": "back"}))
        chat(server, delays, seed=3).complete(ASK, Step)
    assert sleeps == other


def test_429_retry_after_is_honoured(server, sleeps):
    server.push(Reply.error(429, retry_after=2), Reply.json({"action": "back"}))
    chat(server, sleeps).complete(ASK, Step)
    assert sleeps == [2.0]


def test_429_asking_for_a_long_wait_gives_up_at_once(server, sleeps):
    server.push(Reply.error(429, retry_after=3600))
    with pytest.raises(ModelUnavailable, match="asks to wait 3600 s"):
        chat(server, sleeps).complete(ASK, Step)
    assert sleeps == [] and len(server.chat_requests()) == 1


def test_persistent_5xx_ends_in_one_clear_line(server, sleeps):
    server.push(*[Reply.error(502, "bad gateway")] * 4)
    with pytest.raises(ModelUnavailable) as caught:
        chat(server, sleeps, max_retries=3).complete(ASK, Step)
    message = str(caught.value)
    assert "\n" not in message and server.base_url in message and "after 4 tries" in message
    assert "HTTP 502: bad gateway" in message


def test_hang_times_out_quickly(server, sleeps):
    server.push(Reply.hang(), Reply.hang())
    started = time.perf_counter()
    with pytest.raises(ModelUnavailable, match=r"did not answer within 0.5 s after 2 tries"):
        chat(server, sleeps, timeout_s=0.5, max_retries=1).complete(ASK, Step)
    assert time.perf_counter() - started < 2.5


def test_dropped_connection_and_html_body_are_retried(server, sleeps):
    server.push(Reply.drop(), Reply(raw_body=b"<html>502 proxy</html>"), Reply.json({"action": "tap", "index": 0}))
    assert chat(server, sleeps).complete(ASK, Step).parsed.index == 0
    assert len(sleeps) == 2


def test_connection_refused_names_the_url_and_hides_the_key(sleeps, caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    model = OpenAIChat("m", url, KEY, timeout_s=2, sleep=sleeps.append)
    with caplog.at_level(logging.DEBUG), pytest.raises(ModelUnavailable) as caught:
        model.complete(ASK, Step)
    message = str(caught.value)
    assert url in message and "connection refused" in message and "--base-url" in message
    assert "after 4 tries" in message and len(sleeps) == 3
    assert KEY not in message and KEY not in caplog.text and "SECRET" not in caplog.text


def test_401_fails_at_once_without_leaking_the_key(sleeps):
    with FakeOpenAIServer(api_key="sk-the-right-one") as server:
        model = OpenAIChat("m", server.base_url, KEY, api_key_env="MY_KEY", sleep=sleeps.append)
        with pytest.raises(ModelUnavailable, match=r"HTTP 401.*MY_KEY") as caught:
            model.complete(ASK, Step)
        assert len(server.chat_requests()) == 1 and sleeps == []
    assert KEY not in str(caught.value)


def test_404_model_not_found_fails_at_once(server, sleeps):
    server.push(Reply.error(404, "model 'nope' not found"))
    with pytest.raises(ModelUnavailable, match=r"model 'm' was not found.*--model"):
        chat(server, sleeps).complete(ASK, Step)
    assert sleeps == []


def test_other_400_fails_with_the_server_reason(server, sleeps):
    server.push(Reply.error(400, "this model does not support image input"))
    with pytest.raises(ModelUnavailable, match="does not support image input"):
        chat(server, sleeps).complete(ASK, Step)
    assert len(server.chat_requests()) == 1


def test_response_format_rejected_falls_back_once_and_remembers(sleeps):
    with FakeOpenAIServer(reject_response_format=True) as server:
        server.push(Reply.text('{"action": "back"}'), Reply.text('{"action": "tap", "index": 2}'))
        model = chat(server, sleeps)
        assert model.complete(ASK, Step).parsed.action == "back"
        assert model.complete(ASK, Step).parsed.index == 2
        first, fallback, later = server.chat_requests()
    assert "response_format" in first.body and model.supports_schema is False
    assert "response_format" not in fallback.body and "response_format" not in later.body
    system = fallback.messages[0]["content"]
    assert system.startswith("You drive a phone.") and '"action"' in system and "JSON schema" in system


def test_rejected_temperature_is_dropped(server, sleeps):
    server.push(Reply.error(400, "Unsupported value: 'temperature' does not support 0.0"),
                Reply.json({"action": "back"}))
    chat(server, sleeps).complete(ASK, Step)
    assert "temperature" not in server.chat_requests()[1].body


def test_screenshot_arrives_as_a_bounded_jpeg_data_url(server, sleeps):
    with VirtualPhone() as phone:
        shot = phone.observe().screenshot
    server.push(Reply.json({"action": "back"}, usage=None))
    question = Message(role="user", content=[TextPart(text="What is on screen?"), ImagePart(image=shot)])
    done = chat(server, sleeps).complete([question], Step)
    (url,) = server.chat_requests()[0].image_urls()
    assert url.startswith("data:image/jpeg;base64,")
    data = base64.b64decode(url.split(",", 1)[1])
    assert len(data) < 150_000
    assert max(Image.open(io.BytesIO(data)).size) == 1024
    assert done.usage.prompt_tokens > 425  # the server sent no usage: text plus image tokens, estimated


def test_image_max_side_and_png(server, sleeps):
    server.push(Reply.json({"action": "back"}))
    picture = Image.new("RGBA", (300, 120), (10, 200, 30, 128))
    question = Message(role="user", content=[ImagePart(image=picture, detail="low")])
    chat(server, sleeps, image_max_side=100, image_format="png").complete([question], Step)
    (url,) = server.chat_requests()[0].image_urls()
    assert url.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).size == (100, 40)


def test_cost_comes_from_the_price_table(server, sleeps):
    server.push(Reply.json({"action": "back"}, usage=(1_000_000, 500_000)))
    prices = PriceTable(prices={"m": ModelPrice(prompt=2.0, completion=8.0)})
    assert chat(server, sleeps, prices=prices).complete(ASK, Step).usage.cost_usd == pytest.approx(6.0)


def test_local_server_without_key_gets_a_placeholder(server, sleeps):
    server.push(Reply.json({"action": "back"}))
    OpenAIChat("m", server.base_url, None, sleep=sleeps.append).complete(ASK, Step)
    assert server.chat_requests()[0].headers["authorization"] == f"Bearer {PLACEHOLDER_KEY}"


def test_a_key_echoed_by_the_server_is_redacted(server, sleeps, caplog):
    server.push(*[Reply.error(500, f"upstream rejected header 'Authorization: Bearer {KEY}'")] * 2)
    with caplog.at_level(logging.DEBUG), pytest.raises(ModelUnavailable) as caught:
        chat(server, sleeps, max_retries=1).complete(ASK, Step)
    assert "HTTP 500" in str(caught.value) and "***" in str(caught.value)
    assert "SECRET" not in str(caught.value) and "SECRET" not in caplog.text
