"""The explorer loop: one app, one device, one capture per step.

Each step: choose an event (the policy, or recovery when the app was left), perform it, observe once, and that
single observation is both the event's result and the next step's starting screen. New states and content
variants are written to states/, the event to events/, then the step's journal line is fsync'd; only then do
page memory and the dataset see it. A crawl whose OUT/<package>/ holds a journal resumes from it.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from droidpilot.crawler.border import Launcher, PageRecorder, app_edge, home_screen, mark_border
from droidpilot.crawler.card import write_app_card
from droidpilot.crawler.config import CrawlConfig
from droidpilot.crawler.coverage import catalogue_for, declared_activities, open_window, qualify
from droidpilot.crawler.dataset import screen_writer, transition_writer
from droidpilot.crawler.events import BACK, RESTART, CrawlEvent, DenyList, extract_events, perform, text_for
from droidpilot.crawler.graph import Graph, Node, utg_dict
from droidpilot.crawler.journal import Journal, JournalLine, MissLine, RecordMeta, SessionLine, StepLine, TargetView
from droidpilot.crawler.models import CrawlProgress, CrawlResult, DiskProblem, PhashRegistry
from droidpilot.crawler.output import TraceWriter
from droidpilot.crawler.policies import Policy, PolicyContext
from droidpilot.crawler.redact import redact_observation, redact_text
from droidpilot.crawler.report import write_report
from droidpilot.crawler.state import (
    LAUNCHER,
    OUTSIDE,
    Capture,
    dhash,
    identify,
    is_home,
    list_words,
    skeleton,
    state_dict,
    view_str,
)
from droidpilot.emulator.device import Device, Observation, UIElement
from droidpilot.memory.store import MemoryStore

log = logging.getLogger(__name__)
MAX_SEEK = 6
"""Scrolls spent on one visit looking for a state's off-screen events."""
MAX_FAILED_LAUNCHES = 3
Decision = tuple[CrawlEvent, UIElement | None, bool]


@dataclass
class _Start:
    """Where a step starts: the state on screen, its record, and the element acted on."""

    state: str | None
    tag: int
    view: TargetView | None


@dataclass
class _Seek:
    state: str = ""
    direction: str = "down"
    scrolls: int = 0
    flips: int = 0
    active: bool = False


class Explorer:
    def __init__(self, device: Device, config: CrawlConfig, policy: Policy, *, memory: MemoryStore | None = None,
                 phashes: PhashRegistry | None = None, on_progress: Callable[[CrawlProgress], None] | None = None,
                 device_name: str = "", stop: threading.Event | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.device, self.config, self.policy, self.memory = device, config, policy, memory
        self.stop = stop
        self.phashes, self.on_progress, self.device_name, self.clock = phashes, on_progress, device_name, clock
        self.package = config.package
        self.trace = TraceWriter(config.app_dir)
        self.journal = Journal(config.app_dir / "journal.jsonl")
        self.shards = screen_writer(config.app_dir / "dataset", self.trace.states, self.package, config.shard_rows)
        self.moves = transition_writer(config.app_dir / "dataset", self.package, config.shard_rows)
        self.catalogue = catalogue_for(device, self.package)
        self.deny = DenyList(config.deny)
        self.graph = Graph()
        self.step, self.session_steps, self.since_new, self.denied, self.records = 0, 0, 0, 0, 0
        self.elapsed_before, self.started = 0.0, clock()
        self.screens: set[str] = set()
        self.resumed = False
        self.obs: Observation | None = None
        self.capture: Capture | None = None
        self.live: dict[str, UIElement] = {}
        self.here: str | None = None
        self.restarted, self.outside_backs, self.failed_launches = False, 0, 0
        self.seek = _Seek()
        self.rng = random.Random(config.seed)
        self.launcher = Launcher(device, self.package)
        self.pages = PageRecorder(memory, config.redact) if memory is not None else None
        self.episode = -1
        self.outside_tag = -1
        self.declared: set[str] = set()
        self.curve: list[tuple[int, int, int]] = []
        """(step, states, transitions) after each step: the discovery curve."""

    # -- resume ---------------------------------------------------------------------------------------------
    def restore(self) -> None:
        """Rebuild the graph, counters and pending dataset rows from the journal; drop files it does not hold."""
        lines = self.journal.load()
        steps = [line for line in lines if isinstance(line, StepLine)]
        for line in lines:
            self._replay(line)
        self.trace.remove_orphans({s.step for s in steps}, {s.record.tag for s in steps if s.record})
        self.shards.resume([s.record for s in steps if s.record is not None and s.record.dataset])
        self.moves.resume(steps)
        if steps:
            self.resumed = True
            self.step, self.elapsed_before = steps[-1].step + 1, steps[-1].elapsed
        self.rng = random.Random(f"{self.config.seed}:{self.step}")

    def _replay(self, line: JournalLine) -> None:
        if isinstance(line, MissLine):
            if line.state in self.graph.nodes:
                self.graph.miss(line.state, line.event_id)
            return
        if not isinstance(line, StepLine):
            return
        restore_ranked = getattr(self.policy, "restore_ranked", None)
        if line.ranked and callable(restore_ranked):
            restore_ranked(line.ranked)
        if line.target != OUTSIDE:
            node = self.graph.add_node(line.target, line.package, line.activity, line.title, line.step)
            self.graph.add_events(line.target, line.new_events)
            if line.event.kind == "restart":
                self.graph.root = line.target
            if line.record is not None:
                self._keep_record(node, line.record)
        elif line.record is not None:
            self.outside_tag = line.record.tag
            self.records += 1
        self.graph.add_transition(line.source, line.event, line.target, line.step,
                                  line.view.view_str if line.view else "")
        app_edge(self.graph, line)
        self.episode = line.trace
        self.curve.append((line.step, len(self.graph.nodes), self.graph.num_transitions))
        self.since_new = 0 if line.new_state else self.since_new + 1
        self.denied += line.denied
        if line.screen:
            self.screens.add(line.screen)

    def _keep_record(self, node: Node, record: RecordMeta) -> None:
        node.records.append(record.tag)
        node.variant_tags[record.variant] = record.tag
        self.records += 1
        if self.phashes is not None and record.dataset:
            self.phashes.own(record.phash, record.skeleton, self.package)

    # -- the loop -------------------------------------------------------------------------------------------
    def run(self) -> CrawlResult:
        """Crawl until a stop condition. An error ends the crawl like a stop condition: what was journaled
        stays, the outputs are written, and the result carries the error (stop reason "error")."""
        try:
            self.restore()
            self.declared = declared_activities(self.device, self.package)
            self.journal.append(SessionLine(started=time.time(), policy=self.policy.name, device=self.device_name))
            reason = self._loop()
        except KeyboardInterrupt:
            self.finish("interrupted")
            raise
        except Exception as exc:
            log.debug("crawl of %s failed at step %d", self.package, self.step, exc_info=True)
            disk = DiskProblem.of(exc)
            if disk is not None:
                return self._stopped_by_disk(disk)
            return self.finish("error", f"{type(exc).__name__}: {exc}")
        return self.finish(reason)

    def _stopped_by_disk(self, disk: DiskProblem) -> CrawlResult:
        """The disk refused a write: stop without writing anything more (the outputs are rebuilt from the journal,
        whose last line is whole, when the same command runs again with room on the disk)."""
        with suppress(OSError):
            self.journal.close()
        result = self._result("disk", f"cannot write {disk.path}: {disk.message}")
        result.disk = disk
        return result

    def _loop(self) -> str:
        while (reason := self._stop_reason()) is None:
            decision = self._decide()
            if isinstance(decision, str):
                return decision
            self._step(*decision)
        return reason

    def elapsed(self) -> float:
        return self.elapsed_before + self.clock() - self.started

    def _stop_reason(self) -> str | None:
        c = self.config
        if self.stop is not None and self.stop.is_set():
            return "interrupted"
        if c.max_steps is not None and self.step >= c.max_steps:
            return "max_steps"
        if c.max_states is not None and len(self.graph.nodes) >= c.max_states:
            return "max_states"
        if c.time_limit is not None and self.elapsed() >= c.time_limit:
            return "time_limit"
        if c.stagnation is not None and self.since_new >= c.stagnation:
            return "stagnation"
        return None

    def _decide(self) -> Decision | str:
        """The next event, or why there is none (exhausted, app_unreachable)."""
        if self.obs is None or self.here is None:
            return RESTART, None, False
        if self.here == OUTSIDE:
            if self.failed_launches >= MAX_FAILED_LAUNCHES:
                return "app_unreachable"
            home = is_home(self.obs)
            if self.outside_backs < self.config.max_outside and not home:
                self.outside_backs += 1
                return BACK, None, False
            return RESTART, None, False
        for _ in range(len(self.graph.nodes[self.here].events) + 2):
            ctx = PolicyContext(self.graph, self.here, self.live, self.restarted, self.rng, self.obs.screenshot)
            choice = self.policy.choose(ctx)
            if choice.action == "done":
                return "exhausted"
            if choice.action == "restart":
                return RESTART, None, False
            if choice.action == "event":
                event = self.graph.nodes[self.here].events[choice.event_id]
                return event, self.live.get(event.id), choice.explore
            scroll = self._seek_scroll()
            if scroll is not None:
                return scroll, self.live[scroll.id], False
        return RESTART, None, False

    def _seek_scroll(self) -> CrawlEvent | None:
        """A scroll toward this state's off-screen events; None (and those events missed) when seeking is over."""
        assert self.here is not None
        node = self.graph.nodes[self.here]
        if self.seek.state != self.here:
            self.seek = _Seek(state=self.here)
        scrolls = [e for e in node.events.values() if e.kind == "scroll" and e.id in self.live]
        preferred = [e for e in scrolls if e.direction in (self.seek.direction, "")] or scrolls
        if not preferred or self.seek.scrolls >= MAX_SEEK or self.seek.flips >= 2:
            for event in node.unexplored():
                if event.id not in self.live and event.kind != "back":
                    self.graph.miss(self.here, event.id)
                    self.journal.append(MissLine(state=self.here, event_id=event.id))
            self.seek = _Seek(state=self.here)
            return None
        self.seek.scrolls += 1
        self.seek.active = True
        return preferred[0]

    # -- one step -------------------------------------------------------------------------------------------
    def _step(self, event: CrawlEvent, element: UIElement | None, explore: bool) -> None:
        source = self.here if self.here not in (None, OUTSIDE) and event.kind != "restart" else None
        start = _Start(self.here, self._tag_of(self.capture), self._target(element))
        text = ""
        if event.kind == "type":
            text = self.policy.text_for(self.here or "", event) or text_for(
                element, self.config.inputs, self.config.default_text, list_words(self.obs))
        home = None
        if event.kind == "restart":
            self.episode += 1
            home = home_screen(self.device, self.obs)
            if home is not None:  # opened from the home screen: the launcher's icon, as a person would
                start.state, event = LAUNCHER, self.launcher.open_app()
        done = perform(self.device, event, element, self.package, text)
        obs = self.device.observe()
        cap = identify(obs, self.package)
        shown = obs
        if self.config.redact:  # the title is a page's text too (a contact's name, a chat partner's number)
            shown = redact_observation(obs)
            cap = cap.model_copy(update={"title": redact_text(cap.title)})
        line = self._observe(shown, cap, done, source, start, explore)
        mark_border(line, home, (obs, shown), cap, self.config.redact)
        take_ranked = getattr(self.policy, "take_ranked", None)  # the llm policy's counts, for a resumed card
        if callable(take_ranked):
            line.ranked = take_ranked()
        self.journal.append(line)
        self._after(line, shown, cap)

    def _target(self, element: UIElement | None) -> TargetView | None:
        """The acted-on element with its DroidBot view_str; its crop goes to views/ (written once per view)."""
        if element is None or self.obs is None:
            return None
        b = element.bounds
        target = TargetView(text=element.text, content_desc=element.content_desc, resource_id=element.resource_id,
                            class_name=element.class_name, bounds=(b.left, b.top, b.right, b.bottom),
                            view_str=view_str(self.obs, element))
        self.trace.write_view(target.view_str, self.obs, target.bounds)
        return target

    def _tag_of(self, capture: Capture | None) -> int:
        """The record (screen file) that shows this capture's state and variant; -1 if none."""
        if capture is None:
            return -1
        if not capture.in_app:
            return self.outside_tag
        node = self.graph.nodes[capture.state]
        return node.variant_tags.get(capture.variant, node.records[0] if node.records else -1)

    def _observe(self, obs: Observation, cap: Capture, done: CrawlEvent, source: str | None, start: _Start,
                 explore: bool) -> StepLine:
        """Update the graph and write the step's files; returns its journal line (not yet appended)."""
        step, new_state, new_events, denied, record = self.step, False, [], 0, None
        if cap.in_app:
            events, self.live, denied = extract_events(obs, self.deny)
            new_state = cap.state not in self.graph.nodes
            node = self.graph.add_node(cap.state, cap.package, cap.activity, cap.title, step)
            new_events = self.graph.add_events(cap.state, events)
            if done.kind == "restart":
                self.graph.root = cap.state
            if cap.variant not in node.variant_tags and len(node.records) < self.config.max_variants:
                record = self._record(obs, cap, start.tag, in_dataset=True)
        else:
            self.live = {}
            if self.outside_tag < 0:  # one capture stands for every foreign screen, so events join a state file
                record = self._record(obs, cap, start.tag, in_dataset=False)
        self.graph.add_transition(source, done, cap.state, step, start.view.view_str if start.view else "")
        to_tag = record.tag if record is not None else self._tag_of(cap)
        line = StepLine(step=step, event=done, source=source, target=cap.state, start_state=start.state,
                        from_tag=start.tag, to_tag=to_tag, trace=max(self.episode, 0), view=start.view,
                        explore=explore, package=cap.package, activity=cap.activity, title=cap.title,
                        screen=self._screen(obs),
                        new_state=new_state, new_events=new_events, denied=denied if new_state else 0,
                        record=record, elapsed=round(self.elapsed(), 3))
        self.trace.write_event(line, self.package)
        return line

    def _screen(self, obs: Observation) -> str | None:
        """The catalogued screen on display: the activity, or the dialog / menu the device says is open over it
        (asked only where the catalogue lists dialogs for that activity)."""
        if self.catalogue is None or obs.package != self.package:
            return None
        window = open_window(self.device) if self.catalogue.has_windows(obs.activity) else ""
        return self.catalogue.match(obs, window)

    def _record(self, obs: Observation, cap: Capture, source_tag: int, in_dataset: bool) -> RecordMeta:
        """Write a capture (a new content variant of its state) to states/."""
        assert obs.screenshot is not None
        phash, bones = dhash(obs.screenshot), skeleton(obs)
        if in_dataset and self.phashes is not None:
            in_dataset = self.phashes.claim(phash, bones, self.package)
        self.trace.write_record(self.step, obs, state_dict(obs, cap, self.step, phash))
        return RecordMeta(tag=self.step, structure_hash=cap.structure_hash, content_hash=cap.content_hash,
                          variant=cap.variant, phash=phash, package=cap.package, activity=cap.activity,
                          title=cap.title, skeleton=bones, dataset=in_dataset, from_tag=source_tag)

    def _after(self, line: StepLine, obs: Observation, cap: Capture) -> None:
        """Bookkeeping once the step is in the journal: counters, page memory, dataset, progress."""
        if line.record is not None and not cap.in_app:
            self.outside_tag = line.record.tag
            self.records += 1
        elif line.record is not None:
            self._keep_record(self.graph.nodes[cap.state], line.record)
            if line.record.dataset:
                self.shards.add(line.record)
        self.moves.add(line)
        app_edge(self.graph, line)
        self.curve.append((line.step, len(self.graph.nodes), self.graph.num_transitions))
        if self.seek.active and line.event.kind == "scroll" and self.capture is not None \
                and self.capture.variant == cap.variant:
            self.seek.direction = "up" if self.seek.direction == "down" else "down"
            self.seek.flips += 1
        self.seek.active = False
        restart = line.event.kind == "restart"
        if cap.in_app:
            self.failed_launches = self.outside_backs = 0
        elif restart:  # the app did not come up (crashed, or another app took over)
            self.failed_launches += 1
            self.outside_backs = 0
        self.restarted = restart
        if self.pages is not None:
            self.pages.record(line, obs, cap)
        self.obs, self.capture, self.here = obs, cap, cap.state
        self.step += 1
        self.session_steps += 1
        self.since_new = 0 if line.new_state else self.since_new + 1
        self.denied += line.denied
        if line.screen:
            self.screens.add(line.screen)
        if self.step % self.config.utg_every == 0:
            self.trace.write_utg(self.utg())
        if self.on_progress is not None:
            self.on_progress(self.progress(cap.title if line.new_state else None))

    # -- reporting ------------------------------------------------------------------------------------------
    def progress(self, new_state: str | None = None) -> CrawlProgress:
        total = len(self.catalogue.screens) if self.catalogue is not None else None
        return CrawlProgress(package=self.package, device=self.device_name, step=self.step,
                             states=len(self.graph.nodes), transitions=self.graph.num_transitions,
                             records=self.records, screens_reached=len(self.screens), screens_total=total,
                             new_state=new_state)

    def utg(self) -> dict[str, object]:
        totals = {"time_spent": round(self.elapsed(), 2), "device_serial": self.device_name,
                  "app_package": self.package, "num_steps": self.step, "policy": self.policy.name}
        if self.catalogue is not None:
            totals.update({"app_num_total_activities": len(self.catalogue.activities),
                           "screens_total": len(self.catalogue.screens), "screens_reached": sorted(self.screens)})
        return utg_dict(self.graph, totals)

    def finish(self, reason: str, error: str = "") -> CrawlResult:
        """Close the shards (the partial last one too), write utg.json and the dataset card."""
        summary = (f"{self.step} steps, {len(self.graph.nodes)} states, {self.graph.num_transitions} transitions; "
                   f"policy {self.policy.name}{_ranking_note(self.policy)}; stopped: {reason}.")
        problems = [error] if error else []
        outputs: list[tuple[str, Callable[[], None]]] = [
            ("screens", self.shards.close), ("transitions", self.moves.close),
            ("utg", lambda: self.trace.write_utg(self.utg())),
            ("card", lambda: write_app_card(self.shards.directory, self.package, self.config.license, summary,
                                            self.config.redact)),
            ("journal", self.journal.close)]
        disk: DiskProblem | None = None
        for name, write in outputs:  # each output on its own: one that cannot be written spoils no other
            try:
                write()
            except Exception as exc:
                problems.append(f"writing {name}: {type(exc).__name__}: {exc}")
                disk = disk or DiskProblem.of(exc)
        result = self._result("error" if problems else reason, "; ".join(problems))
        try:
            write_report(self.config.app_dir, result, self.curve)
        except OSError as exc:
            result.error = "; ".join([*problems, f"writing report: {exc}"])
            disk = disk or DiskProblem.of(exc)
        if disk is not None:  # the same command writes these again once the disk has room
            result.stop_reason, result.disk = "disk", disk
        return result

    def _result(self, reason: str, error: str) -> CrawlResult:
        names = self.catalogue.names if self.catalogue is not None else []
        reached = {qualify(self.package, n.activity) for n in self.graph.nodes.values()}
        declared = self.declared | reached if self.declared else set()
        return CrawlResult(
            package=self.package, device=self.device_name, out_dir=self.config.app_dir, policy=self.policy.name,
            steps=self.step, session_steps=self.session_steps, states=len(self.graph.nodes), records=self.records,
            dataset_rows=self.shards.rows, transitions=self.graph.num_transitions,
            events_tried=self.graph.num_tried(), denied=self.denied, screens_reached=sorted(self.screens),
            screens_missing=[n for n in names if n not in self.screens],
            screens_total=len(names) if self.catalogue is not None else None,
            activities_reached=len(reached), activities_declared=len(declared) or None,
            activities_missing=sorted(declared - reached), discovery=self.curve,
            elapsed_s=round(self.elapsed(), 3), session_s=round(self.clock() - self.started, 3),
            resumed=self.resumed, stop_reason=reason, llm_calls=getattr(self.policy, "calls", 0), error=error)


def _ranking_note(policy: Policy) -> str:
    """' (N states ranked by the model, M in dfs order ...)' for a policy that asks a model; '' otherwise."""
    note = getattr(policy, "card_note", None)
    return f" ({note()})" if callable(note) else ""
