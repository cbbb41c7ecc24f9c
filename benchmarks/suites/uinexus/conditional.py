"""UI-NEXUS Context Transition with conditional branches: what one app shows decides what to do in another
("if Wi-Fi is off, turn it on and text A; otherwise text B"). Doing the other branch's writes is attention drift.

A blind guess of a two-way condition is right half the time. So each template pairs its branch with an effect
that needs, in either case, something shown only on the screen that decides the branch and that no one can
guess (NexusIfWifiOffThenText: text someone the network the phone is on, seeded per instance and listed only
while Wi-Fi is on; NexusIfTaskThenSetting: text someone how many open tasks there are). An agent that always
takes one branch without looking then (almost) never completes the task.
"""

from __future__ import annotations

import random
import shlex
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.sms import MESSAGES, SimpleSmsSendToContact, SmsParams, norm_text
from droidpilot.benchmarks.suites.androidworld.system import BLUETOOTH, WIFI, SystemBluetoothTurnOn, SystemWifiTurnOff
from droidpilot.benchmarks.suites.androidworld.tasks import SOON, TasksDueOnDate, TasksParams, Todo
from droidpilot.benchmarks.suites.androidworld.tasks import TITLES as TASK_TITLES
from droidpilot.benchmarks.suites.uinexus.atoms import SubGoal, setting_is, sms_sent, sms_text, states_number
from droidpilot.benchmarks.suites.uinexus.composite import draw, due_dates, leave_app, number_of, text_contact
from droidpilot.benchmarks.suites.uinexus.transition import ON, Transition
from droidpilot.benchmarks.task import Params, Task

NETWORKS = ("HomeNet-5G", "Linksys-2.4", "NETGEAR47", "xfinitywifi", "CoffeeShop Guest")
"""Wi-Fi networks in range of the phone: the one it is on (`global wifi_ssid`) is drawn from these."""


def names_network(body: str, ssid: str) -> bool:
    """The text names `ssid` and no other network in range (listing them all is not an answer)."""
    text = f" {norm_text(body)} "
    return all((f" {norm_text(n)} " in text) == (n == ssid) for n in NETWORKS)


class WifiBranchParams(Params):
    sms: SmsParams
    wifi_on: bool
    ssid: str
    """The network the phone joins while Wi-Fi is on."""
    first: str
    first_message: str
    second: str
    second_message: str
    third: str
    """Told the network's name in either branch."""


class NexusIfWifiOffThenText(Transition):
    template: ClassVar[str] = ('If Wi-Fi is off, turn it on and text {first} "{first_message}"; otherwise, text '
                               '{second} "{second_message}". Either way, then text {third} the name of the Wi-Fi '
                               'network the phone is connected to.')
    params_model: ClassVar[type[Params]] = WifiBranchParams
    complexity: ClassVar[float] = 1.0 + 2 * SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("com.android.settings", "com.android.messaging")
    tags: ClassVar[tuple[str, ...]] = ("compositional", "parameterized", "conditional")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        sms = draw(SimpleSmsSendToContact, SmsParams, rng, seed)
        first, second, third = rng.sample([p.name for p in sms.book[:4]], 3)
        first_message, second_message = rng.sample(MESSAGES, 2)
        return WifiBranchParams(seed=seed, sms=sms, wifi_on=rng.random() < 0.5, ssid=rng.choice(NETWORKS),
                                first=first, first_message=first_message, second=second,
                                second_message=second_message, third=third)

    @property
    def p(self) -> WifiBranchParams:
        assert isinstance(self.params, WifiBranchParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return self.p.model_dump(include={"first", "first_message", "second", "second_message", "third"})

    def build_parts(self) -> list[Task]:
        return [SimpleSmsSendToContact(self.p.sms)]

    def prepare(self, env: TaskEnv) -> None:
        env.shell(f"settings put global wifi_ssid {shlex.quote(self.p.ssid)}")
        env.shell(f"svc wifi {'enable' if self.p.wifi_on else 'disable'}")

    def goals(self) -> list[SubGoal]:
        told = sms_sent(number_of(self.p.sms, self.p.third), lambda body: names_network(body, self.p.ssid),
                        f"the network {self.p.ssid}")
        if self.p.wifi_on:
            return [sms_text(number_of(self.p.sms, self.p.second), self.p.second_message), told]
        return [setting_is(WIFI, ON, "Wi-Fi on"), sms_text(number_of(self.p.sms, self.p.first), self.p.first_message),
                told]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Settings")
        ui.tap(text="Network & internet")
        ui.tap(text="Internet")
        switch = ui.need(rid="switch_widget", text="Wi-Fi")
        was_on = switch.checked
        if not was_on:
            ui.tap_at(*switch.bounds.center)
        ssid = ui.need(rid="summary", text="Connected")
        network = next(e.text for e in ui.elements() if e.resource_id.endswith("/title")
                       and e.bounds.bottom == ssid.bounds.top)
        if was_on:
            text_contact(ui, env, self.p.sms, self.p.second, self.p.second_message)
        else:
            text_contact(ui, env, self.p.sms, self.p.first, self.p.first_message)
        leave_app(ui)  # back to the list of conversations for the next one
        text_contact(ui, env, self.p.sms, self.p.third, network)
        return None


class TaskBranchParams(Params):
    tasks: TasksParams
    title: str
    exists: bool
    sms: SmsParams


class NexusIfTaskThenSetting(Transition):
    """UI-NEXUS's "if task X exists turn Bluetooth on": the two branches change different settings, so the state
    alone cannot tell which one is due."""

    template: ClassVar[str] = ("If my Tasks list has a task called '{title}', turn on Bluetooth; otherwise, turn off "
                               "Wi-Fi. Either way, text {person} how many open tasks are in my list.")
    params_model: ClassVar[type[Params]] = TaskBranchParams
    complexity: ClassVar[float] = 1.5 + SystemBluetoothTurnOn.complexity + SimpleSmsSendToContact.complexity
    app_names: ClassVar[tuple[str, ...]] = ("net.droidpilot.tasks", "com.android.settings", "com.android.messaging")
    tags: ClassVar[tuple[str, ...]] = ("compositional", "parameterized", "conditional")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        titles = rng.sample(TASK_TITLES, rng.randint(6, 9))
        exists = rng.random() < 0.5
        listed = titles if exists else titles[1:]
        todos = tuple(Todo(title=t, due=rng.choice([*SOON, None])) for t in listed)
        return TaskBranchParams(seed=seed, tasks=TasksParams(seed=seed, todos=todos), title=rng.choice(listed)
                                if exists else titles[0], exists=exists,
                                sms=draw(SimpleSmsSendToContact, SmsParams, rng, seed))

    @property
    def p(self) -> TaskBranchParams:
        assert isinstance(self.params, TaskBranchParams)
        return self.params

    def fields(self) -> dict[str, object]:
        return {"title": self.p.title, "person": self.p.sms.target}

    def build_parts(self) -> list[Task]:
        return [TasksDueOnDate(self.p.tasks), SystemBluetoothTurnOn(Params(seed=self.p.seed)),
                SystemWifiTurnOff(Params(seed=self.p.seed)),  # the settings parts put the radios in place
                SimpleSmsSendToContact(self.p.sms)]

    def goals(self) -> list[SubGoal]:
        count = len(self.p.tasks.todos)
        texted = sms_sent(number_of(self.p.sms, self.p.sms.target), lambda body: states_number(body, count),
                          f"the count {count}")
        if self.p.exists:
            return [setting_is(BLUETOOTH, ON, "Bluetooth on", rivals=[WIFI]), texted]
        return [setting_is(WIFI, {"0"}, "Wi-Fi off", rivals=[BLUETOOTH]), texted]

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        titles = due_dates(ui)
        self.parts[1 if self.p.title in titles else 2].solve(ui, env)
        text_contact(ui, env, self.p.sms, self.p.sms.target, f"You have {len(titles)} open tasks.")
        return None


TASKS = (NexusIfWifiOffThenText, NexusIfTaskThenSetting)
