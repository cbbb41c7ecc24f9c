"""`am` / `cmd activity`: start, force-stop, broadcast and more, in ActivityManagerShellCommand's formats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.base import Intent
from droidpilot.emulator.virtual.shell.common import emit
from droidpilot.emulator.virtual.shell.device_util import (
    JavaArgs,
    JavaError,
    run_service,
    short_component,
    unknown_command,
)
from droidpilot.emulator.virtual.shell.ime_cmd import deliver_to_adb_keyboard
from droidpilot.emulator.virtual.shell.intents import (
    FLAG_ACTIVITY_CLEAR_TASK,
    FLAG_ACTIVITY_NEW_TASK,
    FLAG_RECEIVER_FROM_SHELL,
    IntentSpec,
    parse_intent,
)
from droidpilot.emulator.virtual.system.host import LAUNCHER_PACKAGE, ActivityNotFound

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import Invocation

MAIN = "android.intent.action.MAIN"
HOME = "android.intent.category.HOME"
PROTECTED_BROADCASTS = frozenset({
    "android.intent.action.AIRPLANE_MODE", "android.intent.action.BOOT_COMPLETED",
    "android.intent.action.LOCKED_BOOT_COMPLETED", "android.intent.action.SCREEN_ON",
    "android.intent.action.SCREEN_OFF", "android.intent.action.BATTERY_CHANGED",
    "android.intent.action.TIME_SET",
    "android.intent.action.TIMEZONE_CHANGED", "android.intent.action.PACKAGE_ADDED",
})
"""System broadcasts the shell uid may not send: Android 14 answers with a SecurityException."""
VALUED_START_OPTIONS = frozenset({
    "-P", "--start-profiler", "--sampling", "--attach-agent", "--attach-agent-bind", "-R", "--user",
    "--receiver-permission", "--display", "--windowingMode", "--activityType", "--task",
    "--task-display-area-feature-id", "--clock-type",
})
FLAG_START_OPTIONS = frozenset({
    "-W", "-S", "-D", "-N", "--streaming", "--track-allocation", "--task-overlay", "--lock-task", "--async",
    "--allow-background-activity-starts", "--splashscreen-show-icon", "--dismiss-keyguard-if-insecure",
})
AM_HELP = """Activity manager (activity) commands:
  help
      Print this help text.
  start-activity [-D] [-N] [-W] [-P <FILE>] [--start-profiler <FILE>]
          [--sampling INTERVAL] [--streaming] [-R COUNT] [-S]
          [--track-allocation] [--user <USER_ID> | current] <INTENT>
      Start an Activity.  Options are:
      -W: wait for launch to complete
      -S: force stop the target app before starting the activity
  force-stop [--user <USER_ID> | all | current] <PACKAGE>
      Completely stop the given application package.
  stop-app [--user <USER_ID> | all | current] <PACKAGE>
      Stop an app and all of its services.
  kill [--user <USER_ID> | all | current] <PACKAGE>
      Kill all background processes associated with the given application.
  kill-all
      Kill all processes that are safe to kill (cached, etc).
  broadcast [--user <USER_ID> | all | current] <INTENT>
      Send a broadcast Intent.
  get-current-user
      Returns id of the current foreground user.
"""


@dataclass
class StartOptions:
    wait: bool = False
    stop: bool = False
    user: str = "current"

    def handle(self, opt: str, args: JavaArgs) -> bool:
        if opt in VALUED_START_OPTIONS:
            value = args.required()
            self.user = value if opt == "--user" else self.user
        elif opt in FLAG_START_OPTIONS:
            self.wait = self.wait or opt == "-W"
            self.stop = self.stop or opt == "-S"
        else:
            return False
        return True


@dataclass
class Launch:
    """The outcome of starting an activity: where it went and whether a new activity was created."""

    package: str
    activity: str
    created: bool
    was_front: bool
    cold: bool


class NoClass(Exception):
    """The intent names a component that no installed package declares."""


class ActivityCommand:
    """`am` / `cmd activity`."""

    def __init__(self, phone: VirtualPhone) -> None:
        self.phone = phone

    def __call__(self, inv: Invocation) -> int:
        return run_service(inv, "activity", lambda args: self.run(inv, args))

    def run(self, inv: Invocation, args: JavaArgs) -> int:
        handlers = {"start": self.start, "start-activity": self.start, "force-stop": self.force_stop,
                    "stop-app": self.force_stop, "kill": self.kill, "kill-all": self.kill,
                    "broadcast": self.broadcast, "start-service": self.start_service,
                    "startservice": self.start_service, "start-foreground-service": self.start_service,
                    "startforegroundservice": self.start_service, "get-current-user": self.current_user}
        handler = handlers.get(args.cmd or "")
        if handler is None:
            return unknown_command(inv, args.cmd, AM_HELP)
        return handler(inv, args)

    # -- start --------------------------------------------------------------------------------------------
    def start(self, inv: Invocation, args: JavaArgs) -> int:
        options = StartOptions()
        spec = parse_intent(args, options.handle)
        if options.user == "all":
            inv.err += b"Error: Can't start service with user 'all'\n"
            return 1
        if options.stop and not self._stop_first(inv, spec):
            return 1
        emit(inv, f"Starting: {spec}\n")
        spec.flags |= FLAG_ACTIVITY_NEW_TASK
        sink = inv.out if options.wait else inv.err
        try:
            launch = self.launch(spec)
        except NoClass:
            assert spec.component is not None
            missing = "/".join(spec.component)
            sink += f"Error type 3\nError: Activity class {{{missing}}} does not exist.\n".encode()
            return 1
        except ActivityNotFound:
            sink += f"Error: Activity not started, unable to resolve {spec}\n".encode()
            return 1
        if not launch.created:
            sink += (b"Warning: Activity not started, intent has been delivered to currently running "
                     b"top-most instance.\n" if launch.was_front else
                     b"Warning: Activity not started, its current task has been brought to the front\n")
        if options.wait:
            self._print_wait(inv, launch)
        return 0

    def _stop_first(self, inv: Invocation, spec: IntentSpec) -> bool:
        try:
            package = spec.component[0] if spec.component else self.resolve(spec)[0]
        except (ActivityNotFound, NoClass):
            inv.err += f"Error: Intent does not match any activities: {spec}\n".encode()
            return False
        emit(inv, f"Stopping: {package}\n")
        self.phone.host.force_stop(package)
        self.phone.invalidate()
        return True

    @staticmethod
    def _print_wait(inv: Invocation, launch: Launch) -> None:
        state, total = ("COLD", 612) if launch.cold else ("WARM", 187) if launch.created else ("HOT", 64)
        component = short_component(launch.package, launch.activity)
        emit(inv, f"Status: ok\nLaunchState: {state}\nActivity: {component}\n"
                  f"TotalTime: {total}\nWaitTime: {total + 7}\nComplete\n")

    def resolve(self, spec: IntentSpec) -> tuple[str, str | None]:
        """(package, activity or None for the launcher screen); raises ActivityNotFound or NoClass."""
        host = self.phone.host
        if spec.component is not None:
            package, cls = spec.component
            app = host.apps.get(package)
            if app is None or app.find_activity(cls) is None:
                raise NoClass(cls)
            return package, app.qualified(cls)
        if HOME in spec.categories and spec.package is None and spec.action in (None, MAIN):
            return LAUNCHER_PACKAGE, None
        if spec.package is None and (spec.data is not None or spec.action not in (None, MAIN)):
            resolved = (host.resolve_uri(spec.data) if spec.data
                        else host.resolve_action(spec.action or "", spec.mime))
            if resolved is None:
                raise ActivityNotFound(str(spec))
            return resolved[0].PACKAGE, resolved[0].qualified(resolved[1])
        named = spec.package
        if named is None or named not in host.apps or host.apps[named].LAUNCHER is None:
            raise ActivityNotFound(str(spec))
        return named, None

    def launch(self, spec: IntentSpec) -> Launch:
        """Start what `spec` resolves to, reporting whether a new activity record was made."""
        host = self.phone.host
        package, activity = self.resolve(spec)
        front = host.front
        was_front = front.package == package and (activity is None or front.top.activity == activity)
        cold = package not in host.state.pids
        before = host.state.next_id
        if package == LAUNCHER_PACKAGE and activity is None:
            host.go_home()
        else:
            host.start_activity(Intent(package=package, activity=activity, action=spec.action,
                                       categories=spec.categories, data=spec.data, extras=spec.extras),
                                clear_task=bool(spec.flags & FLAG_ACTIVITY_CLEAR_TASK))
        self.phone.invalidate()
        top = host.top_record()
        return Launch(package, top.activity, host.state.next_id != before, was_front, cold)

    # -- the rest -----------------------------------------------------------------------------------------
    def force_stop(self, inv: Invocation, args: JavaArgs) -> int:
        package = self._package_arg(args)
        if package in self.phone.host.apps:
            self.phone.host.force_stop(package)
            self.phone.invalidate()
        return 0

    def kill(self, inv: Invocation, args: JavaArgs) -> int:
        if args.cmd == "kill":
            self._package_arg(args)
        return 0  # nothing in the virtual phone runs in the background

    @staticmethod
    def _package_arg(args: JavaArgs) -> str:
        while (opt := args.next_option()) is not None:
            if opt != "--user":
                raise JavaError("java.lang.IllegalArgumentException", f"Unknown option: {opt}")
            args.required()
        return args.required()

    def broadcast(self, inv: Invocation, args: JavaArgs) -> int:
        options = StartOptions()
        spec = parse_intent(args, options.handle)
        spec.flags |= FLAG_RECEIVER_FROM_SHELL
        emit(inv, f"Broadcasting: {spec}\n")
        if spec.action in PROTECTED_BROADCASTS:
            pid = self.phone.host.state.next_id + 4000
            raise JavaError("java.lang.SecurityException", "Permission Denial: not allowed to send broadcast "
                            f"{spec.action} from pid={pid}, uid=2000")
        deliver_to_adb_keyboard(self.phone, spec.action, spec.extras)
        emit(inv, "Broadcast completed: result=0\n")
        return 0

    def start_service(self, inv: Invocation, args: JavaArgs) -> int:
        spec = parse_intent(args, StartOptions().handle)
        emit(inv, f"Starting service: {spec}\n")
        inv.err += b"Error: Not found; no service started.\n"
        return -1

    @staticmethod
    def current_user(inv: Invocation, args: JavaArgs) -> int:
        emit(inv, "0\n")
        return 0
