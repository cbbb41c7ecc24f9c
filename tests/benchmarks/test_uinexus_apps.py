"""UI-NEXUS on the newer apps and its conditional templates: an agent that always takes one branch without reading
what decides it scores well under 0.5; a playlist in the wrong order, a favourite at another place, a recording
named after another task are attention drift; a change in an app no sub-goal writes fails the task; the value
checks (a recipe quantity, a network's name) and the mistyping probe's near miss."""

from __future__ import annotations

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.probes.composite import off_by_one
from droidpilot.benchmarks.suites.androidworld.audio_recorder import AudioRecorderRecordAudioWithFileName
from droidpilot.benchmarks.suites.androidworld.browser import CHROME
from droidpilot.benchmarks.suites.androidworld.osmand import PLACES, LocationParams, OsmAndFavorite
from droidpilot.benchmarks.suites.androidworld.retro_music import create_playlist
from droidpilot.benchmarks.suites.androidworld.sms import send
from droidpilot.benchmarks.suites.androidworld.system import SystemWifiTurnOn
from droidpilot.benchmarks.suites.uinexus.composite import CompositeTask, leave_app, received, text_contact
from droidpilot.benchmarks.suites.uinexus.conditional import NexusIfWifiOffThenText, names_network
from droidpilot.benchmarks.suites.uinexus.deepdive import NO, YES, NexusInviteConflictReply
from droidpilot.benchmarks.suites.uinexus.transition_apps import (
    NexusIngredientToText,
    NexusMeetingPlaceToFavorite,
    NexusPlaylistFromNote,
    NexusRecordingNamedAfterTask,
    states_quantity,
)
from droidpilot.benchmarks.task import Params
from tests.benchmarks.conftest import start_task

SEEDS = range(4)
"""Instances 0-3 hold both branches of both templates (asserted); more would only cost time."""
GUESSED_NETWORK = "HomeNet-5G"
"""What an agent that never looks says: the phone's usual network."""


def _modes(task: CompositeTask, env: TaskEnv) -> list[str]:
    return list(task.failure_modes(env))


# -- always one branch -----------------------------------------------------------------------------------------
def _wifi_branch(env: TaskEnv, index: int, branch: str) -> tuple[float, bool]:
    """Score of an agent that always takes `branch` ("A": Wi-Fi was off) and guesses the network; and whether
    Wi-Fi was really on in this instance."""
    task = start_task(env, NexusIfWifiOffThenText, index)
    assert isinstance(task, NexusIfWifiOffThenText)
    ui, p = UIDriver(env.device), task.p
    if branch == "A":
        if not p.wifi_on:  # as kind to the guesser as can be: it never turns Wi-Fi off by mistake
            SystemWifiTurnOn(Params(seed=p.seed)).solve(ui, env)
        text_contact(ui, env, p.sms, p.first, p.first_message)
    else:
        text_contact(ui, env, p.sms, p.second, p.second_message)
    leave_app(ui)
    text_contact(ui, env, p.sms, p.third, f"We are on {GUESSED_NETWORK}.")
    score = task.is_successful(env, None)
    task.teardown(env)
    return score, p.wifi_on


def test_always_taking_one_wifi_branch_scores_well_under_half(env: TaskEnv) -> None:
    a = [_wifi_branch(env, i, "A") for i in SEEDS]
    b = [_wifi_branch(env, i, "B") for i in SEEDS]
    assert {on for _, on in a} == {True, False}  # both branches occur among the instances
    assert sum(s for s, _ in a) / len(a) <= 1 / 3
    assert sum(s for s, _ in b) / len(b) <= 1 / 3


def _constant_reply(env: TaskEnv, index: int, answer: str) -> tuple[float, bool]:
    task = start_task(env, NexusInviteConflictReply, index)
    assert isinstance(task, NexusInviteConflictReply)
    ui = UIDriver(env.device)
    received(ui, task.p.sms.target)
    send(ui, f"{answer}. I have 2 events that day.")  # a guess: the invitation's day is never looked at
    score = task.is_successful(env, None)
    task.teardown(env)
    return score, task.p.free


def test_a_constant_reply_to_an_invitation_scores_well_under_half(env: TaskEnv) -> None:
    yes = [_constant_reply(env, i, YES) for i in SEEDS]
    no = [_constant_reply(env, i, NO) for i in SEEDS]
    assert {free for _, free in yes} == {True, False}
    assert sum(s for s, _ in yes) / len(yes) <= 1 / 3
    assert sum(s for s, _ in no) / len(no) <= 1 / 3


# -- drift and strays on the newer apps ---------------------------------------------------------------------------
def test_a_playlist_in_another_order_than_the_note_is_attention_drift(env: TaskEnv) -> None:
    task = start_task(env, NexusPlaylistFromNote)
    assert isinstance(task, NexusPlaylistFromNote)
    titles = [f.split(".")[0] for f in task.p.retro.files]
    create_playlist(UIDriver(env.device), task.p.retro.playlist_name, titles[::-1])
    assert (task.is_successful(env, None), _modes(task, env)) == (0.0, ["attention_drift"])
    task.teardown(env)


def test_a_favourite_at_another_events_place_is_attention_drift(env: TaskEnv) -> None:
    task = start_task(env, NexusMeetingPlaceToFavorite)
    assert isinstance(task, NexusMeetingPlaceToFavorite)
    other = next(e.location for e in task.p.cal.events if e.location in PLACES and e.title != task.p.cal.title)
    OsmAndFavorite(LocationParams(seed=0, location=other)).solve(UIDriver(env.device), env)
    assert (task.is_successful(env, None), _modes(task, env)) == (0.0, ["attention_drift"])
    task.teardown(env)


def test_a_recording_named_after_another_task_is_attention_drift(env: TaskEnv) -> None:
    task = start_task(env, NexusRecordingNamedAfterTask)
    assert isinstance(task, NexusRecordingNamedAfterTask)
    other = next(t.title for t in task.p.tasks.todos if t.title != task.p.recorder.file_name)
    wrong = task.p.recorder.model_copy(update={"file_name": other})
    AudioRecorderRecordAudioWithFileName(wrong).solve(UIDriver(env.device), env)
    assert (task.is_successful(env, None), _modes(task, env)) == (0.0, ["attention_drift"])
    task.teardown(env)


def test_a_bookmark_beside_a_right_text_fails_the_task(env: TaskEnv) -> None:
    """Chrome is no app of the goal's: a change there is a side effect, and side effects fail the task."""
    task = start_task(env, NexusIngredientToText)
    assert isinstance(task, NexusIngredientToText)
    task.solve(UIDriver(env.device), env)
    assert task.is_successful(env, None) == 1.0
    env.seed(CHROME, "add_bookmark", url="file:///sdcard/Download/menu.html", name="Menu")
    assert (task.is_successful(env, None), _modes(task, env)) == (0.0, ["over_execution"])
    task.teardown(env)


# -- value checks ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "ok"), [
    ("You need 1/2 cup of chia seeds.", True), ("1/2 CUP", True), ("You need 1 cup.", False),
    ("1/2 cup, or maybe 1 cup", False), ("1/2 cup for 2 people", False), ("half a cup", False),
])
def test_a_quantity_is_stated_exactly(body: str, ok: bool) -> None:
    assert states_quantity(body, "1/2 cup") is ok


@pytest.mark.parametrize(("body", "ok"), [
    ("The phone is on the NETGEAR47 network.", True), ("netgear47", True), ("NETGEAR4", False),
    ("NETGEAR47 or HomeNet-5G", False), ("HomeNet-5G", False),
])
def test_the_network_is_named_alone(body: str, ok: bool) -> None:
    assert names_network(body, "NETGEAR47") is ok


def test_the_mistyped_value_is_off_beyond_any_tolerance() -> None:
    assert off_by_one("Total: 12345 m") == "Total: 22345 m"
    assert off_by_one("It took 9 minutes.") == "It took 1 minutes."
    assert off_by_one("Chill Beats") == "Chill Beatss"
