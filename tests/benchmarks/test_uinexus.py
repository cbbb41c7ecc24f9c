"""The uinexus suite: every compositional template fails under a no-op agent (under-execution) and succeeds under
its oracle with no failure mode; a write with the wrong parameters is attention drift, a write beyond the goal
is over-execution, a skipped subtask is under-execution; the score is binary and the fraction of sub-goals
achieved is its partial credit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TypeVar

import pytest

from droidpilot.benchmarks.agents import NoopAgent
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import EpisodeSpec, run_episode
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.suites.androidworld.clock import AlarmParams, ClockAlarmAdd, clock_text
from droidpilot.benchmarks.suites.androidworld.contacts import CONTACTS
from droidpilot.benchmarks.suites.androidworld.expenses import CATEGORY_IDS, EXPENSES, ExpenseAddSingle
from droidpilot.benchmarks.suites.androidworld.sms import SENT, SimpleSmsSendToContact
from droidpilot.benchmarks.suites.uinexus import (
    concatenation,
    concatenation_apps,
    conditional,
    deepdive,
    deepdive_apps,
    transition,
    transition_apps,
    transition_links,
)
from droidpilot.benchmarks.suites.uinexus.composite import CompositeTask, text_contact
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

TASKS: list[type[Task]] = suite_tasks("uinexus")


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


T = TypeVar("T", bound=Task)


def start(env: TaskEnv, cls: type[T], index: int = 0) -> tuple[T, UIDriver]:
    task = cls.create(instance_seed(30, cls.name(), index))
    assert isinstance(task, cls)
    task.initialize(env)
    return task, UIDriver(env.device)


def modes(task: Task, env: TaskEnv) -> list[str]:
    assert isinstance(task, CompositeTask)
    return list(task.failure_modes(env))


# -- the catalogue --------------------------------------------------------------------------------------------
def test_the_suite_has_the_ui_nexus_mix() -> None:
    categories = Counter(cls.category for cls in TASKS)
    assert categories == {"simple_concatenation": 15, "context_transition": 17, "deep_dive": 9}
    assert len(TASKS) >= 40
    assert all(cls.suite == "uinexus" and issubclass(cls, CompositeTask) for cls in TASKS)
    assert sum("sub_workflow" in cls.tags for cls in TASKS) >= 3
    assert sum("conditional" in cls.tags and cls.category == "context_transition" for cls in TASKS) >= 2
    modules = (concatenation, concatenation_apps, transition, transition_apps, transition_links, conditional, deepdive,
               deepdive_apps)
    assert {cls.name() for m in modules for cls in m.TASKS} == {cls.name() for cls in TASKS}


def test_parameters_are_deterministic_and_vary_with_the_seed() -> None:
    for cls in TASKS:
        seed = instance_seed(30, cls.name(), 0)
        assert cls.create(seed).params == cls.create(seed).params
        assert cls.create(seed).goal == cls.create(seed).goal
        goals = {cls.create(instance_seed(30, cls.name(), i)).goal for i in range(6)}
        assert len(goals) > 1, cls.name()


# -- every template: no-op fails, oracle succeeds ----------------------------------------------------------------
@pytest.mark.parametrize("cls", TASKS, ids=lambda cls: cls.name())
def test_noop_under_executes_and_oracle_succeeds(env: TaskEnv, cls: type[Task]) -> None:
    task, ui = start(env, cls)
    assert task.is_successful(env, None) == 0.0
    assert "under_execution" in modes(task, env)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    assert modes(task, env) == []
    assert 0 < ui.steps <= task.step_budget
    task.teardown(env)


# -- failure modes ----------------------------------------------------------------------------------------------
def test_skipping_a_subtask_is_under_execution_with_partial_credit(env: TaskEnv) -> None:
    task, ui = start(env, concatenation.NexusContactThenAlarm)
    task.parts[0].solve(ui, env)
    assert (task.is_successful(env, None), task.partial_credit(env)) == (0.0, 0.5)
    assert modes(task, env) == ["under_execution"]
    task.teardown(env)


def test_an_alarm_at_the_wrong_time_is_attention_drift(env: TaskEnv) -> None:
    task, ui = start(env, concatenation.NexusContactThenAlarm)
    alarm = task.parts[1].params
    assert isinstance(alarm, AlarmParams)
    wrong = (alarm.hour + 1) % 24
    task.parts[0].solve(ui, env)
    ClockAlarmAdd(alarm.model_copy(update={"hour": wrong, "time": clock_text(wrong, alarm.minute)})).solve(ui, env)
    assert modes(task, env) == ["attention_drift"]
    # the contact counts; the Clock's sub-goal does not
    assert (task.is_successful(env, None), task.partial_credit(env)) == (0.0, 0.5)
    task.teardown(env)


def test_texting_the_right_time_to_the_wrong_person_is_attention_drift(env: TaskEnv) -> None:
    task, ui = start(env, transition.NexusTextEventTime)
    sms = task.p.sms
    time = task.parts[0].solve(ui, env)
    other = next(p.name for p in sms.book if p.name != sms.target)
    text_contact(ui, env, sms, other, f"It starts at {time}.")
    assert modes(task, env) == ["attention_drift"]
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_an_expense_with_the_older_amount_is_attention_drift(env: TaskEnv) -> None:
    task, ui = start(env, transition.NexusExpenseFromText)
    e = task.p.expense.new[0]
    ExpenseAddSingle(task.p.expense.model_copy(update={"new": (e.model_copy(update={"cents": e.cents + 500}),)})
                     ).solve(ui, env)
    assert modes(task, env) == ["attention_drift"]
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_guessing_the_branch_without_looking_does_not_pay(env: TaskEnv) -> None:
    """The right branch (Bluetooth on, as if guessed) with a count the agent did not read fails the task."""
    for index in range(6):
        task, ui = start(env, conditional.NexusIfTaskThenSetting, index)
        if task.p.exists:
            break
        task.teardown(env)
    assert task.p.exists
    task.parts[1].solve(ui, env)
    guess = len(task.p.tasks.todos) + 1
    text_contact(ui, env, task.p.sms, task.p.sms.target, f"You have {guess} open tasks.")
    assert task.is_successful(env, None) == 0.0 and task.partial_credit(env) == 0.5
    task.teardown(env)


def test_the_other_branch_of_a_condition_is_attention_drift(env: TaskEnv) -> None:
    task, ui = start(env, conditional.NexusIfWifiOffThenText)
    p = task.p
    wrong = (p.first, p.first_message) if p.wifi_on else (p.second, p.second_message)
    text_contact(ui, env, p.sms, *wrong)  # and Wi-Fi left alone
    assert "attention_drift" in modes(task, env)
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_an_extra_contact_after_the_goal_is_over_execution(env: TaskEnv) -> None:
    task, ui = start(env, concatenation.NexusContactThenAlarm)
    task.solve(ui, env)
    env.seed(CONTACTS, "insert_contact", first="Zoe", last="Extra", phone="+1 555-555-0199")
    assert modes(task, env) == ["over_execution"]
    # the alarm still counts, the contact does not
    assert (task.is_successful(env, None), task.partial_credit(env)) == (0.0, 0.5)
    task.teardown(env)


def test_an_extra_expense_row_is_over_execution(env: TaskEnv) -> None:
    task, ui = start(env, transition.NexusExpenseFromText)
    task.solve(ui, env)
    env.seed(EXPENSES, "insert_row", name="Coffee", amount=450, category=CATEGORY_IDS["Food"], note="",
             created_date=0, modified_date=0)
    assert modes(task, env) == ["over_execution"]
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_a_fourth_reminder_is_over_execution(env: TaskEnv) -> None:
    task, ui = start(env, concatenation.NexusSendRemindersThenLog)
    task.solve(ui, env)
    assert task.is_successful(env, None) == 1.0
    extra = next(p for p in task.p.sms.book if p.name not in task.p.recipients)
    env.seed("com.android.messaging", "insert_message", address=extra.phone, body=task.p.message, type=SENT)
    assert modes(task, env) == ["over_execution"]
    # only the note counts: the texts share the tainted app
    assert (task.is_successful(env, None), task.partial_credit(env)) == (0.0, 0.25)
    task.teardown(env)


def test_a_change_in_an_app_the_goal_never_touches_fails_the_task(env: TaskEnv) -> None:
    task, ui = start(env, deepdive.NexusTasksNextWeekCountText)
    task.solve(ui, env)
    env.shell("svc bluetooth " + ("disable" if env.setting("global", "bluetooth_on") == "1" else "enable"))
    assert modes(task, env) == ["over_execution"]
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


def test_episodes_carry_the_failure_modes(env: TaskEnv) -> None:
    cls = deepdive.NexusSpendingTotalToNote
    spec = EpisodeSpec(suite="uinexus", task=cls.name(), instance=0, seed=instance_seed(30, cls.name(), 0))
    record = run_episode(cls, spec, env, NoopAgent(), None)
    assert record.success == 0.0 and record.failure_modes == ["under_execution"]
    assert record.category == "deep_dive"


def test_sms_parts_share_one_address_book(env: TaskEnv) -> None:
    """The reminders' three texting parts seed one book: every recipient is a contact after set-up."""
    task, _ui = start(env, concatenation.NexusSendRemindersThenLog)
    assert all(isinstance(p, SimpleSmsSendToContact) for p in task.parts[:3])
    names = {r["display_name"] for r in env.query(CONTACTS, "contacts2.db", "SELECT display_name FROM contacts")}
    assert set(task.p.recipients) <= names
    task.teardown(env)
