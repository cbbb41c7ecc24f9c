"""The virtual phone's ADB server, split by protocol layer: framing, host services, local services, sync,
forwards, and the uiautomator2 selector matcher. `emulator.virtual.adb_server` is the public entry point."""

from droidpilot.emulator.virtual.adb.server import AdbServer, PhoneSlot, ServerInfo, make_phones, serial_for

__all__ = ["AdbServer", "PhoneSlot", "ServerInfo", "make_phones", "serial_for"]
