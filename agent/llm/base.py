"""The LLM layer's contract: our own message types, a `ChatModel` protocol returning validated pydantic
output with usage, and the errors callers handle. The agent never sees an SDK type.

Every implementation (the OpenAI-compatible client, the scripted test model) sends a request, parses the
reply into the requested schema, and re-asks once with the validation error when the reply does not fit
(`complete_with_reask`), so malformed output is handled the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from droidpilot.agent.llm.parsing import OutputError, parse_structured
from droidpilot.errors import ModelError

T = TypeVar("T", bound=BaseModel)


class TextPart(BaseModel):
    type: Literal["text"] = "text"
    text: str


class ImagePart(BaseModel):
    """A picture for the model. Implementations downscale it and send it as a data URL."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    type: Literal["image"] = "image"
    image: Image.Image
    detail: Literal["low", "high", "auto"] = "auto"


class Message(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str | list[TextPart | ImagePart]

    def text(self) -> str:
        """The message's text parts joined (images left out), for logs and token estimates."""
        if isinstance(self.content, str):
            return self.content
        return "\n".join(p.text for p in self.content if isinstance(p, TextPart))


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    calls: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(prompt_tokens=self.prompt_tokens + other.prompt_tokens,
                     completion_tokens=self.completion_tokens + other.completion_tokens,
                     cost_usd=self.cost_usd + other.cost_usd, calls=self.calls + other.calls)


class Completion(BaseModel, Generic[T]):
    """A validated answer: `parsed` fits the requested schema."""

    parsed: T
    text: str = Field(description="the raw reply text the answer was parsed from")
    usage: Usage = Field(default_factory=Usage)
    model: str = ""
    attempts: int = 1
    latency_s: float = 0.0
    replies: list[str] = Field(default_factory=list, description="every raw reply text, re-asks included")
    retries: int = Field(0, description="transport retries (timeouts, 429, 5xx) behind the answer")


class LLMError(ModelError, RuntimeError):
    """The model could not give a usable answer; the message is one line a user can act on."""


class ModelUnavailable(LLMError):
    """The server is down, refuses us, or keeps failing after retries (connection, 5xx, 429, timeouts)."""


class ImagesRejected(ModelUnavailable):
    """The server refused a request because it held images: a text-only model. Without the images the same
    request may well succeed (`--vision auto` does that)."""


class ModelOutputError(LLMError):
    """The model answered, but not in the requested schema, even after being re-asked with the error.
    `usage` holds what both attempts cost, so callers can still account for it; `replies` the raw texts."""

    def __init__(self, message: str, usage: Usage | None = None, replies: list[str] | None = None) -> None:
        super().__init__(message)
        self.usage = usage or Usage()
        self.replies = replies or []


class ChatModel(Protocol):
    """Any chat model that can answer in a pydantic schema."""

    @property
    def model(self) -> str: ...

    def complete(self, messages: list[Message], schema: type[T], *, role: str = "") -> Completion[T]:
        """Ask; return the answer validated against `schema`. Raises `ModelUnavailable` or `ModelOutputError`."""
        ...


class RawReply(BaseModel):
    """What one request returned before parsing."""

    text: str
    usage: Usage = Field(default_factory=Usage)
    model: str = ""


@cache
def llm_prompt(name: str) -> str:
    """A prompt template of the LLM layer (agent/llm/prompts/NAME.md), formatted with `str.format`."""
    return (Path(__file__).parent / "prompts" / f"{name}.md").read_text(encoding="utf-8").rstrip("\n")


def reask_message(error: str) -> Message:
    return Message(role="user", content=llm_prompt("reask").format(error=error))


def complete_with_reask(send: Callable[[list[Message]], RawReply], messages: list[Message],
                        schema: type[T]) -> Completion[T]:
    """Send, parse into `schema`; on a bad reply ask once more with the error. Usage sums both attempts."""
    reply = send(messages)
    try:
        return Completion[schema](parsed=parse_structured(reply.text, schema), text=reply.text,  # type: ignore[valid-type]
                                  usage=reply.usage, model=reply.model, replies=[reply.text])
    except OutputError as first:
        retry = [*messages, Message(role="assistant", content=reply.text or "(empty)"), reask_message(str(first))]
        second = send(retry)
        usage = reply.usage + second.usage
        try:
            parsed = parse_structured(second.text, schema)
        except OutputError as exc:
            raise ModelOutputError(f"the model's reply did not fit the {schema.__name__} schema twice: {exc}",
                                   usage=usage, replies=[reply.text, second.text]) from None
        return Completion[schema](parsed=parsed, text=second.text, usage=usage, model=second.model,  # type: ignore[valid-type]
                                  attempts=2, replies=[reply.text, second.text])


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema sent as `response_format` (OpenAI structured outputs, vLLM and Ollama accept it)."""
    return model.model_json_schema()
