"""UI-NEXUS Context Transition from what someone sent or noted to an app that acts on it: videos named in a text
become a VLC playlist, a meeting point in a text an OsmAnd marker, a link in a Joplin note a Chrome bookmark.
The oracles read the value off the screen as an agent must; the check looks for exactly that value.
"""

from __future__ import annotations

import random
import re
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.browser import CHROME
from droidpilot.benchmarks.suites.androidworld.joplin import (
    JoplinNote,
    JoplinParams,
    NotesIsTodo,
    open_note,
    seed_notes,
)
from droidpilot.benchmarks.suites.androidworld.osmand import PLACES, LocationParams, OsmAndMarker
from droidpilot.benchmarks.suites.androidworld.sms import SENT, SimpleSmsSendToContact, Sms, SmsParams
from droidpilot.benchmarks.suites.androidworld.vlc import VlcCreatePlaylist, VlcParams, make_playlist
from droidpilot.benchmarks.suites.uinexus.app_goals import bookmark_added, marker_added, vlc_playlist_added
from droidpilot.benchmarks.suites.uinexus.atoms import SubGoal
from droidpilot.benchmarks.suites.uinexus.composite import draw, received
from droidpilot.benchmarks.suites.uinexus.transition import Transition
from droidpilot.benchmarks.task import Params, Task
from droidpilot.emulator.device import Key


# -- messages -> vlc -----------------------------------------------------------------------------------------------
class VideoTextParams(Params):
    sms: SmsParams
    """`target` texted the list of videos (the latest text) after an older list (noise)."""
    vlc: VlcParams


class NexusVideoPlaylistFromText(Transition):
    template: ClassVar[str] = ('{sender} texted me a list of videos. In VLC, create a playlist titled "{playlist}" '
                               "with the videos of their latest list, in that order.")
    params_model: ClassVar[type[Params]] = VideoTextParams
    complexity: ClassVar[float] = 1.0 + VlcCreatePlaylist.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.messaging", "org.videolan.vlc")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendToContact, SmsParams, rng, seed)
        vlc = draw(VlcCreatePlaylist, VlcParams, rng, seed)
        others = [v.name for v in vlc.videos if v.name not in vlc.files]
        phone = sms.book[0].phone
        thread = [Sms(address=phone, body=f"Old list, ignore: {', '.join(rng.sample(others, 2))}", minutes_ago=3000),
                  Sms(address=phone, body="Ok!", type=SENT, minutes_ago=2990),
                  Sms(address=phone, body=f"Movie night playlist: {', '.join(vlc.files)}. In that order please!",
                      minutes_ago=rng.randint(10, 90))]
        return VideoTextParams(seed=seed, vlc=vlc, sms=sms.model_copy(update={"history": [*sms.history, *thread]}))

    @property
    def p(self) -> VideoTextParams:
        assert isinstance(self.params, VideoTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"sender": self.p.sms.target, "playlist": self.p.vlc.playlist_name}

    def build_parts(self) -> list[Task]:
        return [SimpleSmsSendToContact(self.p.sms), VlcCreatePlaylist(self.p.vlc)]  # both only seed

    def goals(self) -> list[SubGoal]:
        return [vlc_playlist_added(self.p.vlc.playlist_name, self.p.vlc.files)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        latest = received(ui, self.p.sms.target)[-1]
        files = tuple(re.findall(r"[\w-]+\.mp4", latest))
        ui.open_app("VLC")
        make_playlist(ui, self.p.vlc.playlist_name, files)
        return None


# -- messages -> osmand --------------------------------------------------------------------------------------------
class MeetTextParams(Params):
    sms: SmsParams
    place: LocationParams


def village(place: str) -> str:
    return place.split(",")[0]


class NexusMeetingPointToMarker(Transition):
    template: ClassVar[str] = "{sender} texted me where we meet this weekend. Add an OsmAnd map marker for that place."
    params_model: ClassVar[type[Params]] = MeetTextParams
    complexity: ClassVar[float] = 1.0 + OsmAndMarker.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.messaging", "net.osmand")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendToContact, SmsParams, rng, seed)
        place, before = rng.sample(sorted(PLACES), 2)
        phone = sms.book[0].phone
        thread = [Sms(address=phone, body=f"Last weekend in {village(before)} was great!", minutes_ago=8000),
                  Sms(address=phone, body=f"This weekend let's meet in {village(place)}, at the bus stop at 10.",
                      minutes_ago=rng.randint(10, 90))]
        return MeetTextParams(seed=seed, sms=sms.model_copy(update={"history": [*sms.history, *thread]}),
                              place=LocationParams(seed=seed, location=place))

    @property
    def p(self) -> MeetTextParams:
        assert isinstance(self.params, MeetTextParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"sender": self.p.sms.target}

    def build_parts(self) -> list[Task]:
        return [SimpleSmsSendToContact(self.p.sms), OsmAndMarker(self.p.place)]  # both only seed

    def goals(self) -> list[SubGoal]:
        return [marker_added(PLACES[self.p.place.location], self.p.place.location)]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        latest = received(ui, self.p.sms.target)[-1]
        place = next(p for p in sorted(PLACES) if f" in {village(p)}," in latest)
        OsmAndMarker(LocationParams(seed=self.p.seed, location=place)).solve(ui, env)
        return None


# -- joplin -> chrome ----------------------------------------------------------------------------------------------
PAGES = {"Bus timetable": "bus_times", "Cafe menu": "cafe_menu", "Gym schedule": "gym_schedule",
         "Library hours": "library_hours", "Pool prices": "pool_prices", "Recycling calendar": "recycling"}
"""Local pages a links note points to: label -> file stem under Download."""


class LinkNoteParams(Params):
    joplin: JoplinParams
    """`title` is the links note; `answer` the label of the page to bookmark."""
    links: dict[str, str]
    """Label -> URL, every link in the note."""


class NexusBookmarkFromNote(Transition):
    template: ClassVar[str] = ("My Joplin note '{title}' lists some web pages. Open the one for the {label} in Chrome "
                               "and bookmark it.")
    params_model: ClassVar[type[Params]] = LinkNoteParams
    complexity: ClassVar[float] = 2.5
    app_names: ClassVar[tuple[str, ...]] = ("net.cozic.joplin", "com.android.chrome")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        labels = rng.sample(sorted(PAGES), rng.randint(3, 4))
        links = {label: f"file:///sdcard/Download/{PAGES[label]}.html" for label in labels}
        title = rng.choice(("Useful links", "Town pages", "Bookmarks to sort", "Links for later"))
        body = "\n".join(f"{label}: {url}" for label, url in links.items())
        noise = draw(NotesIsTodo, JoplinParams, rng, seed).notes[:30]
        mine = JoplinNote(folder="Personal", title=title, body=body)
        return LinkNoteParams(seed=seed, links=links, joplin=JoplinParams(
            seed=seed, notes=(mine, *noise), title=title, answer=rng.choice(labels)))

    @property
    def p(self) -> LinkNoteParams:
        assert isinstance(self.params, LinkNoteParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"title": self.p.joplin.title, "label": self.p.joplin.answer.lower()}

    def prepare(self, env: TaskEnv) -> None:
        seed_notes(env, self.p.joplin)
        env.seed(CHROME, "reset")
        for label, url in self.p.links.items():
            page = f"<title>{label}</title><h2>{label}</h2><p>Updated every Monday.</p>"
            env.device.push(page.encode(), url.removeprefix("file://"))

    def goals(self) -> list[SubGoal]:
        return [bookmark_added(self.p.links[self.p.joplin.answer])]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        body = open_note(ui, self.p.joplin.title)
        label = self.p.joplin.answer
        url = next(line.split(": ", 1)[1] for line in body.splitlines() if line.lower().startswith(label.lower()))
        ui.open_app("Chrome")
        ui.type_into(url, rid="url_bar")
        ui.press(Key.ENTER)
        ui.tap(rid="menu_button")
        ui.tap(rid="bookmark_this_page_id")
        return None


TASKS = (NexusVideoPlaylistFromText, NexusMeetingPointToMarker, NexusBookmarkFromNote)
