"""Retro Music families (AndroidWorld's RetroCreatePlaylist, RetroPlayingQueue, RetroPlaylistDuration and
RetroSavePlaylist), with AndroidWorld's goals, song names, playlist names and checks.

Set-up as AndroidWorld's: the music folder and the playlist tables are emptied (and the playing queue, so each
episode starts from the same state), then tagged MP3s are written: the task's songs and noise songs (3 to 5
minutes, a random given name as artist). Checks run AndroidWorld's queries on `playlist.db` and
`music_playback_state.db`; playlist names are matched exactly (see mediakit).
"""

from __future__ import annotations

import random
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import text_matches
from droidpilot.benchmarks.suites.androidworld.mediakit import playlist_matches, reveal_in_sorted_list
from droidpilot.benchmarks.task import Params, Task

RETRO = "code.name.monkey.retromusic"
DOWNLOAD = "/storage/emulated/0/Download"
SONGS = ("My Heart is Yours", "Endless Summer", "Whispering Wind", "Lost in the Echo", "Chasing Shadows",
         "Night Drive", "Echoes of Silence", "Bright Lights", "Moments", "Forever Young", "Rising Sun",
         "Silent Dreams", "City of Stars", "Moonlight Sonata", "Through the Storm", "Return to Paradise",
         "Voices in the Hall", "Under the Sky", "Dreamer's Awake", "Serenity Now", "Falling Feathers",
         "Orbiting Stars", "Reflections", "Beyond the Horizon", "Golden Days", "Twilight Calling", "Heartbeat Away",
         "Mystic Journey", "Hidden Paths", "Distant Memories", "Path to Zenith", "Eternal Flame", "Shadows of Time",
         "Whispers of the Past", "Waves of Change")
THEMES = ("Chill Beats", "Morning Vibes", "Workout Energy", "Study Sessions", "Golden Oldies", "Indie Gems",
          "Rock Anthems", "Electronic Waves", "Jazz Classics", "Hip Hop Hits", "Country Roads", "Classical Moods",
          "Pop Essentials", "Latin Grooves", "Reggae Rhythms", "Soulful Sounds", "Blues Vibes", "Metal Mayhem",
          "Party Mix", "Tranquil Tunes", "R&B Favorites", "Folk Inspirations", "Disco Nights", "Global Beats",
          "Sleepytime Songs", "Acoustic Sessions", "Vintage Vinyl", "Instrumental Study", "Coffeehouse Jazz",
          "Rainy Day Relax", "Gym Pump Up", "Retro Pop Hits", "Indie Rock Roadtrip", "Electronic Chillout",
          "Classical Concentration", "Jazz Lounge", "Hip Hop Bangers", "Country Classics",
          "Classical Opera Highlights", "Pop Punk Power", "Latin Dance Party", "Reggae Sunsplash", "Soul Classics",
          "Blues Break", "Party Starters", "Tranquil Ambient", "R&B Grooves", "Folk Favourites", "Disco Fever",
          "World Music Tour")
ARTISTS = ("Emma", "Liam", "Olivia", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas", "Mia",
           "Mason", "Amelia", "Ethan", "Harper", "Logan")
TARGET_MS = int(47.5 * 60 * 1000)
MIN_MS, MAX_MS = 45 * 60 * 1000, 50 * 60 * 1000
PLAYLIST_QUERY = """
    SELECT pe.playlist_name AS playlist_name, se.title AS media_file_name, se.duration AS duration_ms,
           ROW_NUMBER() OVER (PARTITION BY pe.playlist_name ORDER BY se.song_key) - 1 AS order_in_playlist
    FROM PlaylistEntity pe JOIN SongEntity se ON pe.playlist_id = se.playlist_creator_id
    ORDER BY pe.playlist_name, order_in_playlist"""


class Song(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    artist: str
    duration_ms: int

    @property
    def title(self) -> str:
        return self.file.split(".")[0]


class RetroParams(Params):
    playlist_name: str = ""
    files: tuple[str, ...] = ()
    """The songs the goal names (or, for the duration task, the ones that add up to 47.5 minutes), in order."""
    songs: tuple[Song, ...] = ()
    """Every song written at set-up, noise included."""


def _noise_ms(rng: random.Random) -> int:
    return rng.randint(3 * 60 * 1000, 5 * 60 * 1000)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """AndroidWorld's `_generate_list_with_sum`: `parts` random lengths adding up to `total`."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def _pick(ui: UIDriver, titles: list[str]) -> None:
    """Select the songs in order on the Songs tab: a long press, then taps."""
    for i, title in enumerate(titles):
        row = reveal_in_sorted_list(ui, title, "title", "recyclerView")
        if i == 0:
            ui.long_press(rid="title", text=title)
        else:
            ui.tap_at(*row.bounds.center)


def create_playlist(ui: UIDriver, name: str, titles: list[str]) -> None:
    ui.open_app("Retro Music")
    _pick(ui, titles)
    ui.tap(desc="Add to playlist")
    ui.tap(text="New playlist")
    ui.type(name)  # the name field has the focus
    ui.tap(text="Create")


class _RetroTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (RETRO,)
    category: ClassVar[str] = "data_entry"
    params: RetroParams

    @property
    def titles(self) -> list[str]:
        return [f.split(".")[0] for f in self.params.files]

    @property
    def goal(self) -> str:
        return (f'Create a playlist in Retro Music titled "{self.params.playlist_name}" with the following songs, '
                f'in order: {", ".join(self.titles)}')

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        files = [f"{name}.mp3" for name in rng.sample(SONGS, 15)]
        count = rng.randint(2, 5)
        songs = tuple(Song(file=f, artist=rng.choice(ARTISTS), duration_ms=_noise_ms(rng)) for f in files)
        return RetroParams(seed=seed, playlist_name=f"{rng.choice(THEMES)} {rng.randint(1, 999)}",
                           files=tuple(files[:count]), songs=songs)

    def setup(self, env: TaskEnv) -> None:
        env.seed(RETRO, "clear_music")
        env.seed(RETRO, "clear_playlists")
        env.seed(RETRO, "clear_queue")
        for song in self.params.songs:
            env.seed(RETRO, "write_song", file_name=song.file, title=song.title, artist=song.artist,
                     duration_ms=song.duration_ms)

    def playlist_done(self, env: TaskEnv) -> bool:
        rows = env.query(RETRO, "playlist.db", PLAYLIST_QUERY)
        return playlist_matches(rows, self.params.playlist_name, self.titles)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return float(self.playlist_done(env))


class RetroCreatePlaylist(_RetroTask):
    tags: ClassVar[tuple[str, ...]] = ("retro_music", "data_entry", "repetition", "parameterized")

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        create_playlist(ui, self.params.playlist_name, self.titles)
        return None


class RetroPlayingQueue(_RetroTask):
    tags: ClassVar[tuple[str, ...]] = ("retro_music", "parameterized")

    @property
    def goal(self) -> str:
        return f"Add the following songs, in order, {', '.join(self.titles)} to my playing queue in Retro music."

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        rows = env.query(RETRO, "music_playback_state.db", "SELECT title FROM playing_queue")
        return float([r["title"] for r in rows] == self.titles)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Retro Music")
        _pick(ui, self.titles)
        ui.tap(desc="Add to playing queue")
        return None


class RetroSavePlaylist(_RetroTask):
    tags: ClassVar[tuple[str, ...]] = ("retro_music", "search", "repetition", "parameterized")

    @property
    def goal(self) -> str:
        return f"{super().goal}. Then export the playlist to the Downloads directory on the device."

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        exported = f"{self.params.playlist_name}.m3u" in env.list_dir(DOWNLOAD)
        return (float(self.playlist_done(env)) + float(exported)) / 2

    def partial_credit(self, env: TaskEnv) -> float | None:
        return self.is_successful(env, None)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        create_playlist(ui, self.params.playlist_name, self.titles)
        ui.tap(desc="Playlists")
        row = ui.need(rid="title", text=self.params.playlist_name)
        menu = next(e for e in ui.elements() if e.resource_id.endswith("/menu")
                    and e.bounds.top <= row.bounds.center[1] <= e.bounds.bottom)
        ui.tap_at(*menu.bounds.center)
        ui.tap(text="Save playlist")
        ui.tap(rid="title", text="Download")
        return None


class RetroPlaylistDuration(_RetroTask):
    tags: ClassVar[tuple[str, ...]] = ("retro_music", "math_counting", "complex_ui_understanding", "repetition",
                                       "parameterized")

    @property
    def goal(self) -> str:
        return (f'Create a playlist in Retro Music titled "{self.params.playlist_name}" with a duration between 45 '
                "and 50 minutes using the provided songs.")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        files = [f"{name}.mp3" for name in rng.sample(SONGS, 15)]
        count = rng.randint(9, 11)
        lengths = _split(rng, TARGET_MS, count) + [_noise_ms(rng) for _ in files[count:]]
        songs = tuple(Song(file=f, artist=rng.choice(ARTISTS), duration_ms=ms) for f, ms in zip(files, lengths,
                                                                                               strict=True))
        return RetroParams(seed=seed, playlist_name=f"{rng.choice(THEMES)} {rng.randint(1, 999)}",
                           files=tuple(files[:count]), songs=songs)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        rows = env.query(RETRO, "playlist.db", PLAYLIST_QUERY)
        if not rows or any(not text_matches(str(r["playlist_name"]), self.params.playlist_name) for r in rows):
            return 0.0
        return float(MIN_MS <= sum(int(r["duration_ms"]) for r in rows) <= MAX_MS)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        create_playlist(ui, self.params.playlist_name, self.titles)
        return None


TASKS = (RetroCreatePlaylist, RetroPlayingQueue, RetroPlaylistDuration, RetroSavePlaylist)
