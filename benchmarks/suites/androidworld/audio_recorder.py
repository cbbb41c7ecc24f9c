"""Audio Recorder families (AndroidWorld's AudioRecorderRecordAudio and AudioRecorderRecordAudioWithFileName).

Checks read the records folder as AndroidWorld's do: one new (or changed) non-empty file for a recording; the file
`NAME.m4a` for a named one (AndroidWorld's names already end in ".m4a" and the app adds the extension again, so
the file it checks is `x.m4a.m4a`, exactly as on a real phone).
"""

from __future__ import annotations

import random
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.mediakit import folder_digest, modified_file_name
from droidpilot.benchmarks.task import Params, Task

RECORDER = "com.dimowner.audiorecorder"
RECORDS_DIR = "/storage/emulated/0/Android/data/com.dimowner.audiorecorder/files/Music/records"
NAMES = ("interview", "meeting", "lecture", "session", "note", "conference", "webinar", "workshop", "seminar",
         "briefing", "discussion", "talk", "presentation", "training", "guidance", "memo", "narration",
         "storytelling", "journal", "diary", "debate", "symposium", "roundtable", "consultation", "review")
OLD_RECORDS = ("Voice memo", "Band practice", "Lecture notes", "Call with Sam", "Idea for the garden")


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    seconds: int


class RecorderParams(Params):
    records: tuple[Record, ...] = ()
    """Records already on the phone when the task starts."""
    file_name: str = ""


def _old_records(rng: random.Random, count: int) -> tuple[Record, ...]:
    return tuple(Record(name=n, seconds=rng.randint(5, 240)) for n in rng.sample(OLD_RECORDS, count))


def record(ui: UIDriver) -> None:
    """Open the recorder, record, stop: the record is saved, and the app asks for its name."""
    ui.open_app("Audio Recorder")
    ui.tap(desc="Start recording")
    ui.tap(desc="Stop recording")


class _RecorderTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (RECORDER,)
    category: ClassVar[str] = "data_entry"
    params: RecorderParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(RECORDER, "clear")
        day_ms = 86_400_000
        for i, old in enumerate(self.params.records):
            env.seed(RECORDER, "add_record", name=old.name, duration_ms=old.seconds * 1000,
                     created_ms=int(env.now().timestamp() * 1000) - (len(self.params.records) - i) * day_ms)
        self.before["files"] = folder_digest(env, RECORDS_DIR)


class AudioRecorderRecordAudio(_RecorderTask):
    template: ClassVar[str] = "Record an audio clip using Audio Recorder app and save it."
    tags: ClassVar[tuple[str, ...]] = ("audio_recorder", "requires_setup")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return RecorderParams(seed=seed, records=_old_records(rng, rng.randint(0, 3)))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        before = self.before["files"]
        changed = [name for name, digest in folder_digest(env, RECORDS_DIR).items() if before.get(name) != digest]
        return 1.0 if len(changed) == 1 else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        record(ui)
        return None


class AudioRecorderRecordAudioWithFileName(_RecorderTask):
    template: ClassVar[str] = 'Record an audio clip and save it with name "{file_name}" using Audio Recorder app.'
    tags: ClassVar[tuple[str, ...]] = ("audio_recorder", "data_entry", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return RecorderParams(seed=seed, file_name=modified_file_name(rng, rng.choice(NAMES) + ".m4a"))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return 1.0 if f"{self.params.file_name}.m4a" in folder_digest(env, RECORDS_DIR) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        record(ui)
        ui.long_press(rid="input_name")  # selects the proposed name: typing replaces it
        ui.type(self.params.file_name)
        ui.tap(text="Save")
        return None


TASKS = (AudioRecorderRecordAudio, AudioRecorderRecordAudioWithFileName)
