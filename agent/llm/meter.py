"""Token and cost accounting per role: a thread-safe `UsageMeter`, and `MeteredModel`, a `ChatModel` wrapper that
records every call's usage (re-asks and answers that never fit the schema included) under its role."""

from __future__ import annotations

import threading

from pydantic import BaseModel, Field

from droidpilot.agent.llm.base import ChatModel, Completion, Message, ModelOutputError, T, Usage


class UsageSummary(BaseModel):
    """What a run reports: the total and the split per role (for result.json and benchmark metrics)."""

    total: Usage = Field(default_factory=Usage)
    by_role: dict[str, Usage] = Field(default_factory=dict)


class UsageMeter:
    """Sums `Usage` per role and in total; safe to share between threads and models."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_role: dict[str, Usage] = {}

    def record(self, role: str, usage: Usage) -> None:
        with self._lock:
            self._by_role[role] = self._by_role.get(role, Usage()) + usage

    def by_role(self) -> dict[str, Usage]:
        with self._lock:
            return {role: usage.model_copy() for role, usage in self._by_role.items()}

    def total(self) -> Usage:
        with self._lock:
            return sum(self._by_role.values(), Usage())

    def summary(self) -> UsageSummary:
        by_role = self.by_role()
        return UsageSummary(total=sum(by_role.values(), Usage()), by_role=by_role)


class MeteredModel:
    """Wraps any `ChatModel`; each call is recorded under the caller's `role`, else this wrapper's `role`,
    else "default". Calls that end in `ModelOutputError` are recorded too when the error carries usage."""

    def __init__(self, inner: ChatModel, meter: UsageMeter, role: str | None = None) -> None:
        self.inner = inner
        self.meter = meter
        self.role = role

    @property
    def model(self) -> str:
        return self.inner.model

    def complete(self, messages: list[Message], schema: type[T], *, role: str = "") -> Completion[T]:
        role = role or self.role or "default"
        try:
            completion = self.inner.complete(messages, schema, role=role)
        except ModelOutputError as exc:
            self.meter.record(role, exc.usage)
            raise
        self.meter.record(role, completion.usage)
        return completion
