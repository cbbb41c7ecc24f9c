"""Resolve the app name a model (or a user, or an AndroidWorld trajectory) says into an installed package.

Models say "Messages", "messages app", "SMS Messenger" or "com.android.messaging"; the launcher knows labels
and packages. Resolution goes from exact to fuzzy and refuses to guess between close candidates, so a wrong
app is never opened silently.
"""

from __future__ import annotations

import difflib
import re

from droidpilot.emulator.device import AppInfo, Device
from droidpilot.errors import UsageError

ALIASES: dict[str, str] = {
    # AndroidWorld's app names (its `adb_utils` alias table) -> the virtual phone's launcher labels.
    "simple calendar pro": "calendar",
    "simple calendar": "calendar",
    "simple sms messenger": "messages",
    "sms messenger": "messages",
    "sms": "messages",
    "messaging": "messages",
    "markor": "notes",
    "pro expense": "expenses",
    "broccoli": "recipes",
    "broccoli app": "recipes",
    "tasks.org": "tasks",
    "org.tasks": "tasks",
    "deskclock": "clock",
    "simple gallery pro": "gallery",
    "simple gallery": "gallery",
    "files by google": "files",
    "phone contacts": "contacts",
}
_NOISE = re.compile(r"\b(app|application|the)\b")
ACCEPT_RATIO = 0.8
SIMILAR_RATIO = 0.5


class AppNotFound(UsageError, LookupError):
    """No installed app matches the name, or several match equally well."""

    def __init__(self, name: str, candidates: list[AppInfo], ambiguous: bool = False, similar: bool = True) -> None:
        self.name = name
        self.candidates = candidates
        shown = ", ".join(f"{a.label} ({a.package})" for a in candidates)
        if ambiguous:
            message = f"app name {name!r} is ambiguous: {shown}"
        elif candidates and similar:
            message = f"no app named {name!r}; close matches: {shown}"
        elif candidates:
            message = f"no app named {name!r} is installed; the closest names: {shown}"
        else:
            message = f"no app named {name!r} is installed"
        super().__init__(message)


def normalize(name: str) -> str:
    """Lower case, without 'app' / 'the' and punctuation: "The Messages app" -> "messages"."""
    lowered = _NOISE.sub(" ", name.casefold())
    return " ".join(re.sub(r"[^\w.]+", " ", lowered).split())


def _package_words(package: str) -> str:
    return package.rsplit(".", 1)[-1].casefold()


def _exact(name: str, apps: list[AppInfo]) -> list[AppInfo]:
    wanted = normalize(name)
    wanted = ALIASES.get(wanted, wanted)
    for key in (lambda a: a.package.casefold(), lambda a: normalize(a.label), lambda a: _package_words(a.package)):
        found = [a for a in apps if key(a) == wanted or key(a) == name.casefold()]
        if found:
            return found
    return []


def _partial(name: str, apps: list[AppInfo]) -> list[AppInfo]:
    wanted = normalize(name)
    if len(wanted) < 3:
        return []
    return [a for a in apps if wanted in normalize(a.label) or wanted in a.package.casefold()]


def _close(name: str, apps: list[AppInfo], limit: int = 3) -> list[tuple[float, AppInfo]]:
    wanted = normalize(name)
    scored = []
    for app in apps:
        keys = (normalize(app.label), _package_words(app.package), app.package.casefold())
        score = max(difflib.SequenceMatcher(None, wanted, key).ratio() for key in keys)
        scored.append((score, app))
    scored.sort(key=lambda pair: (-pair[0], pair[1].label))
    return scored[:limit]


def resolve_app(name: str, apps: list[AppInfo]) -> AppInfo:
    """The one app `name` means, by package, label, alias, substring, then spelling similarity."""
    for finder in (_exact, _partial):
        found = finder(name, apps)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AppNotFound(name, found, ambiguous=True)
    close = _close(name, apps)
    if close and close[0][0] >= ACCEPT_RATIO and (len(close) == 1 or close[1][0] < close[0][0]):
        return close[0][1]
    similar = [app for score, app in close if score >= SIMILAR_RATIO]
    raise AppNotFound(name, similar or [app for _score, app in close], similar=bool(similar))


def find_app(device: Device, name: str) -> AppInfo:
    """`resolve_app` over the device's launcher apps."""
    return resolve_app(name, device.installed_apps())
