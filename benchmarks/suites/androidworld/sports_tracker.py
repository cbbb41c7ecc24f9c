"""OpenTracks questions (AndroidWorld's SportsTracker* information-retrieval families): what was done on a day,
how many or how long this week, how long one activity took, the longest distance this week, the total distance
over an interval.

Each task clears OpenTracks and seeds the tracks asked about among 20 noise tracks started in the two weeks before
the pinned moment (Thursday October 15 2026, 15:34), as AndroidWorld's set-up does, with its exclusion rules: no
noise track could change the answer (none on the asked day; none of an activity type containing the asked one in
the asked span; none longer than the asked longest). AndroidWorld pins a Sunday, so its "this week" is a whole
week; ours runs from Monday to the pinned Thursday, and every track ends before the pinned moment. AndroidWorld's
dates keep their distance from the pinned day. One change: SportsTrackerActivitiesCountForWeek seeds one to
three tracks where AndroidWorld always seeds two, which a constant answer would pass.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import sports_data as data
from droidpilot.benchmarks.suites.androidworld.datakit import TODAY, Row, inside, matches_unordered, number_matches
from droidpilot.benchmarks.task import DEVICE_TIME, AnswerType, Params, Question, Task

OPENTRACKS = "de.dennisguse.opentracks"
DATABASE = "database.db"
NOISE_TRACKS = 20
WEEK_START = TODAY - timedelta(days=TODAY.weekday())
TOLERANCE = 10
"""Metres: AndroidWorld's allowance for distances read off a display in kilometres."""


class Track(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    category: str
    start: datetime
    minutes: int
    metres: int
    description: str = ""
    elevation: int = 0
    asked: bool = False

    @property
    def day(self) -> date:
        return self.start.date()


class SportsParams(Params):
    tracks: tuple[Track, ...] = ()
    """Every track seeded, the asked ones first among them flagged `asked`."""
    category: str = ""
    date: str = ""
    start_date: str = ""
    end_date: str = ""
    answer: str = ""
    categories: tuple[str, ...] = ()
    """For a list answer: the activity types asked about."""


def date_text(day: date) -> str:
    """How AndroidWorld's goals name a day: "October 12 2026"."""
    return f"{day:%B} {day.day} {day.year}"


def _asked(rng: random.Random, category: str, day: date, minutes: int | None = None,
           metres: int | None = None) -> Track:
    """A track the question is about, started at one of AndroidWorld's times that lets it end before now."""
    minutes = minutes or rng.choice(data.DURATIONS)
    fits = [t for t in data.START_TIMES if datetime.combine(day, time(*t), DEVICE_TIME.tzinfo)
            + timedelta(minutes=minutes) <= DEVICE_TIME]
    start = datetime.combine(day, time(*rng.choice(fits)), DEVICE_TIME.tzinfo)
    return Track(name=rng.choice(data.NAMES), category=category, start=start, minutes=minutes,
                 metres=metres if metres is not None else rng.choice(data.DISTANCES),
                 description=rng.choice(data.DESCRIPTIONS), elevation=rng.choice(data.ELEVATIONS), asked=True)


def _noise(rng: random.Random, excluded: Callable[[Track], bool]) -> list[Track]:
    """AndroidWorld's random tracks: a random type, a start in the two weeks before now, up to five hours long."""
    tracks: list[Track] = []
    while len(tracks) < NOISE_TRACKS:
        category = rng.choice(sorted(data.NOISE_NAMES))
        start = DEVICE_TIME - timedelta(days=14) + timedelta(minutes=rng.randrange(14 * 24 * 60))
        track = Track(name=rng.choice(data.NOISE_NAMES[category]), category=category,
                      start=start.replace(second=0, microsecond=0), minutes=rng.randrange(1, 300),
                      metres=rng.randint(0, 20000), elevation=rng.randint(0, 500))
        if track.start + timedelta(minutes=track.minutes) <= DEVICE_TIME and not excluded(track):
            tracks.append(track)
    return tracks


def _contains(track: Track, category: str) -> bool:
    return category.lower() in track.category.lower()


def _contains_text(shown: str, category: str) -> bool:
    return category.lower() in shown.lower()


def _this_week(day: date) -> bool:
    return WEEK_START <= day <= TODAY


def _params(rng: random.Random, seed: int, asked: list[Track], noise: list[Track], **fields: Any) -> SportsParams:
    tracks = [*asked, *noise]
    rng.shuffle(tracks)
    return SportsParams(seed=seed, tracks=tuple(tracks), **fields)


# -- reading the track list ---------------------------------------------------------------------------------------
class ListedTrack(BaseModel):
    name: str
    category: str
    start: datetime
    minutes: float
    metres: float


def _parse(texts: dict[str, str]) -> ListedTrack:
    shown = texts["track_list_item_date"]
    try:
        start = datetime.strptime(shown, "%b %d, %Y, %I:%M %p")
    except ValueError:
        start = datetime.strptime(shown, "%b %d, %Y, %H:%M")
    h, m, s = (int(x) for x in texts["track_list_item_time"].split(":"))
    return ListedTrack(name=texts["track_list_item_name"], category=texts["track_list_item_category"],
                       start=start, minutes=h * 60 + m + s / 60,
                       metres=float(texts["track_list_item_distance"].removesuffix(" km")) * 1000)


def listed(ui: UIDriver, query: str = "", since: date | None = None) -> list[ListedTrack]:
    """The tracks the list shows (newest first), after searching for `query` if given, scrolling until a screen
    adds nothing or shows a track started before `since`."""
    ui.open_app("OpenTracks")
    if query:
        ui.tap(desc="Search")
        ui.type(query)
    seen: list[ListedTrack] = []
    for _ in range(15):
        elements = ui.elements()
        rows = [e for e in elements if e.resource_id.endswith("/track_list_item")]
        fields = [{f.resource_id.rpartition("/")[2]: f.text for f in elements if inside(r, f) and f.text}
                  for r in rows]
        new = [t for t in (_parse(f) for f in fields if len(f) >= 5) if t not in seen]
        seen += new
        if not new or (since is not None and seen[-1].start.date() < since):
            break
        box = next(e for e in elements if e.resource_id.endswith("/track_list")).bounds
        ui.swipe(540, box.bottom - 60, 540, box.top + 60)
    return seen


def minutes_text(minutes: float) -> str:
    return str(round(minutes))


class _SportsQuestion(Question):
    app_names: ClassVar[tuple[str, ...]] = (OPENTRACKS,)
    tags: ClassVar[tuple[str, ...]] = ("opentracks", "information_retrieval", "parameterized")
    category: ClassVar[str] = "information_retrieval"
    answer_type: ClassVar[AnswerType | None] = "number"
    tolerance: ClassVar[float] = 0.0
    params: SportsParams

    def setup(self, env: TaskEnv) -> None:
        seed_tracks(env, self.params)

    def expected_answer(self, env: TaskEnv) -> str | None:
        return self.params.answer

    def asked_state(self, env: TaskEnv) -> Any:
        return _rows(env)

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return number_matches(answer, truth, self.tolerance)


def seed_tracks(env: TaskEnv, params: SportsParams) -> None:
    """Clear OpenTracks and add the instance's tracks."""
    env.seed(OPENTRACKS, "clear")
    env.seed(OPENTRACKS, "add_tracks", tracks=[
        {"name": t.name, "category": t.category, "start": t.start.isoformat(), "minutes": t.minutes,
         "metres": t.metres, "description": t.description, "elevation_gain": t.elevation,
         "elevation_loss": t.elevation} for t in params.tracks])


def _rows(env: TaskEnv) -> list[Row]:
    return env.query(OPENTRACKS, DATABASE, "SELECT _id, name, category, starttime, totaltime, totaldistance "
                                           "FROM tracks ORDER BY _id")


class SportsTrackerActivitiesOnDate(_SportsQuestion):
    template: ClassVar[str] = ("What activities did I do {date} in the OpenTracks app? Answer with the activity "
                               "type only. If there are multiple types, format your answer in a comma separated "
                               "list.")
    answer_type: ClassVar[AnswerType | None] = "string"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        day = TODAY - timedelta(days=rng.choice(data.ON_DATE_DAYS_AGO))
        categories = rng.sample(data.CATEGORIES, 2)
        asked = [_asked(rng, c, day) for c in categories]
        noise = _noise(rng, lambda t: t.day == day)
        return _params(rng, seed, asked, noise, date=date_text(day), categories=tuple(categories),
                       answer=", ".join(categories))

    def answer_matches(self, answer: str | None, truth: str) -> bool:
        return matches_unordered(answer, self.params.categories)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        day = datetime.strptime(self.params.date, "%B %d %Y").date()
        return ", ".join(t.category for t in listed(ui, since=day) if t.start.date() == day)


class SportsTrackerActivitiesCountForWeek(_SportsQuestion):
    template: ClassVar[str] = ("How many {category} activities did I do this week in the OpenTracks app? Assume "
                               "the week starts from Monday. Express your answer as a single integer.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        category, count = rng.choice(data.CATEGORIES), rng.randint(1, 3)
        days = [WEEK_START + timedelta(days=rng.randrange((TODAY - WEEK_START).days + 1)) for _ in range(count)]
        noise = _noise(rng, lambda t: _contains(t, category) and _this_week(t.day))
        return _params(rng, seed, [_asked(rng, category, d) for d in days], noise, category=category,
                       answer=str(count))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        shown = listed(ui, self.params.category, WEEK_START)
        return str(sum(t.category == self.params.category and _this_week(t.start.date()) for t in shown))


class SportsTrackerActivityDuration(_SportsQuestion):
    template: ClassVar[str] = ("How long was my {category} activity {date} in the OpenTracks app? Express your "
                               "answer in minutes as a single integer.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        category, day = rng.choice(data.CATEGORIES), TODAY - timedelta(days=rng.choice(data.DURATION_DAYS_AGO))
        track = _asked(rng, category, day)
        noise = _noise(rng, lambda t: t.day == day and _contains(t, category))
        return _params(rng, seed, [track], noise, category=category, date=date_text(day), answer=str(track.minutes))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        day = datetime.strptime(self.params.date, "%B %d %Y").date()
        shown = listed(ui, self.params.category, day)
        return next(minutes_text(t.minutes) for t in shown
                    if t.category == self.params.category and t.start.date() == day)


class SportsTrackerLongestDistanceActivity(_SportsQuestion):
    template: ClassVar[str] = ("What was the longest distance covered in a {category} activity in the OpenTracks "
                               "app this week? Assume the week starts from Monday. Express your answer as a single "
                               "number in meters rounded to the nearest integer.")
    tolerance: ClassVar[float] = TOLERANCE

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        category, metres = rng.choice(data.CATEGORIES), rng.choice(data.DISTANCES)
        day = WEEK_START + timedelta(days=rng.randrange((TODAY - WEEK_START).days + 1))
        noise = _noise(rng, lambda t: _contains(t, category) and t.metres >= metres and _this_week(t.day))
        return _params(rng, seed, [_asked(rng, category, day, metres=metres)], noise, category=category,
                       answer=str(metres))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        shown = listed(ui, self.params.category, WEEK_START)
        return str(round(max(t.metres for t in shown
                             if _contains_text(t.category, self.params.category) and _this_week(t.start.date()))))


class SportsTrackerTotalDurationForCategoryThisWeek(_SportsQuestion):
    template: ClassVar[str] = ("What was the total duration of {category} activities in the OpenTracks app this "
                               "week? Assume the week starts from Monday. Express your answer in minutes as a single "
                               "integer.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        category = rng.choice(data.CATEGORIES)
        days = [WEEK_START + timedelta(days=rng.randrange((TODAY - WEEK_START).days + 1)) for _ in range(2)]
        asked = [_asked(rng, category, d) for d in days]
        noise = _noise(rng, lambda t: _contains(t, category) and _this_week(t.day))
        return _params(rng, seed, asked, noise, category=category, answer=str(sum(t.minutes for t in asked)))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        shown = listed(ui, self.params.category, WEEK_START)
        return minutes_text(sum(t.minutes for t in shown
                                if t.category == self.params.category and _this_week(t.start.date())))


class SportsTrackerTotalDistanceForCategoryOverInterval(_SportsQuestion):
    template: ClassVar[str] = ("What was the total distance covered for {category} activities in the OpenTracks app "
                               "from {start_date} to {end_date}? Express your answer as a single number in meters "
                               "rounded to the nearest integer.")
    tolerance: ClassVar[float] = TOLERANCE

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        category = rng.choice(data.CATEGORIES)
        first = TODAY - timedelta(days=rng.choice(data.INTERVAL_START_DAYS_AGO))
        last = TODAY - timedelta(days=rng.choice(data.INTERVAL_END_DAYS_AGO))
        asked = [_asked(rng, category, first) for _ in range(2)]  # both on the first day, as AndroidWorld seeds
        noise = _noise(rng, lambda t: _contains(t, category) and first <= t.day <= last)
        return _params(rng, seed, asked, noise, category=category, start_date=date_text(first),
                       end_date=date_text(last), answer=str(sum(t.metres for t in asked)))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        first, last = (datetime.strptime(d, "%B %d %Y").date() for d in (self.params.start_date,
                                                                           self.params.end_date))
        shown = listed(ui, self.params.category, first)
        return str(round(sum(t.metres for t in shown
                             if t.category == self.params.category and first <= t.start.date() <= last)))


class DeleteAskedTrack(Task):
    """Not an AndroidWorld family (not in TASKS): delete a track a question asks about, through the GUI. The
    answer-from-mutated-state probe runs it on a question's parameters before answering."""

    template: ClassVar[str] = "Delete the track '{name}' in the OpenTracks app."
    app_names: ClassVar[tuple[str, ...]] = (OPENTRACKS,)
    params: SportsParams

    @property
    def target(self) -> Track:
        return next(t for t in self.params.tracks if t.asked)

    @property
    def goal(self) -> str:
        return self.template.format(name=self.target.name)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return SportsTrackerActivityDuration.generate_params(rng, seed)

    def setup(self, env: TaskEnv) -> None:
        seed_tracks(env, self.params)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        names = [r["name"] for r in _rows(env)]
        return 1.0 if len(names) == len(self.params.tracks) - 1 and self.target.name not in names else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("OpenTracks")
        ui.tap(desc="Search")
        ui.type(self.target.name)
        ui.tap(rid="track_list_item_name", text=self.target.name)
        ui.tap(desc="More options")
        ui.tap(text="Delete")
        ui.tap(text="Delete")
        return None


TASKS = (SportsTrackerActivitiesOnDate, SportsTrackerActivitiesCountForWeek, SportsTrackerActivityDuration,
         SportsTrackerLongestDistanceActivity, SportsTrackerTotalDurationForCategoryThisWeek,
         SportsTrackerTotalDistanceForCategoryOverInterval)
