"""Near misses of transcription tasks: an agent that watched part of a video, or read only its first frame."""

from __future__ import annotations

from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.probes import OracleTrace, Probe, ProbeKind, ProbeNotApplicable
from droidpilot.benchmarks.task import Task


def _frames_field(cls: type[Task]) -> str | None:
    """The parameter holding what the frames show, for families that declare one (`FRAMES_PARAM`)."""
    name = getattr(cls, "FRAMES_PARAM", None)
    return name if isinstance(name, str) else None


class MissedLastFrame(Probe):
    """The oracle as if the video ended one frame earlier: it watches every frame but the last and writes what it
    saw ("Ava, Mia" for "Ava, Mia, Noah"), the mistake of an agent that stopped watching too soon."""

    name: ClassVar[str] = "missed-last-frame"
    kind: ClassVar[ProbeKind] = "wrong_parameter"

    def applies(self, cls: type[Task]) -> bool:
        return _frames_field(cls) is not None

    def run(self, task: Task, ui: UIDriver, env: TaskEnv, oracle: OracleTrace | None = None) -> str | None:
        field = _frames_field(type(task))
        frames = tuple(getattr(task.params, field, ())) if field is not None else ()
        if field is None or len(frames) < 2:
            raise ProbeNotApplicable("the video shows a single frame")
        seen = frames[:-1]
        short = type(task)(task.params.model_copy(update={field: seen, "text": ", ".join(seen)}))
        short.before = task.before
        return short.solve(ui, env)
