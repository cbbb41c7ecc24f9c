"""`FallbackModel`: a role's primary model, and the model that takes over for the rest of the run once the primary
is unavailable (down, refusing the key, timing out after its retries). Only when the fallback is unavailable too
does the caller see `ModelUnavailable` (the run's exit 3).

A server that rejects images is not an outage: `ImagesRejected` passes through, so `--vision auto` can drop the
images instead of switching models.
"""

from __future__ import annotations

import logging

from droidpilot.agent.llm.base import ChatModel, Completion, ImagesRejected, Message, ModelUnavailable, T

log = logging.getLogger(__name__)


class FallbackModel:
    def __init__(self, primary: ChatModel, fallback: ChatModel) -> None:
        self.primary = primary
        self.fallback = fallback
        self.active = primary
        self.primary_error = ""

    @property
    def model(self) -> str:
        return self.active.model

    @property
    def shown_url(self) -> str:
        return str(getattr(self.active, "shown_url", ""))

    def complete(self, messages: list[Message], schema: type[T], *, role: str = "") -> Completion[T]:
        if self.active is self.primary:
            try:
                return self.primary.complete(messages, schema, role=role)
            except ImagesRejected:
                raise
            except ModelUnavailable as exc:
                self.primary_error = str(exc)
                self.active = self.fallback
                log.warning("%s is unavailable (%s); %s takes over for the rest of the run", self.primary.model,
                            exc, self.fallback.model)
        try:
            return self.fallback.complete(messages, schema, role=role)
        except ImagesRejected:
            raise
        except ModelUnavailable as exc:
            raise ModelUnavailable(f"{exc} (the fallback {self.fallback.model}; the primary "
                                   f"{self.primary.model} failed before: {self.primary_error})") from None
