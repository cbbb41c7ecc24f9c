"""The app's border: the home screen it is opened from and the other apps its intents open, and page memory.

A restart from the home screen is named as the agent's action, `open_app LABEL`, from the `<launcher>` state, and
the journal line keeps the home page's signature (`entry_from`); a step from the app into another app keeps that
page (`left_to`). Page memory records both, so a route from the home screen exists after a crawl.
"""

from __future__ import annotations

from droidpilot.crawler.events import RESTART, CrawlEvent
from droidpilot.crawler.graph import Graph
from droidpilot.crawler.journal import StepLine
from droidpilot.crawler.redact import redact_observation
from droidpilot.crawler.state import LAUNCHER, Capture, is_home
from droidpilot.emulator.device import Device, Observation
from droidpilot.memory.signature import SYSTEMUI, page_signature, semantic_action
from droidpilot.memory.store import MemoryStore


def home_screen(device: Device, current: Observation | None) -> Observation | None:
    """The home screen the app is about to be opened from, if that is what is shown (looked at once more only at
    a session's start, when nothing was observed yet)."""
    before = current if current is not None else device.observe()
    return before if is_home(before) else None


class Launcher:
    """Names the restart as the launcher's icon does, with the label the launcher shows."""

    def __init__(self, device: Device, package: str) -> None:
        self.device, self.package, self.label = device, package, ""

    def open_app(self) -> CrawlEvent:
        if not self.label:
            apps = {a.package: a.label for a in self.device.installed_apps()}
            self.label = apps.get(self.package, self.package)
        action = semantic_action("open_app", detail=self.label)
        return RESTART.model_copy(update={"id": action, "label": f"open {self.label}"})


def mark_border(line: StepLine, home: Observation | None, seen: tuple[Observation, Observation], cap: Capture,
                redact: bool) -> None:
    """Keep on the line the home page the app was opened from, or the other app's page an intent opened.
    `seen` is the observation after the step, raw and as written (redacted when the crawl redacts)."""
    raw, shown = seen
    if home is not None and cap.in_app:
        line.entry_from = page_signature(redact_observation(home) if redact else home)
    elif line.source is not None and not cap.in_app and not is_home(raw) and raw.package != SYSTEMUI:
        line.left_to = page_signature(shown) if redact else cap.signature


def app_edge(graph: Graph, line: StepLine) -> None:
    """The border crossing of a step, for utg.json's app_edges."""
    if line.entry_from is not None:
        graph.add_app_edge(LAUNCHER, line.event.id, line.target)
    elif line.left_to is not None and line.source is not None:
        graph.add_app_edge(line.source, line.event.id, f"{line.left_to.package}/{line.left_to.activity}")


class PageRecorder:
    """Page memory as the crawl goes: a visit on arrival at a page, a transition when the step changed the page,
    and the ways across the app's border (home screen -> `open_app` -> page, page -> another app's page)."""

    def __init__(self, memory: MemoryStore, redact: bool) -> None:
        self.memory, self.redact = memory, redact
        self.page_id: int | None = None

    def record(self, line: StepLine, obs: Observation, cap: Capture) -> None:
        memory = self.memory
        if not cap.in_app:
            if line.left_to is not None and self.page_id is not None:
                memory.record_transition(self.page_id, line.event.id, memory.record_page(line.left_to))
            self.page_id = None
            return
        previous = self.page_id
        here = previous if previous is not None and line.source == cap.state else None
        if here is None:  # arrived at a page
            here = memory.record_page(page_signature(obs) if self.redact else cap.signature)
        self.page_id = here
        if line.entry_from is not None:
            memory.record_transition(memory.record_page(line.entry_from), line.event.id, here)
        if previous is not None and line.source is not None and line.source != cap.state:
            memory.record_transition(previous, line.event.id, here)
