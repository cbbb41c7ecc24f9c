"""Everything that touches a device: the Device protocol, the uiautomator tree, and the virtual phone."""

from droidpilot.emulator.device import (
    AppInfo,
    Bounds,
    Device,
    DeviceError,
    DeviceLost,
    Key,
    LaunchError,
    Observation,
    ShellResult,
    UIElement,
)
from droidpilot.emulator.uri import open_device, parse_device_uri

__all__ = [
    "AppInfo", "Bounds", "Device", "DeviceError", "DeviceLost", "Key", "LaunchError", "Observation", "ShellResult",
    "UIElement", "open_device", "parse_device_uri",
]
