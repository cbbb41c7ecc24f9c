"""A scriptable OpenAI-compatible chat server on 127.0.0.1 for tests (stdlib only, threaded).

Usage::

    with FakeOpenAIServer() as server:
        server.push(Reply.json({"action": "tap", "index": 3}),   # 200, the object as the answer text
                    Reply.text("Sure! ```json\\n{...}\\n```"),     # 200, prose with JSON inside
                    Reply.text("garbage"),                        # 200, not JSON at all
                    Reply.error(500), Reply.error(429, retry_after=2), Reply.error(503),
                    Reply.hang(),                                 # no answer until the client gives up
                    Reply.drop())                                 # closes the connection mid-response
        model = OpenAIChat("m", server.base_url, None)
        ...
        server.requests[0].body["messages"]                       # every request, as parsed JSON

Replies are served in order, one per POST to `/v1/chat/completions`. When the queue is empty the server
calls `server.responder(request)` if set (for answers that depend on the prompt, as end-to-end tests need),
else answers HTTP 500 "no scripted reply left", so an under-scripted test fails instead of hanging.
Options: `reject_response_format=True` answers 400 to any request carrying `response_format` (like a server
without structured outputs) without consuming the queue; `reject_images=True` answers 400 to any request with an
image (like a text-only model); `api_key="..."` answers 401 to any other bearer token;
`usage=(prompt, completion)` is the usage reported by default (`Reply(usage=None)` omits it).
`GET /v1/models` lists `models`.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_DEFAULT = object()


@dataclass
class Reply:
    """One scripted answer. Build it with the class methods; fields are public for unusual cases."""

    content: str | None = None
    status: int = 200
    raw_body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    close_mid_body: bool = False
    usage: Any = _DEFAULT

    @classmethod
    def json(cls, obj: Any, **kw: Any) -> Reply:
        """A 200 answer whose text is `obj` serialized as JSON (a pydantic model is dumped first)."""
        if hasattr(obj, "model_dump_json"):
            return cls(content=obj.model_dump_json(), **kw)
        return cls(content=json.dumps(obj, ensure_ascii=False), **kw)

    @classmethod
    def text(cls, text: str, **kw: Any) -> Reply:
        """A 200 answer with this exact text (prose, fenced JSON, garbage, empty...)."""
        return cls(content=text, **kw)

    @classmethod
    def error(cls, status: int, message: str = "", *, retry_after: float | str | None = None) -> Reply:
        """An HTTP error in OpenAI's error shape, optionally with a Retry-After header."""
        body = {"error": {"message": message or f"fake server error {status}", "type": "server_error",
                          "param": None, "code": None}}
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        return cls(status=status, raw_body=json.dumps(body).encode(), headers=headers)

    @classmethod
    def hang(cls, seconds: float = 30.0) -> Reply:
        """Answer nothing for `seconds` (released early when the server closes), then a 500."""
        return cls(status=500, raw_body=b'{"error": {"message": "hung"}}', delay_s=seconds)

    @classmethod
    def drop(cls) -> Reply:
        """Send headers and part of the body, then close the connection."""
        return cls(content="never delivered", close_mid_body=True)


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    def text(self) -> str:
        """All text content of the request's messages joined, for asserting on prompts."""
        parts: list[str] = []
        for message in self.messages:
            content = message.get("content")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, list):
                parts.extend(p.get("text", "") for p in content if p.get("type") == "text")
        return "\n".join(parts)

    def image_urls(self) -> list[str]:
        return [p["image_url"]["url"] for m in self.messages if isinstance(m.get("content"), list)
                for p in m["content"] if p.get("type") == "image_url"]


class FakeOpenAIServer:
    """See the module docstring. Thread-safe; use as a context manager or call start() / close()."""

    def __init__(self, *, reject_response_format: bool = False, api_key: str | None = None,
                 usage: tuple[int, int] | None = (100, 20), models: tuple[str, ...] = ("m",),
                 reject_images: bool = False) -> None:
        self.reject_response_format = reject_response_format
        self.reject_images = reject_images
        self.api_key = api_key
        self.usage = usage
        self.models = models
        self.responder: Callable[[RecordedRequest], Reply] | None = None
        self.requests: list[RecordedRequest] = []
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="fake-openai",
                                        daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        if self.api_key is not None and request.headers.get("authorization") != f"Bearer {self.api_key}":
            return Reply.error(401, "Incorrect API key provided")
        if self.reject_response_format and isinstance(request.body, dict) and "response_format" in request.body:
            return Reply.error(400, "response_format of type json_schema is not supported by this server")
        if self.reject_images and request.image_urls():
            return Reply.error(400, "Invalid content type. image_url is only supported by certain models.")
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(request)
        return Reply.error(500, "fake server: no scripted reply left")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that gave up (timeouts) leave broken pipes behind; that is expected here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body leave in one write: no Nagle / delayed-ACK stall of ~40 ms
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `server.requests` instead."""

    def do_GET(self) -> None:
        fake = self.server.fake
        fake._record(RecordedRequest("GET", self.path, _lower(self.headers), None))
        body = {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "fake"} for m in fake.models]}
        self._send(200, json.dumps(body).encode(), {})

    def do_POST(self) -> None:
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace")
        request = RecordedRequest("POST", self.path, _lower(self.headers), body)
        fake._record(request)
        reply = fake._next_reply(request)
        if reply.delay_s and fake._closing.wait(reply.delay_s):
            self.close_connection = True
            return
        payload = reply.raw_body if reply.raw_body is not None else _completion(reply, body, fake.usage)
        if reply.close_mid_body:
            self._drop(payload)
            return
        self._send(reply.status, payload, reply.headers)

    def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            self.close_connection = True

    def _drop(self, payload: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload) + 100))
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2])
        self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _lower(headers: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def _completion(reply: Reply, request: Any, default_usage: tuple[int, int] | None) -> bytes:
    model = request.get("model", "m") if isinstance(request, dict) else "m"
    usage = default_usage if reply.usage is _DEFAULT else reply.usage
    body: dict[str, Any] = {
        "id": f"chatcmpl-fake-{time.monotonic_ns()}", "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": reply.content}}],
    }
    if usage is not None:
        prompt, completion = usage
        body["usage"] = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
    return json.dumps(body, ensure_ascii=False).encode()
