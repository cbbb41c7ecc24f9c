"""`settings`, `svc`, `getprop`, `setprop` and `ime`, backed by the phone's settings provider."""

from __future__ import annotations

from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import emit, fail
from droidpilot.emulator.virtual.shell.device_util import JavaArgs, run_service, unknown_command
from droidpilot.emulator.virtual.shell.ime_cmd import run_ime
from droidpilot.emulator.virtual.system.settings_provider import NAMESPACES

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

SETTINGS_HELP = """Settings provider (settings) commands:
  help
      Print this help text.
  get [--user <USER_ID> | current] NAMESPACE KEY
      Retrieve the current value of KEY.
  put [--user <USER_ID> | current] NAMESPACE KEY VALUE [TAG] [default]
      Change the contents of KEY to VALUE.
      TAG to associate with the setting.
      {default} to set as the default, case-insensitive only for global/secure namespace
  delete [--user <USER_ID> | current] NAMESPACE KEY
      Delete the entry for KEY.
  reset [--user <USER_ID> | current] NAMESPACE {PACKAGE_NAME | RESET_MODE}
      Reset the global/secure table for a package with mode.
      RESET_MODE is one of {untrusted_defaults, untrusted_clear, trusted_defaults}, case-insensitive
  list [--user <USER_ID> | current] NAMESPACE
      Print all defined keys.
      NAMESPACE is one of {system, secure, global}, case-insensitive
"""
SVC_HELP = {
    "": "Available commands:\n    help     Show information about the subcommands\n"
        "    power    Control the power manager\n    data     Control mobile data connectivity\n"
        "    wifi     Control the Wi-Fi manager\n    usb      Control Usb state\n"
        "    nfc      Control NFC functions\n    bluetooth Control Bluetooth service\n",
    "wifi": "Control the Wi-Fi manager\n\nusage: svc wifi [enable|disable]\n"
            "         Turn Wi-Fi on or off.\n\n",
    "data": "Control mobile data connectivity\n\nusage: svc data [enable|disable]\n"
            "         Turn mobile data on or off.\n\n",
    "bluetooth": "Control the Bluetooth manager\n\nusage: svc bluetooth [enable|disable]\n"
                 "         Turn Bluetooth on or off.\n\n",
    "power": "Control the power manager\n\nusage: svc power stayon [true|false|usb|ac|wireless]\n"
             "         Set the 'keep awake while plugged in' setting.\n       svc power reboot [reason]\n"
             "         Perform a runtime shutdown and reboot device with specified reason.\n",
}
SVC_KEYS = {"wifi": "wifi_on", "data": "mobile_data", "bluetooth": "bluetooth_on"}
STAY_ON = {"true": "7", "false": "0", "usb": "2", "ac": "1", "wireless": "4"}


def build_props(phone: VirtualPhone) -> dict[str, str]:
    """System properties of an Android 14 x86_64 emulator image presenting itself as a Pixel 6."""
    return {
        "ro.product.model": "Pixel 6", "ro.product.brand": "google", "ro.product.manufacturer": "Google",
        "ro.product.name": "sdk_gphone64_x86_64", "ro.product.device": "emu64xa",
        "ro.product.board": "goldfish_x86_64",
        "ro.product.cpu.abi": "x86_64", "ro.product.cpu.abilist": "x86_64,arm64-v8a",
        "ro.product.locale": "en-US", "ro.serialno": phone.serial, "ro.boot.serialno": phone.serial,
        "ro.build.version.release": "14", "ro.build.version.release_or_codename": "14",
        "ro.build.version.sdk": "34", "ro.build.version.codename": "REL",
        "ro.build.version.security_patch": "2023-09-05", "ro.build.version.incremental": "11228894",
        "ro.build.id": "UE1A.230829.036",
        "ro.build.display.id": "sdk_gphone64_x86_64-userdebug 14 UE1A.230829.036 11228894 dev-keys",
        "ro.build.type": "userdebug", "ro.build.tags": "dev-keys", "ro.build.characteristics": "emulator",
        "ro.build.fingerprint":
            "google/sdk_gphone64_x86_64/emu64xa:14/UE1A.230829.036/11228894:userdebug/dev-keys",
        "ro.hardware": "ranchu", "ro.kernel.qemu": "1", "ro.boot.qemu": "1", "ro.debuggable": "1",
        "ro.secure": "1", "ro.adb.secure": "1", "ro.sf.lcd_density": "420", "ro.zygote": "zygote64",
        "ro.opengles.version": "196610", "persist.sys.timezone": "UTC", "persist.sys.locale": "en-US",
        "sys.boot_completed": "1", "dev.bootcomplete": "1", "init.svc.adbd": "running",
        "service.adb.root": "0", "gsm.sim.state": "LOADED", "gsm.operator.alpha": "T-Mobile",
    }


def settings(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        return run_service(inv, "settings", lambda args: _settings(phone, inv, args))

    return run


def _settings(phone: VirtualPhone, inv: Invocation, args: JavaArgs) -> int:
    """SettingsService's argument walk: VERB NAMESPACE KEY [VALUE [TAG [default]]], `--user` anywhere."""
    if args.cmd in (None, "help", "-h"):
        return unknown_command(inv, args.cmd, SETTINGS_HELP)
    verb: str | None = None
    table: str | None = None
    key: str | None = None
    value: str | None = None
    valid = False
    arg: str | None = args.cmd
    while arg is not None:
        if arg == "--user":
            args.required()
        elif verb is None:
            if arg.lower() not in ("get", "put", "delete", "list", "reset"):
                return fail(inv, f"Invalid command: {arg}", -1)
            verb = arg.lower()
        elif table is None:
            if arg.lower() not in NAMESPACES:
                return fail(inv, f"Invalid namespace '{arg}'", -1)
            table = arg.lower()
            if verb == "list":
                valid = True
                break
        elif key is None:
            key = arg
            valid = verb in ("get", "delete", "reset")
            if valid:
                break
        elif value is None:
            value = arg
            valid = verb == "put"
        arg = args.next_arg()
    if not valid or table is None:
        return fail(inv, "Bad arguments", -1)
    provider = phone.settings
    if verb == "get" and key is not None:
        found = provider.get(table, key)
        emit(inv, f"{'null' if found is None else found}\n")
    elif verb == "put" and key is not None and value is not None:
        provider.put(table, key, value)
    elif verb == "delete" and key is not None:
        emit(inv, f"Deleted {provider.delete(table, key)} rows\n")
    elif verb == "list":
        emit(inv, "".join(sorted(f"{name}={val}\n" for _, name, val in provider.items(table))))
    phone.invalidate()
    return 0


def svc(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        service = args[0] if args else ""
        verb = args[1] if len(args) > 1 else ""
        if service in SVC_KEYS and verb in ("enable", "disable"):
            phone.settings.put("global", SVC_KEYS[service], "1" if verb == "enable" else "0")
        elif service == "power" and verb == "stayon" and len(args) > 2 and args[2] in STAY_ON:
            phone.settings.put("global", "stay_on_while_plugged_in", STAY_ON[args[2]])
        else:
            emit(inv, SVC_HELP.get(service, SVC_HELP[""]))
            return 0 if service in SVC_HELP or service in ("", "help") else 1
        phone.invalidate()
        return 0

    return run


def getprop(phone: VirtualPhone, overrides: dict[str, str]) -> CommandFn:
    def run(inv: Invocation) -> int:
        props = {**build_props(phone), **overrides}
        args = [a for a in inv.argv[1:] if a not in ("-Z", "-T")]
        if not args:
            emit(inv, "".join(f"[{k}]: [{v}]\n" for k, v in sorted(props.items())))
            return 0
        emit(inv, props.get(args[0], args[1] if len(args) > 1 else "") + "\n")
        return 0

    return run


def setprop(phone: VirtualPhone, overrides: dict[str, str]) -> CommandFn:
    """Read-only (`ro.*`) properties can't change once set; others are kept for this phone's shell."""

    def run(inv: Invocation) -> int:
        if len(inv.argv) != 3:
            return fail(inv, "setprop: Need 2 arguments")
        name, value = inv.argv[1], inv.argv[2]
        if name.startswith("ro.") and name in {**build_props(phone), **overrides}:
            return fail(inv, f"setprop: Failed to set property '{name}' to '{value}'.\n"
                             "See dmesg for error reason.")
        overrides[name] = value
        return 0

    return run


def ime(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        return run_service(inv, "generic", lambda args: run_ime(phone, inv, args))

    return run
