"""A total deadline per model call: a server that trickles its answer a byte at a time is cut at the deadline
(the per-read timeout alone would wait for ever), counts as a failed try and is retried as today; a slow answer
that arrives in time is warned about and used."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

import pytest
from pydantic import BaseModel

from droidpilot.agent.llm.base import Message, ModelUnavailable
from droidpilot.agent.llm.openai_chat import OpenAIChat

ASK = [Message(role="user", content="Open settings.")]


class Step(BaseModel):
    action: Literal["tap", "back"]


def completion_body() -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "m",
                       "choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": '{"action": "back"}'}}],
                       "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}).encode()


class Trickler(ThreadingHTTPServer):
    """Answers every chat request with a valid completion, one byte every `gap_s` seconds."""

    daemon_threads = True

    def __init__(self, gap_s: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.gap_s, self.requests = gap_s, 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: Trickler

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.requests += 1
        body = completion_body()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(self.server.gap_s)
        except OSError:
            pass  # the client hung up: what the deadline is for

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def trickler(request: pytest.FixtureRequest) -> Iterator[Trickler]:
    server = Trickler(request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("trickler", [0.5], indirect=True)
def test_a_trickling_answer_is_cut_at_the_deadline_and_retried(trickler: Trickler) -> None:
    sleeps: list[float] = []
    model = OpenAIChat("m", trickler.base_url, None, timeout_s=1.5, max_retries=1, sleep=sleeps.append)
    started = time.monotonic()
    with pytest.raises(ModelUnavailable, match=r"did not answer within 1.5 s after 2 tries"):
        model.complete(ASK, Step)
    elapsed = time.monotonic() - started
    assert trickler.requests == 2 and len(sleeps) == 1  # a cut call is a failed try, retried as any timeout
    assert 3.0 <= elapsed < 4.5  # two tries of 1.5 s; the body alone would take ~100 s


@pytest.mark.parametrize("trickler", [0.012], indirect=True)
def test_a_slow_answer_within_the_deadline_is_warned_about_and_used(trickler: Trickler,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    model = OpenAIChat("m", trickler.base_url, None, timeout_s=6, max_retries=0)
    with caplog.at_level(logging.WARNING, logger="droidpilot.agent.llm.deadline"):
        done = model.complete(ASK, Step)
    assert done.parsed == Step(action="back")
    assert any("sending its answer slowly" in r.getMessage() for r in caplog.records)
