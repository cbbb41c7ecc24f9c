"""`monkey`: the UI/Application Exerciser, seeded and deterministic.

`monkey -p PKG -c android.intent.category.LAUNCHER 1` launches an app (the usual adbutils/uiautomator2 idiom).
With a larger count it injects seeded random taps, swipes and keys. Like Monkey's ActivityController, which
refuses to start activities outside the allowed packages, the virtual monkey brings the package back whenever
an event leaves it (a Home press, a tap on the navigation bar, a pulled-down shade).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.apps.base import App
from droidpilot.emulator.virtual.shell.common import emit, encode
from droidpilot.emulator.virtual.shell.device_util import JavaError, parse_int, short_component

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

LAUNCHER = "android.intent.category.LAUNCHER"
MONKEY = "android.intent.category.MONKEY"
FLAGS = frozenset({
    "-v", "--ignore-crashes", "--ignore-timeouts", "--ignore-security-exceptions", "--monitor-native-crashes",
    "--ignore-native-crashes", "--kill-process-after-error", "--hprof", "--randomize-throttle", "--wait-dbg",
    "--dbg-no-events", "--randomize-script", "--script-log", "--bugreport", "--permission-target-system",
})
VALUED = frozenset({
    "-s", "-p", "-c", "--throttle", "--match-description", "--pkg-blacklist-file", "--pkg-whitelist-file",
    "--setup", "--profile-wait", "--device-sleep-time", "--periodic-bugreport", "--pct-touch", "--pct-motion",
    "--pct-trackball", "--pct-rotation", "--pct-syskeys", "--pct-nav", "--pct-majornav", "--pct-appswitch",
    "--pct-flip", "--pct-anyevent", "--pct-pinchzoom", "--pct-permission",
})
NUMERIC = {"-s": "Seed", "--throttle": "delay (in milliseconds) to wait between events"}
NAV_KEYS = ("DPAD_UP", "DPAD_DOWN", "DPAD_LEFT", "DPAD_RIGHT", "DPAD_CENTER")
KEY_CODES = {"BACK": 4, "MENU": 82, "HOME": 3, "DPAD_UP": 19, "DPAD_DOWN": 20, "DPAD_LEFT": 21,
             "DPAD_RIGHT": 22, "DPAD_CENTER": 23}
USAGE = """usage: monkey [-p ALLOWED_PACKAGE [-p ALLOWED_PACKAGE] ...]
              [-c MAIN_CATEGORY [-c MAIN_CATEGORY] ...]
              [--ignore-crashes] [--ignore-timeouts]
              [--ignore-security-exceptions]
              [--monitor-native-crashes] [--ignore-native-crashes]
              [--kill-process-after-error] [--hprof]
              [--match-description TEXT]
              [--pct-touch PERCENT] [--pct-motion PERCENT]
              [--pct-trackball PERCENT] [--pct-syskeys PERCENT]
              [--pct-nav PERCENT] [--pct-majornav PERCENT]
              [--pct-appswitch PERCENT] [--pct-flip PERCENT]
              [--pct-anyevent PERCENT] [--pct-pinchzoom PERCENT]
              [--pct-permission PERCENT]
              [--pkg-blacklist-file PACKAGE_BLACKLIST_FILE]
              [--pkg-whitelist-file PACKAGE_WHITELIST_FILE]
              [--wait-dbg] [--dbg-no-events]
              [--setup scriptfile] [-f scriptfile [-f scriptfile] ...]
              [--port port]
              [-s SEED] [-v [-v] ...]
              [--throttle MILLISEC] [--randomize-throttle]
              [--profile-wait MILLISEC]
              [--device-sleep-time MILLISEC]
              [--randomize-script]
              [--script-log]
              [--bugreport]
              [--periodic-bugreport]
              [--permission-target-system]
              COUNT
"""


class MonkeyUsage(Exception):
    """Bad options: the message (if any) goes to stderr before the usage text."""


@dataclass
class MonkeyOptions:
    packages: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    seed: int = 0
    throttle: int = 0
    randomize_throttle: bool = False
    verbose: int = 0
    count: int = 1000


def parse(args: list[str], err: bytearray) -> MonkeyOptions:
    """Monkey.processOptions, including its debugging chatter on stderr."""
    opts = MonkeyOptions()
    i = 0
    while i < len(args) and args[i].startswith("-"):
        opt, data = args[i], None
        i += 1
        if opt == "--":
            break
        if len(opt) > 2 and opt[1] != "-":
            opt, data = opt[:2], opt[2:]
        elif opt.startswith("--"):
            following = args[i] if i < len(args) else None
            if following is None:
                raise MonkeyUsage(f"** Error: java.lang.ArrayIndexOutOfBoundsException: length={len(args)}; "
                                  f"index={len(args)}")
            err += encode(f'arg="{opt}" mCurArgData="null" mNextArg={i} argwas="{opt}" '
                          f'nextarg="{following}"\n')
        if opt in ("-f", "--port"):
            raise MonkeyUsage("** Error: script and network modes are not supported by the virtual phone")
        if opt == "-h":
            raise MonkeyUsage("")
        if opt in VALUED:
            if data is None and i < len(args):
                data, i = args[i], i + 1
                err += encode(f'data="{data}"\n')
            _apply_valued(opts, opt, data)
        elif opt in FLAGS:
            opts.verbose += opt == "-v"
            opts.randomize_throttle = opts.randomize_throttle or opt == "--randomize-throttle"
        else:
            raise MonkeyUsage(f"** Error: Unknown option: {opt}")
    if i >= len(args):
        raise MonkeyUsage("** Error: Count not specified")
    try:
        opts.count = parse_int(args[i])
    except JavaError:
        raise MonkeyUsage(f'** Error: Count is not a number: "{args[i]}"') from None
    return opts


def _apply_valued(opts: MonkeyOptions, opt: str, data: str | None) -> None:
    if opt in NUMERIC or opt.startswith("--pct-") or opt in ("--profile-wait", "--device-sleep-time"):
        try:
            value = parse_int(data or "", 64)
        except JavaError:
            raise MonkeyUsage(f"** Error: {NUMERIC.get(opt, opt)} is not a number\n** Error: "
                              f'java.lang.NumberFormatException: For input string: "{data}"') from None
        opts.seed = value if opt == "-s" else opts.seed
        opts.throttle = value if opt == "--throttle" else opts.throttle
    elif opt == "-p" and data is not None:
        opts.packages.append(data)
    elif opt == "-c" and data is not None:
        opts.categories.append(data)


class MonkeyRun:
    """One monkey session against the phone."""

    def __init__(self, phone: VirtualPhone, inv: Invocation, opts: MonkeyOptions, apps: list[App]) -> None:
        self.phone = phone
        self.inv = inv
        self.opts = opts
        self.apps = apps
        self.rng = random.Random(opts.seed)
        self.injected = 0

    def say(self, text: str, level: int = 1) -> None:
        if self.opts.verbose >= level:
            emit(self.inv, text + "\n")

    def run(self) -> None:
        started = False
        while self.injected < self.opts.count:
            if self.injected and self.injected % 100 == 0:
                self.say(f"    // Sending event #{self.injected}")
            if started:
                self.step()
            else:  # random mode starts by switching to one of the main apps
                self.switch(self.rng.choice(self.apps))
                started = True
            self.keep_in_package()
            if self.opts.throttle > 0:
                pause = self.opts.throttle
                self.phone.advance_clock(self.rng.randrange(pause) if self.opts.randomize_throttle else pause)

    def spend(self, events: int) -> None:
        self.injected += min(events, self.opts.count - self.injected)

    def switch(self, app: App) -> None:
        """A MonkeyActivityEvent: start the app's launcher activity (brings its task to the front)."""
        assert app.LAUNCHER is not None
        component = short_component(app.PACKAGE, app.qualified(app.LAUNCHER))
        self.say(f":Switch: #Intent;action=android.intent.action.MAIN;category={LAUNCHER};"
                 f"launchFlags=0x10200000;component={component};end")
        self.say(f"    // Allowing start of Intent {{ act=android.intent.action.MAIN cat=[{LAUNCHER}] "
                 f"cmp={component} }} in package {app.PACKAGE}")
        self.phone.host.start_activity_of(app.PACKAGE)
        self.phone.invalidate()
        self.spend(1)

    def step(self) -> None:
        roll = self.rng.random() * 100
        if roll < 45:
            self.tap()
        elif roll < 70:
            self.swipe()
        elif roll < 96:
            keys = ("BACK",) * 12 + ("MENU",) * 6 + NAV_KEYS
            self.key(keys[int((roll - 70) / 26 * len(keys))])
        elif roll < 98:
            self.key("HOME")
        else:
            self.switch(self.rng.choice(self.apps))

    def _point(self) -> tuple[float, float]:
        width, height = self.phone.display.size
        return float(self.rng.randrange(width)), float(self.rng.randrange(height))

    def tap(self) -> None:
        x, y = self._point()
        self.say(f":Sending Touch (ACTION_DOWN): 0:({x},{y})")
        self.say(f":Sending Touch (ACTION_UP): 0:({x},{y})")
        self.phone.tap(x, y)
        self.spend(2)

    def swipe(self) -> None:
        (x1, y1), (x2, y2) = self._point(), self._point()
        moves = self.rng.randrange(10)
        self.say(f":Sending Touch (ACTION_DOWN): 0:({x1},{y1})")
        self.say(f":Sending Touch (ACTION_UP): 0:({x2},{y2})")
        self.phone.swipe(x1, y1, x2, y2, 20 * (moves + 1))
        self.spend(2 + moves)

    def key(self, name: str) -> None:
        for action in ("ACTION_DOWN", "ACTION_UP"):
            self.say(f":Sending Key ({action}): {KEY_CODES[name]}    // KEYCODE_{name}")
        self.phone.press_key(name)
        self.spend(2)

    def keep_in_package(self) -> None:
        """Monkey's ActivityController blocks other packages; here the package is brought straight back."""
        allowed = {app.PACKAGE for app in self.apps}
        if self.phone.current_focus()[0] in allowed:
            return
        self.say(f"    // activityResuming({self.phone.current_focus()[0]})")
        host = self.phone.host
        host.state.overlay = None
        self.phone.invalidate()
        if host.front.package not in allowed:
            host.start_activity_of(self.rng.choice(self.apps).PACKAGE)
            self.phone.invalidate()


def main_apps(phone: VirtualPhone, opts: MonkeyOptions, err: bytearray) -> list[App]:
    """Apps with a launcher activity in the requested categories, limited to the -p packages."""
    found: list[App] = []
    for category in opts.categories or [LAUNCHER, MONKEY]:
        apps = [a for a in phone.host.launchable() if category == LAUNCHER]
        if not apps:
            err += encode(f"// Warning: no activities found for category {category}\n")
        found += [a for a in apps if (not opts.packages or a.PACKAGE in opts.packages) and a not in found]
    return found


def monkey(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        for arg in args:  # the /system/bin/monkey wrapper script echoes its (word-split) arguments
            emit(inv, " ".join(["  bash arg:", *arg.split()]) + "\n")
        inv.err += encode(f"args: [{', '.join(args)}]\n" + "".join(f' arg: "{a}"\n' for a in args))
        if not args:
            inv.err += encode(USAGE)
            return 255
        try:
            opts = parse(args, inv.err)
        except MonkeyUsage as exc:
            inv.err += encode((f"{exc}\n" if str(exc) else "") + USAGE)
            return 255
        return _session(phone, inv, opts)

    return run


def _session(phone: VirtualPhone, inv: Invocation, opts: MonkeyOptions) -> int:
    opts.seed = opts.seed or phone.clock.now_ms() + 0x1B0D5  # Monkey: currentTimeMillis + identityHashCode
    session = MonkeyRun(phone, inv, opts, [])
    session.say(f":Monkey: seed={opts.seed} count={opts.count}")
    for package in opts.packages:
        session.say(f":AllowPackage: {package}")
    for category in opts.categories or [LAUNCHER, MONKEY]:
        session.say(f":IncludeCategory: {category}")
    session.apps = main_apps(phone, opts, inv.err)
    if not session.apps:
        emit(inv, "** No activities found to run, monkey aborted.\n")
        return 252  # Monkey.run returns -4
    start = phone.clock.now_ms()
    session.run()
    elapsed = phone.clock.now_ms() - start
    emit(inv, f"Events injected: {session.injected}\n")
    session.say(":Sending rotation degree=0, persist=false")
    session.say(":Dropped: keys=0 pointers=0 trackballs=0 flips=0 rotations=0")
    emit(inv, f"## Network stats: elapsed time={elapsed}ms (0ms mobile, 0ms wifi, "
              f"{elapsed}ms not connected)\n")
    session.say("// Monkey finished")
    return 0
