"""The androidworld suite's system, open-app, contacts, SMS, clock and camera/gallery/files task families.

Every task class runs one episode on a shared virtual phone: a no-op agent fails, the oracle succeeds. Then one
side effect per kind of family (an extra row, an extra file, a second photo, a wrong answer, ...) must fail the
task even though its goal was reached.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.suites.androidworld import (
    camera_gallery_files,
    clipboard,
    clock,
    contacts,
    open_app,
    sms,
    system,
    system_verify,
)
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

MODULES = (system, system_verify, clipboard, open_app, contacts, sms, clock, camera_gallery_files)
TASKS: list[type[Task]] = [cls for module in MODULES for cls in module.TASKS]


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def start(env: TaskEnv, cls: type[Task], index: int = 0) -> tuple[Task, UIDriver]:
    task = cls.create(instance_seed(30, cls.name(), index))
    task.initialize(env)
    return task, UIDriver(env.device)


# -- the catalogue --------------------------------------------------------------------------------------------
def test_the_families_are_in_the_suite_with_enough_questions() -> None:
    names = {cls.name() for cls in suite_tasks("androidworld")}
    assert {cls.name() for cls in TASKS} <= names
    assert len(TASKS) >= 24
    questions = [cls for cls in TASKS if cls.answer_type is not None]
    assert len(questions) >= 5
    assert all("information_retrieval" in cls.tags for cls in questions)


def test_parameters_are_deterministic_and_vary_with_the_seed() -> None:
    for cls in TASKS:
        seed = instance_seed(30, cls.name(), 0)
        assert cls.create(seed).params == cls.create(seed).params
        if "parameterized" in cls.tags:
            goals = {cls.create(instance_seed(30, cls.name(), i)).goal for i in range(6)}
            assert len(goals) > 1, cls.name()


# -- every task: no-op fails, oracle succeeds -------------------------------------------------------------------
@pytest.mark.parametrize("cls", TASKS, ids=lambda cls: cls.name())
def test_noop_fails_and_oracle_succeeds(env: TaskEnv, cls: type[Task]) -> None:
    task, ui = start(env, cls)
    assert task.is_successful(env, None) == 0.0
    answer = task.solve(ui, env)
    if cls.answer_type is not None:  # the oracle read the answer off the screen
        assert answer is not None and task.expected_answer(env) is not None
    assert task.is_successful(env, answer) == 1.0
    assert 0 < ui.steps <= task.step_budget
    task.teardown(env)


# -- side effects fail the task ---------------------------------------------------------------------------------
def test_turning_wifi_off_through_airplane_mode_fails(env: TaskEnv) -> None:
    task, ui = start(env, system.SystemWifiTurnOff)
    ui.open_app("Settings")
    ui.tap(text="Network & internet")
    ui.tap(rid="switch_widget", text="Airplane mode")
    assert env.setting("global", "wifi_on") == "0"
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_opening_another_app_fails(env: TaskEnv) -> None:
    task, ui = start(env, open_app.OpenAppTaskEval)
    assert isinstance(task.params, open_app.OpenAppParams)
    ui.open_app("Clock" if task.params.app_name != "Clock" else "Files")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_adding_two_contacts_fails(env: TaskEnv) -> None:
    task, ui = start(env, contacts.ContactsAddContact)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    env.seed(contacts.CONTACTS, "insert_contact", first="Zoe", last="Extra", phone="+1 555-555-0199")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_saving_the_draft_fails(env: TaskEnv) -> None:
    task, ui = start(env, contacts.ContactsNewContactDraft)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    ui.tap(rid="editor_menu_save_button")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_deleting_a_second_contact_fails(env: TaskEnv) -> None:
    task, ui = start(env, contacts.ContactsDeleteContact)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert isinstance(task.params, contacts.ContactParams)
    other = next(p for p in task.params.book if p.last != task.params.last)
    ui.tap(desc=other.name)
    ui.tap(desc="More options")
    ui.tap(text="Delete")
    ui.tap(text="Delete")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_sending_the_message_twice_fails(env: TaskEnv) -> None:
    task, ui = start(env, sms.SimpleSmsSend)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert isinstance(task.params, sms.SmsParams)
    sms.send(ui, task.params.message)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_replying_to_the_wrong_thread_fails(env: TaskEnv) -> None:
    task, ui = start(env, sms.SimpleSmsReplyMostRecent)
    assert isinstance(task.params, sms.SmsParams)
    ui.open_app("Messages")
    names = [e for e in ui.elements() if e.resource_id.endswith("/conversation_name")]
    ui.tap_at(*names[1].bounds.center)  # the second conversation, not the newest
    sms.send(ui, task.params.message)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_a_lap_or_a_second_alarm_fails_the_clock_tasks(env: TaskEnv) -> None:
    task, ui = start(env, clock.ClockAlarmAdd)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    env.seed(clock.CLOCK, "insert_alarm", hour=3, minute=33)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)

    task, ui = start(env, clock.ClockStopWatchPausedVerify)
    clock.open_tab(ui, "Stopwatch")
    ui.tap(rid="right_button", desc="Lap")
    ui.tap(rid="fab", desc="Pause")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_two_photos_fail_and_a_photo_does_not_count_as_a_video(env: TaskEnv) -> None:
    task, ui = start(env, camera_gallery_files.CameraTakePhoto)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    ui.tap(rid="shutter_button")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)

    task, ui = start(env, camera_gallery_files.CameraTakeVideo)
    ui.open_app("Camera")
    ui.tap(rid="shutter_button")  # photo mode
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_deleting_an_extra_file_or_copying_to_the_wrong_folder_fails(env: TaskEnv) -> None:
    task, ui = start(env, camera_gallery_files.FilesDeleteFile)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert isinstance(task.params, camera_gallery_files.TargetParams)
    other = next(f for f in task.params.files if f.name != task.params.file_name)
    env.shell(f"rm {shlex.quote(other.path)}")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)

    task, ui = start(env, camera_gallery_files.SaveCopyOfReceiptTaskEval)
    assert isinstance(task.params, camera_gallery_files.TargetParams)
    ui.open_app("Gallery")
    ui.tap(rid="thumbnail", desc=task.params.file_name)
    ui.tap(desc="More options")
    ui.tap(text="Save a copy")  # beside the original, not in Download
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_wrong_answers_fail_the_questions(env: TaskEnv) -> None:
    task, ui = start(env, contacts.ContactsPhoneNumberQuestion)
    assert isinstance(task.params, contacts.ContactParams)
    right = task.solve(ui, env) or ""
    assert task.is_successful(env, contacts.national(right)) == 1.0  # any spelling of the number
    wrong = next(p.phone for p in task.params.book if not contacts.same_number(p.phone, right))
    assert task.is_successful(env, wrong) == 0.0
    task.teardown(env)

    task, ui = start(env, sms.SmsReceivedCountQuestion)
    count = int(task.solve(ui, env) or "0")
    assert task.is_successful(env, str(count + 1)) == 0.0
    task.teardown(env)
