"""`cmd SERVICE ...` and the small services only reachable through it: connectivity, wifi, bluetooth_manager,
notification, statusbar, alarm and uimode. Radios are the settings keys the quick tiles and `svc` use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from droidpilot.emulator.virtual.shell.common import emit, encode
from droidpilot.emulator.virtual.shell.device_util import (
    IAE,
    JavaArgs,
    JavaError,
    parse_int,
    run_service,
    unknown_command,
)

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

SHELL_PACKAGE = "com.android.shell"
NIGHT_MODES = {"no": "1", "yes": "2", "auto": "0", "custom": "3"}
NOTIFY_USAGE = """usage: cmd notification post [flags] <tag> <text>

flags:
  -h|--help
  -v|--verbose
  -t|--title <text>
  -S|--style <style> [styleargs]
  -c|--content-intent <intentspec>

styles: (default none)
  bigtext
  bigpicture --picture <iconspec>
  inbox --line <text> --line <text> ...
  messaging --conversation <title> --message <who>:<text> ...
  media
"""
NOTIFY_VALUED = frozenset({"-t", "--title", "-S", "--style", "-i", "--icon", "-I", "--large-icon", "-c",
                           "--content-intent", "--conversation", "--message", "--line", "--picture"})
ALARM_HELP = """Alarm manager service (alarm) commands:
  help
    Print this help text.
  set-time TIME
    Set the system clock time to TIME where TIME is milliseconds
    since the Epoch.
"""
NOTIFICATION_TEXT = ("Notification(channel=shellcmd shortcut=null contentView=null vibrate=null sound=null "
                     "defaults=0x0 flags=0x0 color=0x00000000 vis=PRIVATE)")


def cmd(services: Mapping[str, CommandFn]) -> CommandFn:
    """`cmd SERVICE ARGS` runs the service's shell command; `cmd -l` lists the services."""

    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        if not args:
            inv.err += (b"cmd: No service specified; use -l to list all running services. "
                        b"Use -w to start and wait for a service.\n")
            return 20
        if args[0] == "-l":
            emit(inv, "Currently running services:\n" + "".join(f"  {name}\n" for name in sorted(services)))
            return 0
        name, *rest = [a for a in args if a != "-w"]
        service = services.get(name)
        if service is None:
            inv.err += encode(f"cmd: Can't find service: {name}\n")
            return 20
        return service(replace(inv, argv=[name, *rest]))

    return run


def _toggle(args: JavaArgs, on: str, off: str) -> bool:
    value = args.required()
    if value not in (on, off):
        raise JavaError(IAE, f"Expected '{on}' or '{off}' but got '{value}'")
    return value == on


def connectivity(phone: VirtualPhone) -> CommandFn:
    def body(inv: Invocation, args: JavaArgs) -> int:
        if args.cmd != "airplane-mode":
            return unknown_command(inv, args.cmd, "Connectivity service commands:\n  help\n"
                                                  "  airplane-mode [enable|disable]\n")
        value = args.next_arg()
        if value is None:
            on = phone.settings.get("global", "airplane_mode_on") == "1"
            emit(inv, "enabled\n" if on else "disabled\n")
            return 0
        if value not in ("enable", "disable"):
            emit(inv, "Invalid argument to 'airplane-mode' - must be 'enable' or 'disable'\n")
            return -1
        phone.settings.put("global", "airplane_mode_on", "1" if value == "enable" else "0")
        if value == "enable":  # airplane mode switches the radios off, as the quick tile does
            phone.settings.put("global", "wifi_on", "0")
            phone.settings.put("global", "bluetooth_on", "0")
        phone.invalidate()
        return 0

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))


def wifi(phone: VirtualPhone) -> CommandFn:
    def body(inv: Invocation, args: JavaArgs) -> int:
        on = phone.settings.get("global", "wifi_on") == "1"
        if args.cmd == "set-wifi-enabled":
            phone.settings.put("global", "wifi_on", "1" if _toggle(args, "enabled", "disabled") else "0")
            phone.invalidate()
        elif args.cmd == "status":
            emit(inv, "Wifi is enabled\nWifi scanning is always available\n"
                      '==== Primary ClientModeManager instance ====\nWifi is connected to "AndroidWifi"\n'
                 if on else "Wifi is disabled\nWifi scanning is always available\n")
        else:
            return unknown_command(inv, args.cmd, "Wi-Fi (wifi) commands:\n  help\n"
                                                  "  set-wifi-enabled enabled|disabled\n  status\n")
        return 0

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))


def bluetooth(phone: VirtualPhone) -> CommandFn:
    def body(inv: Invocation, args: JavaArgs) -> int:
        if args.cmd not in ("enable", "disable"):
            return unknown_command(inv, args.cmd, "Bluetooth Manager Commands:\n  help or -h\n"
                                                  "    Print this help text.\n  enable\n"
                                                  "    Enable Bluetooth on this device.\n  disable\n"
                                                  "    Disable Bluetooth on this device.\n")
        phone.settings.put("global", "bluetooth_on", "1" if args.cmd == "enable" else "0")
        phone.invalidate()
        return 0

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))


def notification(phone: VirtualPhone) -> CommandFn:
    """NotificationShellCmd: `post` as package com.android.shell (same tag replaces), and `list`."""

    def body(inv: Invocation, args: JavaArgs) -> int:
        if args.cmd == "list":
            emit(inv, "".join(f"0|{n.package}|{n.id}|{n.tag or 'null'}|2000\n"
                              for n in phone.host.state.notifications))
            return 0
        if args.cmd != "post":
            return unknown_command(inv, args.cmd, NOTIFY_USAGE)
        return _post(phone, inv, args)

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))


def _post(phone: VirtualPhone, inv: Invocation, args: JavaArgs) -> int:
    title = ""
    while (opt := args.next_option()) is not None:
        if opt in ("-t", "--title"):
            title = args.required()
        elif opt in NOTIFY_VALUED:
            args.required()
        elif opt not in ("-v", "--verbose"):
            emit(inv, NOTIFY_USAGE)
            return 0
    tag, text = args.next_arg(), args.next_arg()
    if tag is None or text is None:
        emit(inv, NOTIFY_USAGE)
        return -1
    emit(inv, f"posting:\n  {NOTIFICATION_TEXT}\n")
    host = phone.host
    for old in [n for n in host.state.notifications if n.package == SHELL_PACKAGE and n.tag == tag]:
        host.cancel_notification(old.id)
    host.notify(SHELL_PACKAGE, title, text, tag=tag)
    phone.invalidate()
    return 0


def statusbar(phone: VirtualPhone) -> CommandFn:
    def body(inv: Invocation, args: JavaArgs) -> int:
        overlays: dict[str, Literal["shade"] | None] = {
            "expand-notifications": "shade", "expand-settings": "shade", "collapse": None}
        if args.cmd not in overlays:
            return unknown_command(inv, args.cmd, "Status bar commands:\n  help\n  expand-notifications\n"
                                                  "  expand-settings\n  collapse\n")
        phone.host.state.overlay = overlays[args.cmd]
        phone.host.state.keyboard_shown = False
        phone.invalidate()
        return 0

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))


def alarm(phone: VirtualPhone) -> CommandFn:
    def body(inv: Invocation, args: JavaArgs) -> int:
        if args.cmd != "set-time":
            return unknown_command(inv, args.cmd, ALARM_HELP)
        phone.clock.set(parse_int(args.required(), 64))
        phone.host.tick()
        phone.invalidate()
        return 0

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))


def uimode(phone: VirtualPhone) -> CommandFn:
    def body(inv: Invocation, args: JavaArgs) -> int:
        if args.cmd != "night":
            return unknown_command(inv, args.cmd, "UiModeManager service (uimode) commands:\n  help\n"
                                                  "  night [yes|no|auto|custom]\n")
        mode = args.next_arg()
        if mode is not None:
            if mode not in NIGHT_MODES:
                inv.err += b"Error: mode must be 'yes', 'no', 'auto' or 'custom'\n"
                return -1
            phone.settings.put("secure", "ui_night_mode", NIGHT_MODES[mode])
            phone.invalidate()
        current = phone.settings.get("secure", "ui_night_mode") or "1"
        names = {value: name for name, value in NIGHT_MODES.items()}
        emit(inv, f"Night mode: {names.get(current, 'unknown')}\n")
        return 0

    return lambda inv: run_service(inv, "generic", lambda args: body(inv, args))
