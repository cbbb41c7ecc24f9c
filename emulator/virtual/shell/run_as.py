"""`run-as PKG [--user UID] [CMD ARGS...]`: run a command as a debuggable app (run-as.cpp's checks and words).

The command runs in the app's data directory with the app's uid: its private files under `/data/data/PKG`
open and are writable, other apps' stay `Permission denied`. With no command, the script on stdin runs, as
the shell run-as starts does. Apps built without `android:debuggable` (every release build) are refused.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import RUN_AS, emit, fail, running_as_app
from droidpilot.emulator.virtual.shell.device_util import SYSTEM_ONLY, uid, user_name

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

USAGE = "usage: run-as <package-name> [--user <uid>] <command> [<args>]"


def _split(args: list[str]) -> tuple[str, list[str]] | None:
    """(package, command) or None for a malformed line."""
    if not args or args[0].startswith("-"):
        return None
    package, rest = args[0], args[1:]
    if rest[:1] == ["--user"]:
        if len(rest) < 2 or not rest[1].isdigit():
            return None
        rest = rest[2:]
    return package, rest


def run_as(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        split = _split(inv.argv[1:])
        if split is None:
            return fail(inv, USAGE)
        package, command = split
        app = phone.host.apps.get(package)
        if app is None and package not in SYSTEM_ONLY:
            return fail(inv, f"run-as: unknown package: {package}")
        if app is None or not app.DEBUGGABLE:
            return fail(inv, f"run-as: package not debuggable: {package}")
        with running_as_app(package):
            return inv.shell.call(replace(inv, cwd=f"/data/user/0/{package}"), command or ["sh"])

    return run


def app_identity(inv: Invocation, opts: dict[str, list[str]]) -> bool:
    """`id` under run-as prints the app's uid (u0_aNN) and its SELinux domain; False when not under run-as."""
    package = RUN_AS.get()
    if package is None:
        return False
    number = uid(package)
    name = user_name(number)
    if "u" in opts or "g" in opts or "G" in opts:
        emit(inv, (name if "n" in opts else str(number)) + "\n")
    elif "Z" in opts:
        emit(inv, "u:r:untrusted_app:s0\n")
    else:
        emit(inv, f"uid={number}({name}) gid={number}({name}) groups={number}({name}),3003(inet),9997(everybody),"
                  f"{number + 10000}({name}_cache),{number + 40000}(all_a{number - 10000}) "
                  "context=u:r:untrusted_app:s0\n")
    return True
