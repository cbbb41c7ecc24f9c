"""The shortcut miner's first half: a successful run's steps become draft shortcuts.

A run is cut into segments, one per subgoal and app (a leading `open_app` is where the segment starts: it
becomes the precondition "this app, on this page, with the first element present"). In a segment, typed text
becomes a parameter named after its field (`first_name`, `message`), and a tapped list row whose text is a typed
value (or several, "Alice Doe" = `{first_name} {last_name}`) reuses those parameters; a row the subgoal names, or
one matching values typed in an earlier segment, becomes a parameter of its own. Steps act on locators built from
what the step recorded (resource-id, text, content-desc; never coordinates), and each step expects what the next
screen showed: an element that appeared or went away, or the activity it opened. Steps that change state carry
that state, read from the screen: a tapped switch requires the state it was in and expects the other, a typed field
expects its value, and either is skipped when its effect is already in place (Wi-Fi already off stays off).
`agent/mining.py` names, deduplicates, validates and saves the drafts. The miner lives in `agent/` because it
reads run directories through agent/trajectory.py, and shortcuts/ must not import the agent.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from pydantic import BaseModel, Field

from droidpilot.agent.safety import kind_of_text
from droidpilot.agent.state import StepRecord
from droidpilot.agent.trajectory import RunRecord
from droidpilot.memory.signature import KeyElement, PageSignature, parse_semantic_action
from droidpilot.shortcuts.model import AppInForeground, Condition, ElementAbsent, ElementPresent, Locator, Param, Step

MIN_STEPS = 2
MAX_TEXT = 50
TOGGLES = ("Switch", "SwitchCompat", "SwitchMaterial", "CheckBox", "MaterialCheckBox", "ToggleButton",
           "CompoundButton", "CheckedTextView", "RadioButton", "MaterialRadioButton")
MINABLE = ("tap", "long_press", "type", "press", "scroll", "open_uri", "wait")
FIELD_NOISE = {"edit", "edt", "et", "text", "txt", "input", "field", "view", "tv", "box", "compose", "entry",
               "value", "edittext"}
PHONE_WORDS = {"phone", "number", "tel", "mobile", "recipient"}
STOP = {"a", "an", "and", "the", "to", "in", "on", "of", "for", "with", "her", "his", "their", "its", "it", "at",
        "by", "from", "then", "into", "as", "new", "this", "that"}
_PHONE = re.compile(r"\+?[\d\s().\-]{5,}")
_PLACEHOLDER = re.compile(r"\{\w+(?::\w+)?\}")


class Unminable(Exception):
    """A step that cannot be part of a shortcut; the message says which and why."""


class Draft(BaseModel):
    """A shortcut before naming and validation."""

    subgoal: str
    app: str
    app_label: str
    start_title: str = ""
    run_steps: list[int]
    params: list[Param]
    preconditions: list[Condition] = Field(default_factory=list)
    steps: list[Step]
    sensitive: str = ""
    alternatives: dict[str, list[str]] = Field(default_factory=dict, description="other list items per choice")
    opened_app: bool = False
    fallback: Draft | None = Field(None, description="the same steps with list choices kept literal")


class Rejected(BaseModel):
    run_steps: list[int]
    subgoal: str = ""
    reason: str


class Segment(NamedTuple):
    subgoal: str
    package: str
    app_label: str
    steps: list[StepRecord]
    opened_app: bool


# -- segments ----------------------------------------------------------------------------------------------------

def _app_of(step: StepRecord) -> str:
    if step.action_name in ("open_app", "open_uri") and step.after is not None:
        return step.after.package
    return step.before.package


def _worked(step: StepRecord) -> bool:
    return bool(step.action) and step.ok and step.verdict != "failure"


def segments(run: RunRecord) -> list[Segment]:
    """Consecutive successful steps of one subgoal in one app; an `open_app` starts a new segment."""
    out: list[Segment] = []
    current: list[StepRecord] = []
    for step in [s for s in run.steps if _worked(s) and s.action_name not in ("done", "answer")]:
        if step.subgoal == "(finish)":
            continue
        if current and (step.action_name == "open_app" or (step.subgoal, _app_of(step)) !=
                        (current[-1].subgoal, _app_of(current[-1]))):
            out.append(_segment(current))
            current = []
        current.append(step)
    if current:
        out.append(_segment(current))
    return out


def _segment(steps: list[StepRecord]) -> Segment:
    opened = steps[0].action_name == "open_app"
    label = str((steps[0].action or {}).get("app", "")) if opened else ""
    package = _app_of(steps[0])
    return Segment(steps[0].subgoal, package, label or package.rpartition(".")[2].title(),
                   steps[1:] if opened else steps, opened)


# -- parameters --------------------------------------------------------------------------------------------------

def literal(text: str) -> str:
    """Text as a template that renders to itself."""
    return text.replace("{", "{{").replace("}", "}}")


def slug(text: str, fallback: str = "text") -> str:
    words = [w for w in re.split(r"[^a-z0-9]+", text.casefold()) if w]
    name = "_".join(words)[:40].strip("_") or fallback
    return name if name[0].isalpha() else f"p_{name}"[:40]


def field_name(step: StepRecord) -> str:
    """`first_name` from `...:id/first_name`, `message` from `compose_message_text`, else from its hint."""
    target = step.target
    rid = target.resource_id.rpartition("/")[2] if target is not None else ""
    words = [w for w in re.split(r"[^a-z0-9]+", rid.casefold()) if w and w not in FIELD_NOISE]
    if words:
        return slug("_".join(words))
    return slug((target.label or target.text) if target is not None else "", "text")


class ParamBook:
    """The segment's parameters and the values they were recorded with; run-wide typed values for linking."""

    def __init__(self, run_values: dict[str, str], choices: bool = True) -> None:
        self.params: list[Param] = []
        self.values: dict[str, str] = {}
        self.run_values = run_values
        self.choices = choices
        self.alternatives: dict[str, list[str]] = {}

    def _unique(self, name: str) -> str:
        base, n = name, 2
        while name in self.values:
            name, n = f"{base}_{n}"[:40], n + 1
        return name

    def typed(self, name: str, value: str, label: str) -> str:
        existing = self.template(value)
        if existing is not None:
            return existing
        name = self._unique(name)
        words = set(name.split("_"))
        kind = "phone" if words & PHONE_WORDS and _PHONE.fullmatch(value) else "str"
        self.params.append(Param(name=name, type=kind, description=f"typed into the '{label or name}' field",
                                 example=value))
        self.values[name] = value
        return "{" + name + "}"

    def template(self, text: str) -> str | None:
        """`{p}` when `text` is a parameter's value, `{p} {q}` when it is consecutive values joined by spaces."""
        return _joined(self.values, text)

    def chosen(self, text: str, subgoal: str, siblings: list[str]) -> str | None:
        """A new parameter for a list row that earlier segments typed, or that the subgoal names; else None."""
        linked = _joined(self.run_values, text) if self.choices else None
        if not self.choices or (linked is None and not (siblings and text.casefold() in subgoal.casefold())):
            return None
        names = _PLACEHOLDER.findall(linked or "")
        name = self._unique(_common_suffix([n.strip("{}") for n in names]) or "item")
        self.params.append(Param(name=name, description="the list item to pick, as the list shows it",
                                 example=text))
        self.values[name] = text
        self.alternatives[name] = [s for s in siblings if s != text]
        return "{" + name + "}"

    def substitute(self, text: str) -> str:
        """Literal text with parameter values (longest first) replaced by their placeholders."""
        out = literal(text)
        for name, value in sorted(self.values.items(), key=lambda kv: -len(kv[1])):
            if len(value) >= 2:
                out = out.replace(literal(value), "{" + name + "}")
        return out


def _joined(values: dict[str, str], text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    names = list(values)
    for size in (1, 2, 3):
        for i in range(len(names) - size + 1):
            group = names[i:i + size]
            if " ".join(values[n] for n in group) == text:
                return " ".join("{" + n + "}" for n in group)
    return None


def _common_suffix(names: list[str]) -> str:
    """`name` for first_name and last_name; the name itself for one."""
    if len(names) == 1:
        return names[0]
    parts = [n.split("_") for n in names]
    common: list[str] = []
    for words in zip(*(reversed(p) for p in parts), strict=False):
        if len(set(words)) != 1:
            break
        common.insert(0, words[0])
    return "_".join(common)


def run_values(run: RunRecord) -> dict[str, str]:
    """Every text the run typed, by the name its field gives it (for linking rows in later segments)."""
    out: dict[str, str] = {}
    for step in run.steps:
        text = (step.action or {}).get("text")
        if _worked(step) and step.action_name == "type" and isinstance(text, str) and text.strip():
            name, n = field_name(step), 2
            while name in out and out[name] != text:
                name, n = f"{field_name(step)}_{n}", n + 1
            out[name] = text
    return out


# -- steps -------------------------------------------------------------------------------------------------------

def _editable(class_name: str) -> bool:
    return class_name.rpartition(".")[2] in ("EditText", "AutoCompleteTextView", "SearchView")


def _siblings(step: StepRecord, text: str) -> list[str]:
    """Labels of the other rows of the list the tapped row is in (same kind and id on the page)."""
    page, target = step.page_before, step.target
    if page is None or target is None:
        return []
    kind = target.class_name.rpartition(".")[2]
    rows = [k.label for k in page.key_elements if k.kind == kind and k.resource_id == target.resource_id]
    return rows if text in rows and len(rows) >= 2 else []


def tap_locator(step: StepRecord, book: ParamBook) -> Locator:
    target = step.target
    if target is None:
        raise Unminable(f"step {step.step} acted on bare coordinates, which no shortcut may replay")
    own = target.text if target.text and not _editable(target.class_name) and len(target.text) <= MAX_TEXT else ""
    desc = target.content_desc if len(target.content_desc) <= MAX_TEXT else ""
    borrowed = "" if own or desc else (parse_semantic_action(step.semantic_action or "").text
                                       or target.label.split(" | ")[0].rstrip("…"))  # a row's first text
    text = own or borrowed
    if not (target.resource_id or text or desc):
        raise Unminable(f"step {step.step} acted on an element with no resource-id, text or description")
    if text:
        text = book.template(text) or book.chosen(text, step.subgoal, _siblings(step, text)) or literal(text)
    return Locator(resource_id=target.resource_id or None, text=text or None,
                   content_desc=literal(desc) if desc and not text else None)


def field_locator(step: StepRecord) -> Locator | None:
    target = step.target
    if target is None:
        return None  # typed into whatever field has focus
    if target.resource_id:
        return Locator(resource_id=target.resource_id)
    hint = target.label or target.text
    return Locator(class_name=target.class_name or "EditText", text=literal(hint) if hint else None)


def mined_steps(step: StepRecord, book: ParamBook) -> list[Step]:
    """The shortcut steps for one recorded step (a type with enter is two)."""
    action: dict[str, Any] = step.action or {}
    kind = step.action_name
    if kind not in MINABLE:
        raise Unminable(f"step {step.step} is a {kind} action, which shortcuts cannot replay by locator")
    expect = expectation(step, book) if kind != "type" else None
    if kind == "tap" and step.target is not None and _toggle(step.target.class_name, step.target.checked):
        return [toggle_step(step, book)]
    if kind in ("tap", "long_press"):
        return [Step(action=kind, locator=tap_locator(step, book), expect=expect)]
    if kind == "type":
        text = str(action.get("text", ""))
        label = step.target.label if step.target is not None else ""
        template = book.typed(field_name(step), text, label) if text.strip() else literal(text)
        typed = Step(action="type", locator=field_locator(step), text=template, clear=bool(action.get("clear")))
        shows = expectation(step, book)  # the field showing the value: typing it again would change nothing
        typed = typed.model_copy(update={"expect": shows, "idempotent": shows is not None})
        if action.get("enter"):
            return [typed.model_copy(update={"expect": None, "idempotent": False}),
                    Step(action="press", key="enter", expect=None)]
        return [typed]
    if kind == "press":
        return [Step(action="press", key=str(action.get("key", "back")), expect=expect)]
    if kind == "scroll":
        locator = tap_locator(step, book) if action.get("index") is not None else None
        return [Step(action="scroll", direction=action.get("direction", "down"), locator=locator, expect=expect)]
    if kind == "open_uri":
        return [Step(action="open_uri", uri=book.substitute(str(action.get("uri", ""))), expect=expect)]
    return [Step(action="wait", seconds=float(action.get("seconds", 1.0)))]


def _toggle(class_name: str, checked: bool | None) -> bool:
    return checked is not None or class_name.rpartition(".")[2] in TOGGLES


def toggle_step(step: StepRecord, book: ParamBook) -> Step:
    """A tap on a switch or check box: requires the state the run saw and expects the other (a radio button
    only ever turns on); skipped when the switch is already where the run left it."""
    target = step.target
    assert target is not None
    if target.checked is None:
        raise Unminable(f"step {step.step} flipped a {target.class_name.rpartition('.')[2]} whose state the run did "
                        "not record, so a shortcut could not tell on from off")
    locator = tap_locator(step, book)
    radio = "Radio" in target.class_name
    before = locator.model_copy(update={"checked": target.checked})
    after = locator.model_copy(update={"checked": True if radio else not target.checked})
    return Step(action="tap", locator=locator, requires=None if radio else ElementPresent(locator=before),
                expect=ElementPresent(locator=after), idempotent=True)


# -- postconditions ----------------------------------------------------------------------------------------------

def _short_activity(activity: str) -> str:
    return activity.rpartition(".")[2]


def _present(key: KeyElement, book: ParamBook) -> ElementPresent:
    return ElementPresent(locator=Locator(resource_id=key.resource_id, text=book.template(key.label)))


def _unique_ids(page: PageSignature) -> list[KeyElement]:
    """Key elements with an id no other key element has (not list rows, whose ids repeat with the data)."""
    ids = [k.resource_id for k in page.key_elements]
    return [k for k in page.key_elements if k.resource_id and ids.count(k.resource_id) == 1]


def expectation(step: StepRecord, book: ParamBook) -> Condition | None:
    """What the screen after the step must show: the typed text in its field; else an element that appeared
    (showing a parameter's value, or with an id the screen did not have), or the field whose parameter value
    went away (a message sent), or the activity the step opened, or an element that vanished."""
    before, after = step.page_before, step.page_after
    if after is None or before is None:
        changed = step.after is not None and step.after.activity != step.before.activity
        return AppInForeground(package=step.after.package, activity=_short_activity(step.after.activity)) \
            if changed and step.after is not None else None
    if step.action_name == "type" and step.target is not None and step.target.resource_id:
        text = str((step.action or {}).get("text", ""))
        shown = any(k.resource_id == step.target.resource_id and k.label == text for k in after.key_elements)
        return _present(KeyElement(label=text, resource_id=step.target.resource_id), book) if shown else None
    pairs_before = {(k.resource_id, k.label) for k in before.key_elements}
    pairs_after = {(k.resource_id, k.label) for k in after.key_elements}
    ids_before = {k.resource_id for k in before.key_elements}
    appeared = [k for k in _unique_ids(after) if (k.resource_id, k.label) not in pairs_before]
    gone = [k for k in _unique_ids(before) if (k.resource_id, k.label) not in pairs_after]
    linked_in = [k for k in appeared if book.template(k.label)]
    linked_out = [k for k in gone if book.template(k.label)]
    new_ids = [k for k in appeared if k.resource_id not in ids_before]
    if linked_in or new_ids:
        return _present((linked_in or new_ids)[0], book)
    if linked_out:
        return ElementAbsent(locator=Locator(resource_id=linked_out[0].resource_id,
                                             text=book.template(linked_out[0].label)))
    if after.activity != before.activity:
        return AppInForeground(package=after.package, activity=_short_activity(after.activity))
    vanished = [k for k in gone if k.resource_id not in {k.resource_id for k in after.key_elements}]
    return ElementAbsent(locator=Locator(resource_id=vanished[0].resource_id)) if vanished else None


# -- drafts ------------------------------------------------------------------------------------------------------

def _preconditions(first: StepRecord, first_step: Step) -> list[Condition]:
    if first_step.action == "open_uri":
        return []
    page = first.page_before
    package, activity = (page.package, page.activity) if page is not None else (first.before.package,
                                                                                first.before.activity)
    out: list[Condition] = [AppInForeground(package=package, activity=_short_activity(activity) or None)]
    if first_step.locator is not None:
        out.append(ElementPresent(locator=first_step.locator))
    return out


def _sensitive(steps: list[StepRecord]) -> str:
    for step in steps:
        kind = str((step.outcome or {}).get("sensitive") or "")
        target = step.target
        if not kind and target is not None and step.action_name in ("tap", "long_press"):
            kind = kind_of_text(target.text, target.content_desc, target.resource_id, target.label)
        if kind:
            return kind
    return ""


def draft(segment: Segment, values: dict[str, str], choices: bool = True) -> Draft:
    """Raises Unminable when a step cannot be replayed by locator, or the segment is too short. With
    `choices`, list rows may become parameters, and the draft carries a fallback that keeps them literal."""
    if len(segment.steps) < MIN_STEPS:
        raise Unminable(f"{len(segment.steps)} step(s) after opening the app: too short to be worth a shortcut")
    book = ParamBook(values, choices)
    steps = [s for record in segment.steps for s in mined_steps(record, book)]
    first = segment.steps[0]
    start = first.page_before.title if first.page_before is not None else ""
    return Draft(subgoal=segment.subgoal, app=segment.package, app_label=segment.app_label, start_title=start,
                 run_steps=[s.step for s in segment.steps], params=book.params,
                 preconditions=_preconditions(first, steps[0]), steps=steps, sensitive=_sensitive(segment.steps),
                 alternatives=book.alternatives, opened_app=segment.opened_app,
                 fallback=draft(segment, values, choices=False) if book.alternatives else None)


def find_drafts(run: RunRecord) -> tuple[list[Draft], list[Rejected]]:
    """Draft shortcuts from every segment of the run, and the segments that could not become one (and why)."""
    values = run_values(run)
    drafts: list[Draft] = []
    rejected: list[Rejected] = []
    for segment in segments(run):
        try:
            drafts.append(draft(segment, values))
        except Unminable as exc:
            rejected.append(Rejected(run_steps=[s.step for s in segment.steps], subgoal=segment.subgoal,
                                     reason=str(exc)))
    return drafts, rejected
