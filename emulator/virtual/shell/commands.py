"""`build_shell(phone)`: the virtual phone's `/system/bin/sh` with its device commands.

The shell brings its builtins and FILE_COMMANDS; this adds the Android tools (input, screencap, uiautomator,
wm, am, pm, monkey, cmd, settings, svc, content, getprop, setprop, ime, dumpsys, date, sleep, ps, pidof, kill,
logcat, reboot, run-as, screenrecord). Every command reads `phone.host` / `phone.clock` when it runs, never at
build time, because `VirtualPhone.restore()` replaces both while the shell lives on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.shell import net_cmds, proc_cmds, service_cmds, system_cmds
from droidpilot.emulator.virtual.shell.activity_cmds import ActivityCommand
from droidpilot.emulator.virtual.shell.content_cmd import content
from droidpilot.emulator.virtual.shell.droidpilot_cmd import droidpilot
from droidpilot.emulator.virtual.shell.dumpsys import dumpsys
from droidpilot.emulator.virtual.shell.input_cmds import InputCommand, screencap, uiautomator
from droidpilot.emulator.virtual.shell.logcat_cmd import log_applet, logcat
from droidpilot.emulator.virtual.shell.monkey_cmd import monkey
from droidpilot.emulator.virtual.shell.package_cmds import PackageCommand
from droidpilot.emulator.virtual.shell.run_as import run_as
from droidpilot.emulator.virtual.shell.screenrecord import screenrecord
from droidpilot.emulator.virtual.shell.sh import Shell
from droidpilot.emulator.virtual.shell.sh_special import SPECIAL
from droidpilot.emulator.virtual.shell.wm_cmd import wm

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation


class LiveClock(VirtualClock):
    """Whatever clock the phone has now (`restore()` swaps it); the shell stamps file times with it."""

    def __init__(self, phone: VirtualPhone) -> None:  # no state of its own: everything is delegated
        self._phone = phone

    @property
    def frozen(self) -> bool:
        return self._phone.clock.frozen

    @frozen.setter
    def frozen(self, value: bool) -> None:
        self._phone.clock.frozen = value

    def now_ms(self) -> int:
        return self._phone.clock.now_ms()

    def now(self) -> datetime:
        return self._phone.clock.now()

    def advance(self, ms: int) -> None:
        self._phone.clock.advance(ms)

    def set(self, when: datetime | int) -> None:
        self._phone.clock.set(when)

    def uptime_ms(self) -> int:
        return self._phone.clock.uptime_ms()

    def elapsed_ms(self) -> int:
        return self._phone.clock.elapsed_ms()


def _ime_service(ime: CommandFn) -> CommandFn:
    """`cmd input_method ime list -s` is `ime list -s`."""

    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        return ime(replace(inv, argv=["ime", *(args[1:] if args[:1] == ["ime"] else args)]))

    return run


def device_commands(phone: VirtualPhone) -> dict[str, CommandFn]:
    props: dict[str, str] = {}
    am, pm, inp = ActivityCommand(phone), PackageCommand(phone), InputCommand(phone)
    window, settings, ime = wm(phone), system_cmds.settings(phone), system_cmds.ime(phone)
    services: dict[str, CommandFn] = {
        "activity": am, "package": pm, "input": inp, "window": window, "settings": settings,
        "input_method": _ime_service(ime), "connectivity": service_cmds.connectivity(phone),
        "wifi": service_cmds.wifi(phone), "bluetooth_manager": service_cmds.bluetooth(phone),
        "notification": service_cmds.notification(phone), "statusbar": service_cmds.statusbar(phone),
        "alarm": service_cmds.alarm(phone), "uimode": service_cmds.uimode(phone),
    }
    return {
        "input": inp, "screencap": screencap(phone), "uiautomator": uiautomator(phone), "wm": window,
        "am": am, "pm": pm, "monkey": monkey(phone), "cmd": service_cmds.cmd(services),
        "settings": settings, "svc": system_cmds.svc(phone), "content": content(phone),
        "getprop": system_cmds.getprop(phone, props), "setprop": system_cmds.setprop(phone, props),
        "ime": ime, "dumpsys": dumpsys(phone), "date": proc_cmds.date(phone), "sleep": proc_cmds.sleep(phone),
        "ps": proc_cmds.ps(phone), "pidof": proc_cmds.pidof(phone), "kill": proc_cmds.kill,
        "logcat": logcat(phone.log, phone.sync_log), "log": log_applet(phone.log), "reboot": proc_cmds.reboot(phone),
        "droidpilot": droidpilot(phone), "ip": net_cmds.ip(phone), "ifconfig": net_cmds.ifconfig(phone),
        "run-as": run_as(phone), "screenrecord": screenrecord(phone),
    }


NOT_IN_BIN = frozenset({"[", ":", "true", "false", "echo", "pwd", "test", "type", "command", "wait", "trap",
                        "droidpilot"})
"""Shell builtins (and our own tool) have no file in /system/bin."""
TOYBOX_STUB = b"\x7fELF\x02\x01\x01\x00toybox\n"


def populate_bin(shell: Shell, phone: VirtualPhone) -> None:
    """`/system/bin` holds what Android's does: toybox, and a symlink to it per applet and tool, so
    `ls /system/bin` and `which` agree with what the shell can run."""
    bin_dir = phone.fs.rootfs / "system" / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    toybox = bin_dir / "toybox"
    if not toybox.exists():
        toybox.write_bytes(TOYBOX_STUB)
    for name in shell.command_names():
        entry = bin_dir / name
        skipped = name in NOT_IN_BIN or name in SPECIAL or "/" in name or name.startswith(".")
        if skipped or entry.exists() or entry.is_symlink():
            continue
        entry.symlink_to("toybox")


def build_shell(phone: VirtualPhone) -> Shell:
    shell = Shell(phone.fs, device_commands(phone), clock=LiveClock(phone))
    populate_bin(shell, phone)
    return shell
