"""The virtual phone's ADB server, split by protocol layer: framing, host services, local services, sync,
forwards, and the uiautomator2 selector matcher. `emulator.virtual.adb_server` is the public entry point.

The exports load on first use: the uiautomator2 server imports this package's selector matcher, and the ADB
server imports the uiautomator2 server, so an eager import here would make the two a cycle."""

from droidpilot._lazy import lazy_exports

_EXPORTS = dict.fromkeys(["AdbServer", "PhoneSlot", "ServerInfo", "make_phones", "serial_for"],
                         "droidpilot.emulator.virtual.adb.server")
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports("droidpilot.emulator.virtual.adb", _EXPORTS, globals())
