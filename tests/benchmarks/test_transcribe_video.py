"""MarkorTranscribeVideo: parameters as AndroidWorld draws them, the oracle (through VLC and Notes) within the
budget, the names only on the video's frames, and a check that takes exactly the names in order (the
missed-last-frame probe also runs in test_probes)."""

from __future__ import annotations

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import RecordingDevice
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.probes import probes_for
from droidpilot.benchmarks.probes.transcription import MissedLastFrame
from droidpilot.benchmarks.suites.androidworld.notes import NOTES
from droidpilot.benchmarks.suites.androidworld.transcribe_video import (
    MarkorTranscribeVideo,
    TranscribeVideoParams,
    watch,
)
from droidpilot.benchmarks.task import instance_seed
from tests.benchmarks.conftest import start_task


def test_parameters_follow_androidworld() -> None:
    assert (MarkorTranscribeVideo.difficulty, MarkorTranscribeVideo.complexity) == ("hard", 2.0)
    for i in range(12):
        p = MarkorTranscribeVideo.create(instance_seed(30, "MarkorTranscribeVideo", i)).params
        assert isinstance(p, TranscribeVideoParams)
        assert 2 <= len(p.messages) <= 4 and 5 <= len(p.noise) <= 20 and all(20 <= v.seconds <= 180 for v in p.noise)
        assert p.name == p.video_name.removesuffix(".mp4") + "_transcription.txt"
        assert p.video_name not in {v.name for v in p.noise}
        goal = MarkorTranscribeVideo(p).goal
        assert p.video_name in goal and p.name in goal and not any(m in goal for m in p.messages)
    assert isinstance(probes_for(MarkorTranscribeVideo)[0], MissedLastFrame)


def test_noop_fails_and_the_oracle_reads_the_frames(env: TaskEnv) -> None:
    task = start_task(env, MarkorTranscribeVideo)
    assert task.is_successful(env, None) == 0.0
    ui = UIDriver(RecordingDevice(env.device, None))
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0 and 0 < ui.steps <= task.step_budget
    task.teardown(env)


WRITTEN = {"{0}, {1}": True, "{0},{1}": True, " {0} ,  {1}\n": True, "{1}, {0}": False, "{0}": False,
           "{0}, {1}, {0}": False, "{0}x, {1}": False, "{0} {1}": False, "Names: {0}, {1}": False}


def test_the_check_takes_exactly_the_names_in_order(env: TaskEnv) -> None:
    task = start_task(env, MarkorTranscribeVideo, 1)
    params = task.params
    assert isinstance(params, TranscribeVideoParams)
    first, rest = params.messages[0], ", ".join(params.messages[1:])
    for written, ok in WRITTEN.items():
        env.seed(NOTES, "write_note", rel=params.name, content=written.format(first, rest))
        assert task.is_successful(env, None) == float(ok), written
    env.seed(NOTES, "write_note", rel=params.notes[0].path, content="changed")  # another note touched
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_the_player_shows_the_names_only_as_pixels(env: TaskEnv) -> None:
    task = start_task(env, MarkorTranscribeVideo, 2)
    params = task.params
    assert isinstance(params, TranscribeVideoParams)
    ui = UIDriver(env.device)
    watch(ui, params.video_name, 1)  # paused on the first name, then home
    ui.open_app("VLC")  # back to the paused player
    surfaces = []
    for _ in params.messages:
        observed = env.device.observe()
        box = next(e for e in observed.elements if e.resource_id.endswith("/surface_video")).bounds
        surfaces.append(observed.screenshot.crop((box.left, box.top, box.right, box.bottom)).tobytes())
        hierarchy = " ".join(e.text + " " + e.content_desc for e in observed.elements)
        assert not any(m in hierarchy for m in params.messages)
        ui.tap(rid="player_overlay_forward")
    assert len(set(surfaces)) == len(params.messages)  # a different picture for each name
    task.teardown(env)
