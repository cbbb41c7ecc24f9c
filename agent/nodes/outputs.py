"""What each role answers: the pydantic schemas sent as `response_format` and validated on the way back.
Kept small and flat, so weak models and servers with partial schema support can fill them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from droidpilot.agent.actions import Action


class PlannedSubgoal(BaseModel):
    text: str = Field(min_length=1)
    collect: bool = Field(False, description="true when the subgoal finds information needed later")


class ManagerOutput(BaseModel):
    thought: str = ""
    subgoals: list[PlannedSubgoal] = Field(default_factory=list, description="the remaining subgoals, in order")
    status: Literal["continue", "complete", "infeasible"] = "continue"
    reason: str = ""

    @field_validator("subgoals", mode="before")
    @classmethod
    def _strings_are_subgoals(cls, value: Any) -> Any:
        """Models often answer a plain list of strings; accept it."""
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _continuing_needs_a_plan(self) -> ManagerOutput:
        """`{}` or a reply with no plan must not read as "nothing left to do": that is status "complete",
        which the completion check then verifies."""
        if self.status == "continue" and not self.subgoals:
            raise ValueError('status "continue" needs at least one subgoal; reply status "complete" if the goal '
                             'is already reached')
        return self


class OperatorOutput(BaseModel):
    thought: str = ""
    action: Action
    summary: str = Field("", description="what the action does, in a few words")
    subgoal_done: bool = Field(False, description="this action completes the current subgoal")
    remember: list[str] = Field(default_factory=list, description="facts later steps will need")


class ReflectorOutput(BaseModel):
    outcome: Literal["success", "wrong_page", "no_change", "uncertain"]
    reason: str = ""


class NotesOutput(BaseModel):
    notes: list[str] = Field(default_factory=list)


class CompletionOutput(BaseModel):
    complete: bool
    evidence: str = Field(min_length=1, description="what on the final screen or in the steps shows it: quote the "
                          "element text, e.g. 'Switch \"Wi-Fi\" off'")
    already_true: bool = Field(False, description="the goal state was already true on the first screen, before "
                               "any action")
    reason: str = ""

    @model_validator(mode="before")
    @classmethod
    def _reason_as_evidence(cls, value: Any) -> Any:
        """Models that answer the older {complete, reason} shape give their evidence as the reason."""
        if isinstance(value, dict) and not value.get("evidence") and isinstance(value.get("reason"), str):
            return {**value, "evidence": value["reason"]}
        return value


class TipOutput(BaseModel):
    app: str = Field(description="the app's package, as the steps show it")
    text: str = Field(min_length=1, description="one short, general lesson about the app")


class TipsOutput(BaseModel):
    tips: list[TipOutput] = Field(default_factory=list)
