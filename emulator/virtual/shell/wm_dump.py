"""`dumpsys window` and `dumpsys activity`, built from the system server's task stack.

Clients grep a few lines (`mCurrentFocus=Window{...}`, `mFocusedApp=ActivityRecord{...}`, `mResumedActivity:`,
`ACTIVITY pkg/.Act hash pid=N`), so those follow Android 14 exactly; the rest is a faithful-looking frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.device_util import ident, short_component, uid
from droidpilot.emulator.virtual.system import screen
from droidpilot.emulator.virtual.system.host import LAUNCHER_PACKAGE

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.system.state import ActivityRecord, TaskRecord

SYSTEMUI = "com.android.systemui"
RECENTS = "com.android.quickstep.RecentsActivity"
RULE = "-" * 80 + "\n"


def config(display: screen.Display) -> str:
    """The global Configuration line: size in dp, orientation and bounds follow the display."""
    w, h, dp = display.width, display.height, display.density / 160
    rotation = f"ROTATION_{display.rotation * 90}"
    return (f"{{1.0 310mcc260mnc [en_US] ldltr sw{round(min(w, h) / dp)}dp w{round(w / dp)}dp "
            f"h{round((display.content_bottom - display.content_top) / dp)}dp {display.density}dpi nrml long "
            f"{'land' if display.landscape else 'port'} finger qwerty/v/v dpad/v winConfig={{ "
            f"mBounds=Rect(0, 0 - {w}, {h}) mAppBounds=Rect(0, {display.content_top} - {w}, "
            f"{display.content_bottom}) mMaxBounds=Rect(0, 0 - {w}, {h}) mDisplayRotation={rotation} "
            f"mWindowingMode=fullscreen mActivityType=undefined mAlwaysOnTop=undefined mRotation={rotation}}} s.4 "
            "fontWeightAdjustment=0}")


def record_text(record: ActivityRecord, task: TaskRecord) -> str:
    """`ActivityRecord{8f0e1f5 u0 com.android.settings/.Settings t23}`."""
    component = short_component(record.package, record.activity)
    return f"ActivityRecord{{{ident('record', record.token)} u0 {component} t{task.id}}}"


def task_text(task: TaskRecord) -> str:
    kind = "home" if task.package == LAUNCHER_PACKAGE else "standard"
    return f"Task{{{ident('task', task.id)} #{task.id} type={kind} A={uid(task.package)}:{task.package}}}"


@dataclass
class Win:
    """One window, top of the Z order first."""

    title: str
    package: str
    frame: tuple[int, int, int, int]
    visible: bool
    key: object

    def __str__(self) -> str:
        return f"Window{{{ident('window', self.key)} u0 {self.title}}}"


def windows(phone: VirtualPhone) -> tuple[list[Win], Win]:
    """(windows top to bottom, the focused one)."""
    host, frame = phone.host, phone.frame()
    overlay = host.state.overlay
    display = frame.display
    full = display.full
    nav_bar = (0, display.content_bottom, display.width, display.height)
    wins = [Win("NavigationBar0", SYSTEMUI, nav_bar, True, "nav"),
            Win("StatusBar", SYSTEMUI, (0, 0, display.width, screen.STATUS_BAR), True, "status")]
    shade = Win("NotificationShade", SYSTEMUI, full, overlay == "shade", "shade")
    wins.append(shade)
    keyboard = (0, display.keyboard_top, display.width, display.content_bottom)
    ime = Win("InputMethod", "com.android.inputmethod.latin", keyboard, frame.keyboard, "ime")
    wins.append(ime)
    recents = Win(f"{LAUNCHER_PACKAGE}/{RECENTS}", LAUNCHER_PACKAGE, full, overlay == "recents", "recents")
    if overlay == "recents":
        wins.append(recents)
    apps = [Win(f"{t.top.package}/{t.top.activity}", t.top.package, full, i == 0 and overlay != "recents",
                t.top.token) for i, t in enumerate(host.state.tasks)]
    wins += apps
    wins.append(Win("com.android.systemui.wallpapers.ImageWallpaper", SYSTEMUI, full, False, "wallpaper"))
    focus = shade if overlay == "shade" else recents if overlay == "recents" else apps[0]
    return wins, focus


def window_windows(phone: VirtualPhone) -> str:
    wins, focus = windows(phone)
    record, task = phone.host.top_record(), phone.host.front
    lines = ["WINDOW MANAGER WINDOWS (dumpsys window windows)\n"]
    for index, win in enumerate(wins):
        left, top, right, bottom = win.frame
        lines.append(f"  Window #{index} {win}:\n"
                     f"    mDisplayId=0 rootTaskId=1 mSession=Session{{{ident('session', win.package)} "
                     f"{ident('pid', win.package)[:4]}:u0a{uid(win.package) % 10000}}}\n"
                     f"    mOwnerUid={uid(win.package)} showForAllUsers={win.package == SYSTEMUI} "
                     f"package={win.package} appop=NONE\n"
                     f"    mViewVisibility={'0x0' if win.visible else '0x8'} mHaveFrame=true "
                     f"mObscured=false\n    mFrame=[{left},{top}][{right},{bottom}]\n"
                     f"    isOnScreen={str(win.visible).lower()}\n    isVisible={str(win.visible).lower()}\n")
    ime_target = wins[-2] if not phone.frame().keyboard else focus
    lines.append(f"\n  mGlobalConfiguration={config(phone.display)}\n  mHasPermanentDpad=false\n"
                 "  mTopFocusedDisplayId=0\n"
                 f"  imeLayeringTarget in display# 0 {ime_target}\n"
                 f"  imeInputTarget in display# 0 {ime_target}\n"
                 f"  imeControlTarget in display# 0 {ime_target}\n"
                 f"  mCurrentFocus={focus}\n  mFocusedApp={record_text(record, task)}\n  mInTouchMode=true\n"
                 "  mBlurEnabled=true\n  mLastDisplayFreezeDuration=0 due to new-config\n"
                 "  mDisableSecureWindows=false\n  mHighResSnapshotScale=0.8\n  mSnapshotEnabled=true\n")
    return "".join(lines)


def window_displays(phone: VirtualPhone) -> str:
    tasks = phone.host.state.tasks
    d = phone.display
    app_height = d.content_bottom - d.content_top
    base = f"base={d.natural_width}x{d.natural_height} {d.density}dpi " if d.size_override or d.density_override else ""
    short, long = min(d.width, d.height), max(d.width, d.height)
    locked = phone.settings.get("system", "accelerometer_rotation") != "1"
    lines = ["WINDOW MANAGER DISPLAY CONTENTS (dumpsys window displays)\n",
             f"  Display: mDisplayId=0 (organized) rootTasks={len(tasks)}\n",
             f"    init={screen.WIDTH}x{screen.HEIGHT} {screen.DENSITY}dpi {base}mMinSizeOfResizeableTaskDp=220 "
             f"cur={d.width}x{d.height} app={d.width}x{app_height} "
             f"rng={short}x{short - d.content_top}-{long}x{long - d.content_top}\n",
             f"    deferred=false mLayoutNeeded=false mTouchExcludeRegion=SkRegion((0,0,{d.width},{d.height}))\n\n",
             "  DisplayRotation\n    mCurrentAppOrientation=SCREEN_ORIENTATION_UNSPECIFIED\n"
             f"    mLastOrientation=-1\n    mRotation={d.rotation} mDeferredRotationPauseCount=0\n"
             f"    mUserRotationMode=USER_ROTATION_{'LOCKED' if locked else 'FREE'} "
             f"mUserRotation=ROTATION_{d.rotation * 90} mCameraRotationMode=0\n\n",
             "  Task display areas in top down Z order:\n    TaskDisplayArea DefaultTaskDisplayArea\n",
             f"      mPreferredTopFocusableRootTask={task_text(tasks[0])}\n",
             f"      mLastFocusedRootTask={task_text(tasks[0])}\n",
             "      Application tokens in top down Z order:\n"]
    for task in tasks:
        lines.append(f"      * {task_text(task)}\n")
        lines += [f"        * {record_text(r, task)}\n" for r in reversed(task.activities)]
    return "".join(lines)


def window_dump(phone: VirtualPhone, args: list[str]) -> str:
    sections = {
        "lastanr": "WINDOW MANAGER LAST ANR (dumpsys window lastanr)\n  <no ANR has occurred since boot>\n",
        "policy": "WINDOW MANAGER POLICY STATE (dumpsys window policy)\n"
                  "    mSafeMode=false mSystemReady=true mSystemBooted=true\n"
                  "    mWakeGestureEnabledSetting=true\n"
                  "    mKeyguardDrawComplete=true mWindowManagerDrawComplete=true\n",
        "displays": None, "windows": None,
    }
    wanted = [a for a in args if not a.startswith("-")]
    names = [w for w in wanted if w in sections] if wanted else list(sections)
    parts = []
    for name in names:
        text = sections[name]
        parts.append(text if text is not None else
                     window_displays(phone) if name == "displays" else window_windows(phone))
    return RULE.join(parts)


# --- activity ----------------------------------------------------------------------------------------------


def activity_activities(phone: VirtualPhone) -> str:
    host = phone.host
    tasks, front = host.state.tasks, host.front
    resumed = record_text(front.top, front)
    lines = ["ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)\n",
             "Display #0 (activities from top to bottom):\n"]
    for task in tasks:
        lines.append(f"  * {task_text(task)}\n    isSleeping=false\n")
        if task is front:
            lines.append(f"    topResumedActivity={resumed}\n    mResumedActivity: {resumed}\n")
        for index in range(len(task.activities) - 1, -1, -1):
            record = task.activities[index]
            lines.append(f"    * Hist  #{index}: {record_text(record, task)}\n"
                         f"      packageName={record.package} processName={record.package}\n"
                         f"      launchedFromUid=2000 launchedFromPackage=com.android.shell userId=0\n")
        lines.append("\n")
    lines.append("  Resumed activities in task display areas (from top to bottom):\n"
                 f"    Resumed: {resumed}\n\n"
                 f"  ResumedActivity: {resumed}\n\nActivityTaskSupervisor state:\n"
                 f"  topDisplayFocusedRootTask={task_text(front)}\n  isHomeRecentsComponent=true\n")
    return "".join(lines)


def activity_top(phone: VirtualPhone) -> str:
    host = phone.host
    task, record = host.front, host.top_record()
    pid = host.ensure_process(record.package)
    component = short_component(record.package, record.activity)
    return (f"TASK {uid(task.package)}:{task.package} id={task.id} userId=0\n"
            f"  ACTIVITY {component} {ident('record', record.token)} pid={pid}\n"
            f"    Local Activity {ident('local', record.token)} State:\n"
            "      mResumed=true mStopped=false mFinished=false\n      mIsChangingConfigurations=false\n"
            f"      mCurrentConfig={config(phone.display)}\n      mLoadersStarted=true\n")


def activity_recents(phone: VirtualPhone) -> str:
    host = phone.host
    tasks = [*host.recent_tasks(), *(t for t in host.state.tasks if t.package == LAUNCHER_PACKAGE)]
    lines = ["ACTIVITY MANAGER RECENT TASKS (dumpsys activity recents)\n",
             f"  mRecentsUid={uid(LAUNCHER_PACKAGE)}\n",
             f"  mRecentsComponent=ComponentInfo{{{LAUNCHER_PACKAGE}/{RECENTS}}}\n",
             "  mFreezeTaskListReordering=false\n  mFreezeTaskListReorderingPendingTimeout=false\n",
             "  mHiddenTasks=[]\n\n  Recent tasks:\n"]
    for index, task in enumerate(tasks):
        root = task.activities[0]
        lines.append(f"  * Recent #{index}: {task_text(task)}\n"
                     f"    userId=0 effectiveUid={uid(task.package)} mCallingUid=2000 "
                     "mUserSetupComplete=true mCallingPackage=com.android.shell mCallingFeatureId=null\n"
                     f"    affinity={uid(task.package)}:{task.package}\n"
                     f"    realActivity={short_component(root.package, root.activity)}\n")
    return "".join(lines)


def activity_processes(phone: VirtualPhone) -> str:
    lines = ["ACTIVITY MANAGER RUNNING PROCESSES (dumpsys activity processes)\n  All known processes:\n"]
    for package, pid in sorted(phone.host.state.pids.items(), key=lambda item: item[1]):
        lines.append(f"  *APP* UID {uid(package)} ProcessRecord{{{ident('proc', package)} {pid}:{package}/"
                     f"{'u0a' + str(uid(package) % 10000) if uid(package) >= 10000 else uid(package)}}}\n")
    return "".join(lines)


def activity_dump(phone: VirtualPhone, args: list[str]) -> str:
    wanted = [a for a in args if not a.startswith("-")]
    section = wanted[0] if wanted else None
    aliases = {"a": "activities", "r": "recents", "p": "processes", "s": "services", "b": "broadcasts"}
    section = aliases.get(section or "", section)
    builders = {"activities": activity_activities, "top": activity_top, "recents": activity_recents,
                "processes": activity_processes}
    if section is None:
        return "\n".join(builders[name](phone) for name in ("activities", "recents", "processes"))
    if section in builders:
        return builders[section](phone)
    if section == "services":
        return "ACTIVITY MANAGER SERVICES (dumpsys activity services)\n  (nothing)\n"
    if section == "broadcasts":
        return "ACTIVITY MANAGER BROADCAST STATE (dumpsys activity broadcasts)\n  (nothing)\n"
    if section and section.split("/")[0] in LAUNCHER_PACKAGE:
        return launcher_dump(phone, args[args.index(section) + 1:])
    return f"Bad activity command, or no activities match: {section}\nUse -h for help.\n"


def launcher_dump(phone: VirtualPhone, args: list[str]) -> str:
    """`dumpsys activity com.android.launcher3/.Launcher --all`: Launcher3's own dump, whose model section lists
    every app as the launcher labels it (LauncherModel.dumpState); clients read labels from it."""
    lines = [f"TASK {LAUNCHER_PACKAGE} id=1 userId=0",
             f"  ACTIVITY {LAUNCHER_PACKAGE}/.Launcher {ident(LAUNCHER_PACKAGE)} pid={uid(LAUNCHER_PACKAGE)}",
             "    Local Activity State:", "      mResumed=true mStopped=false mFinished=false", "", "Launcher:"]
    if args[:1] == ["--all"]:
        apps = sorted(phone.host.launchable(), key=lambda a: a.LABEL.lower())
        lines.append(f" All apps list: size={len(apps)}")
        lines += [f"    title=\"{a.LABEL}\" bitmapIcon=android.graphics.Bitmap@{ident(a.PACKAGE)} "
                  f"componentName={a.PACKAGE}" for a in apps]
    return "\n".join(lines) + "\n"
