"""The executor on the virtual phone: success, precondition failure, missing elements, postconditions, and the
agent's `run_shortcut_action`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.shortcut_tool import run_shortcut_action
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.shortcuts.builtin import builtin
from droidpilot.shortcuts.executor import ShortcutExecutor, StepReport
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.model import Shortcut
from droidpilot.shortcuts.render import ArgumentError

MESSAGING = "com.android.messaging"


def state_of(phone: VirtualPhone) -> tuple[dict[str, str], tuple[str, str], str]:
    """Every database and settings file's hash, the focused activity and the screen."""
    files = {str(p.relative_to(phone.data_dir)): hashlib.md5(p.read_bytes()).hexdigest()
             for p in sorted((phone.data_dir / "data").rglob("*")) if p.is_file()}
    return files, phone.current_focus(), phone.dump()


def sms_shortcut(**overrides: Any) -> Shortcut:
    """Open a conversation with text, then press Send: the second step must never run after a failed first."""
    data: dict[str, Any] = {
        "name": "draft_and_send", "description": "test", "app": MESSAGING, "kind": "deeplink",
        "params": [{"name": "number", "type": "phone"}, {"name": "text"}],
        "steps": [
            {"action": "open_uri", "uri": "smsto:{number}?body={text}",
             "expect": {"kind": "element_present", "locator": {"resource_id": "compose_message_text"}}},
            {"action": "tap", "locator": {"resource_id": "send_message_button"},
             "expect": {"kind": "element_present", "locator": {"resource_id": "message_text", "text": "{text}"}}},
        ],
    }
    return Shortcut.model_validate({**data, **overrides})


def sent(phone: VirtualPhone) -> list[str]:
    return [m["body"] for m in phone.host.apps[MESSAGING].messages() if m["type"] == 2]  # type: ignore[attr-defined]


@pytest.fixture
def device(phone: VirtualPhone) -> VirtualDevice:
    return VirtualDevice(phone)


def test_success_reports_every_step_and_counts_the_use(phone: VirtualPhone, device: VirtualDevice,
                                                       tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    library.add(sms_shortcut())
    seen: list[StepReport] = []
    run = ShortcutExecutor(device, library, settle_timeout=0.3, on_step=seen.append).run(
        sms_shortcut(), {"number": "555-0100", "text": "typed 'literally' $(id)"})
    assert run.ok and run.failed_step is None and (run.steps_done, run.steps_total) == (2, 2)
    assert [r.index for r in seen] == [1, 2] and all(r.ok for r in seen)
    assert seen[0].step.startswith("open_uri smsto:555-0100?body=typed%20%27literally%27")
    assert sent(phone)[-1] == "typed 'literally' $(id)"
    got = library.get("draft_and_send")
    assert got is not None and (got.usage_count, got.success_count) == (1, 1)


def test_failed_precondition_stops_at_once_and_changes_nothing(phone: VirtualPhone, device: VirtualDevice,
                                                               tmp_path: Path) -> None:
    guarded = sms_shortcut(preconditions=[{"kind": "app_in_foreground", "package": MESSAGING}])
    library = ShortcutLibrary(tmp_path / "lib.sqlite", builtins=False)
    before = state_of(phone)
    run = ShortcutExecutor(device, library, settle_timeout=2.0).run(guarded, {"number": "555", "text": "hi"})
    assert state_of(phone) == before
    assert not run.ok and run.steps_done == 0 and run.steps == []
    assert run.failed_step is not None and run.failed_step.index == 0
    assert run.failed_step.reason == ("precondition failed: com.android.messaging is in the foreground "
                                      "(the foreground is com.android.launcher3/com.android.launcher3.Launcher)")
    assert run.duration < 1.0  # reported at once, without waiting for anything to settle
    assert library.get("draft_and_send") is None  # counters only: the library does not gain the shortcut


def test_a_shortcut_whose_goal_already_holds_does_nothing_and_says_already_done(
        phone: VirtualPhone, device: VirtualDevice, tmp_path: Path) -> None:
    wifi = builtin("turn_on_wifi")
    assert wifi is not None
    library = ShortcutLibrary(tmp_path / "lib.sqlite")
    before = state_of(phone)
    run = ShortcutExecutor(device, library).run(wifi, {})  # Wi-Fi is already on
    assert run.ok and run.already_done and run.steps == [] and run.summary() == (
        "turn_on_wifi: already done (its goal state already holds; nothing was changed)")
    assert state_of(phone) == before and phone.settings.get("global", "wifi_on") == "1"
    counted = library.get("turn_on_wifi")  # reaching the goal is a successful use, not a failed one
    assert counted is not None and (counted.usage_count, counted.success_count) == (1, 1)


def test_a_state_step_skips_when_its_effect_is_in_place_and_fails_when_its_state_is_not(
        phone: VirtualPhone, device: VirtualDevice) -> None:
    wifi = builtin("turn_off_wifi")
    assert wifi is not None
    no_goal = wifi.model_copy(update={"goal": []})  # the switch alone decides, as in a mined shortcut
    phone.settings.put("global", "wifi_on", "0")
    run = ShortcutExecutor(device, settle_timeout=0.5).run(no_goal, {})
    assert run.ok and run.already_done and [r.skipped for r in run.steps] == [False, True]
    assert run.steps[1].reason == ("already so: element resource-id='android:id/switch_widget' text='Wi-Fi' off "
                                   "is on screen")
    assert phone.settings.get("global", "wifi_on") == "0"
    phone.settings.put("global", "wifi_on", "1")
    run = ShortcutExecutor(device, settle_timeout=0.5).run(no_goal, {})
    assert run.ok and not run.already_done and phone.settings.get("global", "wifi_on") == "0"
    on = builtin("turn_on_wifi")
    assert on is not None
    wrong_state = on.model_copy(update={"goal": [], "steps": [on.steps[0], on.steps[1].model_copy(
        update={"idempotent": False, "expect": None})]})  # asks for the switch to be off: it is not
    phone.settings.put("global", "wifi_on", "1")
    run = ShortcutExecutor(device, settle_timeout=0.3).run(wrong_state, {})
    assert not run.ok and run.failed_step is not None and run.failed_step.index == 2
    assert run.failed_step.reason.startswith("state before step 2 is not as required: element resource-id="
                                             "'android:id/switch_widget' text='Wi-Fi' off is on screen")
    assert phone.settings.get("global", "wifi_on") == "1"


def test_missing_element_names_the_failing_step(phone: VirtualPhone, device: VirtualDevice) -> None:
    shortcut = sms_shortcut(steps=[sms_shortcut().steps[0].model_dump(),
                                   {"action": "tap", "locator": {"text": "Schedule send"}}])
    run = ShortcutExecutor(device, settle_timeout=0.2).run(shortcut, {"number": "555-0100", "text": "hello"})
    assert not run.ok and run.steps_done == 1
    assert run.failed_step is not None and run.failed_step.index == 2
    assert run.failed_step.step == "tap text='Schedule send'"
    assert run.failed_step.reason.startswith("element not found: locator text='Schedule send' (screen: "
                                             "com.android.messaging/")
    assert "hello" not in sent(phone)


def test_postcondition_failure_stops_before_the_next_step(phone: VirtualPhone, device: VirtualDevice) -> None:
    first = sms_shortcut().steps[0].model_dump()
    first["expect"] = {"kind": "app_in_foreground", "package": "com.android.contacts"}
    shortcut = sms_shortcut(steps=[first, sms_shortcut().steps[1].model_dump()])
    run = ShortcutExecutor(device, settle_timeout=0.2).run(shortcut, {"number": "555-0100", "text": "never"})
    assert run.failed_step is not None and run.failed_step.index == 1
    assert run.failed_step.reason.startswith("postcondition failed after step 1: com.android.contacts is in the "
                                             "foreground (the foreground is com.android.messaging/")
    assert "never" not in sent(phone)


def test_unresolvable_uri_is_a_step_failure(device: VirtualDevice) -> None:
    shortcut = sms_shortcut(steps=[{"action": "open_uri", "uri": "nosuchscheme:{text}"}])
    run = ShortcutExecutor(device, settle_timeout=0.2).run(shortcut, {"number": "1234", "text": "x"})
    assert run.failed_step is not None and run.failed_step.reason.startswith("am start failed: Error: ")


def test_bad_arguments_raise_before_touching_the_device(phone: VirtualPhone, device: VirtualDevice) -> None:
    before = state_of(phone)
    with pytest.raises(ArgumentError, match="missing argument 'text'"):
        ShortcutExecutor(device).run(sms_shortcut(), {"number": "555"})
    assert state_of(phone) == before


def test_gui_steps_type_and_scroll_on_the_live_screen(phone: VirtualPhone, device: VirtualDevice) -> None:
    shortcut = Shortcut.model_validate({
        "name": "search_contacts", "description": "test", "app": "com.android.contacts", "kind": "gui",
        "params": [{"name": "query"}],
        "steps": [{"action": "open_app", "package": "com.android.contacts"},
                  {"action": "tap", "locator": {"content_desc": "Search contacts"}},
                  {"action": "type", "locator": {"resource_id": "search_view"}, "text": "{query}",
                   "expect": {"kind": "element_present", "locator": {"resource_id": "search_view",
                                                                      "text": "{query}"}}},
                  {"action": "type", "locator": {"resource_id": "search_view"}, "text": "zz", "clear": True,
                   "expect": {"kind": "element_present", "locator": {"class_name": "EditText", "text": "zz"}}},
                  {"action": "press", "key": "back"}, {"action": "scroll", "direction": "down"},
                  {"action": "wait", "seconds": 0.05}],
    })
    run = ShortcutExecutor(device, settle_timeout=0.3).run(shortcut, {"query": "'; reboot; $(id) Zoë"})
    assert run.ok, run.summary()


def test_run_shortcut_action_explains_every_failure(phone: VirtualPhone, device: VirtualDevice,
                                                    tmp_path: Path) -> None:
    library = ShortcutLibrary(tmp_path / "lib.sqlite")
    unknown = run_shortcut_action(device, library, "send_smss", {})
    assert not unknown.ok and unknown.error.startswith("unknown shortcut 'send_smss'; did you mean send_sms")
    bad = run_shortcut_action(device, library, "send_sms", {"number": "555-0100"})
    assert not bad.ok and "missing argument 'message'" in bad.error and "send_sms(number: phone" in bad.error
    done = run_shortcut_action(device, library, "send_sms", {"number": "555-0100", "message": "hi"})
    assert done.ok and done.sensitive == "send" and done.target == "send_sms"
    already = run_shortcut_action(device, library, "turn_on_wifi", {})
    assert already.ok and already.detail == "shortcut turn_on_wifi: already done, nothing was changed"
    stuck = run_shortcut_action(device, None, "open_contact", {"name": "Nobody Here"}, settle_timeout=0.1)
    assert not stuck.ok and "Continue with GUI actions" in stuck.error and stuck.detail == "2/4 steps done"
    counted = library.get("send_sms")
    assert counted is not None and (counted.usage_count, counted.success_count) == (1, 1)
