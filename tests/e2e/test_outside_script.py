"""Issue 2's outside check: an outside script that only has `VirtualPhone.shell()` can use the phone."""

from __future__ import annotations

import re
import shlex

from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone


def sh(phone: VirtualPhone, cmd: str) -> str:
    result = phone.shell(cmd)
    assert result.exit_code == 0, (cmd, result.stderr)
    return result.output


def screen(phone: VirtualPhone) -> list:
    out = sh(phone, "uiautomator dump /dev/tty")
    return parse_hierarchy(out[: out.rindex("</hierarchy>") + len("</hierarchy>")])


def tap(phone: VirtualPhone, **attrs: str) -> None:
    for element in screen(phone):
        if all(getattr(element, k) == v for k, v in attrs.items()):
            x, y = element.bounds.center
            sh(phone, f"input tap {x} {y}")
            return
    raise AssertionError(f"nothing matches {attrs}")


def test_turn_wifi_off_through_the_shell_only(phone: VirtualPhone) -> None:
    tap(phone, text="Settings")
    assert re.search(r"mCurrentFocus=Window\{\w+ u0 com\.android\.settings/", sh(phone, "dumpsys window"))
    tap(phone, text="Network & internet")
    tap(phone, text="Internet")
    switch = next(e for e in screen(phone) if e.class_name == "android.widget.Switch" and "Wi" in e.text)
    assert switch.checked
    sh(phone, f"input tap {switch.bounds.center[0]} {switch.bounds.center[1]}")
    assert sh(phone, "settings get global wifi_on") == "0\n"


def test_create_a_contact_through_the_shell_only(phone: VirtualPhone) -> None:
    tap(phone, text="Contacts")
    tap(phone, content_desc="Create contact")
    tap(phone, text="First name")
    # Android 14's `input text` has no key events for non-ASCII: it fails there, and here
    assert phone.shell(f"input text {shlex.quote('Zoë')}").exit_code == 255
    for hint, value in (("First name", "Zoe"), ("Last name", "Angstrom"), ("Phone", "+1 555 0100")):
        tap(phone, text=hint)
        sh(phone, f"input text {shlex.quote(value.replace(' ', '%s'))}")
    tap(phone, text="Save")
    rows = sh(phone, "content query --uri content://contacts/phones")
    assert "Zoe Angstrom" in rows
    assert "+1 555 0100" in rows
