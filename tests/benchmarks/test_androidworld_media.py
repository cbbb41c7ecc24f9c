"""The androidworld suite's media families: Audio Recorder, VLC and Retro Music.

The oracle and a near-miss probe of every family already run in test_probes; here each family's parameters are
checked against AndroidWorld's generators, and the checks against the near misses AndroidWorld's own checks
catch (or, for its quirks, do not): two recordings, a name without the doubled extension, files out of order, a
queue with one song too many, an export to the wrong folder, a second playlist beside the timed one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld import audio_recorder, retro_music, vlc
from droidpilot.benchmarks.suites.androidworld.audio_recorder import (
    AudioRecorderRecordAudio,
    AudioRecorderRecordAudioWithFileName,
    record,
)
from droidpilot.benchmarks.suites.androidworld.mediakit import playlist_matches, reveal_in_sorted_list
from droidpilot.benchmarks.suites.androidworld.retro_music import (
    RetroParams,
    RetroPlayingQueue,
    RetroPlaylistDuration,
    RetroSavePlaylist,
    create_playlist,
)
from droidpilot.benchmarks.suites.androidworld.vlc import VlcCreatePlaylist, VlcParams, make_playlist
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

TASKS: list[type[Task]] = [cls for module in (audio_recorder, vlc, retro_music) for cls in module.TASKS]


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def start(env: TaskEnv, task: Task) -> UIDriver:
    task.initialize(env)
    return UIDriver(env.device)


def test_parameters_follow_androidworld() -> None:
    assert sorted(cls.name() for cls in TASKS) == [
        "AudioRecorderRecordAudio", "AudioRecorderRecordAudioWithFileName", "RetroCreatePlaylist",
        "RetroPlayingQueue", "RetroPlaylistDuration", "RetroSavePlaylist", "VlcCreatePlaylist",
        "VlcCreateTwoPlaylists"]
    for i in range(20):
        named = AudioRecorderRecordAudioWithFileName.create(instance_seed(30, "x", i)).params
        assert named.file_name.endswith(".m4a") and any(n in named.file_name for n in audio_recorder.NAMES)
        playlist = VlcCreatePlaylist.create(instance_seed(30, "y", i)).params
        assert isinstance(playlist, VlcParams) and 2 <= len(playlist.files) <= 5
        assert len(playlist.videos) == 2 * len(playlist.files) and len({v.name for v in playlist.videos}) == len(
            playlist.videos)
        assert all(20 <= v.seconds <= 180 for v in playlist.videos)
        timed = RetroPlaylistDuration.create(instance_seed(30, "z", i)).params
        assert isinstance(timed, RetroParams) and 9 <= len(timed.files) <= 11 and len(timed.songs) == 15
        assert sum(s.duration_ms for s in timed.songs[:len(timed.files)]) == retro_music.TARGET_MS
    for cls in TASKS:
        seed = instance_seed(30, cls.name(), 0)
        assert cls.create(seed).params == cls.create(seed).params
    assert (RetroPlayingQueue.complexity, RetroSavePlaylist.difficulty) == (3.2, "hard")


def test_two_recordings_are_not_one(env: TaskEnv) -> None:
    task = AudioRecorderRecordAudio.create(instance_seed(30, "AudioRecorderRecordAudio", 2))
    ui = start(env, task)
    record(ui)
    assert task.is_successful(env, None) == 1.0
    ui.tap(text="Cancel")  # keeps the proposed name
    ui.tap(desc="Start recording")
    ui.tap(desc="Stop recording")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_a_recording_named_without_the_extension_fails_as_in_androidworld(env: TaskEnv) -> None:
    task = AudioRecorderRecordAudioWithFileName.create(instance_seed(30, "AudioRecorderRecordAudioWithFileName", 0))
    assert task.goal.startswith('Record an audio clip and save it with name "')
    ui = start(env, task)
    record(ui)
    ui.long_press(rid="input_name")
    ui.type(task.params.file_name.removesuffix(".m4a"))  # the app saves "name.m4a"; the check wants "name.m4a.m4a"
    ui.tap(text="Save")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_vlc_files_out_of_order_fail(env: TaskEnv) -> None:
    task = VlcCreatePlaylist.create(instance_seed(30, "VlcCreatePlaylist", 3))
    assert isinstance(task.params, VlcParams)
    ui = start(env, task)
    ui.open_app("VLC")
    make_playlist(ui, task.params.playlist_name, tuple(reversed(task.params.files)))
    assert task.is_successful(env, None) == 0.0
    rows = vlc.playlist_rows(env)
    assert playlist_matches(rows, task.params.playlist_name.upper(), list(reversed(task.params.files)))
    task.teardown(env)


def test_a_queue_with_one_song_too_many_fails(env: TaskEnv) -> None:
    task = RetroPlayingQueue.create(instance_seed(30, "RetroPlayingQueue", 1))
    assert isinstance(task.params, RetroParams)
    ui = start(env, task)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    extra = next(s.title for s in task.params.songs if s.file not in task.params.files)
    ui.tap(desc="Songs")
    reveal_in_sorted_list(ui, extra, "title", "recyclerView")
    ui.long_press(rid="title", text=extra)
    ui.tap(desc="Add to playing queue")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_an_export_to_another_folder_is_half_done(env: TaskEnv) -> None:
    task = RetroSavePlaylist.create(instance_seed(30, "RetroSavePlaylist", 0))
    assert isinstance(task.params, RetroParams)
    ui = start(env, task)
    create_playlist(ui, task.params.playlist_name, [f.split(".")[0] for f in task.params.files])
    ui.tap(desc="Playlists")
    ui.tap(desc="More options")
    ui.tap(text="Save playlist")
    ui.tap(rid="title", text="Music")
    assert task.is_successful(env, None) == 0.5 == task.partial_credit(env)
    task.teardown(env)


def test_a_second_playlist_beside_the_timed_one_fails(env: TaskEnv) -> None:
    task = RetroPlaylistDuration.create(instance_seed(30, "RetroPlaylistDuration", 4))
    assert isinstance(task.params, RetroParams)
    ui = start(env, task)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    ui.press("HOME")
    create_playlist(ui, "Extra", [task.params.songs[-1].title])
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)
