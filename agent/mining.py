"""The shortcut miner's second half: name the drafts of agent/miner.py (the model when one is given, verb +
object from the subgoal otherwise), drop those the library already has (the same steps, or the same effect:
shortcuts/equivalence.py, which merges them into the one it has), replay each with argument values the run
never used (agent/miner_replay.py: on a snapshot of the run's device, or a fresh virtual phone), and save the
ones that work.

    report = mine_run("runs/20261015-090000-ab12cd", ShortcutLibrary(path))
    for item in report.results: print(item.status, item.name, item.reason)
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from droidpilot.agent import prompting
from droidpilot.agent.llm.base import ChatModel, LLMError
from droidpilot.agent.miner import STOP, Draft, find_drafts
from droidpilot.agent.miner_replay import Validator, VirtualValidator, fresh_args
from droidpilot.agent.trajectory import load_run
from droidpilot.errors import DataError
from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS
from droidpilot.shortcuts.equivalence import equivalent
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.model import NAME_PATTERN, Shortcut, Step

log = logging.getLogger(__name__)

Status = Literal["saved", "validated", "duplicate", "merged", "rejected"]
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”")
_PLACEHOLDER = re.compile(r"\{\w+\}")
_IN_WORD_HYPHEN = re.compile(r"(?<=[a-z])[-\u2010\u2011](?=[a-z])")
PARTICLES = frozenset({"on", "off", "up", "down", "out", "in"})
PHRASAL = frozenset({"turn", "switch", "toggle", "shut", "power", "log", "sign"})


class MinerError(DataError, ValueError):
    """The directory cannot be mined (not a run, or not a successful one); the message says why."""


class Mined(BaseModel):
    """What became of one part of the run."""

    status: Status
    name: str = ""
    signature: str = ""
    run_steps: list[int] = Field(default_factory=list)
    reason: str = ""
    args: dict[str, str] = Field(default_factory=dict, description="the fresh values it was validated with")
    shortcut: Shortcut | None = None


class MineReport(BaseModel):
    run_dir: str
    goal: str
    results: list[Mined] = Field(default_factory=list)

    def by_status(self, status: Status) -> list[Mined]:
        return [r for r in self.results if r.status == status]


class Naming(BaseModel):
    name: str = Field(pattern=NAME_PATTERN, description="snake_case, verb first: create_contact")
    description: str = Field(min_length=1, description="what it does and where it starts, one sentence")


# -- naming ------------------------------------------------------------------------------------------------------

def _without_values(text: str, draft: Draft) -> str:
    text = _QUOTED.sub(" ", text)
    for param in sorted(draft.params, key=lambda p: -len(p.example)):
        if param.example:
            text = text.replace(param.example, " ")
    return text


def name_words(text: str) -> list[str]:
    """Lower-case words with in-word hyphens dropped, so 'Wi-Fi' is one word, 'wifi', not 'wi' and 'fi'."""
    return re.findall(r"[a-z][a-z0-9]*", _IN_WORD_HYPHEN.sub("", text.casefold()))


def name_from(subgoal: str, app_label: str) -> str:
    """verb[_particle]_object from whole words, the object being the first phrase after the verb (up to three
    words, the app's name left out): "Turn Wi-Fi off" -> turn_off_wifi, "Enable Do Not Disturb" ->
    enable_do_not_disturb, "Create the contact ... in Contacts" -> create_contact."""
    words = name_words(subgoal)
    start = next((i for i, w in enumerate(words) if w not in STOP), None)
    if start is None:
        return "routine"
    verb, rest = words[start], words[start + 1:]
    particle = ""
    if verb in PHRASAL and rest:  # "sign in", "turn off Wi-Fi", "turn Wi-Fi off in Settings"
        particle = rest[0] if rest[0] in PARTICLES else next((w for w in rest if w in ("on", "off")), "")
    phrase: list[str] = []
    for word in rest:
        if word == particle:
            continue
        if word in STOP:
            if phrase:
                break
            continue
        phrase.append(word)
        if len(phrase) == 3:
            break
    app_words = set(name_words(app_label))
    phrase = [w for w in phrase if w not in app_words] or phrase
    return "_".join(w for w in (verb, particle, *phrase) if w)[:64]


def heuristic_naming(draft: Draft) -> Naming:
    """Verb and object of the subgoal ("Create the contact ..." -> create_contact), the subgoal with its values
    turned into placeholders as the description."""
    name = name_from(_without_values(draft.subgoal, draft), draft.app_label)
    described = draft.subgoal.strip().rstrip(".") or f"A routine in {draft.app_label}"
    for param in sorted(draft.params, key=lambda p: -len(p.example)):
        described = described.replace(param.example, "{" + param.name + "}") if param.example else described
    where = f"the {draft.start_title!r} screen of {draft.app_label}" if draft.start_title else draft.app_label
    start = f" Starts on {where}" + (": open the app first." if draft.opened_app else ".")
    return Naming(name=name[:64], description=described + "." + (start if draft.preconditions else ""))


def model_naming(model: ChatModel, draft: Draft, fallback: Naming) -> Naming:
    steps = "\n".join(f"{i}. {s.describe()}" for i, s in enumerate(draft.steps, 1))
    params = "\n".join(f"- {p.name}: {p.type}, e.g. {p.example!r}" for p in draft.params) or prompting.NONE
    messages = prompting.messages("miner", [], subgoal=draft.subgoal or prompting.NONE, app=draft.app_label,
                                  start=draft.start_title or prompting.NONE, steps=steps, params=params,
                                  suggestion=f"{fallback.name}: {fallback.description}")
    try:
        return model.complete(messages, Naming, role="notetaker").parsed
    except LLMError as exc:
        log.warning("naming with the model failed, using the heuristic name: %s", exc)
        return fallback


def unique_name(name: str, app_label: str, taken: set[str]) -> str:
    candidates = [name, f"{name}_in_{re.sub(r'[^a-z0-9]+', '_', app_label.casefold()).strip('_')}"[:64]]
    candidates += [f"{name[:60]}_{n}" for n in range(2, 100)]
    return next(c for c in candidates if c not in taken and re.fullmatch(NAME_PATTERN, c))


# -- duplicates --------------------------------------------------------------------------------------------------

def step_key(step: Step) -> tuple[str, ...]:
    """What a step does, with parameter names blanked: two shortcuts that differ only there are the same."""
    locator = step.locator.model_dump_json(exclude_none=True) if step.locator is not None else ""
    fields = (step.action, locator, step.key or "", step.uri or "", step.direction or "", step.package or "")
    return tuple(_PLACEHOLDER.sub("{}", f) for f in fields)


def same_steps(a: Shortcut, b: Shortcut) -> bool:
    return a.app == b.app and [step_key(s) for s in a.steps] == [step_key(s) for s in b.steps]


# -- the whole job -----------------------------------------------------------------------------------------------

def _shortcut(draft: Draft, naming: Naming) -> Shortcut:
    return Shortcut(name=naming.name, description=naming.description, app=draft.app, kind="gui",
                    params=draft.params, preconditions=draft.preconditions, steps=draft.steps,
                    sensitive=draft.sensitive, source="mined")


class _Job:
    def __init__(self, library: ShortcutLibrary, model: ChatModel | None,
                 validator: Validator, save: bool) -> None:
        self.library, self.model, self.validator, self.save = library, model, validator, save
        self.known = library.list()
        self.taken = {s.name for s in self.known} | ({s.name for s in BUILTIN_SHORTCUTS} if library.has_builtins
                                                     else set())

    def one(self, draft: Draft) -> Mined:
        naming = heuristic_naming(draft)
        if self.model is not None:
            naming = model_naming(self.model, draft, naming)
        shortcut = _shortcut(draft, naming)
        twin = next((k for k in self.known if same_steps(k, shortcut)), None)
        if twin is not None:
            return Mined(status="duplicate", name=twin.name, signature=twin.signature(), run_steps=draft.run_steps,
                         reason=f"the library already has these steps as '{twin.name}'")
        same = next((k for k in self.known if equivalent(shortcut, k)), None)
        if same is not None:
            return Mined(status="merged", name=same.name, signature=same.signature(), run_steps=draft.run_steps,
                         reason=f"same app, effect and locators as '{same.name}': merged into it, not added")
        shortcut.name = unique_name(naming.name, draft.app_label, self.taken)
        args = fresh_args(shortcut, draft.alternatives)
        ok, why = self.validator.check(shortcut, args)
        if not ok and draft.fallback is not None:
            log.info("%s failed with a list choice as a parameter (%s); trying it literal", shortcut.name, why)
            return self.one(draft.fallback)
        mined = Mined(status="validated" if ok else "rejected", name=shortcut.name, signature=shortcut.signature(),
                      run_steps=draft.run_steps, args={k: str(v) for k, v in args.items()}, shortcut=shortcut,
                      reason=why if not ok or not self.validator.replays
                      else f"replayed on {self.validator.where} with {_args_text(args)}")
        if ok:
            self.known.append(shortcut)
            self.taken.add(shortcut.name)
            if self.save:
                self.library.add(shortcut)
                if self.validator.replays:
                    self.library.record_use(shortcut.name, True)  # the validation run counts as a use
                mined.status = "saved"
        return mined


def _args_text(args: dict[str, object]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in args.items()) or "no arguments"


def mine_run(run_dir: str | Path, library: ShortcutLibrary, *, model: ChatModel | None = None,
             validator: Validator | None = None, save: bool = True) -> MineReport:
    """Mine one successful run; raises MinerError when the directory is not one. Without a `validator`, each
    shortcut is replayed on a fresh virtual phone."""
    run = load_run(Path(run_dir))
    if run.result is None:
        raise MinerError(f"'{run_dir}' has no result.json: not a finished agent run")
    if run.result.status != "complete":
        raise MinerError(f"run {run.result.run_id} did not succeed ({run.result.status}): only successful runs "
                         "are mined")
    drafts, rejected = find_drafts(run)
    report = MineReport(run_dir=str(run_dir), goal=run.result.goal)
    report.results += [Mined(status="rejected", run_steps=r.run_steps, reason=r.reason) for r in rejected]
    own = validator is None
    validator = validator or VirtualValidator()
    try:
        job = _Job(library, model, validator, save)
        report.results += [job.one(d) for d in drafts]
    finally:
        if own:
            validator.close()
    report.results.sort(key=lambda m: m.run_steps[:1])
    return report
