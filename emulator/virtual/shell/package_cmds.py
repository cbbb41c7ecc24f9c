"""`pm` / `cmd package`: list, path, clear, install/uninstall (refused), resolve-activity, dump.

The virtual phone cannot install or remove APKs: install answers `Failure [INSTALL_FAILED_INVALID_APK: ...]`
and uninstall `Failure [DELETE_FAILED_INTERNAL_ERROR]`, the same shapes adbutils and `adb install` parse.
The `com.android.*` apps are AOSP system apps; the others (Notes, Expenses, Recipes, Tasks, standing in for
Markor, Pro Expense, Broccoli and Tasks.org) are user-installed, so `pm list packages -3` lists them
(see `device_util.is_system`).
"""

from __future__ import annotations

import posixpath
import shutil
from datetime import timedelta
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.clock import DEFAULT_START
from droidpilot.emulator.virtual.shell.activity_cmds import ActivityCommand, NoClass
from droidpilot.emulator.virtual.shell.common import VfsError, emit, read_path
from droidpilot.emulator.virtual.shell.device_util import (
    IAE,
    SYSTEM_ONLY,
    JavaArgs,
    JavaError,
    apk_path,
    ident,
    installed,
    is_system,
    parse_int,
    run_service,
    short_component,
    uid,
    unknown_command,
)
from droidpilot.emulator.virtual.shell.intents import IntentSpec, parse_intent
from droidpilot.emulator.virtual.system.host import LAUNCHER_PACKAGE, ActivityNotFound

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import Invocation

LIST_FLAGS = frozenset({
    "-f", "-d", "-e", "-s", "-3", "-i", "-l", "-u", "-U", "-a", "--show-versioncode", "--apex-only",
    "--factory-only",
})
INSTALL_VALUED = frozenset({
    "-i", "--user", "--install-location", "-S", "--abi", "--originating-uri", "--referrer", "-p", "--pkg",
    "--install-reason", "--force-uuid", "--dexmetadata-path", "--update-ownership",
})
PM_HELP = """Package manager (package) commands:
  help
    Print this help text.

  path [--user USER_ID] PACKAGE
    Print the path to the .apk of the given PACKAGE.

  dump PACKAGE
    Print various system state associated with the given PACKAGE.

  list packages [-f] [-d] [-e] [-s] [-3] [-i] [-l] [-u] [-U] [--show-versioncode] [--uid UID] [--user USER_ID]
      [FILTER]
    Prints all packages; optionally only those whose name contains
    the text in FILTER.

  resolve-activity [--brief] [--components] [--query-flags FLAGS] [--user USER_ID] INTENT
    Prints the activity that resolves to the given INTENT.

  install [-rtfdg] [-i PACKAGE] [--user USER_ID|all|current] [-S BYTES] [PATH|-]
    Install an application.

  uninstall [-k] [--user USER_ID] [--versionCode VERSION] PACKAGE
    Remove the given package name from the system.

  clear [--user USER_ID] PACKAGE
    Deletes all data associated with a package.
"""
STATIC_LISTS = {
    "users": "Users:\n\tUserInfo{0:Owner:c13} running\n",
    "features": "".join(f"feature:{f}\n" for f in (
        "reqGlEsVersion=0x30002", "android.hardware.audio.output", "android.hardware.bluetooth",
        "android.hardware.camera", "android.hardware.faketouch", "android.hardware.screen.portrait",
        "android.hardware.telephony", "android.hardware.touchscreen",
        "android.hardware.touchscreen.multitouch", "android.hardware.wifi", "android.software.app_widgets",
        "android.software.home_screen",
        "android.software.input_methods", "android.software.webview")),
}
BOOT = (DEFAULT_START - timedelta(minutes=3)).strftime("%Y-%m-%d %H:%M:%S")


def version(package: str) -> tuple[int, str]:
    return (34, "14") if is_system(package) else (1, "1.0")


class PackageCommand:
    """`pm` / `cmd package`."""

    def __init__(self, phone: VirtualPhone) -> None:
        self.phone = phone

    def __call__(self, inv: Invocation) -> int:
        return run_service(inv, "package", lambda args: self.run(inv, args))

    def run(self, inv: Invocation, args: JavaArgs) -> int:
        handlers = {"list": self.list, "path": self.path, "clear": self.clear, "install": self.install,
                    "uninstall": self.uninstall, "dump": self.dump, "resolve-activity": self.resolve_activity,
                    "grant": self.grant, "revoke": self.grant}
        handler = handlers.get(args.cmd or "")
        if handler is None:
            return unknown_command(inv, args.cmd, PM_HELP)
        return handler(inv, args)

    def _known(self, package: str) -> bool:
        return package in self.phone.host.apps or package in SYSTEM_ONLY

    def list(self, inv: Invocation, args: JavaArgs) -> int:
        what = args.required()
        if what in STATIC_LISTS:
            emit(inv, STATIC_LISTS[what])
            return 0
        if what != "packages":
            inv.err += f"Error: unknown list type '{what}'\n".encode()
            return -1
        flags: set[str] = set()
        while (opt := args.next_option()) is not None:
            if opt in ("--user", "--uid"):
                args.required()
            elif opt in LIST_FLAGS:
                flags.add(opt)
            else:
                inv.err += f"Error: Unknown option: {opt}\n".encode()
                return -1
        name_filter = args.next_arg() or ""
        for package in installed(self.phone):
            if name_filter in package and self._listed(package, flags):
                emit(inv, self._list_line(package, flags))
        return 0

    @staticmethod
    def _listed(package: str, flags: set[str]) -> bool:
        if "-d" in flags or "--apex-only" in flags:
            return False  # nothing is disabled, and the virtual phone has no APEX packages
        return not ("-s" in flags and not is_system(package)) and not ("-3" in flags and is_system(package))

    def _list_line(self, package: str, flags: set[str]) -> str:
        line = "package:" + (apk_path(self.phone, package) + "=" if "-f" in flags else "") + package
        if "--show-versioncode" in flags:
            line += f" versionCode:{version(package)[0]}"
        if "-i" in flags:
            line += "  installer=null"
        if "-U" in flags:
            line += f" uid:{uid(package)}"
        return line + "\n"

    def path(self, inv: Invocation, args: JavaArgs) -> int:
        package = self._after_user(args)
        if not self._known(package):
            return 1
        emit(inv, f"package:{apk_path(self.phone, package)}\n")
        return 0

    @staticmethod
    def _after_user(args: JavaArgs) -> str:
        while (opt := args.next_option()) is not None:
            if opt != "--user":
                raise JavaError(IAE, f"Unknown option: {opt}")
            args.required()
        return args.required()

    def clear(self, inv: Invocation, args: JavaArgs) -> int:
        package = self._after_user(args)
        app = self.phone.host.apps.get(package)
        if app is None and package not in SYSTEM_ONLY:
            inv.err += b"Failed\n"
            return 1
        if app is not None:  # packages without a virtual app keep no data the phone could clear
            self.phone.host.force_stop(package)
            shutil.rmtree(app.data_dir, ignore_errors=True)
            app.install()
            self.phone.invalidate()
        emit(inv, "Success\n")
        return 0

    def install(self, inv: Invocation, args: JavaArgs) -> int:
        size: int | None = None
        while (opt := args.next_option()) is not None:
            if opt in INSTALL_VALUED:
                value = args.required()
                size = parse_int(value, 64) if opt == "-S" else size
        path = args.next_arg()
        if path is None and size is None:
            inv.err += b"Error: must either specify a package size or an APK file\n"
            return 1
        if path not in (None, "-"):
            try:
                read_path(inv.fs, path, inv.cwd)
            except VfsError:
                inv.err += (f"Error: Unable to open file: {path}\n"
                            "Consider using a file under /data/local/tmp/\n"
                            f"Error: Can't open file: {path}\n").encode()
                raise JavaError(IAE, f"Error: Can't open file: {path}") from None
        emit(inv, "Failure [INSTALL_FAILED_INVALID_APK: the virtual phone cannot install APK files]\n")
        return 1

    def uninstall(self, inv: Invocation, args: JavaArgs) -> int:
        while (opt := args.next_option()) is not None:
            if opt in ("--user", "--versionCode"):
                args.required()
            elif opt != "-k":
                emit(inv, f"Error: Unknown option: {opt}\n")
                return 1
        args.required()
        emit(inv, "Failure [DELETE_FAILED_INTERNAL_ERROR]\n")
        return 1

    def grant(self, inv: Invocation, args: JavaArgs) -> int:
        package = self._after_user(args)
        args.required()
        if not self._known(package):
            raise JavaError(IAE, f"Unknown package: {package}")
        return 0

    def dump(self, inv: Invocation, args: JavaArgs) -> int:
        emit(inv, package_dump(self.phone, args.required()))
        return 0

    def resolve_activity(self, inv: Invocation, args: JavaArgs) -> int:
        style = {"brief": False, "components": False}

        def option(opt: str, rest: JavaArgs) -> bool:
            if opt in ("--query-flags", "--user"):
                rest.required()
            elif opt in ("--brief", "--components"):
                style[opt[2:]] = True
            else:
                return False
            return True

        spec = parse_intent(args, option)
        component = self._resolve(spec)
        if component is None:
            emit(inv, "No activity found\n")
        elif style["components"]:
            emit(inv, short_component(*component) + "\n")
        else:
            match = "0x208000" if spec.data else "0x108000"
            emit(inv, f"priority=0 preferredOrder=0 match={match} specificIndex=-1 isDefault=false\n")
            emit(inv, short_component(*component) + "\n" if style["brief"] else _activity_info(*component))
        return 0

    def _resolve(self, spec: IntentSpec) -> tuple[str, str] | None:
        try:
            package, activity = ActivityCommand(self.phone).resolve(spec)
        except (ActivityNotFound, NoClass):
            return None
        app = self.phone.host.apps[package]
        if activity is None:
            assert app.LAUNCHER is not None
            activity = app.qualified(app.LAUNCHER)
        return package, activity


def _activity_info(package: str, activity: str) -> str:
    return (f"ActivityInfo:\n  name={activity}\n  packageName={package}\n"
            f"  enabled=true exported=true directBootAware=false\n"
            f"  taskAffinity={package} targetActivity=null persistableMode=PERSIST_ROOT_ONLY\n"
            f"  launchMode=0 flags=0x3 privateFlags=0x0 theme=0x0\n"
            f"  screenOrientation=-1 configChanges=0x0 softInputMode=0x0\n")


def package_dump(phone: VirtualPhone, package: str) -> str:
    """`dumpsys package PKG`: the lines adbutils' app_info parses, framed as Android 14 prints them."""
    if package not in phone.host.apps and package not in SYSTEM_ONLY:
        return f"\nDexopt state:\n  Unable to find package: {package}\n"
    code, name = version(package)
    apk = apk_path(phone, package)
    flags = "[ SYSTEM HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]" if is_system(package) else \
        "[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]"
    stamp = "2009-01-01 00:00:00" if is_system(package) else BOOT
    return "".join([
        _resolver_table(phone, package),
        f"Key Set Manager:\n  [{package}]\n      Signing KeySets: 1\n\n",
        f"Packages:\n  Package [{package}] ({ident('pkgsetting', package)}):\n",
        f"    userId={uid(package)}\n    pkg=Package{{{ident('pkg', package)} {package}}}\n",
        f"    codePath={posixpath.dirname(apk)}\n    resourcePath={posixpath.dirname(apk)}\n",
        "    primaryCpuAbi=x86_64\n    secondaryCpuAbi=null\n    cpuAbiOverride=null\n",
        f"    versionCode={code} minSdk=34 targetSdk=34\n    minExtensionVersions=[]\n",
        f"    versionName={name}\n",
        "    usesNonSdkApi=false\n    splits=[base]\n    apkSigningVersion=3\n",
        f"    flags={flags}\n    privateFlags=[ ]\n    forceQueryable=false\n",
        f"    dataDir=/data/user/0/{package}\n",
        "    supportsScreens=[small, medium, large, xlarge, resizeable, anyDensity]\n",
        f"    timeStamp={stamp}\n    lastUpdateTime={stamp}\n    installerPackageName=null\n",
        f"    signatures=PackageSignatures{{{ident('sigs', package)} version:3, "
        f"signatures:[{ident('sig', is_system(package))}], past signatures:[]}}\n",
        f"    installPermissionsFixed=true\n    pkgFlags={flags}\n",
        "    User 0: ceDataInode=0 installed=true hidden=false suspended=false distractionFlags=0 "
        "stopped=false notLaunched=false enabled=0 instant=false virtual=false\n",
        f"      firstInstallTime={BOOT}\n      uninstallReason=0\n      runtime permissions:\n\n",
    ])


def _resolver_table(phone: VirtualPhone, package: str) -> str:
    """Every activity with an intent filter, as Android lists them: the launcher entry (MAIN), the app's
    actions, and its deep links (VIEW with a scheme). Activities without a filter are not listed there."""
    app = phone.host.apps.get(package)
    if app is None:
        return ""
    actions: dict[str, list[tuple[str, str]]] = {}
    if app.LAUNCHER is not None:
        category = "HOME" if package == LAUNCHER_PACKAGE else "LAUNCHER"
        actions.setdefault("android.intent.action.MAIN", []).append((app.qualified(app.LAUNCHER), category))
    for action, activity in app.ACTIONS:
        actions.setdefault(action, []).append((app.qualified(activity), "DEFAULT"))
    for _prefix, activity in app.DEEP_LINKS:
        actions.setdefault("android.intent.action.VIEW", []).append((app.qualified(activity), "DEFAULT"))
    if not actions:
        return ""
    lines = ["Activity Resolver Table:\n  Non-Data Actions:\n"]
    for action, entries in actions.items():
        lines.append(f"      {action}:\n")
        for cls, category in dict.fromkeys(entries):
            component = short_component(package, cls)
            extra = () if action == "android.intent.action.MAIN" else (action,)
            filter_id = ident("filter", component, *extra)
            lines.append(f"        {ident('activity', component)} {component} filter {filter_id}"
                         f'\n          Action: "{action}"\n          Category: "android.intent.category.{category}"\n')
    return "".join(lines) + "\n"
