"""Input methods: `ime list|enable|disable|set|reset` over the phone's IMEs, and ADBKeyboard's broadcasts.

Two IMEs are installed: AOSP's LatinIME (enabled, selected) and ADBKeyboard (`com.android.adbkeyboard/.AdbIME`,
installed but disabled, as after `adb install ADBKeyboard.apk`). The enabled list and the selection live in
the secure settings Android keeps them in (`enabled_input_methods`, `default_input_method`). While ADBKeyboard
is the selected IME its receiver takes `am broadcast -a ADB_INPUT_TEXT|ADB_INPUT_B64 --es msg ...`,
`ADB_INPUT_CHARS --eia chars ...`, `ADB_INPUT_CODE --ei code N` and `ADB_CLEAR_TEXT`, and commits the text
to the focused field: the way to type any Unicode text over plain adb, where `input text` rejects non-ASCII.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.shell.common import emit
from droidpilot.emulator.virtual.shell.device_util import JavaArgs, unknown_command

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import Invocation

LATIN_IME = "com.android.inputmethod.latin/.LatinIME"
ADB_IME = "com.android.adbkeyboard/.AdbIME"
IME_HELP = """InputMethodManagerService commands:
  help
    Prints this help text.
  ime <command>
    list [-a] [-s]
    enable [--user <USER_ID>] <ID>
    disable [--user <USER_ID>] <ID>
    set [--user <USER_ID>] <ID>
    reset [--user <USER_ID>]
"""
ADB_KEYBOARD_ACTIONS = frozenset({"ADB_INPUT_TEXT", "ADB_INPUT_B64", "ADB_INPUT_CHARS", "ADB_INPUT_CODE",
                                  "ADB_CLEAR_TEXT", "ADB_EDITOR_CODE"})


@dataclass(frozen=True)
class InputMethod:
    ime_id: str
    package: str
    service: str
    settings_activity: str


INPUT_METHODS = (
    InputMethod(LATIN_IME, "com.android.inputmethod.latin", "com.android.inputmethod.latin.LatinIME",
                "com.android.inputmethod.latin.settings.SettingsActivity"),
    InputMethod(ADB_IME, "com.android.adbkeyboard", "com.android.adbkeyboard.AdbIME", "null"),
)
BY_ID = {m.ime_id: m for m in INPUT_METHODS}


def enabled(phone: VirtualPhone) -> list[str]:
    text = phone.settings.get("secure", "enabled_input_methods") or LATIN_IME
    return [part.split(";")[0] for part in text.split(":") if part.split(";")[0] in BY_ID]


def selected(phone: VirtualPhone) -> str:
    return phone.settings.get("secure", "default_input_method") or LATIN_IME


def _describe(method: InputMethod, is_enabled: bool) -> str:
    return (f"{method.ime_id}:\n  mId={method.ime_id} mSettingsActivityName={method.settings_activity}\n"
            "  mIsVrOnly=false mSupportsSwitchingToNextInputMethod=false\n  Service:\n"
            "    priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n"
            f"    ServiceInfo:\n      name={method.service}\n      packageName={method.package}\n"
            f"      enabled={'true' if is_enabled else 'false'} exported=true directBootAware=false\n"
            "      permission=android.permission.BIND_INPUT_METHOD\n")


def run_ime(phone: VirtualPhone, inv: Invocation, args: JavaArgs) -> int:
    cmd = args.cmd
    rest = args.rest()
    ids = [a for a in rest if not a.startswith("-")]
    if cmd == "list":
        on = enabled(phone)
        shown = [m for m in INPUT_METHODS if "-a" in rest or m.ime_id in on]
        for method in shown:
            emit(inv, method.ime_id + "\n" if "-s" in rest else _describe(method, method.ime_id in on))
        return 0
    if cmd in ("enable", "disable", "set") and ids:
        return _change(phone, inv, cmd, ids[0])
    if cmd == "reset":
        phone.settings.put("secure", "enabled_input_methods", LATIN_IME)
        phone.settings.put("secure", "default_input_method", LATIN_IME)
        emit(inv, f"Reset current and enabled IMEs for user #0\n  Selected: {LATIN_IME}\n"
                  f"   Enabled: {LATIN_IME}\n")
        return 0
    return unknown_command(inv, cmd, IME_HELP)


def _change(phone: VirtualPhone, inv: Invocation, cmd: str, ime_id: str) -> int:
    """IMMS's shell answers; an id no installed IME has fails on stderr with exit 0, as IMMS does."""
    if ime_id not in BY_ID:
        verb = "selected" if cmd == "set" else f"{cmd}d"
        inv.err += f"Unknown input method {ime_id} cannot be {verb} for user #0\n".encode()
        return 0
    if cmd == "set":
        phone.settings.put("secure", "default_input_method", ime_id)
        emit(inv, f"Input method {ime_id} selected for user #0\n")
        return 0
    on = enabled(phone)
    want = cmd == "enable"
    if (ime_id in on) == want:
        emit(inv, f"Input method {ime_id}: already {cmd}d for user #0\n")
        return 0
    on = [*on, ime_id] if want else [i for i in on if i != ime_id]
    phone.settings.put("secure", "enabled_input_methods", ":".join(on))
    if not want and selected(phone) == ime_id:
        phone.settings.put("secure", "default_input_method", on[0] if on else LATIN_IME)
    emit(inv, f"Input method {ime_id}: now {cmd}d for user #0\n")
    return 0


def _text_of(action: str, extras: dict[str, Any]) -> str | None:
    if action == "ADB_INPUT_TEXT":
        return str(extras.get("msg") or "")
    if action == "ADB_INPUT_B64":
        try:
            return base64.b64decode(str(extras.get("msg") or ""), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None  # AdbIME logs the bad message and commits nothing
    if action == "ADB_INPUT_CHARS":
        chars = extras.get("chars")
        return "".join(chr(c) for c in chars) if isinstance(chars, list) else None
    return None


def deliver_to_adb_keyboard(phone: VirtualPhone, action: str | None, extras: dict[str, Any]) -> None:
    """AdbIME's receiver: registered only while it is the selected IME, as the real one registers in its
    input view. Text is committed to the focused field; codes go out as key events."""
    if action not in ADB_KEYBOARD_ACTIONS or selected(phone) != ADB_IME:
        return
    from droidpilot.emulator.virtual.shell.input_cmds import CODE_NAMES

    if action == "ADB_CLEAR_TEXT":
        _clear_focused(phone)
    elif action == "ADB_INPUT_CODE" and isinstance(extras.get("code"), int):
        name = CODE_NAMES.get(int(extras["code"]))
        if name is not None:
            phone.press_key(name)
    else:
        text = _text_of(action, extras)
        if text:
            phone.input_text(text)


def _clear_focused(phone: VirtualPhone) -> None:
    field = phone.frame().focused_field()
    if field is not None and field.enabled and field.on_change is not None:
        field.on_change("")
    phone.invalidate()
