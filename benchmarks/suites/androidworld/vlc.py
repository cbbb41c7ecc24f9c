"""VLC families (AndroidWorld's VlcCreatePlaylist and VlcCreateTwoPlaylists).

Set-up as AndroidWorld's: the VLCVideos folder and the media library are emptied, then the task's videos and as
many noise videos are written (real MP4s showing a random message for 20 to 180 s). The check runs AndroidWorld's
playlist query on `app_db/vlc_media.db` and its `verify_playlist` (names matched exactly, see mediakit).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.mediakit import (
    modified_file_name,
    playlist_matches,
    random_string,
    reveal_in_sorted_list,
)
from droidpilot.benchmarks.task import Params, Task

VLC = "org.videolan.vlc"
VIDEOS = "/storage/emulated/0/VLCVideos"
DB_PATH = "/data/data/org.videolan.vlc/app_db/vlc_media.db"
PLAYLIST_QUERY = """
    SELECT Playlist.name AS playlist_name, Media.filename AS media_file_name,
           PlaylistMediaRelation.position AS order_in_playlist
    FROM PlaylistMediaRelation
    INNER JOIN Playlist ON Playlist.id_playlist = PlaylistMediaRelation.playlist_id
    INNER JOIN Media ON Media.id_media = PlaylistMediaRelation.media_id
    ORDER BY Playlist.name, PlaylistMediaRelation.position"""
PREFIXES = ("clip", "footage", "scene", "recording", "highlight", "moment", "episode")
SUFFIXES = ("", "HD", "4K", "raw", "export")
THEMES = ("Adventure", "Comedy", "Daily Routines", "Documentary Insights", "Epic Moments", "Family Gatherings",
          "Fitness Challenges", "Gaming Sessions", "How To", "Mystery and Thrills", "Recipe Collection", "Road Trips",
          "Summer Highlights", "Tech Reviews", "Travel Guide", "Ultimate Fails")
QUALIFIERS = ("Essentials", "Favorites", "Marathon", "Playlist", "Series", "Specials", "Ultimate Collection")


class Video(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    seconds: int
    message: str


class VlcParams(Params):
    playlist_name: str = ""
    files: tuple[str, ...] = ()
    playlist_name2: str = ""
    files2: tuple[str, ...] = ()
    videos: tuple[Video, ...] = ()
    """Every video written at set-up: the playlists' files and the noise files."""


def _file_name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = modified_file_name(rng, f"{rng.choice(PREFIXES)}_{rng.randint(1, 99)}_{rng.choice(SUFFIXES)}.mp4")
        if name not in taken:
            taken.add(name)
            return name


def _playlist(rng: random.Random, taken: set[str]) -> tuple[str, list[str], list[str]]:
    """A playlist name, its 2 to 5 files and as many noise files."""
    name = f"{rng.choice(THEMES)} {rng.choice(QUALIFIERS)}"
    count = rng.randint(2, 5)
    return name, [_file_name(rng, taken) for _ in range(count)], [_file_name(rng, taken) for _ in range(count)]


def _videos(rng: random.Random, names: list[str]) -> tuple[Video, ...]:
    return tuple(Video(name=n, seconds=rng.randint(20, 180), message=random_string(rng, 10)) for n in names)


def playlist_rows(env: TaskEnv) -> list[dict[str, Any]]:
    """AndroidWorld's playlist query on a fresh pull of VLC's media library."""
    with tempfile.TemporaryDirectory(prefix="droidpilot-vlc-") as tmp:
        path = Path(tmp) / "vlc_media.db"
        path.write_bytes(env.device.pull(DB_PATH))
        conn = sqlite3.connect(path)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(PLAYLIST_QUERY)]
        finally:
            conn.close()


def make_playlist(ui: UIDriver, name: str, files: tuple[str, ...]) -> None:
    """From the Video tab: pick the files in order (a long press, then taps), Add to playlist, name it, Save."""
    for i, file in enumerate(files):
        title = file.rpartition(".")[0]
        row = reveal_in_sorted_list(ui, title, "ml_item_title", "video_grid")
        if i == 0:
            ui.long_press(rid="ml_item_title", text=title)
        else:
            ui.tap_at(*row.bounds.center)
    ui.tap(desc="Add to playlist")
    ui.type(name)  # the name field has the focus
    ui.tap(rid="dialog_playlist_save")


class _VlcTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (VLC,)
    category: ClassVar[str] = "data_edit"
    params: VlcParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(VLC, "clear_videos", folder=VIDEOS)
        env.seed(VLC, "clear_library")
        for video in self.params.videos:
            env.seed(VLC, "write_video", name=video.name, seconds=video.seconds, message=video.message, folder=VIDEOS)


class VlcCreatePlaylist(_VlcTask):
    tags: ClassVar[tuple[str, ...]] = ("vlc", "data_edit", "repetition", "parameterized")

    @property
    def goal(self) -> str:
        return (f'Create a playlist titled "{self.params.playlist_name}" with the following files in VLC (located '
                f'in Internal Memory/VLCVideos), in order: {", ".join(self.params.files)}')

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        name, files, noise = _playlist(rng, set())
        return VlcParams(seed=seed, playlist_name=name, files=tuple(files), videos=_videos(rng, files + noise))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return float(playlist_matches(playlist_rows(env), self.params.playlist_name, self.params.files))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("VLC")
        make_playlist(ui, self.params.playlist_name, self.params.files)
        return None


class VlcCreateTwoPlaylists(_VlcTask):
    tags: ClassVar[tuple[str, ...]] = ("vlc", "data_entry", "requires_setup", "parameterized")

    @property
    def goal(self) -> str:
        p = self.params
        first = (f'Create a playlist titled "{p.playlist_name}" with the following files in VLC (located in '
                 f'Internal Memory/VLCVideos), in order: {", ".join(p.files)}')
        second = (f'create a playlist titled "{p.playlist_name2}" with the following files in VLC, in order: '
                  f'{", ".join(p.files2)}')
        return f"{first}. And then, {second}."

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        taken: set[str] = set()
        name, files, noise = _playlist(rng, taken)
        name2, files2, noise2 = _playlist(rng, taken)
        while name2 == name:
            name2 = f"{rng.choice(THEMES)} {rng.choice(QUALIFIERS)}"
        return VlcParams(seed=seed, playlist_name=name, files=tuple(files), playlist_name2=name2,
                         files2=tuple(files2), videos=_videos(rng, files + noise + files2 + noise2))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        rows, p = playlist_rows(env), self.params
        return (playlist_matches(rows, p.playlist_name, p.files) + playlist_matches(rows, p.playlist_name2,
                                                                                   p.files2)) / 2

    def partial_credit(self, env: TaskEnv) -> float | None:
        return self.is_successful(env, None)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("VLC")
        make_playlist(ui, self.params.playlist_name, self.params.files)
        make_playlist(ui, self.params.playlist_name2, self.params.files2)
        return None


TASKS = (VlcCreatePlaylist, VlcCreateTwoPlaylists)
