"""`dumpsys [SERVICE [ARGS]]`: window, activity, display, battery, power, input_method, package,
notification, SurfaceFlinger and meminfo. An unknown service prints `Can't find service: X` on stderr and,
as dumpsys does, still exits 0."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import emit, encode
from droidpilot.emulator.virtual.shell.device_util import ident, installed
from droidpilot.emulator.virtual.shell.dumpsys_more import MORE_DUMPERS
from droidpilot.emulator.virtual.shell.input_cmds import DENSITY, DISPLAY_ID
from droidpilot.emulator.virtual.shell.package_cmds import package_dump
from droidpilot.emulator.virtual.shell.wm_dump import activity_dump, window_dump, windows
from droidpilot.emulator.virtual.system import screen
from droidpilot.emulator.virtual.system.hardware import BATTERY_HEALTH, BATTERY_STATUS

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

Dumper = Callable[["VirtualPhone", list[str]], str]
MODE = f"{{id=1, width={screen.WIDTH}, height={screen.HEIGHT}, fps=60.0, alternativeRefreshRates=[]}}"


def rotation(phone: VirtualPhone) -> int:
    """The display rotation (0-3) that `settings put system user_rotation`, the u2 server and the
    emulator console's `rotate` set."""
    return phone.display.rotation


def display_dump(phone: VirtualPhone, args: list[str]) -> str:
    display = phone.display
    w, h, top, bottom = display.width, display.height, display.content_top, display.content_bottom
    pw, ph = screen.WIDTH, screen.HEIGHT
    unique, rot = f"local:{DISPLAY_ID}", display.rotation
    state = "ON" if phone.hardware.screen_on else "OFF"
    viewport = ("DisplayViewport{type=INTERNAL, valid=true, isActive=true, displayId=0, "
                f"uniqueId='{unique}', physicalPort=0, orientation={rot}, logicalFrame=Rect(0, 0 - {w}, {h}), "
                f"physicalFrame=Rect(0, 0 - {w}, {h}), deviceWidth={w}, deviceHeight={h}}}")
    dpi = f"{DENSITY}.0 x {DENSITY}.0 dpi"
    device = (f'DisplayDeviceInfo{{"Built-in Screen": uniqueId="{unique}", {pw} x {ph}, modeId 1, '
              f"renderFrameRate 60.0, defaultModeId 1, supportedModes [{MODE}], density {DENSITY}, {dpi}, "
              "appVsyncOff 1000000, presDeadline 16666666, touch INTERNAL, rotation 0, type INTERNAL, "
              "state ON, committedState ON, FLAG_ALLOWED_TO_BE_DEFAULT_DISPLAY, FLAG_ROTATES_WITH_CONTENT, "
              "FLAG_SECURE, FLAG_SUPPORTS_PROTECTED_BUFFERS, installOrientation 0}")
    info = (f'DisplayInfo{{"Built-in Screen", displayId 0, displayGroupId 0, FLAG_SECURE, '
            f"FLAG_SUPPORTS_PROTECTED_BUFFERS, FLAG_TRUSTED, real {w} x {h}, largest app {max(w, h)} x {bottom}, "
            f"smallest app {min(w, h)} x {min(w, h) - top}, mode 1, defaultMode 1, modes [{MODE}], rotation {rot}, "
            f"density {display.density} ({dpi}), layerStack 0, state {state}}}")
    return "\n".join([
        "DISPLAY MANAGER (dumpsys display)", "  mSafeMode=false", "  mPendingTraversal=false",
        f"  mViewports=[{viewport}]", "  mDefaultDisplayDefaultColorMode=0",
        f"  mStableDisplaySize=Point({pw}, {ph})", "", "Display Adapters: size=1", "  LocalDisplayAdapter", "",
        "Display Devices: size=1", f"  {device}", "    mAdapter=LocalDisplayAdapter",
        f"    mUniqueId={unique}", f"    mCurrentOrientation={rot}", "", "Logical Displays: size=1",
        "  Display 0:", "    mDisplayId=0", "    mLayerStack=0", "    mHasContent=true",
        "    mPrimaryDisplayDevice=Built-in Screen", f"    mBaseDisplayInfo={info}", "",
        "DISPLAY POWER CONTROLLER (dumpsys display)",
        f"  mScreenState={'ON' if phone.hardware.screen_on else 'OFF'}",
        "  mScreenBrightness=0.39763778", "",
    ])


def battery_dump(phone: VirtualPhone, args: list[str]) -> str:
    hw = phone.hardware
    fields = (f"AC powered: {str(hw.ac_powered).lower()}", "USB powered: false", "Wireless powered: false",
              "Dock powered: false", "Max charging current: 0", "Max charging voltage: 0",
              "Charge counter: 10000", f"status: {BATTERY_STATUS[hw.battery_status]}",
              f"health: {BATTERY_HEALTH[hw.battery_health]}", f"present: {str(hw.battery_present).lower()}",
              f"level: {hw.battery_level}", "scale: 100", "voltage: 5000", "temperature: 250",
              "technology: Li-ion")
    return "Current Battery Service state:\n" + "".join(f"  {field}\n" for field in fields)


def location_dump(phone: VirtualPhone, args: list[str]) -> str:
    fix = phone.hardware.location
    if fix is None:
        return "Location Manager State:\n  Last Known Locations:\n"
    return ("Location Manager State:\n  Last Known Locations:\n"
            f"    gps: Location[gps {fix.latitude:.6f},{fix.longitude:.6f} hAcc=5.0 alt={fix.altitude} "
            f"et={fix.time_ms}ms]\n")


def power_dump(phone: VirtualPhone, args: list[str]) -> str:
    timeout = phone.settings.get("system", "screen_off_timeout") or "60000"
    stay_on = phone.settings.get("global", "stay_on_while_plugged_in") or "0"
    brightness = phone.settings.get("system", "screen_brightness_mode") or "0"
    on = phone.hardware.screen_on
    return ("POWER MANAGER (dumpsys power)\n\nPower Manager State:\n  mDirty=0x0\n"
            f"  mWakefulness={'Awake' if on else 'Asleep'}\n"
            "  mWakefulnessChanging=false\n  mIsPowered=true\n  mPlugType=1\n  mBatteryLevel=100\n"
            f"  mStayOn={'true' if stay_on != '0' else 'false'}\n  mProximityPositive=false\n"
            "  mBootCompleted=true\n  mSystemReady=true\n  mHoldingWakeLockSuspendBlocker=false\n"
            f"  mHoldingDisplaySuspendBlocker={str(on).lower()}\n\nSettings and Configuration:\n"
            f"  mScreenOffTimeoutSetting={timeout}\n  mStayOnWhilePluggedInSetting={stay_on}\n"
            f"  mScreenBrightnessModeSetting={brightness}\n\nDisplay Power: state={'ON' if on else 'OFF'}\n")


def input_method_dump(phone: VirtualPhone, args: list[str]) -> str:
    shown = phone.frame().keyboard
    ime = phone.settings.get("secure", "default_input_method") or ""
    _, focus = windows(phone)
    return ("Current Input Method Manager state:\n  Input Methods: mMethodMapUpdateCount=1\n"
            f"    InputMethod #0:\n      mId={ime} mSettingsActivityName="
            "com.android.inputmethod.latin.settings.SettingsActivity\n"
            f"  mCurMethodId={ime}\n  mCurFocusedWindow={focus}\n"
            f"  mImeWindowVis={'0x3' if shown else '0x0'}\n  mInputShown={str(shown).lower()}\n"
            f"  mShowRequested={str(shown).lower()} mShowExplicitlyRequested=false mShowForced=false\n")


def package_service_dump(phone: VirtualPhone, args: list[str]) -> str:
    wanted = [a for a in args if not a.startswith("-")]
    packages = wanted[:1] if wanted else installed(phone)
    return "".join(package_dump(phone, package) for package in packages)


def notification_dump(phone: VirtualPhone, args: list[str]) -> str:
    lines = ["Current Notification Manager state:\n", "  Notification List:\n"]
    for n in phone.host.state.notifications:
        key = f"0|{n.package}|{n.id}|{n.tag or 'null'}|2000"
        lines.append(f"    NotificationRecord({ident('nr', n.id)}: pkg={n.package} user=UserHandle{{0}} "
                     f"id={n.id} tag={n.tag or 'null'} importance=3 key={key}: Notification(channel=default "
                     "vis=PRIVATE))\n"
                     f"      extras={{\n        android.title=String ({n.title})\n"
                     f"        android.text=String ({n.text})\n      }}\n")
    return "".join(lines)


def surface_flinger_dump(phone: VirtualPhone, args: list[str]) -> str:
    ident_line = f'Display {DISPLAY_ID} (HWC display 0): port=0 pnpId=GGL displayName="EMU_display_0"\n'
    if "--display-id" in args:
        return ident_line
    return (f"Display identification data:\n{ident_line}\nDisplay {DISPLAY_ID} (active) HWC layers:\n"
            f"  size={phone.display.width}x{phone.display.height} orientation={phone.display.rotation} "
            f"(ROTATION_{phone.display.rotation * 90}) powerMode=On\n")


def meminfo_dump(phone: VirtualPhone, args: list[str]) -> str:
    uptime = phone.clock.uptime_ms()
    pids = sorted(phone.host.state.pids.items(), key=lambda item: item[1])
    rows = "".join(f"     {40_000 + pid % 997 * 61:,}K: {pkg} (pid {pid} / activities)\n"
                   for pkg, pid in pids)
    return (f"Applications Memory Usage (in Kilobytes):\nUptime: {uptime} Realtime: {uptime}\n\n"
            f"Total PSS by process:\n    298,180K: system_server (pid 560)\n"
            f"    233,424K: com.android.systemui (pid 880)\n{rows}")


DUMPERS: dict[str, Dumper] = {
    "activity": activity_dump, "battery": battery_dump, "location": location_dump, "display": display_dump,
    "input_method": input_method_dump, "meminfo": meminfo_dump, "notification": notification_dump,
    "package": package_service_dump, "power": power_dump, "SurfaceFlinger": surface_flinger_dump,
    "window": window_dump, **MORE_DUMPERS,
}


def dumpsys(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        while args and args[0] in ("-a", "-c", "-h", "--proto", "--pid", "--thread", "--dump-priority"):
            args = args[1:]
        if args and args[0] == "-l":
            emit(inv, "Currently running services:\n" + "".join(f"  {name}\n" for name in sorted(DUMPERS)))
            return 0
        if not args:
            emit(inv, _dump_all(phone))
            return 0
        dumper = DUMPERS.get(args[0])
        if dumper is None:
            inv.err += encode(f"Can't find service: {args[0]}\n")
            return 0
        emit(inv, dumper(phone, args[1:]))
        return 0

    return run


def _dump_all(phone: VirtualPhone) -> str:
    stamp = phone.clock.now().strftime("%Y-%m-%d %H:%M:%S")
    parts = ["Currently running services:\n" + "".join(f"  {name}\n" for name in sorted(DUMPERS))]
    for name in sorted(DUMPERS):
        parts.append("-" * 79 + f"\nDUMP OF SERVICE {name}:\n" + DUMPERS[name](phone, []) +
                     f"--------- 0.001s was the duration of dumpsys {name}, ending at: {stamp}\n")
    return "".join(parts)
