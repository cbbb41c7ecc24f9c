"""perceive: one look at the screen per step. The view (set-of-mark image, element list) stays in the run's
cache; the state gets only a summary. Screenshots are saved as the step's `step_NNN.png` / `_som.png`."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime
from PIL import Image, ImageDraw

from droidpilot.agent.nodes.common import observe, summarize
from droidpilot.agent.state import AgentContext, AgentState


def perceive_node(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    t0 = time.time()
    started = time.perf_counter()
    view = observe(ctx)
    ms = round((time.perf_counter() - started) * 1000, 2)
    ctx.writer.save_screens(state.get("step", 0) + 1, _raw_without_secrets(ctx), view.image)
    return {"screen": summarize(view).model_dump(), "perceive_ms": ms, "perceive_t0": t0}


def _raw_without_secrets(ctx: AgentContext) -> Image.Image | None:
    """The raw screenshot, with fields that show a secret value blanked (the set-of-mark image already is)."""
    observation, raw = ctx.cache.observation, ctx.cache.raw_image
    if raw is None or observation is None or ctx.vault is None or not len(ctx.vault):
        return raw
    leaking = [e.bounds for e in observation.elements if e.text and ctx.redact(e.text) != e.text]
    if not leaking:
        return raw
    image = raw.convert("RGB")
    draw = ImageDraw.Draw(image)
    for b in leaking:
        draw.rectangle((b.left, b.top, b.right - 1, b.bottom - 1), fill=(0, 0, 0))
    return image
