"""`OpenAIChat`: the `ChatModel` for any OpenAI-compatible server (OpenAI, vLLM, Ollama, LM Studio) on the
`openai` client's chat completions.

- Structured output: `response_format` `json_schema` (strict=False, the common ground of OpenAI, vLLM and Ollama).
  A server that rejects it (HTTP 400/422 naming response_format / json_schema) is asked again once in plain mode,
  with the schema spelled out in the prompt, and this client stays in plain mode from then on. Parsing, JSON repair
  and the one re-ask with the validation error go through `complete_with_reask`; the re-ask also spells out the
  schema, since a reply that did not fit suggests the server ignored `response_format`.
- Transport: our own retries (the SDK's are off) with exponential backoff and jitter on 408/409/429/5xx, timeouts,
  dropped connections and non-JSON bodies, honouring Retry-After; then `ModelUnavailable` with one line naming the
  server and what to check. `timeout_s` bounds each try as a whole (connect and the full body, see deadline.py),
  so a server trickling its answer is cut like one that never answers. 401/403/404 and other 4xx fail at once.
  The API key never appears in errors or logs.
- Accounting: usage from the response (estimated from text length and image size when the server omits it), cost
  from the `PriceTable`, wall-clock latency of the whole call including retries.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import openai
from PIL import Image

from droidpilot.agent.llm.base import (
    Completion,
    ImagePart,
    ImagesRejected,
    Message,
    ModelUnavailable,
    RawReply,
    T,
    TextPart,
    Usage,
    complete_with_reask,
    llm_prompt,
    schema_of,
)
from droidpilot.agent.llm.deadline import DeadlineTransport
from droidpilot.agent.llm.images import ImageFormat, estimate_image_tokens, image_data_url
from droidpilot.agent.llm.pricing import PriceTable

logger = logging.getLogger(__name__)

OPENAI_URL = "https://api.openai.com/v1"
PLACEHOLDER_KEY = "sk-no-key-required"
"""Sent to local servers (vLLM, Ollama, LM Studio) that need no key; the SDK insists on one."""
_RETRY_STATUSES = {408, 409, 429}
_SCHEMA_REJECTION = re.compile(r"response_format|response format|json_schema|structured output|guided", re.I)
_KEY_LIKE = re.compile(r"\b(sk-|key-|Bearer\s+)[A-Za-z0-9_\-*.]{4,}")


@dataclass
class _Failure:
    """A try that may succeed if repeated."""

    what: str
    hint: str
    retry_after: float | None = None


class _Rejected(Exception):
    """The server refused the request itself (400/422); the caller may adjust it and try once more."""


class OpenAIChat:
    """See the module docstring. `sleep` and `seed` make backoff deterministic in tests."""

    def __init__(self, model: str, base_url: str | None, api_key: str | None, *, timeout_s: float = 60,
                 max_retries: int = 3, prices: PriceTable | None = None, image_max_side: int = 1024,
                 temperature: float | None = 0.0, supports_schema: bool = True, image_format: ImageFormat = "jpeg",
                 api_key_env: str | None = None, sleep: Callable[[float], None] = time.sleep,
                 seed: int | None = None, backoff_s: float = 0.5, max_backoff_s: float = 8.0,
                 max_retry_after_s: float = 60.0) -> None:
        self._model = model
        self.base_url = base_url or OPENAI_URL
        self.timeout_s = timeout_s
        self.max_retries = max(0, max_retries)
        self.prices = prices or PriceTable.default()
        self.image_max_side = image_max_side
        self.image_format: ImageFormat = image_format
        self.temperature = temperature
        self.supports_schema = supports_schema  # flips to False, once, when the server rejects response_format
        self.api_key_env = api_key_env or "OPENAI_API_KEY"
        self._sleep, self._rng = sleep, random.Random(seed)
        self._backoff_s, self._max_backoff_s, self._max_retry_after_s = backoff_s, max_backoff_s, max_retry_after_s
        self._secret = api_key if api_key and api_key != PLACEHOLDER_KEY else None
        self._retries = 0  # transport retries so far, for the call record
        key = api_key or (PLACEHOLDER_KEY if base_url else None)
        try:
            self._client = openai.OpenAI(api_key=key, base_url=self.base_url, timeout=timeout_s, max_retries=0,
                                         http_client=openai.DefaultHttpxClient(transport=DeadlineTransport(timeout_s)))
        except openai.OpenAIError:
            raise ModelUnavailable(f"no API key for {self.shown_url}; set {self.api_key_env}, or point --base-url at "
                                   "a local server") from None

    @property
    def model(self) -> str:
        return self._model

    @property
    def shown_url(self) -> str:
        """The base URL without credentials or query, for messages."""
        parts = urlsplit(self.base_url)
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit((parts.scheme, host, parts.path, "", "")) or self.base_url

    def complete(self, messages: list[Message], schema: type[T], *, role: str = "") -> Completion[T]:
        started = time.perf_counter()
        spent: list[Usage] = []
        images: dict[int, tuple[str, tuple[int, int]]] = {}

        retries_before = self._retries

        def send(request: list[Message]) -> RawReply:
            reply = self._send(request, schema, reask=bool(spent), images=images)
            spent.append(reply.usage)
            return reply

        completion = complete_with_reask(send, messages, schema)
        logger.debug("%s answered %s for role %s in %.2f s", self._model, schema.__name__, role or "-",
                     time.perf_counter() - started)
        return completion.model_copy(update={"latency_s": time.perf_counter() - started,
                                             "retries": self._retries - retries_before})

    # --- one request: response_format, fallback, usage -------------------------------------------------------

    def _send(self, messages: list[Message], schema: type[T], *, reask: bool,
              images: dict[int, tuple[str, tuple[int, int]]]) -> RawReply:
        for _ in range(3):  # at most two adjustments: plain mode, then no temperature
            use_schema = self.supports_schema
            request = messages if use_schema and not reask else _with_schema_instruction(messages, schema)
            kwargs = self._request_kwargs(request, schema, use_schema, images)
            try:
                response = self._call(kwargs)
            except _Rejected as exc:
                if self._adjust(str(exc), kwargs):
                    continue
                if any(isinstance(p, ImagePart) for m in messages if isinstance(m.content, list)
                       for p in m.content):
                    raise ImagesRejected(self._redact(
                        f"model server at {self.shown_url} rejected a request with images ({exc}); for a "
                        "text-only model use --vision off (or auto)")) from None
                raise self._unavailable(f"model server at {self.shown_url} rejected the request ({exc}); "
                                        "check --model and the server's logs") from None
            return self._reply(response, kwargs["messages"], images)
        raise self._unavailable(f"model server at {self.shown_url} keeps rejecting the request")

    def _adjust(self, error: str, kwargs: dict[str, Any]) -> bool:
        """Adapt to a rejection we know how to avoid; False when there is none."""
        if "response_format" in kwargs and _SCHEMA_REJECTION.search(error):
            logger.info("%s rejected response_format; describing the schema in the prompt from now on",
                        self.shown_url)
            self.supports_schema = False
            return True
        if "temperature" in kwargs and "temperature" in error.lower():
            logger.info("%s rejected temperature for %s; using the server's default", self.shown_url, self._model)
            self.temperature = None
            return True
        return False

    def _request_kwargs(self, messages: list[Message], schema: type[T], use_schema: bool,
                        images: dict[int, tuple[str, tuple[int, int]]]) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"model": self._model, "messages": [self._convert(m, images) for m in messages]}
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        if use_schema:
            kwargs["response_format"] = {"type": "json_schema", "json_schema": {
                "name": _schema_name(schema), "schema": schema_of(schema), "strict": False}}
        return kwargs

    def _convert(self, message: Message, images: dict[int, tuple[str, tuple[int, int]]]) -> dict[str, Any]:
        if isinstance(message.content, str) or message.role != "user":
            return {"role": message.role, "content": message.text()}
        parts: list[dict[str, Any]] = []
        for part in message.content:
            if isinstance(part, TextPart):
                parts.append({"type": "text", "text": part.text})
            else:
                url = self._image_url(part, images)
                parts.append({"type": "image_url", "image_url": {"url": url, "detail": part.detail}})
        return {"role": "user", "content": parts}

    def _image_url(self, part: ImagePart, images: dict[int, tuple[str, tuple[int, int]]]) -> str:
        """Encoded once per call: a re-ask resends the same pictures."""
        if id(part.image) not in images:
            url = image_data_url(part.image, max_side=self.image_max_side, fmt=self.image_format)
            images[id(part.image)] = (url, _scaled_size(part.image, self.image_max_side))
        return images[id(part.image)][0]

    def _reply(self, response: Any, sent: list[dict[str, Any]],
               images: dict[int, tuple[str, tuple[int, int]]]) -> RawReply:
        text = _reply_text(response)
        usage = getattr(response, "usage", None)
        prompt = getattr(usage, "prompt_tokens", None)
        completion = getattr(usage, "completion_tokens", None)
        if prompt is None or completion is None:  # the server omits usage: estimate (~4 characters a token)
            prompt = _estimate_prompt_tokens(sent, images)
            completion = max(1, len(text) // 4)
        cost = self.prices.cost(self._model, prompt, completion)
        return RawReply(text=text, model=getattr(response, "model", None) or self._model,
                        usage=Usage(prompt_tokens=prompt, completion_tokens=completion, cost_usd=cost, calls=1))

    # --- transport: retries, backoff, error mapping ----------------------------------------------------------

    def _call(self, kwargs: dict[str, Any]) -> Any:
        tries = self.max_retries + 1
        for attempt in range(tries):
            try:
                return self._client.chat.completions.create(**kwargs)
            except (openai.OpenAIError, ValueError) as exc:
                failure = self._classify(exc)
            if failure.retry_after is not None and failure.retry_after > self._max_retry_after_s:
                raise self._unavailable(f"model server at {self.shown_url} {failure.what} and asks to wait "
                                        f"{failure.retry_after:.0f} s; try again later")
            if attempt + 1 < tries:
                self._retries += 1
                delay = self._delay(attempt, failure.retry_after)
                logger.warning("model server at %s %s; retry %d/%d in %.1f s", self.shown_url,
                               self._redact(failure.what), attempt + 1, self.max_retries, delay)
                self._sleep(delay)
        raise self._unavailable(f"model server at {self.shown_url} {failure.what} after {tries} "
                                f"{'try' if tries == 1 else 'tries'}; {failure.hint}")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        """Retry-After when the server gives it, else exponential backoff with equal jitter."""
        if retry_after is not None:
            return max(0.0, retry_after)
        ceiling = min(self._max_backoff_s, self._backoff_s * 2**attempt)
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def _classify(self, exc: Exception) -> _Failure:
        """A retryable failure, or raise: `_Rejected` for 400/422, `ModelUnavailable` for the rest."""
        if isinstance(exc, openai.APITimeoutError):
            return _Failure(f"did not answer within {self.timeout_s:g} s",
                            "check the server is not overloaded, or raise the timeout")
        if isinstance(exc, openai.APIConnectionError):
            return _Failure(f"is not answering ({_connection_problem(exc)})",
                            "check --base-url and that the server is running")
        if isinstance(exc, openai.APIStatusError):
            return self._classify_status(exc)
        if isinstance(exc, ValueError):  # the SDK could not decode the body (an HTML error page, say)
            return _Failure("sends answers that are not JSON", "check --base-url points at the /v1 API")
        raise self._unavailable(f"calling the model server at {self.shown_url} failed: {exc}") from None

    def _classify_status(self, exc: openai.APIStatusError) -> _Failure:
        code, detail = exc.status_code, _error_detail(exc)
        if code in (401, 403):
            raise self._unavailable(f"model server at {self.shown_url} refused the API key (HTTP {code}); set "
                                    f"{self.api_key_env} or pass --api-key-env NAME") from None
        if code == 404:
            raise self._unavailable(f"model '{self._model}' was not found at {self.shown_url} (HTTP 404); check "
                                    "--model, and that --base-url ends in /v1") from None
        if code in (400, 422):
            raise _Rejected(f"HTTP {code}: {detail}") from None
        if code == 429:
            return _Failure("is rate-limiting us (HTTP 429)", "wait, or run fewer workers in parallel",
                            _retry_after(exc.response.headers))
        if code >= 500 or code in _RETRY_STATUSES:
            return _Failure(f"keeps failing (HTTP {code}: {detail})", "check the server's logs",
                            _retry_after(exc.response.headers))
        raise self._unavailable(f"model server at {self.shown_url} answered HTTP {code}: {detail}") from None

    def _unavailable(self, message: str) -> ModelUnavailable:
        return ModelUnavailable(self._redact(message))

    def _redact(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "***")
        return _KEY_LIKE.sub(lambda m: m.group(1) + "***", text)


# --- helpers -------------------------------------------------------------------------------------------------


def _with_schema_instruction(messages: list[Message], schema: type[T]) -> list[Message]:
    """The conversation with the schema spelled out at the end of the system message (one is added if none)."""
    instruction = llm_prompt("schema_instruction").format(schema=json.dumps(schema_of(schema), separators=(",", ":")))
    if messages and messages[0].role == "system":
        first = messages[0]
        content: str | list[TextPart | ImagePart] = (
            f"{first.content}\n\n{instruction}" if isinstance(first.content, str)
            else [*first.content, TextPart(text=instruction)])
        return [Message(role="system", content=content), *messages[1:]]
    return [Message(role="system", content=instruction), *messages]


def _schema_name(schema: type[Any]) -> str:
    """OpenAI wants ^[a-zA-Z0-9_-]{1,64}$; generic pydantic names hold brackets."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", schema.__name__)[:64] or "answer"


def _scaled_size(image: Image.Image, max_side: int) -> tuple[int, int]:
    width, height = image.size
    scale = min(1.0, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reply_text(response: Any) -> str:
    """The answer text; a refusal or a reasoning-only answer (some vLLM models) stands in for empty content."""
    choices = getattr(response, "choices", None)
    if not choices:
        return ""
    message = getattr(choices[0], "message", None)
    for field in ("content", "refusal", "reasoning_content"):
        value = getattr(message, field, None)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _estimate_prompt_tokens(sent: list[dict[str, Any]], images: dict[int, tuple[str, tuple[int, int]]]) -> int:
    sizes = {url: size for url, size in images.values()}
    total = 0
    for message in sent:
        content = message["content"]
        parts: list[dict[str, Any]] = [{"type": "text", "text": content}] if isinstance(content, str) else content
        for part in parts:
            if part["type"] == "text":
                total += len(part["text"]) // 4 + 1
            else:
                size = sizes.get(part["image_url"]["url"], (512, 512))
                total += estimate_image_tokens(size, part["image_url"].get("detail", "auto"))
        total += 4  # role and separators
    return total


def _connection_problem(exc: BaseException) -> str:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        text = str(seen).lower()
        if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return "host not found"
        if "peer closed" in text or "incomplete" in text or "disconnected" in text:
            return "connection closed mid-answer"
        if "ssl" in text or "certificate" in text:
            return "TLS error"
        seen = seen.__cause__ or seen.__context__
    cause = exc.__cause__
    return f"connection error: {type(cause).__name__}" if cause else "connection error"


def _error_detail(exc: openai.APIStatusError) -> str:
    body = exc.body
    message = body.get("message") if isinstance(body, dict) else None
    text = message if isinstance(message, str) else str(body or exc.message)
    return " ".join(text.split())[:200]


def _retry_after(headers: Any) -> float | None:
    """Seconds from `retry-after-ms`, or `Retry-After` as seconds or an HTTP date."""
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        value = headers.get("retry-after")
        if not value:
            return None
        try:
            return float(value)
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return None
