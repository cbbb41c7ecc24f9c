"""The virtual phone's ADB server: N virtual phones behind the ADB smart-socket protocol on 127.0.0.1.

    with AdbServer.virtual(devices=2, port=0) as server:   # port 0: a free port
        ...  # adb -P {server.port} devices  /  AdbClient(port=server.port)

The implementation lives in the `emulator.virtual.adb` package (one module per protocol layer).
"""

from droidpilot.emulator.virtual.adb.server import AdbServer, PhoneSlot, ServerInfo, make_phones, serial_for

__all__ = ["AdbServer", "PhoneSlot", "ServerInfo", "make_phones", "serial_for"]
