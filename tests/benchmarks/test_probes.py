"""Near-miss probes against every task family of every suite: each family must have a probe that applies, and
its check must reject it. A family without an applicable probe fails here, so none can land without one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import EpisodeSpec, run_episode
from droidpilot.benchmarks.harness import RecordingDevice
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.probes import OracleTrace, ProbeNotApplicable, probes_for, trace_of
from droidpilot.benchmarks.probes.cheats import PaddedOracleAgent
from droidpilot.benchmarks.probes.generic import AnswerFromMutatedState
from droidpilot.benchmarks.probes.nearmiss import near_miss_answer, near_miss_text
from droidpilot.benchmarks.suites import SUITES, suite_tasks
from droidpilot.benchmarks.suites.androidworld.sms import AddressParams, SimpleSmsSendReceivedAddress, send, start_chat
from droidpilot.benchmarks.suites.androidworld.system import SystemWifiTurnOff
from droidpilot.benchmarks.task import BASE_SNAPSHOT, Task, instance_seed
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

FAMILIES = sorted({cls for suite in SUITES for cls in suite_tasks(suite)}, key=lambda c: (c.suite, c.name()))


@pytest.fixture(scope="module")
def env() -> Iterator[TaskEnv]:
    with VirtualPhone() as phone:
        task_env = TaskEnv(VirtualDevice(phone))
        task_env.save_snapshot(BASE_SNAPSHOT)
        yield task_env


def _oracle(env: TaskEnv, cls: type[Task]) -> OracleTrace:
    task = cls.create(instance_seed(30, cls.name(), 0))
    task.initialize(env)
    device = RecordingDevice(env.device, None)
    answer = task.solve(UIDriver(device), env)
    assert task.is_successful(env, answer) == 1.0, f"the oracle fails {cls.name()}"
    task.teardown(env)
    return trace_of(device.actions)


@pytest.mark.parametrize("cls", FAMILIES, ids=lambda cls: f"{cls.suite}.{cls.name()}")
def test_every_family_rejects_a_near_miss(env: TaskEnv, cls: type[Task]) -> None:
    oracle = _oracle(env, cls)
    tried = []
    for probe in probes_for(cls):
        task = cls.create(instance_seed(30, cls.name(), 0))
        task.initialize(env)
        try:
            answer = probe.run(task, UIDriver(RecordingDevice(env.device, None)), env, oracle=oracle)
        except ProbeNotApplicable as why:
            tried.append(f"{probe.name}: {why}")
            task.teardown(env)
            continue
        score = task.is_successful(env, answer)
        task.teardown(env)
        assert score < 1.0, f"{cls.name()} accepted the {probe.kind} probe {probe.name} (answer {answer!r})"
        return
    pytest.fail(f"{cls.name()} has no applicable near-miss probe; tried: {tried or 'none'}")


@pytest.mark.parametrize(("value", "kind", "wrong"), [
    ("7", "number", "8"), ("42.50", "number", "42.51"), ("3:15 PM", "time", "3:16 PM"),
    ("ada@gmail.com", "string", "ada@gmail.co"), ("Gym, Work", "string", "Gym"), ("Daniel", "string", "Daniell"),
])
def test_near_misses_are_close_but_wrong(value: str, kind: str, wrong: str) -> None:
    assert near_miss_answer(value, kind) == wrong
    assert near_miss_text("+1 415-555-0142") == "+1 415-555-0143"


def test_padding_the_oracle_is_counted_and_past_the_budget_fails(env: TaskEnv) -> None:
    spec = EpisodeSpec(suite="androidworld", task="SystemWifiTurnOff", instance=0,
                       seed=instance_seed(30, "SystemWifiTurnOff", 0))
    padded = run_episode(SystemWifiTurnOff, spec, env, PaddedOracleAgent(extra_swipes=60, reported_steps=1), None)
    assert (padded.success, padded.declared_done, padded.budget_exhausted) == (0.0, False, True)
    assert padded.steps == padded.episode_length == padded.step_budget and padded.error is None

    slightly = run_episode(SystemWifiTurnOff, spec, env, PaddedOracleAgent(extra_swipes=2, reported_steps=1), None)
    assert (slightly.success, slightly.agent_steps) == (1.0, 1)
    assert slightly.steps == 4 + 2  # the oracle's four steps and both swipes, whatever the agent says


def test_a_text_that_merely_contains_the_address_fails(env: TaskEnv) -> None:
    cls = SimpleSmsSendReceivedAddress
    task = cls.create(instance_seed(30, cls.name(), 0))
    task.initialize(env)
    assert isinstance(task.params, AddressParams)
    ui = UIDriver(env.device)
    start_chat(ui, task.params.target, is_name=True)
    send(ui, f"Hi! The address is {task.params.message}, see you at 8.")
    assert task.is_successful(env, None) == 0.0
    task.teardown(env)


MUTATED = ("FilesCountQuestion", "ContactsPhoneNumberQuestion", "ContactsEmailQuestion", "SmsReceivedCountQuestion",
           "SmsEventTimeQuestion", "ClockAlarmTimeQuestion", "ExpenseCategoryTotal", "TasksDueOnDate")


@pytest.mark.parametrize("name", MUTATED)
def test_answering_after_changing_the_asked_data_fails(env: TaskEnv, name: str) -> None:
    """Delete a file then count, delete the contact then answer, text the person then count: all fail."""
    [cls] = [c for c in suite_tasks("androidworld") if c.name() == name]
    task = cls.create(instance_seed(30, name, 1))
    task.initialize(env)
    answer = AnswerFromMutatedState().run(task, UIDriver(RecordingDevice(env.device, None)), env)
    assert task.asked_state(env) != task.asked
    assert task.is_successful(env, answer) == 0.0
    assert task.is_successful(env, task.truth) == 0.0  # even the seeded truth, once the data is changed
    task.teardown(env)
