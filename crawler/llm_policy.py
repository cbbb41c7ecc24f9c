"""`llm`: dfs whose order of unexplored elements is a model's ranking, and whose typed texts the model writes.

The model is asked once per state (and again only when new candidates appear there), not once per step, as
LLM-Explorer does: it maintains knowledge, it does not drive every tap. Without an answer (server down, calls
used up, a reply that does not fit) the state keeps dfs order and the dictionary's texts.

The model also sees the screenshot, as the agent's roles do, under the same `vision` setting: `on`, `off`
(element list only), or `auto` (the image until the server rejects images, then text only for the crawl).
"""

from __future__ import annotations

import logging
from pathlib import Path
from string import Template
from typing import Literal

from PIL import Image
from pydantic import BaseModel, Field

from droidpilot.agent.llm.base import (
    ChatModel,
    ImagePart,
    ImagesRejected,
    LLMError,
    Message,
    ModelUnavailable,
    TextPart,
)
from droidpilot.crawler.events import CrawlEvent
from droidpilot.crawler.policies import GraphPolicy, PolicyContext

log = logging.getLogger(__name__)
MAX_CANDIDATES = 40
PROMPTS = Path(__file__).parent
SYSTEM = (PROMPTS / "llm_system.md").read_text(encoding="utf-8").strip()
RANKING = Template((PROMPTS / "llm_ranking.md").read_text(encoding="utf-8").strip())


class LlmInput(BaseModel):
    candidate: int
    text: str = Field(max_length=200)


class LlmRanking(BaseModel):
    ranking: list[int] = Field(description="candidate numbers, most promising first")
    inputs: list[LlmInput] = Field(default_factory=list, description="text for each 'type' candidate")


def check_model(model: ChatModel, package: str) -> None:
    """Ask the model once, as the crawl will (one tiny ranking), before any device starts: ModelUnavailable (down,
    401, hanging past its deadline) stops the crawl at once, rather than every state quietly falling back to dfs
    order in a dataset labelled 'llm'. An answer that does not fit is fine here: per-state fallback handles it."""
    user = RANKING.substitute(package=package, screen="- (-)", seen="",
                              actions='1. tap "OK" (Button)\n2. tap "Cancel" (Button)')
    try:
        model.complete([Message(role="system", content=SYSTEM), Message(role="user", content=user)], LlmRanking,
                       role="crawler")
    except ModelUnavailable:
        raise
    except LLMError as exc:
        log.warning("llm policy: the model's first answer did not fit (%s); going on", exc)


class LlmPolicy(GraphPolicy):
    name = "llm"

    def __init__(self, model: ChatModel, package: str, max_calls: int = 200,
                 vision: Literal["auto", "on", "off"] = "auto") -> None:
        super().__init__()
        self.model = model
        self.vision = vision
        self.text_only = vision == "off"
        self.package = package
        self.max_calls = max_calls
        self.calls = 0
        self.ranked: dict[str, list[str]] = {}
        self.texts: dict[tuple[str, str], str] = {}
        self.failed: set[str] = set()
        self.by_model: set[str] = set()  # states the model ranked, and states left in dfs order (for the card)
        self.by_fallback: set[str] = set()
        self._unjournaled: dict[str, Literal["model", "fallback"]] = {}

    def card_note(self) -> str:
        """How the crawl's states were ordered (every session's, once the journal was replayed), for the card."""
        fallback = self.by_fallback - self.by_model
        return f"{len(self.by_model)} states ranked by the model, {len(fallback)} in dfs order without its answer"

    def take_ranked(self) -> dict[str, Literal["model", "fallback"]]:
        """How the states ordered since the last call were ordered: the journal keeps it for a resumed card."""
        taken, self._unjournaled = self._unjournaled, {}
        return taken

    def restore_ranked(self, ranked: dict[str, Literal["model", "fallback"]]) -> None:
        """Count the orderings of an earlier session (from its journal lines)."""
        for state, by in ranked.items():
            self._tally(state, by)

    def _tally(self, state: str, by: Literal["model", "fallback"]) -> None:
        (self.by_model if by == "model" else self.by_fallback).add(state)

    def _counted(self, state: str, by: Literal["model", "fallback"]) -> None:
        self._tally(state, by)
        self._unjournaled[state] = by

    def text_for(self, state: str, event: CrawlEvent) -> str | None:
        return self.texts.get((state, event.id))

    def order(self, ctx: PolicyContext, events: list[CrawlEvent]) -> list[CrawlEvent]:
        ranked = self._ranking(ctx)
        position = {event_id: i for i, event_id in enumerate(ranked)}
        return sorted(events, key=lambda e: position.get(e.id, len(position) + e.priority))

    def _ranking(self, ctx: PolicyContext) -> list[str]:
        state = ctx.here
        known = self.ranked.setdefault(state, [])
        fresh = [e for e in ctx.graph.nodes[state].unexplored() if e.id not in known and e.kind != "back"]
        if len(fresh) < 2:
            return known
        if state in self.failed or self.calls >= self.max_calls:
            self._counted(state, "fallback")
            return known
        fresh = fresh[:MAX_CANDIDATES]
        self.calls += 1
        try:
            answer = self._ask(ctx, fresh)
        except LLMError as exc:
            log.warning("llm policy: no ranking for %s (%s); using dfs order there", state, exc)
            self.failed.add(state)
            self._counted(state, "fallback")
            return known
        self._counted(state, "model")
        for item in answer.inputs:
            if 1 <= item.candidate <= len(fresh) and fresh[item.candidate - 1].kind == "type":
                self.texts[(state, fresh[item.candidate - 1].id)] = item.text
        order = [fresh[i - 1].id for i in dict.fromkeys(answer.ranking) if 1 <= i <= len(fresh)]
        known.extend(order + [e.id for e in fresh if e.id not in order])
        return known

    def _ask(self, ctx: PolicyContext, candidates: list[CrawlEvent]) -> LlmRanking:
        """The model's ranking; with the screenshot unless text-only (a server that rejects images under
        `vision auto` is asked again without it, and never shown an image again)."""
        image = None if self.text_only else ctx.screenshot
        try:
            return self.model.complete(self._messages(ctx, candidates, image), LlmRanking, role="crawler").parsed
        except ImagesRejected:
            if image is None or self.vision != "auto":
                raise
            log.warning("llm policy: %s rejects images; ranking from the element list only", self.model.model)
            self.text_only = True
            return self.model.complete(self._messages(ctx, candidates, None), LlmRanking, role="crawler").parsed

    def _messages(self, ctx: PolicyContext, candidates: list[CrawlEvent],
                  image: Image.Image | None = None) -> list[Message]:
        node = ctx.graph.nodes[ctx.here]
        seen = sorted({n.title for n in ctx.graph.nodes.values() if n.title})
        lines = [f"{i}. {e.kind} {e.direction + ' ' if e.direction else ''}\"{e.label}\" "
                 f"({e.class_name.rpartition('.')[2] or 'element'})" for i, e in enumerate(candidates, 1)]
        user = RANKING.substitute(package=self.package, screen=f"{node.title} ({node.activity})",
                                  seen=", ".join(seen[:60]), actions="\n".join(lines))
        if image is None:
            return [Message(role="system", content=SYSTEM), Message(role="user", content=user)]
        shown = [TextPart(text="The screen:"), ImagePart(image=image, detail="low"), TextPart(text=user)]
        return [Message(role="system", content=SYSTEM), Message(role="user", content=shown)]
