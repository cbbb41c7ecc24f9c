"""UI-NEXUS Deep Dive across the newer apps: gather values in one app, compute (a total of minutes or metres, a
count of to-dos, a ranking of songs by length), then act on the result in another app. The computed value is
what the check looks for; the oracles read the inputs off the screen and compute as an agent must.
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.clock import ClockTimerEntry, TimerParams, duration_text
from droidpilot.benchmarks.suites.androidworld.joplin import JoplinParams, NotesTodoItemCount
from droidpilot.benchmarks.suites.androidworld.notes import MarkorCreateNote, NotesParams
from droidpilot.benchmarks.suites.androidworld.retro_music import (
    RetroCreatePlaylist,
    RetroParams,
    create_playlist,
)
from droidpilot.benchmarks.suites.androidworld.sms import SimpleSmsSendToContact, SmsParams
from droidpilot.benchmarks.suites.androidworld.sports_tracker import (
    SportsParams,
    SportsTrackerTotalDistanceForCategoryOverInterval,
    SportsTrackerTotalDurationForCategoryThisWeek,
)
from droidpilot.benchmarks.suites.uinexus.app_goals import retro_playlist_added
from droidpilot.benchmarks.suites.uinexus.atoms import NUMBER_WORDS, SubGoal, note_added, sms_sent, states_number
from droidpilot.benchmarks.suites.uinexus.composite import draw, number_of, text_contact
from droidpilot.benchmarks.suites.uinexus.deepdive import _DeepDive
from droidpilot.benchmarks.task import Params, Task


# -- opentracks total -> clock -------------------------------------------------------------------------------------
class ActivityTimerParams(Params):
    sports: SportsParams
    timer: TimerParams
    """The timer to start: as long as the week's activities of the category, in whole minutes."""


class NexusActivityMinutesToTimer(_DeepDive):
    template: ClassVar[str] = ("Start a timer as long as all my {category} activities this week (since Monday) in "
                               "OpenTracks lasted together.")
    params_model: ClassVar[type[Params]] = ActivityTimerParams
    complexity: ClassVar[float] = 1.5 + ClockTimerEntry.complexity
    app_names: ClassVar[tuple[str, ...]] = ("de.dennisguse.opentracks", "com.android.deskclock")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sports = draw(SportsTrackerTotalDurationForCategoryThisWeek, SportsParams, rng, seed)
        timer = draw(ClockTimerEntry, TimerParams, rng, seed)
        return ActivityTimerParams(seed=seed, sports=sports, timer=timer_of(timer, int(sports.answer)))

    @property
    def p(self) -> ActivityTimerParams:
        assert isinstance(self.params, ActivityTimerParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"category": self.p.sports.category}

    def build_parts(self) -> list[Task]:
        return [SportsTrackerTotalDurationForCategoryThisWeek(self.p.sports), ClockTimerEntry(self.p.timer)]

    def goals(self) -> list[SubGoal]:
        length = (self.p.timer.hours * 60 + self.p.timer.minutes) * 60_000
        return [SubGoal(f"timer of {length // 60_000} minutes", "timers", "add",
                        lambda c: c.row["length_ms"] == length and c.row["state"] == "RUNNING")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        minutes = int(self.parts[0].solve(ui, env) or "0")
        ClockTimerEntry(timer_of(self.p.timer, minutes)).solve(ui, env)
        return None


def timer_of(timer: TimerParams, minutes: int) -> TimerParams:
    hours, rest = divmod(minutes, 60)
    return timer.model_copy(update={"hours": hours, "minutes": rest, "seconds": 0,
                                    "duration": duration_text(hours, rest, 0)})


# -- opentracks total -> notes -------------------------------------------------------------------------------------
class DistanceNoteParams(Params):
    sports: SportsParams
    note: NotesParams


class NexusDistanceTotalToNote(_DeepDive):
    template: ClassVar[str] = ("In Notes, create a note named {name} with the total distance in metres of my "
                               "{category} activities from {start_date} to {end_date} in OpenTracks.")
    params_model: ClassVar[type[Params]] = DistanceNoteParams
    complexity: ClassVar[float] = 1.5 + MarkorCreateNote.complexity
    app_names: ClassVar[tuple[str, ...]] = ("de.dennisguse.opentracks", "net.droidpilot.notes")
    TOLERANCE: ClassVar[int] = 10
    """Metres, AndroidWorld's allowance for a distance read in kilometres."""

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return DistanceNoteParams(seed=seed, sports=draw(SportsTrackerTotalDistanceForCategoryOverInterval,
                                                         SportsParams, rng, seed),
                                  note=draw(MarkorCreateNote, NotesParams, rng, seed))

    @property
    def p(self) -> DistanceNoteParams:
        assert isinstance(self.params, DistanceNoteParams)
        return self.params

    def fields(self) -> dict[str, object]:
        s = self.p.sports
        return {"name": self.p.note.name, "category": s.category, "start_date": s.start_date, "end_date": s.end_date}

    def build_parts(self) -> list[Task]:
        return [SportsTrackerTotalDistanceForCategoryOverInterval(self.p.sports), MarkorCreateNote(self.p.note)]

    def goals(self) -> list[SubGoal]:
        metres = int(self.p.sports.answer)
        return [note_added(self.p.note.name, lambda text: states_number(text, metres, self.TOLERANCE),
                           f"with {metres} m")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        metres = self.parts[0].solve(ui, env)
        MarkorCreateNote(self.p.note.model_copy(update={"text": f"Total: {metres} m"})).solve(ui, env)
        return None


# -- joplin count -> messages --------------------------------------------------------------------------------------
class TodoCountParams(Params):
    joplin: JoplinParams
    sms: SmsParams


class NexusTodoCountToText(_DeepDive):
    template: ClassVar[str] = "Count the to-dos in my Joplin notebook '{folder}' and text the number to {target}."
    params_model: ClassVar[type[Params]] = TodoCountParams
    complexity: ClassVar[float] = 1.5 + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.cozic.joplin", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return TodoCountParams(seed=seed, joplin=draw(NotesTodoItemCount, JoplinParams, rng, seed),
                               sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> TodoCountParams:
        assert isinstance(self.params, TodoCountParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"folder": self.p.joplin.folder, "target": self.p.sms.target}

    def build_parts(self) -> list[Task]:
        return [NotesTodoItemCount(self.p.joplin), SimpleSmsSendToContact(self.p.sms)]

    def goals(self) -> list[SubGoal]:
        count = int(self.p.joplin.answer)
        return [sms_sent(number_of(self.p.sms, self.p.sms.target), lambda body: states_number(body, count),
                         f"the count {count}")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        count = self.parts[0].solve(ui, env)
        text_contact(ui, env, self.p.sms, self.p.sms.target, f"{count} to-dos are left in {self.p.joplin.folder}.")
        return None


# -- ranking songs -> retro playlist -------------------------------------------------------------------------------
class LongestSongsParams(Params):
    retro: RetroParams
    """Songs of distinct whole-second lengths; `files` are the longest `count`, longest first."""
    count: int


class NexusLongestSongsPlaylist(_DeepDive):
    template: ClassVar[str] = ('In Retro Music, create a playlist titled "{playlist}" with my {count} longest songs, '
                               "longest first.")
    params_model: ClassVar[type[Params]] = LongestSongsParams
    complexity: ClassVar[float] = 1.5 + RetroCreatePlaylist.complexity
    app_names: ClassVar[tuple[str, ...]] = ("code.name.monkey.retromusic",)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        retro = draw(RetroCreatePlaylist, RetroParams, rng, seed)
        seconds = rng.sample(range(150, 330), len(retro.songs))
        songs = tuple(s.model_copy(update={"duration_ms": sec * 1000 + rng.randint(0, 400)})
                      for s, sec in zip(retro.songs, seconds, strict=True))
        count = rng.randint(3, 4)
        longest = sorted(songs, key=lambda s: -s.duration_ms)[:count]
        return LongestSongsParams(seed=seed, count=count, retro=retro.model_copy(update={
            "songs": songs, "files": tuple(s.file for s in longest)}))

    @property
    def p(self) -> LongestSongsParams:
        assert isinstance(self.params, LongestSongsParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"playlist": self.p.retro.playlist_name, "count": NUMBER_WORDS[self.p.count]}

    def build_parts(self) -> list[Task]:
        return [RetroCreatePlaylist(self.p.retro)]

    def goals(self) -> list[SubGoal]:
        return [retro_playlist_added(self.p.retro.playlist_name, [f.split(".")[0] for f in self.p.retro.files])]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        lengths = song_lengths(ui)
        longest = sorted(lengths, key=lambda title: -lengths[title])[:self.p.count]
        create_playlist(ui, self.p.retro.playlist_name, longest)
        return None


def song_lengths(ui: UIDriver) -> dict[str, int]:
    """Every song's title with its length in seconds, from Retro Music's Songs tab ("Artist • 3:16" under the
    title), scrolling until a screen shows no new song."""
    ui.open_app("Retro Music")
    seen: dict[str, int] = {}
    for _ in range(10):
        elements = ui.elements()
        titles = [e for e in elements if e.resource_id.endswith("/title") and e.text]
        subtitles = [e for e in elements if e.resource_id.endswith("/text") and " • " in e.text]
        new = 0
        for title in titles:
            below = next((s for s in subtitles if s.bounds.top == title.bounds.bottom), None)
            if below is not None and title.text not in seen:
                minutes, seconds = below.text.rpartition(" • ")[2].split(":")
                seen[title.text] = int(minutes) * 60 + int(seconds)
                new += 1
        if not new:
            return seen
        ui.swipe(540, 1800, 540, 600)
    return seen


TASKS = (NexusActivityMinutesToTimer, NexusDistanceTotalToNote, NexusTodoCountToText, NexusLongestSongsPlaylist)
