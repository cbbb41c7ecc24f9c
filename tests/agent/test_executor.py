from __future__ import annotations

import pytest

from droidpilot.agent.actions import (
    Action,
    ActionOutcome,
    Answer,
    Done,
    LongPress,
    OpenApp,
    OpenUri,
    Press,
    Scroll,
    ShortcutCall,
    Swipe,
    Tap,
    TypeSecret,
    TypeText,
    Wait,
)
from droidpilot.agent.executor import ActionExecutor, scroll_gesture
from droidpilot.agent.perception import ModelView, perceive
from droidpilot.agent.safety import SecretVault
from droidpilot.emulator.device import Bounds, UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice

SECRET = "hunter2-Zoë"


class Driver:
    """Executes actions the way the graph does: perceive, act on that view, perceive again."""

    def __init__(self, phone: VirtualPhone, vault: SecretVault | None = None) -> None:
        self.phone = phone
        self.device = VirtualDevice(phone)
        self.executor = ActionExecutor(self.device, vault)
        self.view = perceive(self.device.observe())

    def do(self, action: Action) -> ActionOutcome:
        outcome = self.executor.execute(action, self.view)
        self.view = perceive(self.device.observe())
        return outcome

    def index(self, label: str) -> int:
        found = [i for i, text in self.view.labels.items() if text == label or text.startswith(label + " |")]
        assert found, f"{label!r} not numbered in:\n{self.view.elements_text}"
        return found[0]

    def field(self, resource: str) -> UIElement:
        return next(e for e in self.device.observe().elements if e.resource_id.endswith("/" + resource))

    def field_index(self, resource: str) -> int:
        return next(i for i, e in self.view.targets.items() if e.resource_id.endswith("/" + resource))


@pytest.fixture
def driver(phone: VirtualPhone) -> Driver:
    return Driver(phone)


def test_tap_by_index_opens_an_app_and_bad_targets_are_refused(driver: Driver) -> None:
    last = max(driver.view.targets)
    outcome = driver.do(Tap(index=42))
    assert not outcome.ok and outcome.error == f"index 42 is not on screen (0-{last})"
    assert not driver.do(Tap(x=5000, y=10)).ok
    assert "needs an element index" in driver.do(Tap()).error
    outcome = driver.do(Tap(index=driver.index("Settings")))
    assert outcome.ok and outcome.target.endswith('TextView "Settings"')
    assert driver.view.package == "com.android.settings"
    assert driver.do(Press(key="home")).ok and driver.view.package == "com.android.launcher3"
    x, y = driver.view.targets[driver.index("Settings")].bounds.center
    assert driver.do(Tap(x=x, y=y)).ok and driver.view.package == "com.android.settings"  # pixels


def test_type_verifies_clears_and_types_any_text(driver: Driver) -> None:
    driver.device.launch("com.android.contacts", "com.android.contacts.activities.ContactEditorActivity")
    driver.view = perceive(driver.device.observe())
    first = driver.field_index("first_name")
    outcome = driver.do(TypeText(index=first, text="Zoë"))
    assert outcome.ok, outcome.error
    assert driver.field("first_name").text == "Zoë"
    outcome = driver.do(TypeText(index=first, text="Ann"))  # appends
    assert outcome.ok and driver.field("first_name").text == "ZoëAnn"
    outcome = driver.do(TypeText(index=first, text="Lee", clear=True))
    assert outcome.ok and driver.field("first_name").text == "Lee"
    hostile = "'; reboot; $(id) \"quotes\" 北京"
    outcome = driver.do(TypeText(index=driver.field_index("last_name"), text=hostile))
    assert outcome.ok and driver.field("last_name").text == hostile
    outcome = driver.do(TypeText(text="+1 415 555 0100", index=driver.field_index("phone")))
    assert outcome.ok and driver.field("phone").text == "+1 415 555 0100"
    # Pointing at something that is not a field must not type into the field that happens to be focused.
    outcome = driver.do(TypeText(index=driver.index("editor scroll"), text="oops"))
    assert not outcome.ok and "did not focus a text field" in outcome.error
    assert driver.field("phone").text == "+1 415 555 0100"


def test_field_that_refuses_input_reports_what_it_shows(driver: Driver) -> None:
    driver.do(OpenApp(app="Expenses"))
    driver.do(Tap(index=driver.index("Add expense")))
    amount = driver.field_index("edt_amount")
    outcome = driver.do(TypeText(index=amount, text="12abc"))  # a numberDecimal field keeps the digits only
    assert not outcome.ok
    assert outcome.error == "typed text did not stick: field shows '12'"
    outcome = driver.do(TypeText(index=amount, text="3.5", clear=True, enter=True))
    assert outcome.ok and driver.field("edt_amount").text == "3.5"


def test_typing_with_no_focused_field_fails(driver: Driver) -> None:
    outcome = driver.do(TypeText(text="hello"))
    assert not outcome.ok and outcome.error == "typed text did not stick: no text field is focused"
    outcome = driver.do(TypeText(index=driver.index("Calendar"), text="hello"))  # not a text field
    assert not outcome.ok and "did not stick" in outcome.error


def test_scroll_down_shows_more_and_up_comes_back(driver: Driver) -> None:
    driver.do(OpenApp(app="settings"))
    top = set(driver.view.labels.values())
    outcome = driver.do(Scroll(direction="down"))
    assert outcome.ok
    below = set(driver.view.labels.values())
    assert below - top, "scrolling down showed nothing new"
    assert any(label.startswith("Location") for label in below)
    driver.do(Scroll(direction="up", index=driver.index("recycler view")))
    assert set(driver.view.labels.values()) == top
    assert scroll_gesture(Bounds(left=0, top=0, right=100, bottom=1000), "down") == (50, 800, 50, 200)
    assert not driver.do(Swipe(x1=10, y1=10, x2=10, y2=99999)).ok


def test_open_app_by_label_package_alias_and_unknown(driver: Driver) -> None:
    assert driver.do(OpenApp(app="contacts")).ok and driver.view.package == "com.android.contacts"
    assert driver.do(OpenApp(app="com.android.settings")).ok and driver.view.package == "com.android.settings"
    assert driver.do(OpenApp(app="Simple SMS Messenger")).ok and driver.view.package == "com.android.messaging"
    assert driver.do(OpenApp(app="Setings")).ok and driver.view.package == "com.android.settings"
    outcome = driver.do(OpenApp(app="Calender app"))
    assert outcome.ok and driver.view.package == "com.android.calendar"
    outcome = driver.do(OpenApp(app="Spotify"))
    assert not outcome.ok and outcome.error.startswith("no app named 'Spotify' is installed; the closest names: ")
    assert outcome.error.count("(com.") + outcome.error.count("(net.") == 3  # names the model can pick from
    outcome = driver.do(OpenApp(app="Cam"))  # a substring of Camera only
    assert outcome.ok and driver.view.package == "com.android.camera2"
    outcome = driver.do(OpenApp(app="Calculator"))  # close to Calendar, but not close enough to guess
    assert outcome.error == "no app named 'Calculator'; close matches: Calendar (com.android.calendar)"


def test_wait_advances_the_virtual_clock_and_other_actions(driver: Driver) -> None:
    before = driver.phone.clock.now_ms()
    assert driver.do(Wait(seconds=5)).ok
    assert driver.phone.clock.now_ms() - before >= 5000
    assert driver.do(Answer(text="42")).detail == "answer: 42"
    assert driver.do(Done(status="complete")).ok
    outcome = driver.do(ShortcutCall(name="send_sms"))
    assert not outcome.ok and outcome.error.startswith("bad arguments for shortcut send_sms(number: phone")
    assert driver.do(OpenUri(uri="sms:+15550100")).ok and driver.view.package == "com.android.messaging"
    assert not driver.do(OpenUri(uri="nothing-handles-this://x")).ok


def test_long_press_opens_selection_mode(driver: Driver) -> None:
    driver.do(OpenApp(app="Messages"))
    row = next(i for i, e in driver.view.targets.items() if e.resource_id.endswith("swipeableContent"))
    assert driver.do(LongPress(index=row)).ok
    assert driver.index("Delete") >= 0


def test_secret_is_typed_but_never_reported(phone: VirtualPhone) -> None:
    driver = Driver(phone, SecretVault({"WIFI": SECRET}))
    driver.do(OpenApp(app="Settings"))
    driver.do(Tap(index=driver.index("Network & internet")))
    driver.do(Tap(index=driver.index("Internet")))
    driver.do(Tap(index=next(i for i, label in driver.view.labels.items() if label.startswith("NETGEAR47"))))
    assert driver.field("password").focused
    outcome = driver.do(TypeSecret(name="WIFI"))
    assert outcome.ok, outcome.error
    assert SECRET not in outcome.model_dump_json() and "<secret:WIFI>" in outcome.detail
    assert driver.field("password").text == "•" * len(SECRET)
    outcome = driver.do(TypeSecret(name="PIN"))
    assert not outcome.ok and outcome.error == "no secret named 'PIN' (known: WIFI)"
    # The model never knows the value, but if any text carries it, the outcome is scrubbed.
    outcome = driver.do(TypeText(text=SECRET, clear=True))
    assert outcome.ok and SECRET not in outcome.model_dump_json()
    assert not ActionExecutor(driver.device).execute(TypeSecret(name="WIFI"), driver.view).ok


def test_outcome_of_unknown_index_on_an_empty_view(driver: Driver) -> None:
    empty = ModelView(image=driver.view.image, elements_text="", targets={}, package="", activity="",
                      fingerprint="")
    outcome = driver.executor.execute(Tap(index=0), empty)
    assert outcome.error == "index 0 is not on screen (no numbered elements)"
