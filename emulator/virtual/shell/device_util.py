"""Helpers shared by the device commands (am, pm, input, dumpsys, ...): Java-style argument parsing and error
output, stable identity hashes, package metadata and file writes.

Most Android 14 device tools are `cmd SERVICE` front ends, so a bad argument surfaces as a Java exception that
`BasicShellCommandHandler.exec` prints to stderr (exit 255). `run_service` reproduces that framing.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import VfsError, emit, encode, resolve, stamp, writable_error

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.base import App
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import Invocation

IAE = "java.lang.IllegalArgumentException"
NFE = "java.lang.NumberFormatException"
_INT32 = re.compile(r"[+-]?\d+")
_JAVA_FLOAT = re.compile(r"[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)")


class JavaError(Exception):
    """A Java exception a device service would throw; `run_service` prints it as the framework does."""

    def __init__(self, cls: str, message: str) -> None:
        super().__init__(message)
        self.cls = cls
        self.message = message


class JavaArgs:
    """`BasicShellCommandHandler`'s argument cursor. `args[0]` is the sub-command, as in Java's `mArgs`."""

    def __init__(self, args: list[str]) -> None:
        self.args = args
        self.pos = 1
        self.cur: str | None = None

    @property
    def cmd(self) -> str | None:
        return self.args[0] if self.args else None

    def next_option(self) -> str | None:
        if self.cur is not None:
            raise JavaError(IAE, f'No argument expected after "{self.args[self.pos - 1]}"')
        if self.pos >= len(self.args) or not self.args[self.pos].startswith("-"):
            return None
        arg = self.args[self.pos]
        self.pos += 1
        if arg == "--":
            return None
        if len(arg) > 2 and arg[1] != "-":  # `-nPKG/ACT`: a short option with its value attached
            self.cur = arg[2:]
            return arg[:2]
        return arg

    def next_arg(self) -> str | None:
        if self.cur is not None:
            value, self.cur = self.cur, None
            return value
        if self.pos >= len(self.args):
            return None
        self.pos += 1
        return self.args[self.pos - 1]

    def required(self) -> str:
        value = self.next_arg()
        if value is None:
            raise JavaError(IAE, f'Argument expected after "{self.args[self.pos - 1]}"')
        return value

    def rest(self) -> list[str]:
        out: list[str] = []
        while (arg := self.next_arg()) is not None:
            out.append(arg)
        return out


def parse_int(text: str, bits: int = 32) -> int:
    """Java `Integer.parseInt` / `Long.parseLong`: decimal only, range-checked."""
    if not _INT32.fullmatch(text) or not -(2 ** (bits - 1)) <= int(text) < 2 ** (bits - 1):
        raise JavaError(NFE, f'For input string: "{text}"')
    return int(text)


def decode_int(text: str) -> int:
    """Java `Integer.decode`: decimal, `0x` hex or leading-0 octal."""
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    try:
        if body.lower().startswith(("0x", "#")):
            return sign * int(body.lstrip("#").removeprefix("0x").removeprefix("0X"), 16)
        return sign * int(body, 8 if len(body) > 1 and body.startswith("0") else 10)
    except ValueError:
        raise JavaError(NFE, f'For input string: "{text}"') from None


def parse_float(text: str) -> float:
    """Java `Float.parseFloat`: surrounding whitespace allowed, f/d suffixes, NaN and Infinity."""
    stripped = text.strip(" \t\n\r\f\v\x00")
    if not _JAVA_FLOAT.fullmatch(stripped):
        raise JavaError(NFE, f'For input string: "{text}"' if stripped else "empty String")
    return float(stripped.rstrip("fFdD"))


# --- service framing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Service:
    """Where a service's shell command lives, for the stack trace of an uncaught exception."""

    handler: str
    binder: str
    stub: str


SERVICES: dict[str, Service] = {
    "input": Service("com.android.server.input.InputShellCommand.onCommand(InputShellCommand.java:347)",
                     "com.android.server.input.InputManagerService.onShellCommand(InputManagerService.java:2935)",
                     "android.hardware.input.IInputManager$Stub.onTransact(IInputManager.java:1467)"),
    "activity": Service(
        "com.android.server.am.ActivityManagerShellCommand.onCommand(ActivityManagerShellCommand.java:275)",
        "com.android.server.am.ActivityManagerService.onShellCommand(ActivityManagerService.java:9926)",
        "android.app.IActivityManager$Stub.onTransact(IActivityManager.java:5496)"),
    "package": Service(
        "com.android.server.pm.PackageManagerShellCommand.onCommand(PackageManagerShellCommand.java:274)",
        "com.android.server.pm.PackageManagerService$IPackageManagerImpl.onShellCommand"
        "(PackageManagerService.java:6806)",
        "android.content.pm.IPackageManager$Stub.onTransact(IPackageManager.java:4398)"),
    "settings": Service(
        "com.android.providers.settings.SettingsService$MyShellCommand.onCommand(SettingsService.java:161)",
        "com.android.providers.settings.SettingsService.onShellCommand(SettingsService.java:52)",
        "android.os.Binder.onTransact(Binder.java:887)"),
    "generic": Service(
        "com.android.modules.utils.BasicShellCommandHandler.onCommand(BasicShellCommandHandler.java:82)",
        "android.os.Binder.onShellCommand(Binder.java:1129)",
        "android.os.Binder.onTransact(Binder.java:887)"),
}


def print_exception(inv: Invocation, service: str, cmd: str | None, error: JavaError) -> int:
    """What `BasicShellCommandHandler.exec` prints for an uncaught exception; the command exits 255."""
    where = SERVICES.get(service, SERVICES["generic"])
    frames = [where.handler,
              "com.android.modules.utils.BasicShellCommandHandler.exec(BasicShellCommandHandler.java:97)",
              "android.os.ShellCommand.exec(ShellCommand.java:38)", where.binder,
              "android.os.Binder.shellCommand(Binder.java:1092)",
              "android.os.Binder.onTransact(Binder.java:912)", where.stub,
              "android.os.Binder.execTransactInternal(Binder.java:1392)",
              "android.os.Binder.execTransact(Binder.java:1299)"]
    trace = "".join(f"\tat {frame}\n" for frame in frames)
    inv.err += encode(f"\nException occurred while executing '{cmd}':\n{error.cls}: {error.message}\n{trace}")
    return 255


def run_service(inv: Invocation, service: str, body: Callable[[JavaArgs], int]) -> int:
    """Run a `cmd SERVICE` handler over `argv[1:]`; Java's -1 becomes exit 255, exceptions are printed."""
    args = JavaArgs(inv.argv[1:])
    try:
        return body(args) & 0xFF
    except JavaError as error:
        return print_exception(inv, service, args.cmd, error)


def unknown_command(inv: Invocation, cmd: str | None, help_text: str) -> int:
    """`handleDefaultCommands`: help for no command / `help` / `-h`, else `Unknown command: X`; exit 255."""
    emit(inv, help_text if cmd in (None, "help", "-h") else f"Unknown command: {cmd}\n")
    return -1


# --- identities --------------------------------------------------------------------------------------------


def ident(*parts: object) -> str:
    """A stable stand-in for `System.identityHashCode` as Android prints it (lowercase hex, 7 digits)."""
    value = zlib.crc32("|".join(map(str, parts)).encode()) & 0xFFFFFFF
    return f"{value | 0x1000000:x}"


def short_component(package: str, cls: str) -> str:
    """`ComponentName.flattenToShortString`: `pkg/.Act` when the class lives in the package."""
    return f"{package}/{cls[len(package):]}" if cls.startswith(package + ".") else f"{package}/{cls}"


def full_class(package: str, cls: str) -> str:
    return package + cls if cls.startswith(".") else cls


# --- packages ----------------------------------------------------------------------------------------------

SYSTEM_ONLY = {
    "android": ("/system/framework/framework-res.apk", 1000),
    "com.android.systemui": ("/system_ext/priv-app/SystemUI/SystemUI.apk", 10087),
    "com.android.shell": ("/system/priv-app/Shell/Shell.apk", 2000),
    "com.android.providers.settings": ("/system/priv-app/SettingsProvider/SettingsProvider.apk", 1000),
    "com.android.inputmethod.latin": ("/system/app/LatinIME/LatinIME.apk", 10093),
    "com.android.adbkeyboard": ("/data/app/~~AdbKeyboard8xQe2Zf0R1wIg==/com.android.adbkeyboard-1==/base.apk", 10146),
}
"""Packages with no virtual app behind them: (APK path, uid)."""

KNOWN_PATHS = {
    "com.android.settings": ("/system_ext/priv-app/Settings/Settings.apk", 1000),
    "com.android.launcher3": ("/system_ext/priv-app/Launcher3QuickStep/Launcher3QuickStep.apk", 10080),
}


def is_system(package: str) -> bool:
    """The virtual phone's AOSP apps (`com.android.*`, `android`) are system apps, as on an emulator image;
    any other package counts as user-installed, so `pm list packages -3` lists only those."""
    return package == "android" or package.startswith("com.android.")


def installed(phone: VirtualPhone) -> list[str]:
    return sorted(set(SYSTEM_ONLY) | set(phone.host.apps))


def apk_path(phone: VirtualPhone, package: str) -> str:
    if package in SYSTEM_ONLY:
        return SYSTEM_ONLY[package][0]
    if package in KNOWN_PATHS:
        return KNOWN_PATHS[package][0]
    app: App = phone.host.apps[package]
    if is_system(package):
        name = re.sub(r"\W", "", app.LABEL) or package.rpartition(".")[2]
        return f"/product/app/{name}/{name}.apk"
    return f"/data/app/~~{_token(package, 'a')}==/{package}-{_token(package, 'b')}==/base.apk"


def _token(package: str, salt: str) -> str:
    """22 URL-safe base64 characters, as PackageManager names install directories."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    value = zlib.crc32(f"{salt}:{package}".encode()) * 0x9E3779B97F4A7C15
    return "".join(alphabet[(value >> (6 * i)) % 64] for i in range(22))


def uid(package: str) -> int:
    for table in (SYSTEM_ONLY, KNOWN_PATHS):
        if package in table:
            return table[package][1]
    return 10100 + zlib.crc32(package.encode()) % 150


def user_name(app_uid: int) -> str:
    """ps's USER column: `system`, `shell`, or `u0_aNN` for app uids."""
    return {0: "root", 1000: "system", 2000: "shell"}.get(app_uid, f"u0_a{app_uid - 10000}")


# --- files -------------------------------------------------------------------------------------------------


def write_device_file(phone: VirtualPhone, inv: Invocation, path: str, data: bytes) -> str | None:
    """Write a file as the `shell` user; the strerror text on failure, else None."""
    try:
        host = resolve(inv.fs, path, inv.cwd)
    except VfsError as exc:
        return str(exc)
    if host.is_dir():
        return "Is a directory"
    if not host.parent.is_dir():
        return "No such file or directory"
    denied = writable_error(inv.fs, host)
    if denied:
        return denied
    host.write_bytes(data)
    stamp(phone.clock, host)
    return None


def absolute(inv: Invocation, path: str) -> str:
    """Java `File.getAbsolutePath`: relative paths are joined to the working directory, not normalised."""
    return path if path.startswith("/") else f"{inv.cwd.rstrip('/')}/{path}"
