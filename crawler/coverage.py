"""Coverage denominators.

- Declared activities, read through the Device from `dumpsys package PKG`: every activity the package registers
  an intent filter for (the Activity Resolver Table). This works on any device; activities without a filter are
  not listed by Android, so the denominator is the declared set joined with the activities a crawl reached.
- For the virtual phone's apps, a screen catalogue the device generates from the apps' code: each activity class
  and each dialog, popup menu and picker its code can show, so no list is kept by hand here. The device also
  says which dialog is open (`droidpilot window`), so a dialog counts as a screen of its own.
"""

from __future__ import annotations

import json
import re
import shlex

from pydantic import BaseModel, ValidationError

from droidpilot.emulator.device import Device, DeviceError, Observation

_COMPONENT = re.compile(r"^\s+[0-9a-f]+ (?P<package>[\w.]+)/(?P<cls>[\w.$]+) filter ", re.MULTILINE)


def declared_activities(device: Device, package: str) -> set[str]:
    """Fully qualified activity classes `dumpsys package` lists for the package; empty when it lists none."""
    try:
        output = device.shell(f"dumpsys package {shlex.quote(package)}").output
    except DeviceError:
        return set()
    return {qualify(m["package"], m["cls"]) for m in _COMPONENT.finditer(output) if m["package"] == package}


def qualify(package: str, cls: str) -> str:
    return package + cls if cls.startswith(".") else cls


class ScreenSpec(BaseModel):
    """One catalogued screen: an activity (`window` "") or one dialog / popup menu / picker of it."""

    name: str
    activity: str
    window: str = ""

    def matches(self, observation: Observation, window: str) -> bool:
        same = observation.activity == self.activity or observation.activity.endswith(self.activity)
        return same and window == self.window


class Catalogue(BaseModel):
    package: str
    screens: list[ScreenSpec]
    source: str = "app code"

    def match(self, observation: Observation, window: str = "") -> str | None:
        """The catalogued screen an observation shows, `window` naming the dialog open over its activity."""
        if observation.package != self.package:
            return None
        return next((s.name for s in self.screens if s.matches(observation, window)), None)

    def has_windows(self, activity: str) -> bool:
        """Whether any dialog of this activity is catalogued (else no need to ask which one is open)."""
        return any(s.window and (activity == s.activity or activity.endswith(s.activity)) for s in self.screens)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.screens]

    @property
    def activities(self) -> set[str]:
        return {s.activity for s in self.screens}


def catalogue_for(device: Device, package: str) -> Catalogue | None:
    """The screen catalogue the device generates from the app's code (`droidpilot catalogue PKG`: every activity
    with its dialogs and menus); None where there is none (real devices, apps the virtual phone lacks)."""
    try:
        result = device.shell(f"droidpilot catalogue {shlex.quote(package)}")
    except DeviceError:
        return None
    if not result.ok:
        return None
    try:
        screens = [ScreenSpec.model_validate_json(line) for line in result.output.splitlines() if line.strip()]
    except ValidationError:
        return None
    return Catalogue(package=package, screens=screens) if screens else None


def open_window(device: Device) -> str:
    """The kind of the dialog or menu open over the focused activity ("" if none, or the device cannot say)."""
    try:
        result = device.shell("droidpilot window")
        return str(json.loads(result.output).get("window", "")) if result.ok else ""
    except (DeviceError, ValueError, AttributeError):
        return ""
