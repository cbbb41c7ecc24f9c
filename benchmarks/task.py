"""The task contract: AndroidWorld's TaskEval (research/benchmarks.md §1.3), on any `Device`.

A task has a goal template, typed parameters drawn from a seeded RNG, a complexity (the step budget is
10 x complexity), the apps it touches, and three phases: `initialize` (reset, frozen clock, seeded data),
`is_successful` (read from device state, never from the agent's claim; side effects fail it) and `teardown`.
`solve` is the task's scripted oracle solution, through the Device API only: it proves the task solvable and
gives its optimal step count.
"""

from __future__ import annotations

import hashlib
import random
from abc import ABC, abstractmethod
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.answers import check_answer
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.metadata import androidworld_families
from droidpilot.errors import TaskError

if TYPE_CHECKING:
    from droidpilot.benchmarks.oracle import UIDriver

DEVICE_TIME = datetime(2026, 10, 15, 15, 34, tzinfo=UTC)
"""Every episode starts at this moment (AndroidWorld pins 2023-10-15 15:34 UTC the same way)."""
BASE_SNAPSHOT = "droidpilot-bench-base"
DEFAULT_SEED = 30

Difficulty = Literal["easy", "medium", "hard"]
AnswerType = Literal["string", "prose", "number", "phone", "date", "time"]
"""How an answer is matched (droidpilot.benchmarks.answers): identifiers exactly, only free prose fuzzily."""


class QuestionError(TaskError, RuntimeError):
    """A question task was scored without the answer its set-up computes."""


class Params(BaseModel):
    """A task instance's parameters. Subclasses add typed fields; `seed` is the instance seed."""

    model_config = ConfigDict(frozen=True)

    seed: int = 0


def instance_seed(suite_seed: int, task_name: str, index: int) -> int:
    """AndroidWorld's per-instance seed: sha256(f"{seed}_{name}_{i}") mod 2**32."""
    digest = hashlib.sha256(f"{suite_seed}_{task_name}_{index}".encode()).hexdigest()
    return int(digest, 16) % 2**32


class Task(ABC):
    suite: ClassVar[str] = "androidworld"
    template: ClassVar[str] = ""
    params_model: ClassVar[type[Params]] = Params
    complexity: ClassVar[float] = 1.0
    app_names: ClassVar[tuple[str, ...]] = ()
    tags: ClassVar[tuple[str, ...]] = ()
    difficulty: ClassVar[Difficulty] = "easy"
    category: ClassVar[str] = ""
    answer_type: ClassVar[AnswerType | None] = None
    """Set for information-retrieval tasks: the agent's `answer` is matched against `expected_answer()`."""

    def __init__(self, params: Params) -> None:
        self.params = params
        self.before: dict[Any, Any] = {}
        """State captured in `setup` for the integrity checks in `is_successful` (not persisted); its shape is
        the task's own (rows by id, named snapshots, ...)."""
        self.truth: str | None = None
        """For questions: the answer computed from the seeded state, right after set-up."""
        self.asked: Any = None
        """For questions: the data the question is about, as seeded (an agent must not change it)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A family named as AndroidWorld names it takes AndroidWorld's difficulty and complexity (so its budget)."""
        super().__init_subclass__(**kwargs)
        family = androidworld_families().get(cls.__name__)
        if family is not None:
            cls.difficulty = family.difficulty  # type: ignore[assignment]  # AndroidWorld's are the three levels
            cls.complexity = family.complexity

    # -- identity and parameters ------------------------------------------------------------------------------
    @classmethod
    def name(cls) -> str:
        return cls.__name__

    @classmethod
    def create(cls, seed: int) -> Task:
        """An instance with parameters drawn from an RNG seeded with `seed` (the instance seed)."""
        return cls(cls.generate_params(random.Random(seed), seed))

    @classmethod
    @abstractmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        """Draw parameters; pass `seed=seed` into the params model."""

    @property
    def goal(self) -> str:
        return self.template.format(**self.params.model_dump())

    @property
    def step_budget(self) -> int:
        return int(10 * self.complexity)

    # -- lifecycle ------------------------------------------------------------------------------------------
    def initialize(self, env: TaskEnv) -> None:
        """Reset the phone to the suite's base snapshot, pin the time, go home, then seed this task's data."""
        env.restore_snapshot(BASE_SNAPSHOT)
        env.set_time(DEVICE_TIME, frozen=True)
        self.setup(env)
        if self.answer_type is not None:  # grade against what was seeded, never against what the agent left
            self.truth = self.expected_answer(env)
            self.asked = self.asked_state(env)
        env.go_home()

    def setup(self, env: TaskEnv) -> None:  # noqa: B027 - an optional hook, most tasks override it
        """Seed the task's data and capture `self.before` for integrity checks."""

    @abstractmethod
    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        """1.0 when the device state (or, for IR tasks, the answer) shows the goal reached; 0.0 otherwise;
        composite tasks may return the fraction of their parts that are done."""

    def teardown(self, env: TaskEnv) -> None:
        env.restore_snapshot(BASE_SNAPSHOT)

    @abstractmethod
    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        """The oracle: reach the goal through the UI alone; return the answer for IR tasks."""

    def expected_answer(self, env: TaskEnv) -> str | None:
        """For IR tasks: the correct answer, computed from the seeded state."""
        return None

    def partial_credit(self, env: TaskEnv) -> float | None:
        """For composite tasks: the fraction of the parts done, reported beside the binary success."""
        return None

    def asked_state(self, env: TaskEnv) -> Any:
        """For IR tasks: the data the question reads (rows, files, settings); compared after the episode."""
        return None


class Question(Task):
    """An information-retrieval task: the answer is graded against the truth computed right after set-up, and
    the task fails if the agent changed the data it asks about (deleting a file, then answering the new count,
    is not an answer to the question asked). Put it first among the bases: `class X(Question, _FamilyTask)`."""

    answer_type: ClassVar[AnswerType | None] = "string"

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        if self.truth is None:
            raise QuestionError(f"{self.name()} has no seeded answer: initialize the task before scoring it")
        if self.asked_state(env) != self.asked:
            return 0.0
        return 1.0 if self.answer_matches(answer, self.truth) else 0.0

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return check_answer(answer, truth, self.answer_type or "string")
