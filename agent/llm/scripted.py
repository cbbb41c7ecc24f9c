"""`ScriptedModel`: the test double for a chat model. It replays queued replies and records every request.

Replies go through the same parse / re-ask path as a real server's, so a queued malformed reply exercises the
agent's recovery exactly as a misbehaving server would. It is the only fake the tests use.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from droidpilot.agent.llm.base import Completion, Message, ModelUnavailable, RawReply, T, Usage, complete_with_reask

Reply = str | dict | BaseModel | Exception | Callable[[list[Message], str], "str | dict | BaseModel"]
"""A queued reply: raw text (may be garbage), a dict or model (sent as JSON), an exception to raise, or a
function of (messages, role) for replies that depend on the request."""


@dataclass
class Request:
    messages: list[Message]
    schema: str
    role: str


@dataclass
class ScriptedModel:
    """Answers from a queue; per-role queues take precedence over the shared one. Running dry raises
    `ModelUnavailable`, so a test that under-scripts fails loudly instead of hanging."""

    replies: Iterable[Reply] = ()
    by_role: dict[str, Iterable[Reply]] = field(default_factory=dict)
    tokens_per_call: tuple[int, int] = (100, 20)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._queue: deque[Reply] = deque(self.replies)
        self._role_queues = {role: deque(items) for role, items in self.by_role.items()}

    @property
    def model(self) -> str:
        return "scripted"

    def add(self, *replies: Reply, role: str | None = None) -> None:
        (self._role_queues.setdefault(role, deque()) if role else self._queue).extend(replies)

    def pending(self) -> int:
        return len(self._queue) + sum(len(q) for q in self._role_queues.values())

    def complete(self, messages: list[Message], schema: type[T], *, role: str = "") -> Completion[T]:
        def send(request: list[Message]) -> RawReply:
            self.requests.append(Request(messages=list(request), schema=schema.__name__, role=role))
            reply = self._next(role)
            if isinstance(reply, Exception):
                raise reply
            if callable(reply) and not isinstance(reply, BaseModel):
                reply = reply(request, role)
            prompt, completion = self.tokens_per_call
            return RawReply(text=_as_text(reply), model="scripted",
                            usage=Usage(prompt_tokens=prompt, completion_tokens=completion, calls=1))

        return complete_with_reask(send, messages, schema)

    def _next(self, role: str) -> Reply:
        queue = self._role_queues.get(role)
        if queue:
            return queue.popleft()
        if self._queue:
            return self._queue.popleft()
        raise ModelUnavailable(f"scripted model has no reply left for role '{role or '-'}'")


def _as_text(reply: str | dict | BaseModel) -> str:
    if isinstance(reply, BaseModel):
        return reply.model_dump_json()
    if isinstance(reply, dict):
        return json.dumps(reply, ensure_ascii=False)
    return reply
