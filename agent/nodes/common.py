"""What the nodes share: asking a role's model (redacted, timed, never crashing on bad output), reading the
current screen from the run's cache (re-perceiving after a resume), and small record helpers."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from pydantic import BaseModel

from droidpilot.agent.nodes.asking import Call, ask
from droidpilot.agent.perception import ModelView, perceive
from droidpilot.agent.state import AgentContext, AgentState, RoleUsage, ScreenSummary, Target
from droidpilot.emulator.device import AppInfo, DeviceLost
from droidpilot.memory.signature import PageSignature, page_signature, semantic_action

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


__all__ = ["Call", "ask"]  # asking a model lives in asking.py; nodes import it from here


def installed_apps(ctx: AgentContext) -> list[AppInfo]:
    """The launcher's apps, asked once per run."""
    if ctx.apps is None:
        try:
            ctx.apps = ctx.device.installed_apps()
        except Exception as exc:  # a device without a launcher listing still gets planned for
            log.warning("cannot list the installed apps: %s", exc)
            ctx.apps = []
    return ctx.apps


def device_time(ctx: AgentContext) -> str:
    """The phone's own date and time ("2026-10-15 09:00 Thursday"): goals say "tomorrow" and "at 9"."""
    try:
        result = ctx.device.shell('date "+%Y-%m-%d %H:%M %A"')
    except DeviceLost:
        raise
    except Exception as exc:  # a device that cannot tell keeps the step going
        log.debug("no device time: %s", exc)
        return "unknown"
    text = result.output.strip()
    return text if result.ok and text else "unknown"


def usage_update(role: str, call: Call[Any]) -> dict[str, dict[str, Any]]:
    return {role: call.usage.model_dump()}


def observe(ctx: AgentContext) -> ModelView:
    """Observe the device, build the model's view (labels scrubbed of secrets) and the page signature (page
    memory's identity of the screen, about 1 ms), and cache them."""
    observation = ctx.device.observe()
    redact = ctx.vault.redact if ctx.vault is not None else None
    view = perceive(observation, redact=redact)
    ctx.cache.push(observation, view, ctx.redact(page_signature(observation)))
    return view


def current_page(ctx: AgentContext, view: ModelView) -> PageSignature | None:
    """The signature of the screen `view` shows (None when the cache holds another screen)."""
    return ctx.cache.page if ctx.cache.view is view else None


def current_view(ctx: AgentContext, state: AgentState) -> ModelView:
    """The cached view of the screen the state describes; after a resume (empty cache) or when the cache is
    stale, the screen is perceived again."""
    view = ctx.cache.view
    if view is None or view.fingerprint != (state.get("screen") or {}).get("fingerprint"):
        view = observe(ctx)
    return view


def summarize(view: ModelView) -> ScreenSummary:
    return ScreenSummary(package=view.package, activity=view.activity, fingerprint=view.fingerprint,
                         elements=len(view.targets), keyboard=view.keyboard_shown)


def target_of(view: ModelView, action: dict[str, Any] | None) -> Target | None:
    """The element an index-targeted action points at, as replay will look for it."""
    index = (action or {}).get("index")
    if not isinstance(index, int) or index not in view.targets:
        return None
    element = view.targets[index]
    b = element.bounds
    return Target(resource_id=element.resource_id, text=element.text, content_desc=element.content_desc,
                  class_name=element.class_name, label=view.labels.get(index, ""),
                  bounds=[b.left, b.top, b.right, b.bottom], checked=element.checked if element.checkable else None)


_DETAIL = {"press": "key", "scroll": "direction", "open_app": "app", "open_uri": "uri", "shortcut": "name"}
_NOT_NAVIGATION = ("done", "answer")


def semantic_of(ctx: AgentContext, view: ModelView, action: dict[str, Any] | None) -> str:
    """The action named by what it acts on (`tap text="Display"`, `press back`), for page memory's transitions
    and the shortcut miner; "" for actions that do not navigate."""
    kind = str((action or {}).get("action", ""))
    if not kind or kind in _NOT_NAVIGATION:
        return ""
    index = (action or {}).get("index")
    element = view.targets.get(index) if isinstance(index, int) else None
    observation = ctx.cache.observation if ctx.cache.view is view else None
    detail = str((action or {}).get(_DETAIL.get(kind, ""), "") or "")
    return ctx.redact(semantic_action(kind, element, observation, detail))


def add_tokens(record_tokens: dict[str, RoleUsage], role: str, usage: RoleUsage) -> None:
    cur = record_tokens.get(role, RoleUsage())
    record_tokens[role] = RoleUsage(prompt_tokens=cur.prompt_tokens + usage.prompt_tokens,
                                    completion_tokens=cur.completion_tokens + usage.completion_tokens,
                                    calls=cur.calls + usage.calls, cost_usd=cur.cost_usd + usage.cost_usd)
