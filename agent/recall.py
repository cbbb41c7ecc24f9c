"""What the agent brings to a plan from outside the run: shortcuts it can call, pages it remembers (and how to
reach them from the current screen), and tips from earlier runs. Everything here is bounded in size and never
fails a run: a broken memory file or library costs the prompt a section, not the run.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable

from droidpilot.agent.state import AgentContext
from droidpilot.memory.models import MemoryStoreError, Page, Transition
from droidpilot.memory.signature import PageSignature
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS
from droidpilot.shortcuts.library import describe_for_manager
from droidpilot.shortcuts.model import Shortcut

log = logging.getLogger(__name__)

MAX_DESCRIPTION = 140
MAX_PATH_SHOWN = 8
MAX_TIPS = 8
TIPS_PER_APP = 3
_WORD = re.compile(r"\w+")
_STOP = frozenset({"a", "an", "and", "the", "to", "in", "on", "of", "for", "with", "her", "his", "their", "it", "is",
                   "at", "by", "from", "then"})
_STORE_ERRORS = (MemoryStoreError, sqlite3.Error, OSError)


# -- shortcuts ---------------------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    """Content words, crudely singular ("contacts" = "contact"); numbers say nothing about which routine fits."""
    words = (m.casefold() for m in _WORD.findall(text))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP and not w.isdigit()}


def rank_shortcuts(shortcuts: Iterable[Shortcut], query: str) -> list[Shortcut]:
    """Shortcuts sharing words with `query`, best first (a word in the name counts more than in the
    description); among equals the usage counters decide (most successes, then best success rate)."""
    wanted = _words(query)

    def score(s: Shortcut) -> float:
        return 3.0 * len(wanted & _words(s.name.replace("_", " "))) + len(wanted & _words(s.description))

    def rate(s: Shortcut) -> float:
        return s.success_count / s.usage_count if s.usage_count else 0.0

    return sorted(shortcuts, key=lambda s: (-score(s), -s.success_count, -rate(s), s.name))


def shortcut_choices(ctx: AgentContext, query: str, limit: int) -> list[Shortcut]:
    """Up to `limit` shortcuts for apps on this device, those matching `query` first; demoted ones left out."""
    if not ctx.settings.shortcuts or limit <= 0:
        return []
    try:
        everything = ctx.shortcuts.list() if ctx.shortcuts is not None else list(BUILTIN_SHORTCUTS)
        found = ctx.shortcuts.search(query, k=limit) if ctx.shortcuts is not None else []
    except (sqlite3.Error, OSError, ValueError) as exc:
        log.warning("shortcut library unusable, listing built-ins only: %s", exc)
        everything, found = list(BUILTIN_SHORTCUTS), []
    installed = {a.package for a in ctx.apps or []}
    ordered: dict[str, Shortcut] = {}
    for s in [*found, *rank_shortcuts(everything, query)]:
        if s.demoted:
            continue  # failed twice in a row: not offered until a use by name succeeds again
        if s.name not in ordered and (not installed or s.app in installed):
            ordered[s.name] = s
    return list(ordered.values())[:limit]


def _clipped(s: Shortcut) -> Shortcut:
    if len(s.description) <= MAX_DESCRIPTION:
        return s
    return s.model_copy(update={"description": s.description[: MAX_DESCRIPTION - 1] + "…"})


def shortcuts_text(ctx: AgentContext, query: str, limit: int) -> str:
    """The manager's list: `- name(arg: type): description`, one per line."""
    chosen = shortcut_choices(ctx, query, limit)
    return describe_for_manager(_clipped(s) for s in chosen)


def operator_shortcuts_text(ctx: AgentContext, query: str, limit: int = 6) -> str:
    if not ctx.settings.shortcuts:
        return "(shortcuts are off in this run)"
    return shortcuts_text(ctx, query, limit) or "(none)"


# -- page memory -------------------------------------------------------------------------------------------------

def find_page(ctx: AgentContext, sig: PageSignature | None) -> Page | None:
    """The remembered page this signature is (same package and skeleton)."""
    if ctx.memory is None or sig is None:
        return None
    return ctx.memory.find_page(sig.package, sig.structure_hash)


def _path_text(path: list[Transition]) -> str:
    shown = " -> ".join(t.action for t in path[:MAX_PATH_SHOWN])
    return shown + (f" -> ... ({len(path)} actions)" if len(path) > MAX_PATH_SHOWN else "")


def _route(ctx: AgentContext, here: Page | None, page: Page) -> str:
    assert ctx.memory is not None
    if here is not None and here.id == page.id:
        return "you are on this page now"
    if here is not None:
        try:
            return f"from here: {_path_text(ctx.memory.shortest_path(here.id, page.id))}"
        except MemoryStoreError:  # NoPath, or a page that vanished meanwhile
            pass
    return _route_from_entry(ctx, here, page)


def _route_from_entry(ctx: AgentContext, here: Page | None, page: Page) -> str:
    """From another app or the home screen (which a crawl never records): open the page's app, then the
    recorded way from the page the app opens on."""
    assert ctx.memory is not None
    if here is not None and here.package == page.package:
        return ""  # open_app would resume this app where it is, not on its entry page
    entry = ctx.memory.entry_page(page.package)
    if entry is None:
        return ""
    label = next((a.label for a in ctx.apps or [] if a.package == page.package), page.package)
    if entry.id == page.id:
        return f"open_app {label}"
    try:
        return f"open_app {label} -> {_path_text(ctx.memory.shortest_path(entry.id, page.id))}"
    except MemoryStoreError:
        return ""


def known_pages(ctx: AgentContext, query: str, sig: PageSignature | None, k: int) -> tuple[str, list[str]]:
    """Remembered pages relevant to `query`, each with the recorded way to it from the current screen, as a
    prompt section; and the packages of those pages."""
    if ctx.memory is None or k <= 0:
        return "", []
    try:
        here = find_page(ctx, sig)
        hits = ctx.memory.search(query, k=k)
        routes = [_route(ctx, here, h.page) or "no recorded way from this screen" for h in hits]
        rows = [f"- \"{h.page.title}\" ({h.page.package}): {route}" for h, route in zip(hits, routes, strict=True)]
    except _STORE_ERRORS as exc:
        log.warning("page memory unusable for this plan: %s", exc)
        return "", []
    if not rows:
        return "", []
    text = ("\n## Known pages and how to reach them\nFrom earlier runs (apps change; the screen is what counts):\n"
            + "\n".join(rows) + "\n")
    return text, [h.page.package for h in hits]


# -- tips --------------------------------------------------------------------------------------------------------

def tips_text(ctx: AgentContext, packages: Iterable[str]) -> str:
    """Up to TIPS_PER_APP tips for each app involved (MAX_TIPS in all), counted as used."""
    if ctx.memory is None:
        return ""
    labels = {a.package: a.label for a in ctx.apps or []}
    rows: list[str] = []
    try:
        for package in dict.fromkeys(p for p in packages if p):
            for tip in ctx.memory.tips(app=package, limit=TIPS_PER_APP):
                if len(rows) < MAX_TIPS:
                    rows.append(f"- {labels.get(package, package)}: {tip.text}")
                    ctx.memory.use_tip(tip.id)
    except _STORE_ERRORS as exc:
        log.warning("tips unusable for this plan: %s", exc)
    if not rows:
        return ""
    return "\n## Tips from earlier runs\n" + "\n".join(rows) + "\n"


def app_tips_text(ctx: AgentContext, package: str) -> str:
    """The current app's tips for the operator (not counted as uses: the manager's listing counts them)."""
    if ctx.memory is None or not package:
        return ""
    try:
        tips = ctx.memory.tips(app=package, limit=TIPS_PER_APP)
    except _STORE_ERRORS as exc:
        log.warning("tips unusable for this step: %s", exc)
        return ""
    if not tips:
        return ""
    label = next((a.label for a in ctx.apps or [] if a.package == package), package)
    return f"\n## Tips for {label} from earlier runs\n" + "\n".join(f"- {t.text}" for t in tips) + "\n"


def apps_in(ctx: AgentContext, text: str) -> list[str]:
    """Packages of installed apps whose launcher label appears in `text` (the goal names the apps it needs)."""
    found = []
    for app in ctx.apps or []:
        stem = app.label.casefold().removesuffix("s")
        if stem and re.search(rf"(?<!\w){re.escape(stem)}", text.casefold()):
            found.append(app.package)
    return found
