"""AndroidWorld's MarkorTranscribeVideo: watch a video in VLC and write the names it shows into a note.

Set-up as AndroidWorld's: the notes are cleared (one or two unrelated notes stay as noise that must not change),
Download holds the task's video, which shows each of 2 to 4 given names for 8 seconds, and 5 to 20 noise videos
showing a random string for 20 to 180 s. The names are on the video's frames only (VLC's player draws them on its
video surface; nothing in the hierarchy or the goal spells them out), so an agent must read the screen.

The check: the note `{video stem}_transcription.txt` exists and holds exactly the names, in order, as a comma
separated list (case and the spacing around commas normalised; AndroidWorld matches fuzzily, which accepts a
name with a letter off), and every other note is as seeded. The oracle knows the names from the task's
parameters but acts only through the GUI: it opens the video in VLC, pauses it and jumps forward through the
frames (10 s a jump, 8 s a name), then writes the note in Notes.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.contacts import FIRST_NAMES
from droidpilot.benchmarks.suites.androidworld.mediakit import random_string, reveal_in_sorted_list
from droidpilot.benchmarks.suites.androidworld.notes import (
    NOTES,
    Note,
    NotesParams,
    _note_names,
    _NotesTask,
    _state,
    _text,
    new_note,
)
from droidpilot.benchmarks.suites.androidworld.vlc import VLC, Video, _file_name
from droidpilot.benchmarks.task import Params
from droidpilot.emulator.device import Key

DOWNLOAD = "/storage/emulated/0/Download"
SECONDS_PER_NAME = 8
"""AndroidWorld's `message_display_time` for the task's video."""


class TranscribeVideoParams(NotesParams):
    video_name: str = ""
    messages: tuple[str, ...] = ()
    noise: tuple[Video, ...] = ()


def names_in(text: str) -> list[str]:
    """The comma separated entries of a note, each with case and surrounding whitespace normalised."""
    return [part.strip().casefold() for part in text.strip().split(",")]


class MarkorTranscribeVideo(_NotesTask):
    template: ClassVar[str] = (
        "Transcribe the contents of video {video_name} by watching it in VLC player (located in Download) and "
        "writing the sequence of strings shown on each frame to the text file {name} in Notes as a comma separated "
        'list. For example, if the first frame shows the text "edna" and the second frame shows the text '
        '"pineapple", then the text file should contain only the following text: "edna, pineapple".')
    app_names: ClassVar[tuple[str, ...]] = (NOTES, VLC)
    tags: ClassVar[tuple[str, ...]] = ("notes", "vlc", "multi_app", "transcription", "requires_setup",
                                       "memorization", "screen_reading", "parameterized")
    category: ClassVar[str] = "data_entry"
    FRAMES_PARAM: ClassVar[str] = "messages"
    """What the video's frames show, in order (the missed-last-frame probe drops the last)."""
    params: TranscribeVideoParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        messages = tuple(rng.sample(FIRST_NAMES, rng.randint(2, 4)))
        taken: set[str] = set()
        video = _file_name(rng, taken)
        noise = tuple(Video(name=_file_name(rng, taken), seconds=rng.randint(20, 180), message=random_string(rng, 10))
                      for _ in range(rng.randint(5, 20)))
        name = f"{video.rpartition('.')[0]}_transcription.txt"
        others = _note_names(rng, rng.randint(1, 2), (name,))
        return TranscribeVideoParams(seed=seed, notes=tuple(Note(path=n, text=_text(rng)) for n in others), name=name,
                                     text=", ".join(messages), video_name=video, messages=messages, noise=noise)

    def setup(self, env: TaskEnv) -> None:
        super().setup(env)
        env.seed(VLC, "clear_videos", folder=DOWNLOAD)
        env.seed(VLC, "clear_library")
        env.seed(VLC, "write_video", name=self.params.video_name, seconds=SECONDS_PER_NAME,
                 messages=list(self.params.messages), folder=DOWNLOAD)
        for video in self.params.noise:
            env.seed(VLC, "write_video", name=video.name, seconds=video.seconds, message=video.message,
                     folder=DOWNLOAD)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        files, folders = _state(env)
        others = {p: t for p, t in files.items() if p != self.params.name}
        unchanged = others == self.before["files"] and folders == self.before["folders"]
        written = files.get(self.params.name)
        wanted = [m.casefold() for m in self.params.messages]
        return 1.0 if unchanged and written is not None and names_in(written) == wanted else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        watch(ui, self.params.video_name, len(self.params.messages))
        ui.open_app("Notes")
        new_note(ui, self.params.name, self.params.text)
        return None


def watch(ui: UIDriver, video_name: str, frames: int) -> None:
    """Play the video in VLC, pause on its first name, then jump 10 s forward once per further name (each shows
    for 8 s, so jump k lands inside name k); leave the player for the home screen."""
    ui.open_app("VLC")
    title = video_name.rpartition(".")[0]
    reveal_in_sorted_list(ui, title, "ml_item_title", "video_grid")
    ui.tap(rid="ml_item_title", text=title)
    ui.tap(rid="player_overlay_play")  # "Pause": the first name stays on screen
    for _ in range(frames - 1):
        ui.tap(rid="player_overlay_forward")
    ui.press(Key.HOME)


TASKS = (MarkorTranscribeVideo,)
