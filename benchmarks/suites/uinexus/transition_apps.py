"""UI-NEXUS Context Transition across the newer apps: a value read in one app (songs named in a note, a meeting's
place, a task's title, a quantity in a Joplin recipe, an activity's length) becomes the parameter of a write in
another (a Retro Music playlist, an OsmAnd favourite, a recording's name, a text). The value carried over is
part of the check, and the oracles read it off the screen as an agent must. More in `transition_links`.
"""

from __future__ import annotations

import random
import re
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.audio_recorder import (
    AudioRecorderRecordAudioWithFileName,
    RecorderParams,
)
from droidpilot.benchmarks.suites.androidworld.calendar import TITLES as EVENT_TITLES
from droidpilot.benchmarks.suites.androidworld.calendar import UPCOMING, CalendarParams, CalEvent
from droidpilot.benchmarks.suites.androidworld.calendar_questions import LOCATIONS, SimpleCalendarLocationOfEvent
from droidpilot.benchmarks.suites.androidworld.datakit import day_text
from droidpilot.benchmarks.suites.androidworld.joplin import (
    JoplinParams,
    NotesRecipeIngredientCount,
)
from droidpilot.benchmarks.suites.androidworld.notes import MarkorDeleteNote, Note, NotesParams
from droidpilot.benchmarks.suites.androidworld.osmand import PLACES, LocationParams, OsmAndFavorite
from droidpilot.benchmarks.suites.androidworld.retro_music import RetroCreatePlaylist, RetroParams, create_playlist
from droidpilot.benchmarks.suites.androidworld.sms import SimpleSmsSendToContact, SmsParams
from droidpilot.benchmarks.suites.androidworld.sports_tracker import SportsParams, SportsTrackerActivityDuration
from droidpilot.benchmarks.suites.androidworld.tasks import SOON, TasksDueOnDate, TasksParams, Todo
from droidpilot.benchmarks.suites.androidworld.tasks import TITLES as TASK_TITLES
from droidpilot.benchmarks.suites.uinexus.app_goals import (
    favorite_added,
    recording_named,
    retro_playlist_added,
)
from droidpilot.benchmarks.suites.uinexus.atoms import SubGoal, sms_sent, states_number
from droidpilot.benchmarks.suites.uinexus.composite import draw, due_dates, number_of, text_contact
from droidpilot.benchmarks.suites.uinexus.transition import Transition
from droidpilot.benchmarks.task import Params, Task

PEOPLE = ("Priya", "Marco", "Jordan", "Lena", "Tomas", "Aisha", "Hugo", "Mei")
SONG_NOTES = ("road_trip_songs.md", "party_songs.md", "running_songs.md", "wedding_songs.md")


def read_note(ui: UIDriver, name: str) -> str:
    """The text of the Notes note `name`, opened from the list."""
    ui.open_app("Notes")
    ui.scroll_to(rid="ui__filesystem_item__title", text=name)
    ui.tap(rid="ui__filesystem_item__title", text=name)
    return ui.need(rid="document__fragment__edit__highlighting_editor").text


# -- notes -> retro music ------------------------------------------------------------------------------------------
class SongNoteParams(Params):
    notes: NotesParams
    """`name` is the note listing the songs."""
    retro: RetroParams
    """`files` are the songs the note lists, in its order."""


class NexusPlaylistFromNote(Transition):
    template: ClassVar[str] = ('My note {name} in Notes lists some songs. In Retro Music, create a playlist titled '
                               '"{playlist}" with those songs, in the order the note lists them.')
    params_model: ClassVar[type[Params]] = SongNoteParams
    complexity: ClassVar[float] = 1.0 + RetroCreatePlaylist.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.notes", "code.name.monkey.retromusic")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        retro = draw(RetroCreatePlaylist, RetroParams, rng, seed)
        notes = draw(MarkorDeleteNote, NotesParams, rng, seed)
        name = rng.choice(SONG_NOTES)
        text = "Songs for the playlist:\n" + "\n".join(f"- {f.split('.')[0]}" for f in retro.files)
        return SongNoteParams(seed=seed, retro=retro, notes=notes.model_copy(update={
            "notes": (*notes.notes, Note(path=name, text=text)), "name": name}))

    @property
    def p(self) -> SongNoteParams:
        assert isinstance(self.params, SongNoteParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"name": self.p.notes.name, "playlist": self.p.retro.playlist_name}

    def build_parts(self) -> list[Task]:
        return [MarkorDeleteNote(self.p.notes), RetroCreatePlaylist(self.p.retro)]  # both only seed

    def goals(self) -> list[SubGoal]:
        return [retro_playlist_added(self.p.retro.playlist_name, [f.split(".")[0] for f in self.p.retro.files])]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        lines = read_note(ui, self.p.notes.name).splitlines()
        titles = [line.removeprefix("- ").strip() for line in lines if line.startswith("- ")]
        create_playlist(ui, self.p.retro.playlist_name, titles)
        return None


# -- calendar -> osmand --------------------------------------------------------------------------------------------
class MeetingPlaceParams(Params):
    cal: CalendarParams
    """`title` is the meeting; every event has a place."""
    place: LocationParams
    date_text: str


class NexusMeetingPlaceToFavorite(Transition):
    template: ClassVar[str] = "Save the place of my {title} {date_text} (in Calendar) as a favourite in OsmAnd."
    params_model: ClassVar[type[Params]] = MeetingPlaceParams
    complexity: ClassVar[float] = 1.5 + OsmAndFavorite.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.calendar", "net.osmand")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        place, *villages = rng.sample(sorted(PLACES), 4)
        day = rng.choice(UPCOMING)
        title = f"Meeting with {rng.choice(PEOPLE)}"
        meeting = CalEvent(title=title, day=day, hour=rng.randint(9, 17), minute=rng.choice((0, 30)), minutes=60,
                           location=place)
        elsewhere = [d for d in UPCOMING if d != day]
        noise = [CalEvent(title=t, day=rng.choice([day, *elsewhere]), hour=rng.randint(8, 19), minute=0, minutes=45,
                          location=where)
                 for t, where in zip(rng.sample(EVENT_TITLES, 5), [*villages, *rng.sample(LOCATIONS, 2)],
                                     strict=True)]
        events = [meeting, *noise]
        rng.shuffle(events)
        return MeetingPlaceParams(seed=seed, cal=CalendarParams(seed=seed, events=tuple(events), targets=(title,),
                                                                title=title),
                                  place=LocationParams(seed=seed, location=place), date_text=day_text(day))

    @property
    def p(self) -> MeetingPlaceParams:
        assert isinstance(self.params, MeetingPlaceParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"title": self.p.cal.title, "date_text": self.p.date_text}

    def build_parts(self) -> list[Task]:
        return [SimpleCalendarLocationOfEvent(self.p.cal), OsmAndFavorite(self.p.place)]

    def goals(self) -> list[SubGoal]:
        return [favorite_added(PLACES[self.p.place.location], self.p.place.location)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        place = self.parts[0].solve(ui, env)
        assert place is not None
        OsmAndFavorite(LocationParams(seed=self.p.seed, location=place)).solve(ui, env)
        return None


# -- tasks -> audio recorder ---------------------------------------------------------------------------------------
class TaskRecordingParams(Params):
    tasks: TasksParams
    """`targets` holds the one task due on the asked day."""
    recorder: RecorderParams
    """`file_name` is that task's title."""


class NexusRecordingNamedAfterTask(Transition):
    template: ClassVar[str] = ("Record an audio clip in Audio Recorder and save it under the title of my task due "
                               "{date_text} in Tasks.")
    params_model: ClassVar[type[Params]] = TaskRecordingParams
    complexity: ClassVar[float] = 1.0 + AudioRecorderRecordAudioWithFileName.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.tasks", "com.dimowner.audiorecorder")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        title, *others = rng.sample(TASK_TITLES, rng.randint(5, 8))
        day = rng.choice(SOON[:10])
        todos = [Todo(title=title, due=day),
                 *(Todo(title=t, due=rng.choice([*(d for d in SOON if d != day), None])) for t in others)]
        rng.shuffle(todos)
        recorder = draw(AudioRecorderRecordAudioWithFileName, RecorderParams, rng, seed)
        return TaskRecordingParams(seed=seed, tasks=TasksParams(seed=seed, todos=tuple(todos), targets=(title,),
                                                                date_text=day_text(day)),
                                   recorder=recorder.model_copy(update={"file_name": title}))

    @property
    def p(self) -> TaskRecordingParams:
        assert isinstance(self.params, TaskRecordingParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"date_text": self.p.tasks.date_text}

    def build_parts(self) -> list[Task]:
        return [TasksDueOnDate(self.p.tasks), AudioRecorderRecordAudioWithFileName(self.p.recorder)]

    def goals(self) -> list[SubGoal]:
        return [recording_named(self.p.recorder.file_name)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        day = next(t.due for t in self.p.tasks.todos if t.title == self.p.tasks.targets[0])
        title = next(t for t, due in due_dates(ui).items() if due == day)
        AudioRecorderRecordAudioWithFileName(self.p.recorder.model_copy(update={"file_name": title})).solve(ui, env)
        return None


# -- joplin -> messages --------------------------------------------------------------------------------------------
QUANTITY = re.compile(r"(\d+(?:/\d+)?)\s*(cups?|tablespoons?|teaspoons?)\b", re.IGNORECASE)


def states_quantity(body: str, quantity: str) -> bool:
    """`body` gives exactly `quantity` ("1/2 cup"): it is the only amount in it, and no other number is."""
    found = [f"{n} {u.lower()}" for n, u in QUANTITY.findall(body)]
    rest = QUANTITY.sub(" ", body)
    return found == [quantity.lower()] and not re.search(r"\d", rest)


class IngredientTextParams(Params):
    joplin: JoplinParams
    sms: SmsParams


class NexusIngredientToText(Transition):
    template: ClassVar[str] = "Text {target} how much {ingredient} my Joplin recipe '{title}' needs."
    params_model: ClassVar[type[Params]] = IngredientTextParams
    complexity: ClassVar[float] = 1.0 + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.cozic.joplin", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return IngredientTextParams(seed=seed, joplin=draw(NotesRecipeIngredientCount, JoplinParams, rng, seed),
                                    sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> IngredientTextParams:
        assert isinstance(self.params, IngredientTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"target": self.p.sms.target, "ingredient": self.p.joplin.ingredient, "title": self.p.joplin.title}

    def build_parts(self) -> list[Task]:
        return [NotesRecipeIngredientCount(self.p.joplin), SimpleSmsSendToContact(self.p.sms)]

    def goals(self) -> list[SubGoal]:
        quantity = self.p.joplin.answer
        return [sms_sent(number_of(self.p.sms, self.p.sms.target), lambda body: states_quantity(body, quantity),
                         f"the quantity {quantity}")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        quantity = self.parts[0].solve(ui, env)
        text_contact(ui, env, self.p.sms, self.p.sms.target, f"You need {quantity} of {self.p.joplin.ingredient}.")
        return None


# -- opentracks -> messages ----------------------------------------------------------------------------------------
class ActivityTextParams(Params):
    sports: SportsParams
    sms: SmsParams


class NexusActivityLengthToText(Transition):
    template: ClassVar[str] = "Text {target} how many minutes my {category} activity {date} in OpenTracks lasted."
    params_model: ClassVar[type[Params]] = ActivityTextParams
    complexity: ClassVar[float] = 1.5 + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("de.dennisguse.opentracks", "com.android.messaging")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return ActivityTextParams(seed=seed, sports=draw(SportsTrackerActivityDuration, SportsParams, rng, seed),
                                  sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> ActivityTextParams:
        assert isinstance(self.params, ActivityTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"target": self.p.sms.target, "category": self.p.sports.category, "date": self.p.sports.date}

    def build_parts(self) -> list[Task]:
        return [SportsTrackerActivityDuration(self.p.sports), SimpleSmsSendToContact(self.p.sms)]

    def goals(self) -> list[SubGoal]:
        minutes = int(self.p.sports.answer)
        return [sms_sent(number_of(self.p.sms, self.p.sms.target), lambda body: states_number(body, minutes),
                         f"{minutes} minutes")]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        minutes = self.parts[0].solve(ui, env)
        text_contact(ui, env, self.p.sms, self.p.sms.target, f"It took {minutes} minutes.")
        return None


TASKS = (NexusPlaylistFromNote, NexusMeetingPlaceToFavorite, NexusRecordingNamedAfterTask, NexusIngredientToText,
         NexusActivityLengthToText)
