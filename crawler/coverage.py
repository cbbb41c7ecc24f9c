"""Coverage denominators.

- Declared activities, read through the Device from `dumpsys package PKG`: every activity the package registers
  an intent filter for (the Activity Resolver Table). This works on any device; activities without a filter are
  not listed by Android, so the denominator is the declared set joined with the activities a crawl reached.
- For the virtual phone's apps, a screen catalogue taken from the apps' code (each declared activity class), so
  no list is kept by hand here. (Dialogs and menus are not catalogued yet: an observation does not say which
  dialog of an activity is open.)
"""

from __future__ import annotations

import re
import shlex

from pydantic import BaseModel

from droidpilot.emulator.device import Device, DeviceError, Observation
from droidpilot.memory.signature import humanize_activity

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
    name: str
    activity: str

    def matches(self, observation: Observation) -> bool:
        return observation.activity == self.activity or observation.activity.endswith(self.activity)


class Catalogue(BaseModel):
    package: str
    screens: list[ScreenSpec]
    source: str = "app code"

    def match(self, observation: Observation) -> str | None:
        if observation.package != self.package:
            return None
        return next((s.name for s in self.screens if s.matches(observation)), None)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.screens]

    @property
    def activities(self) -> set[str]:
        return {s.activity for s in self.screens}


def catalogue_for(package: str) -> Catalogue | None:
    """One screen per activity class a virtual-phone app declares in its code; None for other packages."""
    from droidpilot.emulator.virtual.apps import registry

    app = next((a for a in registry.all_apps() if package == a.PACKAGE), None)
    if app is None:
        return None
    screens = [ScreenSpec(name=humanize_activity(a.NAME) or a.NAME, activity=a.NAME) for a in app.ACTIVITIES]
    return Catalogue(package=package, screens=screens)
