"""Asking a role's model: secrets scrubbed from the prompt, the call timed and put on record (calls.jsonl), bad
output turned into `Call.error` instead of a crash, and images dropped for models that cannot take them.

Nodes pass a prompt builder, `build(vision) -> messages`, so the prompt text always matches what is attached:
with `--vision auto`, a server that rejects images gets the text-only prompt at once and for the rest of the run
(one warning); with `--vision on` the rejection ends the run as model_unavailable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from droidpilot.agent.llm.base import (
    Completion,
    ImagePart,
    ImagesRejected,
    Message,
    ModelOutputError,
    ModelUnavailable,
    TextPart,
    Usage,
)
from droidpilot.agent.state import AgentContext, RoleUsage

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
Build = Callable[[bool], list[Message]]


@dataclass
class Call(Generic[T]):
    """One model call: the parsed answer, or the reason there is none (the run goes on either way)."""

    parsed: T | None
    usage: RoleUsage = field(default_factory=RoleUsage)
    ms: float = 0.0
    error: str = ""
    vision: bool = True  # whether the prompt carried the screenshot (it decides the coordinate frame)


def ask(ctx: AgentContext, role: str, build: Build | list[Message], schema: type[T], step: int = 0) -> Call[T]:
    """Ask `role`'s model with the messages `build(vision)` makes (or a fixed list). A reply that does not fit
    the schema (after the model's own re-ask) becomes `Call.error`; `ModelUnavailable` propagates."""
    vision = ctx.sees_images(role)
    messages = build(vision) if callable(build) else build
    try:
        return _ask_once(ctx, role, messages, schema, step, vision)
    except ImagesRejected as exc:
        if ctx.settings.mode(role).vision != "auto" or not callable(build):
            raise
        if ctx.model_key(role) not in ctx.text_only:
            log.warning("%s rejects images; going on with the element list only (text-only) for this run",
                        ctx.model_for(role).model)
            ctx.text_only.add(ctx.model_key(role))
        log.debug("image rejection: %s", exc)
        return _ask_once(ctx, role, build(False), schema, step, False)


def _ask_once(ctx: AgentContext, role: str, messages: list[Message], schema: type[T], step: int,
              vision: bool) -> Call[T]:
    safe = [_redacted(ctx, m) for m in messages]
    model = ctx.model_for(role)
    started = time.perf_counter()
    record: dict[str, Any] = {"role": role, "step": step, "model": model.model, "server": _server(model),
                              "vision": vision}
    try:
        completion = model.complete(safe, schema, role=role)
    except ModelOutputError as exc:
        spent = _role_usage(exc.usage) if exc.usage.calls else RoleUsage(calls=1)
        log.info("%s reply unusable: %s", role, exc)
        _log(ctx, safe, record | _usage(exc.usage) | {"replies": exc.replies, "error": str(exc),
                                                      "attempts": len(exc.replies)}, started)
        return Call(None, spent, _ms(started), ctx.redact(str(exc)), vision)
    except ModelUnavailable as exc:
        _log(ctx, safe, record | {"error": f"{type(exc).__name__}: {exc}"}, started)
        raise
    if model.model != record["model"]:  # a fallback model took over during this call
        record |= {"note": f"{record['model']} was unavailable ({getattr(model, 'primary_error', '')}); "
                           f"{model.model} took over", "model": model.model}
    _log(ctx, safe, record | _outcome(completion), started)
    return Call(completion.parsed, _role_usage(completion.usage), _ms(started), vision=vision)


def _outcome(completion: Completion[Any]) -> dict[str, Any]:
    return {**_usage(completion.usage), "replies": completion.replies or [completion.text],
            "parsed": completion.parsed.model_dump(mode="json"), "attempts": completion.attempts,
            "retries": completion.retries}


def _usage(usage: Usage) -> dict[str, int]:
    return {"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens}


def _log(ctx: AgentContext, messages: list[Message], entry: dict[str, Any], started: float) -> None:
    if ctx.calls is None:
        return
    try:
        ctx.calls.record({**entry, "latency_ms": _ms(started)}, messages)
    except OSError as exc:  # a full disk must not end the run; the call itself went fine
        log.warning("cannot record the %s call: %s", entry.get("role"), exc)


def _server(model: Any) -> str:
    """The server's URL without credentials (OpenAIChat.shown_url), through wrappers such as MeteredModel."""
    for candidate in (model, getattr(model, "inner", None), getattr(model, "active", None)):
        url = getattr(candidate, "shown_url", None)
        if isinstance(url, str):
            return url
    return ""


def _redacted(ctx: AgentContext, message: Message) -> Message:
    if ctx.vault is None:
        return message
    if isinstance(message.content, str):
        return Message(role=message.role, content=ctx.redact(message.content))
    parts: list[TextPart | ImagePart] = [TextPart(text=ctx.redact(p.text)) if isinstance(p, TextPart) else p
                                         for p in message.content]
    return Message(role=message.role, content=parts)


def _role_usage(usage: Usage) -> RoleUsage:
    return RoleUsage(prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
                     calls=max(usage.calls, 1), cost_usd=usage.cost_usd)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
