"""The agent graph's data: a small JSON-serializable state (checkpointed every superstep), the records it is
made of, the run settings, and the runtime context that holds everything that is not data (device, models,
executor, vault, trajectory writer, the latest screen).

State values are plain dicts and lists (records are dumped with `model_dump(mode="json")`), so the SQLite
checkpointer stores them without custom types; the pydantic models below give them a shape when read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict

from pydantic import BaseModel, Field

from droidpilot.memory.signature import PageSignature

if TYPE_CHECKING:
    from PIL import Image

    from droidpilot.agent.calls import CallLog
    from droidpilot.agent.llm.base import ChatModel
    from droidpilot.agent.trajectory import TrajectoryWriter
    from droidpilot.emulator.device import AppInfo, Device, Observation
    from droidpilot.memory.store import MemoryStore
    from droidpilot.shortcuts.library import ShortcutLibrary

Status = Literal["running", "complete", "infeasible", "failed", "max_steps", "stuck", "model_unavailable", "error",
                 "interrupted", "needs_user", "timeout"]
FINAL_STATUSES = ("complete", "infeasible", "failed", "max_steps", "stuck", "model_unavailable", "error")
Verdict = Literal["", "success", "failure", "uncertain"]
ROLES = ("manager", "operator", "reflector", "notetaker", "completion")
_BORROWS = {"completion": ("reflector",), "notetaker": ("reflector",)}


class RoleMode(BaseModel):
    """How a role's model sees the screen: with the set-of-mark image or the element list only (`auto`: the
    image until the server rejects images), and the frame its coordinates are in (`pixel`: pixels of the image
    it is shown, or of the screen when it gets none; `normalized`: 0-1000 on both axes, as Qwen-VL, UI-TARS and
    AgentCPM-GUI answer)."""

    vision: Literal["auto", "on", "off"] = "auto"
    coords: Literal["pixel", "normalized"] = "pixel"


class AgentSettings(BaseModel):
    """How a run behaves; saved with the run so `--resume` continues with the same rules."""

    max_steps: int = Field(30, ge=1, le=500, description="operator decisions before the run stops (max_steps)")
    timeout_s: float | None = Field(None, gt=0, description="wall-clock seconds for one run or resume, checked "
                                    "between steps; then it stops as 'timeout' (resumable)")
    reflection: Literal["on_demand", "always", "never"] = "on_demand"
    confirm: Literal["ask", "auto", "deny"] = "ask"
    escalate_after: int = Field(2, ge=1, description="consecutive failed steps before the manager re-plans")
    max_escalations: int = Field(3, ge=1, description="re-plans without progress before the run is stuck")
    subgoal_check_every: int = Field(5, ge=2, description="LLM reflection every K steps spent on one subgoal")
    history_window: int = Field(6, ge=1, description="recent steps shown to the operator")
    completion_check: bool = True
    max_rejections: int = Field(2, ge=0, description="completion-check rejections before the run fails")
    notetaker: Literal["on_demand", "never"] = "on_demand"
    max_notes: int = 20
    loop_repeat: int = Field(3, ge=2, description="identical actions on one screen that count as a loop")
    loop_unchanged: int = Field(3, ge=2, description="steps without any screen change that count as a loop")
    screenshots: bool = True
    shortcuts: bool = Field(True, description="the operator may call shortcuts (built-ins and the library's)")
    max_shortcuts: int = Field(12, ge=0, description="shortcuts listed to the manager (most relevant first)")
    known_pages: int = Field(4, ge=0, description="remembered pages shown to the manager")
    learn: bool = Field(True, description="mine shortcuts from a successful run into the library (--no-learn)")
    modes: dict[str, RoleMode] = Field(default_factory=dict, description="vision and coordinate frame by role "
                                       "(key 'default' for the rest)")

    def mode(self, role: str) -> RoleMode:
        return self.modes.get(role) or self.modes.get("default") or RoleMode()


class ScreenSummary(BaseModel):
    """What a perception looked like, without any pixels or text."""

    package: str = ""
    activity: str = ""
    fingerprint: str = ""
    elements: int = 0
    keyboard: bool = False


class Target(BaseModel):
    """The element an action aimed at, as replay finds it again (never by index)."""

    resource_id: str = ""
    text: str = ""
    content_desc: str = ""
    class_name: str = ""
    label: str = Field("", description="the label the model saw (a row's label comes from its children)")
    bounds: list[int] = Field(default_factory=list)
    checked: bool | None = Field(None, description="a switch or check box: its state before the action")


class RoleUsage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cost_usd: float = 0.0


class StepRecord(BaseModel):
    """One operator decision and what came of it. Action and outcome are redacted before they get here."""

    step: int
    subgoal: str = ""
    before: ScreenSummary = Field(default_factory=ScreenSummary)
    after: ScreenSummary | None = None
    thought: str = ""
    summary: str = ""
    action: dict[str, Any] | None = None
    model_action: dict[str, Any] | None = Field(None, description="the action as the model said it, when its "
                                                "coordinates were mapped to the screen for `action`")
    target: Target | None = None
    outcome: dict[str, Any] | None = None
    verdict: Verdict = ""
    feedback: str = ""
    reflected_by: Literal["", "rules", "llm"] = ""
    subgoal_done: bool = False
    completed_subgoal: int | None = None
    remember: list[str] = Field(default_factory=list)
    tokens: dict[str, RoleUsage] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict)
    page_before: PageSignature | None = Field(None, description="the screen acted on, as page memory knows it")
    page_after: PageSignature | None = None
    semantic_action: str | None = Field(None, description="the action by what it acted on (memory.signature), "
                                        "'' for actions that do not navigate; None when not recorded")
    t0: float = Field(0.0, description="wall-clock start of the step (its perception), for step_ms")

    @property
    def action_name(self) -> str:
        return str((self.action or {}).get("action", ""))

    @property
    def ok(self) -> bool:
        return bool((self.outcome or {}).get("ok"))


class Subgoal(BaseModel):
    id: int
    text: str
    status: Literal["pending", "active", "done", "dropped"] = "pending"
    collect: bool = Field(False, description="the subgoal gathers information later steps need (notetaker)")
    started_step: int = 0


def merge_steps(old: list[dict[str, Any]] | None, new: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Reducer: records replace the record with the same step number, or are appended."""
    merged = {r["step"]: r for r in old or []}
    for record in new or []:
        merged[record["step"]] = record
    return [merged[k] for k in sorted(merged)]


def add_usage(old: dict[str, dict[str, Any]] | None, new: dict[str, dict[str, Any]] | None) -> dict[str, Any]:
    """Reducer: token and call counts per role accumulate."""
    total = {role: dict(v) for role, v in (old or {}).items()}
    for role, usage in (new or {}).items():
        cur = RoleUsage.model_validate(total.get(role, {}))
        add = RoleUsage.model_validate(usage)
        total[role] = RoleUsage(prompt_tokens=cur.prompt_tokens + add.prompt_tokens,
                                completion_tokens=cur.completion_tokens + add.completion_tokens,
                                calls=cur.calls + add.calls, cost_usd=cur.cost_usd + add.cost_usd).model_dump()
    return total


class AgentState(TypedDict, total=False):
    run_id: str
    goal: str
    plan: list[dict[str, Any]]
    notes: list[str]
    steps: Annotated[list[dict[str, Any]], merge_steps]
    usage: Annotated[dict[str, dict[str, Any]], add_usage]
    screen: dict[str, Any]
    perceive_ms: float
    perceive_t0: float
    decision: dict[str, Any] | None
    carry: dict[str, Any]
    step: int
    failures: int
    escalations: int
    escalation: str
    loop_strikes: int
    loop_step: int
    rejections: int
    warnings: list[str]
    answer: str
    status: str
    message: str


def initial_state(goal: str, run_id: str) -> AgentState:
    return AgentState(run_id=run_id, goal=goal, plan=[], notes=[], steps=[], usage={}, screen={}, decision=None,
                      carry={}, step=0, failures=0, escalations=0, escalation="", loop_strikes=0, loop_step=0,
                      rejections=0, warnings=[], answer="", status="running", message="")


def steps_of(state: AgentState) -> list[StepRecord]:
    return [StepRecord.model_validate(r) for r in state.get("steps") or []]


def last_step(state: AgentState) -> StepRecord | None:
    records = state.get("steps") or []
    return StepRecord.model_validate(records[-1]) if records else None


def plan_of(state: AgentState) -> list[Subgoal]:
    return [Subgoal.model_validate(s) for s in state.get("plan") or []]


def active_subgoal(state: AgentState) -> Subgoal | None:
    return next((s for s in plan_of(state) if s.status == "active"), None)


def model_for(models: dict[str, ChatModel], role: str) -> ChatModel:
    """The role's model, else the model of the role it borrows from, else the default one."""
    for key in (role, *_BORROWS.get(role, ()), "default", "operator"):
        if key in models:
            return models[key]
    return next(iter(models.values()))


@dataclass
class ScreenCache:
    """The latest perception (and the one before), kept out of state: images and elements are large and
    rebuilt on demand after a resume."""

    observation: Observation | None = None
    view: Any = None
    previous_view: Any = None
    page: PageSignature | None = None

    def push(self, observation: Observation, view: Any, page: PageSignature | None = None) -> None:
        self.previous_view, self.view, self.observation, self.page = self.view, view, observation, page

    @property
    def raw_image(self) -> Image.Image | None:
        return self.observation.screenshot if self.observation is not None else None


@dataclass
class AgentContext:
    """Run dependencies, handed to every node as `runtime.context` (never checkpointed)."""

    device: Device
    models: dict[str, ChatModel]
    executor: Any
    writer: TrajectoryWriter
    settings: AgentSettings = field(default_factory=AgentSettings)
    vault: Any = None
    cache: ScreenCache = field(default_factory=ScreenCache)
    apps: list[AppInfo] | None = None
    memory: MemoryStore | None = None
    shortcuts: ShortcutLibrary | None = None  # None: the built-in shortcuts only
    calls: CallLog | None = None  # every model call on record (runs/<id>/calls.jsonl)
    text_only: set[int] = field(default_factory=set)  # ids of models that rejected images (vision auto)

    def model_for(self, role: str) -> ChatModel:
        return model_for(self.models, role)

    def sees_images(self, role: str) -> bool:
        """Whether `role`'s prompt carries the screenshot now."""
        return self.settings.mode(role).vision != "off" and self.model_key(role) not in self.text_only

    def model_key(self, role: str) -> int:
        """Which model really answers `role`: wrappers (a usage meter per role) share what they wrap."""
        model: Any = self.model_for(role)
        while getattr(model, "inner", None) is not None:
            model = model.inner
        return id(model)

    def redact(self, obj: Any) -> Any:
        return self.vault.redact(obj) if self.vault is not None else obj

    def secret_names(self) -> list[str]:
        names = getattr(self.vault, "names", None)
        if callable(names):
            names = names()
        return sorted(names or [])
