from __future__ import annotations

import pytest

from droidpilot.agent.actions import ActionOutcome, LongPress, OpenApp, Press, Tap, TypeText
from droidpilot.agent.executor import ActionExecutor
from droidpilot.agent.perception import ModelView, perceive
from droidpilot.agent.safety import SecretError, SecretVault, kind_of_text, sensitive_kind
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.device import VirtualDevice


def numbered(view: ModelView, label: str) -> int:
    found = [i for i, text in view.labels.items() if text == label]
    assert found, f"{label!r} not numbered in:\n{view.elements_text}"
    return found[0]


@pytest.mark.parametrize(("texts", "kind"), [
    (("Send",), "send"), (("", "Send SMS", "com.android.messaging:id/send_message_button"), "send"),
    (("Pay $5.00",), "pay"), (("Buy now",), "buy"), (("Checkout",), "buy"), (("Place order",), "buy"),
    (("Delete",), "delete"), (("Move to trash",), "delete"), (("Uninstall",), "delete"),
    (("", "", "com.app:id/removeItem"), "delete"), (("Call",), "call"), (("Dial",), "call"),
    (("Install",), "install"), (("Share",), "share"), (("Cancel",), ""), (("Don't send",), ""),
    (("Settings",), ""), (("Sender",), ""), (("Sort order",), ""), (("",), ""),
])
def test_keywords(texts: tuple[str, ...], kind: str) -> None:
    assert kind_of_text(*texts) == kind


def test_send_sms_button_and_enter_in_the_compose_field(phone: VirtualPhone) -> None:
    device = VirtualDevice(phone)
    executor = ActionExecutor(device)
    device.launch("com.android.messaging")
    view = perceive(device.observe())
    row = next(i for i, label in view.labels.items() if label.startswith("+1 415-555-6734"))
    assert sensitive_kind(Tap(index=row), view.targets[row], view) == ""  # opening a thread sends nothing
    executor.execute(Tap(index=row), view)
    view = perceive(device.observe())
    compose = numbered(view, "Text message")
    assert sensitive_kind(Tap(index=compose), view.targets[compose], view) == ""
    action = TypeText(index=compose, text="On my way", enter=True)
    assert sensitive_kind(action, view.targets[compose], view) == "send"
    assert executor.execute(TypeText(index=compose, text="On my way"), view).ok
    view = perceive(device.observe())
    send = numbered(view, "Send SMS")
    assert sensitive_kind(Tap(index=send), view.targets[send], view) == "send"
    assert sensitive_kind(Press(key="enter"), None, view) == "send"
    assert sensitive_kind(Press(key="back"), None, view) == ""
    assert sensitive_kind(OpenApp(app="Messages"), None, view) == ""


def test_delete_confirmation_button(phone: VirtualPhone) -> None:
    device = VirtualDevice(phone)
    executor = ActionExecutor(device)
    device.launch("com.android.messaging")
    view = perceive(device.observe())
    verification = next(i for i, label in view.labels.items() if "Don't share it" in label)
    assert sensitive_kind(Tap(index=verification), view.targets[verification], view) == ""
    executor.execute(LongPress(index=verification), view)
    view = perceive(device.observe())
    trash = numbered(view, "Delete")
    assert sensitive_kind(Tap(index=trash), view.targets[trash], view) == "delete"
    executor.execute(Tap(index=trash), view)
    view = perceive(device.observe())
    assert "Delete this conversation?" in view.elements_text
    confirm, cancel = numbered(view, "Delete"), numbered(view, "Cancel")
    assert sensitive_kind(Tap(index=confirm), view.targets[confirm], view) == "delete"
    assert sensitive_kind(Tap(index=cancel), view.targets[cancel], view) == ""


def test_vault_from_specs_and_errors() -> None:
    vault = SecretVault.from_specs(["PIN=env:BANK_PIN", "EMAIL=me@example.com"], environ={"BANK_PIN": "4242"})
    assert vault.get("PIN") == "4242" and vault.get("EMAIL") == "me@example.com"
    assert vault.names == ["EMAIL", "PIN"] and "PIN" in vault and len(vault) == 2
    assert "4242" not in repr(vault)
    with pytest.raises(SecretError, match="secret PIN: environment variable NOPE is not set"):
        SecretVault.from_specs(["PIN=env:NOPE"], environ={})
    with pytest.raises(SecretError, match="expected NAME=env:VAR or NAME=value"):
        SecretVault.from_specs(["JUSTANAME"])
    with pytest.raises(SecretError, match="is empty"):
        SecretVault.from_specs(["A="])
    with pytest.raises(SecretError, match="bad secret name"):
        SecretVault.from_specs(["my pin=1"])
    with pytest.raises(KeyError, match="no secret named 'X'"):
        vault.get("X")


def test_redact_strings_and_nested_structures() -> None:
    vault = SecretVault({"PW": "s3cret", "LONG": "s3cret-and-more"})
    assert vault.redact("type s3cret-and-more then s3cret") == "type <secret:LONG> then <secret:PW>"
    nested = {"a": ["x s3cret", ("s3cret", 3)], "s3cret": {"b": None, "c": 1.5}}
    assert vault.redact(nested) == {"a": ["x <secret:PW>", ("<secret:PW>", 3)], "<secret:PW>": {"b": None, "c": 1.5}}
    outcome = vault.redact(ActionOutcome(ok=False, error="field shows 's3cret'"))
    assert isinstance(outcome, ActionOutcome) and outcome.error == "field shows '<secret:PW>'"
    assert SecretVault().redact("nothing") == "nothing"
