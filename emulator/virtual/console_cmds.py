"""The emulator console's commands on a virtual phone (see console.py for the protocol)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.system.hardware import BATTERY_HEALTH, BATTERY_STATUS, Location

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.adb.server import PhoneSlot

HELP = [
    "Android console commands:", "",
    "    help|h|?         Prints a list of commands",
    "    avd              Control virtual device execution",
    "    sms              SMS related commands",
    "    geo              Geo-location commands",
    "    power            Power related commands",
    "    rotate           Rotate the screen clockwise by 90 degrees",
    "    kill             Terminate the emulator instance",
    "    quit|exit        Quit control session", "",
    "try 'help <command>' for command-specific help",
]
SNAPSHOT_NAME = re.compile(r"[A-Za-z0-9._-]+")
PHONE_NUMBER = re.compile(r"\+?[0-9][0-9 ()-]*")
MESSAGES = "com.android.messaging"


class ConsoleError(Exception):
    """A command failed; the console answers `KO: <message>`."""


class ConsoleCommands:
    def __init__(self, slot: PhoneSlot, avd_name: str) -> None:
        self.slot = slot
        self.avd_name = avd_name

    def run(self, words: list[str], line: str) -> list[str]:
        name, args = words[0].lower(), words[1:]
        if name in ("help", "h", "?"):
            return HELP
        handler = {"avd": self._avd, "sms": self._sms, "geo": self._geo, "power": self._power,
                   "rotate": self._rotate}.get(name)
        if handler is None:
            raise ConsoleError("unknown command, try 'help'")
        with self.slot.lock:
            return handler(args, line)

    # -- avd -------------------------------------------------------------------------------------------
    def _avd(self, args: list[str], line: str) -> list[str]:
        sub = args[0] if args else ""
        if sub == "name":
            return [self.avd_name]
        if sub == "status":
            return ["virtual device is running"]
        if sub == "snapshot":
            return self._snapshot(args[1:])
        raise ConsoleError("missing sub-command, use 'help avd'" if not sub else f"bad sub-command '{sub}'")

    def _snapshot(self, args: list[str]) -> list[str]:
        phone = self.slot.phone
        action = args[0] if args else ""
        if action == "list":
            return self._snapshot_list()
        if action not in ("save", "load", "delete") or len(args) != 2:
            raise ConsoleError("bad snapshot command, use 'help avd snapshot'")
        name = args[1]
        if not SNAPSHOT_NAME.fullmatch(name):
            raise ConsoleError(f"invalid snapshot name '{name}'")
        if action == "save":
            phone.snapshot(name)
        elif name not in phone.snapshots():
            raise ConsoleError(f"snapshot '{name}' does not exist")
        elif action == "load":
            phone.restore(name)
        else:
            phone.delete_snapshot(name)
        return []

    def _snapshot_list(self) -> list[str]:
        phone = self.slot.phone
        rows = ["List of snapshots present on all disks:",
                "ID        TAG                 VM SIZE                DATE       VM CLOCK"]
        for name in phone.snapshots():
            saved = datetime.fromtimestamp(phone.snapshot_time(name), tz=UTC).strftime("%Y-%m-%d %H:%M:%S")
            rows.append(f"--        {name:<20}    0M {saved}   00:00:00.000")
        return rows

    # -- sms, geo, power, rotate ------------------------------------------------------------------------
    def _sms(self, args: list[str], line: str) -> list[str]:
        parts = line.split(None, 3)
        if len(args) < 3 or args[0] != "send" or len(parts) < 4:
            raise ConsoleError("missing argument, try 'help sms send'" if len(args) < 3 else "bad sub-command")
        number, text = parts[2], parts[3]
        if not PHONE_NUMBER.fullmatch(number):
            raise ConsoleError(f"bad phone number '{number}'")
        phone = self.slot.phone
        app = phone.host.apps.get(MESSAGES)
        if app is None or not hasattr(app, "receive_sms"):
            raise ConsoleError("no SMS application on this device")
        app.receive_sms(number, text)
        phone.invalidate()
        return []

    def _geo(self, args: list[str], line: str) -> list[str]:
        if not args or args[0] != "fix" or len(args) < 3:
            raise ConsoleError("missing argument, try 'help geo fix'")
        try:
            longitude, latitude = float(args[1]), float(args[2])
            altitude = float(args[3]) if len(args) > 3 else 0.0
        except ValueError:
            raise ConsoleError("argument is not a number") from None
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            raise ConsoleError("invalid longitude or latitude")
        phone = self.slot.phone
        phone.hardware.location = Location(longitude=longitude, latitude=latitude, altitude=altitude,
                                           time_ms=phone.clock.now_ms())
        return []

    def _power(self, args: list[str], line: str) -> list[str]:
        hw = self.slot.phone.hardware
        sub, value = [*args, "", ""][:2]
        if sub == "display":
            return [f"AC: {'online' if hw.ac_powered else 'offline'}", f"status: {hw.battery_status.title()}",
                    f"health: {hw.battery_health.title()}", f"present: {str(hw.battery_present).lower()}",
                    f"capacity: {hw.battery_level}"]
        if sub == "ac" and value in ("on", "off"):
            hw.ac_powered = value == "on"
        elif sub == "capacity" and value.isdigit() and 0 <= int(value) <= 100:
            hw.battery_level = int(value)
        elif sub == "status" and value in BATTERY_STATUS:
            hw.battery_status = value
        elif sub == "health" and value in BATTERY_HEALTH:
            hw.battery_health = value
        elif sub == "present" and value in ("true", "false"):
            hw.battery_present = value == "true"
        else:
            raise ConsoleError(f"bad power command '{' '.join(args)}', try 'help power'")
        self.slot.phone.invalidate()
        return []

    def _rotate(self, args: list[str], line: str) -> list[str]:
        settings = self.slot.phone.settings
        current = settings.get("system", "user_rotation") or "0"
        rotation = (int(current) + 1) % 4 if current.isdigit() else 1
        settings.put("system", "accelerometer_rotation", "0")
        settings.put("system", "user_rotation", str(rotation))
        return []
